"""Typed-answer matching for the area content: normalising text and finding the best-matching phrase.

Shared by the pathway engine (typed answers such as "yep", "nott sure", "he's 15"), the area picker
("example boro") and the content parser (synonyms are stored normalised). Matching is token-aligned, so
"no" never matches inside "not sure", and a longer matching phrase beats a shorter one ("not sure" beats
"sure"). Typos are forgiven with rapidfuzz: one slip (a wrong, missing, extra or swapped letter) in a phrase
of five or more characters, two from nine.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz.distance import DamerauLevenshtein

_APOSTROPHES = re.compile(r"['’‘`]")
_NON_WORD = re.compile(r"[^a-z0-9]+")


def normalise(text: str) -> str:
    """Lower-case words and digits only: "He's  15!" -> "hes 15"."""
    text = _APOSTROPHES.sub("", text.lower())
    return " ".join(_NON_WORD.sub(" ", text).split())


@dataclass(frozen=True)
class PhraseMatch:
    """The best place a phrase matched: how many words it covered, and how closely (0-100)."""

    key: str
    phrase: str
    covered: int
    score: float


def best_phrase(text: str, phrase: str) -> float:
    """How well `phrase` occurs in `text` as whole words: 100 exact, 95 or 90 with typos, 0 not found."""
    words, target = text.split(), phrase.split()
    if not target or len(target) > len(words):
        return 0.0
    if phrase in (" ".join(words[i : i + len(target)]) for i in range(len(words) - len(target) + 1)):
        return 100.0
    allowed = 0 if len(phrase) < 5 else 1 if len(phrase) < 9 else 2
    best = 0.0
    for size in {len(target), len(target) + 1, max(1, len(target) - 1)}:
        for i in range(len(words) - size + 1):
            distance = DamerauLevenshtein.distance(" ".join(words[i : i + size]), phrase, score_cutoff=allowed)
            if distance <= allowed:
                best = max(best, 100.0 - 5 * distance)
    return best


def match_phrases(text: str, candidates: Iterable[tuple[str, str]]) -> list[PhraseMatch]:
    """Every (key, phrase) candidate found in normalised `text`, best first (most words, then closest)."""
    found = []
    for key, phrase in candidates:
        score = best_phrase(text, phrase)
        if score:
            found.append(PhraseMatch(key, phrase, len(phrase.split()), score))
    found.sort(key=lambda m: (m.covered, m.score, len(m.phrase)), reverse=True)
    return found


def pick(text: str, candidates: Iterable[tuple[str, str]]) -> str | None:
    """The single key whose phrase best matches `text`, or None when nothing or two keys tie."""
    found = match_phrases(text, candidates)
    if not found:
        return None
    top = found[0]
    rivals = {m.key for m in found if (m.covered, m.score) == (top.covered, top.score)}
    return top.key if len(rivals) == 1 else None
