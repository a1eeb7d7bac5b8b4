"""Typo correction: an unknown word becomes the closest word of the content's vocabulary that starts with
the same letter ("chanel pannel" -> channel panel, "secruity clearence" -> security clearance), within one
edit in four letters; a known English word is left alone unless the content has it only through its stem
and it is a misspelling of a content word ("governers" -> governors, see `knowledge.everyday.respell`)."""

from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein

from knowledge.common_words import ENGLISH_WORDS, FILLER_WORDS, is_common, is_off_topic
from knowledge.everyday import respell
from knowledge.text import STOPWORDS, WordMemo, fold, stem

FUZZY_CUTOFF = 0.75
"""Normalised Damerau-Levenshtein similarity: one edit in four letters ("wht" -> "what", "hier" -> "hire")."""


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
        return best[0] if best else None
