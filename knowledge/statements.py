"""What a passage says about a subject in so many words, and questions that ask for just that.

- A definition: "Channel is a voluntary, confidential programme", "Prevent Peers (a network of ...)". A "what is X"
  question is best answered by the passage defining X (`knowledge.glossary.definitional_target` reads the question).
- A list of what a thing does or holds: "A proactive communications strategy will:", "Action plans should:", "These
  recommendations should be fed into:", each followed by its items. "What should our comms strategy do?", "what goes
  in an action plan", "risk assessment contents" ask for that list (`contents_target` reads the question), and a
  passage with a longer text about the same thing ("The development of a Prevent Communications Strategy ... is
  recommended") answers less directly.
`knowledge.search` ranks a passage stating either about the question's subject higher (`Statements.boosts`).
"""

import re
from collections.abc import Sequence

from knowledge.text import analyse, plain, segments

_DEFINITION = re.compile(r"^(?:[-*]\s+)?(?:The\s+)?([A-Z][\w'’ -]{1,60}?)\s+"
                         r"(?:is|are|means|refers to)\s+(?:an?|the|one)\s")
_NAMED = re.compile(r"\b([A-Z][\w'’-]*(?: [A-Z][\w'’-]*){0,3}) \((?:an?|the) [^)]{12,}\)"
                    r"|\b(?:the|an?) [a-z]+ [\"“]([A-Z][^\"”]{2,60})[\"”]")
_LIST_LEAD = re.compile(r"^(?:In [^,\n]+, )?(?:An? |The |These )?([A-Za-z][A-Za-z'’ -]{2,60}?)\s+"
                        r"(?:(?:will|should|must|can|may|typically|would)(?:\s+(?:includes?|contains?|covers?"
                        r"|be fed into|consider|underline that))?|includes|contains|covers):\s*$", re.M)
"""A line leading into a list, naming what the list is of: "A local risk-assessment typically includes:"."""
_CONTENTS_ASKED = (
    re.compile(r"\bwhat (?:should|does|do|must|will|would|could|is|are) (?:a |an |the |our |my |their |your )?(.+?) "
               r"(?:actually |really |typically |usually |normally |generally |supposed to |meant to |need to "
               r"|needs to |have to |has to |be expected to )*(?:do|contain|include|cover|say|involve|achieve"
               r"|look like|have in it|consist of|be fed into|feed into)(?! with)\b"),
    re.compile(r"\bwhat (?:goes|should go|needs to go|has to go|must go|do we put|should we put|do i put"
               r"|should i put) in(?:to)? (?:a |an |the |our |my )?(.+)"),
    re.compile(r"\bwhats in (?:a |an |the |our )?(.+)"),
    re.compile(r"\bcontents of (?:a |an |the |our )?(.+)"),
    re.compile(r"^(.+?) contents\b"),
)
"""Questions asking what something does or holds; the group is the thing."""
SETTING_STEMS = frozenset(("prevent", "council", "local", "partnership"))
"""Words that place a subject rather than name it: "our Prevent comms strategy" is a communications strategy."""
_MOST_WORDS = 5
"""A longer "thing" is a question's clause, not the name of a thing."""
DEFINITION_BOOST = 3.0
"""A "what is X" question prefers a passage with a sentence defining X ("Channel is a voluntary..."), in the
shortlist too: a passage about X at length (a letter inviting staff to become peers) says it less directly."""
LIST_BOOST = 3.0
""""What should X do" prefers a passage listing what X does (as DEFINITION_BOOST, and measured in the twentieth
session on the tuning sets: without it 9 answers about a comms strategy, an action plan and a risk assessment's
contents are lost and one question off the subject is answered; at 2.0 two are lost; 4.0 gains one more; the
held-back sets' totals are the same at each)."""


class Statements:
    """Which passages define what and list what, looked up per question."""

    def __init__(self, defines: Sequence[frozenset[tuple[str, ...]]], lists: Sequence[frozenset[tuple[str, ...]]]):
        self._defining: dict[tuple[str, ...], list[int]] = {}
        for number, phrases in enumerate(defines):
            for phrase in phrases:
                self._defining.setdefault(phrase, []).append(number)
        self._lists = tuple((number, subjects) for number, subjects in enumerate(lists) if subjects)

    def boosts(self, defined: tuple[str, ...], listed: tuple[str, ...]) -> dict[int, float]:
        """Passage number -> how much higher it ranks for defining the term asked about (`defined`, the stems of
        "X" in "what is X"), listing what the thing asked about does or holds (`listed`: `contents_target`), or
        both."""
        boosts = dict.fromkeys(self._defining.get(defined, ()), DEFINITION_BOOST) if defined else {}
        for number, subjects in self._lists if listed else ():
            if any(lists_target(subject, listed) for subject in subjects):
                boosts[number] = boosts.get(number, 1.0) * LIST_BOOST
        return boosts


def definitions(text: str) -> frozenset[tuple[str, ...]]:
    """Stem phrases defined: "Channel is a ...", and anywhere "Prevent Peers (a network...)", the production "X"."""
    found = set()
    for start, end in segments(text):
        said = plain(text[start:end])
        if match := _DEFINITION.match(said):
            found.add(tuple(analyse(match.group(1))))
        found.update(tuple(analyse(bracketed or quoted)) for bracketed, quoted in _NAMED.findall(said))
    return frozenset(f for f in found if f)


def list_subjects(text: str) -> frozenset[tuple[str, ...]]:
    """The stems of what each list in a passage is of ("A proactive communications strategy will:")."""
    found = (_unjoined(tuple(s for s in analyse(match.group(1)) if s not in SETTING_STEMS))
             for match in _LIST_LEAD.finditer(plain(text)))
    return frozenset(subject for subject in found if subject)


def contents_target(corrected: tuple[str, ...]) -> tuple[str, ...]:
    """The stems of the thing a question asks what it does or holds, or () (see `_CONTENTS_ASKED`)."""
    said = " ".join(w for w in corrected if w)
    for asked in _CONTENTS_ASKED:
        if match := asked.search(said):
            target = _unjoined(tuple(s for s in analyse(match.group(1)) if s not in SETTING_STEMS))
            if target:
                return target if len(target) <= _MOST_WORDS else ()
    return ()


def lists_target(subject: tuple[str, ...], target: tuple[str, ...]) -> bool:
    """Whether a list's subject is the thing asked about: its last word (the thing itself: a "strategy") is in the
    question, and at least half the question's words name it (a word or its short form: "comms", "communications")."""
    if subject[-1] not in target:
        return False
    return sum(any(_same(word, mine) for mine in subject) for word in target) * 2 >= len(target)


def _same(one: str, other: str) -> bool:
    """The same stem, or one a clipped form of the other ("comm", "communic"; not "polic", "polici")."""
    short, long = sorted((one, other), key=len)
    return short == long or (len(short) >= 4 and len(long) - len(short) >= 3 and long.startswith(short))


def _unjoined(stems: tuple[str, ...]) -> tuple[str, ...]:
    """Stems without the joined form a hyphenated word adds ("risk-assessment": risk, assess, not riskassess)."""
    return tuple(s for i, s in enumerate(stems) if i < 2 or s != stems[i - 2] + stems[i - 1])
