"""Safety replies: the emergency card (999 first, in any state) and the personal-data reminder.

The bot sends `emergency_replies` whenever `knowledge.emergency.detect_emergency` fires, before anything
else. Its first reply's text starts with the 999 instruction, then the Anti-Terrorist Hotline, then what
to do once everyone is safe; every number comes from knowledge/national.yaml via the wording in
knowledge/emergency.yaml. If a conversation flow was interrupted, a "Carry on where I was" button sends
{"action": "flow", "reprompt": true} so the flow re-sends its current step; otherwise a "Not an emergency:
raise a concern" button starts the referral walk-through (the guard errs towards 999, and a worry that
turns out not to be urgent still needs its route). When the danger is to someone's own life and nothing
points to terrorism (the guard's "self_harm" category), the card says call 999, stay with the person and
tell the DSL, and offers the contacts instead of the Anti-Terrorist Hotline and a Prevent referral.
"""

from bot.cards.common import adaptive_card, open_url, submit, text_block
from bot.reply import Reply
from knowledge.area_model import dial_url
from knowledge.emergency import EmergencyMatch
from knowledge.emergency_card import emergency_wording

PERSONAL_DATA_REMINDER = (
    "Please don't put names or identifying details in Teams: no names, ages with names, dates of birth, "
    "addresses, phone numbers, emails, social media handles, initials with a class, vehicle registrations, "
    "case numbers, or NHS or National Insurance numbers. Ask your question in general terms, and share the "
    "details only through the secure referral route your DSL or Prevent lead uses."
)


def emergency_replies(match: EmergencyMatch | None, resume_available: bool) -> list[Reply]:
    """The emergency guidance: call 999 now, then the Anti-Terrorist Hotline, then tell your lead."""
    wording = emergency_wording()
    if match is not None and match.category == "self_harm":
        return _own_life_replies(resume_available)
    body = [
        text_block(wording.title, weight="Bolder", size="Medium", color="Attention"),
        text_block(wording.first_line, weight="Bolder"),
        *(text_block(line) for line in wording.lines),
    ]
    actions = [
        open_url(wording.call_emergency, dial_url(wording.emergency_phone)),
        open_url(wording.call_hotline, dial_url(wording.hotline_phone)),
        open_url(wording.report_online, wording.online_url),
    ]
    if resume_available:
        actions.append(submit(wording.resume, {"action": "flow", "reprompt": True}))
    else:  # a worry that is not an emergency after all goes on to the referral walk-through, not a dead end
        actions.append(submit(wording.not_emergency, {"action": "command", "command": "referral"}))
    card = adaptive_card(body, actions, fallback=wording.first_line)
    text = "\n\n".join((wording.first_line, *wording.lines))
    return [Reply(text=text, cards=(card,), summary=wording.first_line)]


def personal_data_reminder() -> Reply:
    """A short reminder not to put names or identifying details in Teams."""
    return Reply(text=PERSONAL_DATA_REMINDER, summary="Please don't put identifying details in Teams")


def _own_life_replies(resume_available: bool) -> list[Reply]:
    """A risk to someone's own life with no sign of extremism: call 999 now, stay with them, tell the DSL;
    the contacts rather than the Anti-Terrorist Hotline or a Prevent referral."""
    wording = emergency_wording()
    body = [
        text_block(wording.self_harm_title, weight="Bolder", size="Medium", color="Attention"),
        text_block(wording.self_harm_first_line, weight="Bolder"),
        *(text_block(line) for line in wording.self_harm_lines),
    ]
    actions = [open_url(wording.call_emergency, dial_url(wording.emergency_phone)),
               submit(wording.self_harm_contacts, {"action": "command", "command": "contacts"})]
    if resume_available:
        actions.append(submit(wording.resume, {"action": "flow", "reprompt": True}))
    card = adaptive_card(body, actions, fallback=wording.self_harm_first_line)
    text = "\n\n".join((wording.self_harm_first_line, *wording.self_harm_lines))
    return [Reply(text=text, cards=(card,), summary=wording.self_harm_first_line)]
