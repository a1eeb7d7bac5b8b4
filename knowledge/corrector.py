"""Typo correction: an unknown word becomes the closest word of the content's vocabulary that starts with
the same letter ("chanel pannel" -> channel panel, "secruity clearence" -> security clearance), within one
edit in four letters; a known English word is left alone unless the content has it only through its stem
and it is a misspelling of a content word ("governers" -> governors, see `knowledge.everyday.respell`)."""

from functools import lru_cache

from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein

from knowledge.common_words import COMMON_WORDS, ENGLISH_WORDS, FILLER_WORDS, is_common, is_off_topic
from knowledge.everyday import respell
from knowledge.text import STOPWORDS, WordMemo, fold, stem

FUZZY_CUTOFF = 0.75
"""Normalised Damerau-Levenshtein similarity: one edit in four letters ("wht" -> "what", "hier" -> "hire")."""


EVERYDAY_TYPO_LETTERS = 5
EVERYDAY_CUTOFF = 0.8
"""An unknown word no content word is close to may be a misspelt word of framing ("exactley", "honnestly",
"basicaly"): within one edit in five letters of chat filler or an everyday adverb, it is read as that word,
which weighs as everyday English rather than as an unknown word (a rarer word or a name the documents never
use, which stops a confident answer). Only a letter dropped, doubled or swapped counts: a real word the lists lack
is as often one changed letter from an adverb ("lonely", "lovely"). Other everyday words are not corrected to:
a real word ("powder", "breach") is as likely as a typo to be one edit from one of them ("power", "beach")."""


@lru_cache(maxsize=1)
def _everyday_by_letter() -> dict[str, list[str]]:
    by_letter: dict[str, list[str]] = {}
    adverbs = {word for word in COMMON_WORDS | ENGLISH_WORDS if word.endswith("ly")}
    for word in sorted(adverbs | FILLER_WORDS, key=lambda w: (len(w), w)):
        if len(word) >= EVERYDAY_TYPO_LETTERS - 1 and word.isalpha():
            by_letter.setdefault(word[0], []).append(word)
    return by_letter


class Corrector:
    """Fuzzy correction of unknown words against the index vocabulary, first letter kept."""

    def __init__(self, vocabulary: dict[str, str], stems: set[str] | frozenset[str] = frozenset()):
        self._vocabulary = vocabulary
        self._stems = stems
        self._by_letter: dict[str, list[str]] = {}
        for word in sorted(vocabulary, key=lambda w: (w in STOPWORDS, len(w), w)):
            self._by_letter.setdefault(word[0], []).append(word)
        self.correct = WordMemo(self._correct).__getitem__  # known words only: see WordMemo
        self.known = WordMemo(self._known).__getitem__

    def in_content(self, word: str) -> bool:
        return word in self._vocabulary or fold(word) in self._vocabulary or stem(word) in self._stems

    def _known(self, word: str) -> bool:
        return (self.in_content(word) or is_common(word) or word in FILLER_WORDS or word in ENGLISH_WORDS
                or is_off_topic(word))

    def _correct(self, word: str) -> str | None:
        if len(word) < 3 or word.isdigit():
            return None
        if self.known(word):  # perhaps known only by its stem ("governers")
            return respell(word, self._by_letter.get(word[0], []), self._vocabulary)
        best = process.extractOne(word, self._by_letter.get(word[0], []),
                                  scorer=DamerauLevenshtein.normalized_similarity, score_cutoff=FUZZY_CUTOFF)
        if best is None and len(word) >= EVERYDAY_TYPO_LETTERS:
            best = process.extractOne(word, _everyday_by_letter().get(word[0], []),
                                      scorer=DamerauLevenshtein.normalized_similarity, score_cutoff=EVERYDAY_CUTOFF)
            if best and len(best[0]) == len(word) and sorted(best[0]) != sorted(word):
                best = None  # a letter changed, not one dropped, doubled or swapped: "lonely" is no "lovely"
        return best[0] if best else None
