"""Multi-turn conversations (referral pathway, self-assessment): plain-Python flows and thin SDK wrappers."""
