"""How a message naming no danger word tells of a life in danger: as over, as handled, or as a figure of speech.

The emergency guard (`knowledge.emergency`) asks its learned model about a message that names no danger concept
only when the message does not tell the danger as over or not real. These are the phrasings that do, from the
reviews of that path (reviews 32 and 33 in tests/knowledge/emergency_reviews.yaml).
"""

import re

SETTLED = re.compile(
    r"\b(?:settled|calmed down|calm now|fine now|ok now|okay now|all fine|all ok|all okay|all good|sorted now"
    r"|found each other|been found|playing again|come round|came round|sitting up|gone home|went home"
    r"|(?:got|talked|brought|coaxed) (?:him|her|them) (?:down|back in|inside)|(?:been|was|were|got) sent (?:out|home)"
    r"|(?:is|are|now) with (?:the |a |his |her |their |our )?(?:school )?(?:nurse|first aiders?|paramedics"
    r"|ambulance crew|police|crisis team|counsellor|doctor|gp|social worker|dsl|head of year|pastoral (?:lead|team)"
    r"|camhs)|in custody|been discharged|been admitted|(?:is|are) (?:now )?resting)\b")
"""Told as over, in a message naming no danger at all ("he kicked off over his dinner, he's settled now"): the
learned model is not asked. (Beside a danger word these are not enough: "the teacher is fine now but...".) Also
told as handled: someone brought down or sent out or home, with a nurse, the police, a crisis team (review 32:
"site team got him down and he's in the office" was 0.985 sure)."""

OVER_AFTER = re.compile(
    r"\b(?:came round|come round|sitting up|(?:he|she|they) (?:is|are) (?:ok|okay|fine|alright|safe)|fine now|ok now"
    r"|okay now|all fine|all ok|all okay|back in class|back to normal|gone home|went home|been discharged"
    r"|been admitted)\b")
"""Told as over after the peril word ("pulled under by a wave, teacher got him out straight away and he's ok"):
quiet however sure the model is, unless a peril word follows ("came round but now not responding again"). (Before
it, it may be someone else or earlier: "he was fine at lunch but now he's passed out".)"""
TURN_AFTER = re.compile(r"\b(?:but|however|although|though|another|again|still|brother|sister|baby|other)\b")
"""...nor when the message turns after it to someone else or to something more: "the child that was choking is ok
now but her little brother has swallowed a button battery and has gone floppy"."""

_CHORES = (r"(?:caseloads?|workload|work|paperwork|emails?|marking|admin|debts?|stress|referrals|meetings|deadlines?"
           r"|bills|reports)")
_ANSWERED = (r"(?:messages?|emails?|e mails?|texts?|letters?|requests?|referrals?|invites?|reminders|chasers?"
             r"|interventions?|offers? of support|plan|cream|medication)")
_BODY_AFTER = r"(?!.*\b(?:floor|collapsed|slumped|lying|breathing|blue|cold|pale|grey|unconscious|ground|moving)\b)"
_DEVICES = (r"(?:keypad|laptop|computer|pc|printer|server|wifi|network|teams|outlook|app|website|portal|smartboard"
            r"|projector|tablet|ipad|mouse|keyboard|intercom|buzzer|fob|card reader|screen)s?")
PERIL_FIGURE = re.compile(
    r"\bblue in the face (?:arguing|shouting|telling|explaining|asking|saying|repeating|complaining|talking|moaning"
    r"|ringing|chasing|emailing|calling)\b|\b(?:till|until|til) (?:\w+ ){0,3}blue in the face\b"
    r"|\b(?:pulled under|going under|drowning|swept along) (?:by|with|in|under) (?:my |our |the |this |all the "
    rf"|all this |his |her |their )?(?:\w+ )?{_CHORES}\b"
    r"|\b(?:deadlines?|work|workload|caseload|ofsted|inspection|budget|debts?|stress|anxiety|job|paperwork|marking"
    r"|admin|this week|this term) (?:\w+ ){0,2}(?:me|us) by the throat\b"
    r"|\b(?:not responding|will not respond) to (?:any |all )?(?:of )?(?:my |our |the |his |her |their |your )?"
    rf"(?:\w+ )?{_ANSWERED}\b{_BODY_AFTER}"
    rf"|\b{_DEVICES} (?:(?:is|are|has|keeps|still|just|completely|totally) ){{0,2}}"
    r"(?:not responding|will not respond)\b")
"""A peril word in a figure of speech ("blue in the face arguing with the ref", "pulled under by my caseload",
"the deadline has got me by the throat"), or an everyday one: a parent not responding to emails, a pupil to a
behaviour plan (unless a body follows: "...his neighbour says he's on the floor"), a laptop not responding: not a
life in danger (review 33)."""
