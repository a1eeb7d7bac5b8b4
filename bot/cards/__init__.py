"""Adaptive Card builders: pure functions that return card dicts (Adaptive Card 1.5) and Replies."""
