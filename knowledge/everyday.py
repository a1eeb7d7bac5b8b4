"""Everyday English that single-word lists cannot hold: office-logistics phrases and stem-only misspellings.

- OFF_TOPIC_PHRASES: office logistics made of everyday words ("meeting room", "annual leave"). A question
  using one, in a phrase the content never uses, with nothing but everyday words besides, is off topic:
  "how do I book a meeting room" is about the office, not about venue hire ("a meeting room for a
  community event" still is).
- `respell`: a word the content has only through its stem ("governers" stems like "government") and that
  is not itself an English word (or the plural of one) is respelt as a close content word with another
  stem ("governors"), provided that is not an everyday word itself ("locking" never becomes "looking").
"""

from functools import lru_cache
from itertools import pairwise

from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein

from knowledge.common_words import COMMON_WORDS, ENGLISH_WORDS, FILLER_WORDS, is_off_topic
from knowledge.text import fold, stem

OFF_TOPIC_PHRASES = (
    "meeting room", "conference room", "desk booking", "hot desk", "hot desking", "annual leave", "fire drill",
    "fire alarm", "office move", "service desk", "staff kitchen", "car park",
)
STEM_ONLY_CUTOFF = 0.85
"""Normalised Damerau-Levenshtein similarity for respelling a word known only by its stem (one edit in 7)."""


@lru_cache(maxsize=1)
def off_topic_pairs() -> frozenset[tuple[str, str]]:
    """OFF_TOPIC_PHRASES as adjacent stem pairs."""
    return frozenset((stem(a), stem(b)) for a, b in (p.split() for p in OFF_TOPIC_PHRASES))


def is_logistics(stems: list[str] | tuple[str, ...], content_pairs: frozenset[tuple[str, str]],
                 all_everyday: bool) -> bool:
    """Whether a question of only everyday words names office logistics the content never mentions."""
    return all_everyday and any(p in off_topic_pairs() and p not in content_pairs for p in pairwise(stems))


def respell(word: str, choices: list[str], vocabulary: dict[str, str]) -> str | None:
    """The content word that a known word, known only by its stem, is a misspelling of, or None."""
    if _english(word, vocabulary) or (word.endswith("s") and _english(word[:-1], vocabulary)):
        return None  # an English word, or the plural of one ("persons" is not a misspelling of "parsons")
    found = process.extract(word, choices, scorer=DamerauLevenshtein.normalized_similarity,
                            score_cutoff=STEM_ONLY_CUTOFF, limit=3)
    return next((f[0] for f in found if stem(f[0]) != stem(word) and f[0] not in COMMON_WORDS), None)


def _english(word: str, vocabulary: dict[str, str]) -> bool:
    return word in vocabulary or fold(word) in vocabulary or word in COMMON_WORDS or word in FILLER_WORDS \
        or word in ENGLISH_WORDS or is_off_topic(word)


__all__ = ["OFF_TOPIC_PHRASES", "is_logistics", "off_topic_pairs", "respell"]
