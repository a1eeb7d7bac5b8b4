"""Is this guidance still current? Recognise the question and answer it from the documents' front matter.

The documents the bot quotes date from 2016 to 2018; a source that has been replaced names what replaced it
in its front matter (`current_guidance`: title, url and a line about each). Staff ask about this in many
ways ("is the 2018 toolkit still current?", "has the toolkit been replaced?", "what's the latest Prevent
guidance?"), and the passages never say, so such a question gets the list of current guidance instead of
the passage that happens to share its words. Questions about something else that is current ("the
current threat level", "our current referral process") or about what changed ("what changed in the 2023
guidance?") are left to the search: the documents do not hold those answers.
"""

import re
from dataclasses import dataclass

from knowledge.model import Document

_DOCUMENT = (r"(?:(?:prevent |channel )?(?:duty )?(?:toolkit|guidance|guide|documents?|documentation|advice|info"
             r"|information|material|sources?)(?: from 20\d\d)?)")
_STATE = (r"(?:current|the current (?:one|version)|up[- ]to[- ]date|in date|out[- ]of[- ]date|outdated|obsolete|valid"
          r"|in force|in use|still used|applicable|relevant|the latest(?: (?:one|version|guidance))?"
          r"|the newest(?: (?:one|version))?|the most recent(?: (?:one|version))?|superseded|replaced|withdrawn)")
_ABOUT = r"(?! (?:on|about|for|regarding|around|re|to|with|say|says|said|of the (?!toolkit|guidance))\b)"
"""Not followed by what the guidance is about: "the current guidance on venue hire" asks about venue hire."""
_QUESTIONS = re.compile(
    r"\b(?:is|are|was|were)(?: the| your| ur| this| these| that)?(?: (?:20\d\d|local authority|la|home office"
    r"|prevent|channel))*(?: " + _DOCUMENT + r")+(?: you (?:use|have|quote))?(?: (?:still|now|actually|really))*(?: "
    + _STATE + r")\b" + _ABOUT +
    r"|\b(?:is|are) (?:it|this|that|these|they) still (?:current|up[- ]to[- ]date|in force|in use|the latest"
    r"|the current (?:one|version)|relevant|applicable)\b" + _ABOUT +
    r"|\b(?:is|are) (?:it|this|that|these|they)(?: still)? (?:out[- ]of[- ]date|outdated|obsolete|superseded)\b"
    + _ABOUT +
    r"|\b(?:does|do) (?:the |this |these |that )?(?:20\d\d )?(?:prevent )?(?:toolkit|guidance|documents?|advice)"
    r" still apply\b"
    r"|\b(?:has|have) (?:the |this |that |these )?(?:(?:20\d\d|prevent|channel) )*" + _DOCUMENT
    + r" (?:been )?(?:updated|replaced|superseded|revised|withdrawn|changed since)\b"
    r"|\b(?:what|which|whats)(?:'s| is| are)? (?:the )?(?:latest|current|newest|most recent|most up[- ]to[- ]date"
    r"|up[- ]to[- ]date|new)(?: version(?: of)?)?(?: the)?(?: prevent| channel)?(?: duty)?(?: local authority)?"
    r" (?:toolkit|guidance|guide)\b" + _ABOUT +
    r"|\b(?:where|how) (?:can|do|would|should) (?:i|we) (?:find|get|see) the (?:latest|current|newest|most recent"
    r"|up[- ]to[- ]date)(?: version of the)?(?: prevent| channel)?(?: duty)? (?:toolkit|guidance|guide)\b" + _ABOUT +
    r"|\bis there (?:a |an )?(?:newer|more recent|updated|new|later|current)(?: prevent| channel)?(?: duty)?"
    r" (?:version|toolkit|guidance|edition)\b" + _ABOUT +
    r"|\bhow (?:old|up[- ]to[- ]date|current|recent) (?:is|are) (?:the |this |that |these |your )?"
    + _DOCUMENT + r"\b"
    r"|\bwhen was (?:the|this) (?:20\d\d )?(?:toolkit|guidance|document) (?:last )?(?:updated|revised)\b"
    r"|\b(?:are|is) (?:you|the bot|this bot|signpost) (?:using|quoting|based on|up to date with) (?:the )?"
    r"(?:latest|current|newest|most recent|up[- ]to[- ]date|new|old|2018) (?:guidance|toolkit|version|documents?)\b"
    r"|\bwhat version of the (?:prevent )?(?:guidance|toolkit) (?:are you|is the bot|do you)\b"
    r"|\bwhich (?:guidance|toolkit|version) (?:is current|is in force|should (?:i|we) (?:use|follow)|applies now)\b"
    + _ABOUT)
_CHANGES = re.compile(r"\bwhat(?:'s| has| have| is)? (?:changed|new|different)\b|\bdifferences?\b")


@dataclass(frozen=True)
class CurrentGuidance:
    """A document in force today, as a replaced source's front matter names it."""

    title: str
    url: str
    about: str = ""


def is_currency_question(text: str) -> bool:
    """Whether a message asks if the guidance the bot quotes is current, or what the current guidance is."""
    said = " ".join(text.lower().replace("\u2019", "'").split())
    return _QUESTIONS.search(said) is not None and _CHANGES.search(said) is None


def current_guidance(documents: tuple[Document, ...]) -> tuple[CurrentGuidance, ...]:
    """Every current document the sources name (each once, in the order first named)."""
    found: dict[str, CurrentGuidance] = {}
    for document in documents:
        for item in document.meta.get("current_guidance") or ():
            about = " ".join(str(item.get("about") or "").split())
            guidance = CurrentGuidance(str(item["title"]), str(item["url"]), about)
            found.setdefault(guidance.url, guidance)
    return tuple(found.values())

