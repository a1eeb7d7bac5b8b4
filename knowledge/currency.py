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
             r"|information|material|version|stuff)|(?:this|that|it|these|they))")
_STATE = (r"(?:current|the current (?:one|version)|up[- ]to[- ]date|in date|out[- ]of[- ]date|outdated|valid"
          r"|in force|the latest(?: (?:one|version|guidance))?|the newest(?: (?:one|version))?"
          r"|the most recent(?: (?:one|version))?|superseded|replaced|withdrawn)")
_QUESTIONS = re.compile(
    r"\b(?:is|are|was|were)(?: the)?(?: (?:20\d\d|local authority|la|home office|prevent|channel))*(?: "
    + _DOCUMENT + r")+(?: you (?:use|have|quote))?(?: (?:still|now|actually|really))*(?: "
    + _STATE + r")\b"
    r"|\b(?:has|have) (?:the |this |that |these |they |it )?(?:(?:20\d\d|prevent|channel) )*(?:"
    + _DOCUMENT + r" )?(?:been )?(?:updated|replaced|superseded|revised|withdrawn|changed since)\b"
    r"|\b(?:what|which|where|whats)(?:'s| is| are)? (?:the )?(?:latest|current|newest|most recent|up[- ]to[- ]date|new)"
    r"(?: version(?: of)?)?(?: the)?(?: prevent| channel)?(?: duty)?(?: local authority)? (?:toolkit|guidance|guide)\b"
    r"|\bis there (?:a |an )?(?:newer|more recent|updated|new|later|current) (?:version|toolkit|guidance|edition)\b"
    r"|\bhow (?:old|up[- ]to[- ]date|current|recent) (?:is|are) (?:the |this |that |these |your )?"
    + _DOCUMENT + r"\b"
    r"|\b(?:are|is) (?:you|the bot|this bot|signpost) (?:using|quoting|based on|up to date with) (?:the )?"
    r"(?:latest|current|newest|most recent|up[- ]to[- ]date|new|old|2018) (?:guidance|toolkit|version|documents?)\b"
    r"|\bwhich (?:guidance|toolkit|version) (?:is current|is in force|should (?:i|we) (?:use|follow)|applies now)\b")
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
            about = " ".join(str(item.get("about", "")).split())
            guidance = CurrentGuidance(str(item["title"]), str(item["url"]), about)
            found.setdefault(guidance.url, guidance)
    return tuple(found.values())


def replaced_documents(documents: tuple[Document, ...]) -> tuple[Document, ...]:
    """The sources whose front matter names the guidance that replaced them."""
    return tuple(d for d in documents if d.meta.get("current_guidance"))
