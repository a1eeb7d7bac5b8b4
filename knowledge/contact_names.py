"""Which national contact a short message asks for by name: "what's the number for the anti-terrorist hotline?".

The guidance documents never give the Anti-Terrorist Hotline's number, the ACT Early Support Line's or 101's:
knowledge/national.yaml does, with the `names` staff use for each. A message that names one of them and says
nothing else but how it asks for a way to reach it ("number", "how do I contact", "is it open now"), or names it
alone, gets that contact; a longer question about it ("when should I use the hotline rather than a referral?") is a
question for the guidance.
"""

import re
from collections.abc import Iterable
from functools import cache

from knowledge.area_model import Contact
from knowledge.areas import load_national

ASKING_WORDS = frozenset(str.split("""
    what whats what's is are the a an for of to number numbers no phone telephone tel mobile call ring dial contact
    contacts details how do does i we you can could get hold reach use find give me tell please pls thanks it its
    it's open now today hours when time times line website web site link address email form online report reporting
    where uk national and or there which hi hello again quick question s something suspicious activity concern
    concerns worry about anonymously confidentially free 24 7
"""))
"""Words that only say how a contact is asked for: with a contact's name and none but these, a message asks for
it..."""
REACHING_WORDS = frozenset(str.split("""
    number numbers no phone telephone tel mobile call ring dial contact contacts details reach hold open hours website
    link address email form report reporting
"""))
"""...if one of them asks how to reach it, or the message is the name alone: "what is ACT Early" asks what it is
(the glossary says), "ACT Early number" how to reach it."""
MOST_WORDS = 14
_WORD = re.compile(r"[a-z0-9]+(?:[./'][a-z0-9]+)*")


class ContactNames:
    """Contacts' names as words, filed under their first word: a message is looked up word by word."""

    def __init__(self, contacts: Iterable[Contact]):
        self._by_first_word: dict[str, list[tuple[list[str], Contact]]] = {}
        for contact in contacts:
            for name in contact.names:
                named = _words(name)
                self._by_first_word.setdefault(named[0], []).append((named, contact))

    def asked(self, text: str) -> Contact | None:
        """The contact a short message asks for by one of its names, when its other words only ask; else None."""
        words = _words(text)
        if not words or len(words) > MOST_WORDS:
            return None
        best: tuple[int, Contact] | None = None
        for at, word in enumerate(words):
            for named, contact in self._by_first_word.get(word, ()):
                if words[at:at + len(named)] != named or (best is not None and len(named) <= best[0]):
                    continue
                rest = words[:at] + words[at + len(named):]
                if all(w in ASKING_WORDS for w in rest) and (not rest or any(w in REACHING_WORDS for w in rest)):
                    best = (len(named), contact)
        return best[1] if best else None


@cache
def national_names() -> ContactNames:
    """The national contacts' names (knowledge/national.yaml), read once."""
    return ContactNames(load_national().contacts)


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower().replace("-", " ").replace("’", "'"))
