"""Turn what staff type into weighted concepts: typo correction, glossary phrases and synonyms.

A concept is one thing the question asks about: a word ("filtering") or a glossary phrase ("front
door", "CTLP"). It carries the stem phrases that count as mentioning it (the glossary entry's term,
expansion and synonyms) and a weight (its rarity in the content; words the content never uses weigh
the most, so an off-topic word like "canteen" pulls confidence down). Misspellings are corrected
against the content's vocabulary with rapidfuzz, keeping the first letter ("chanel pannel" ->
channel panel, "wht" -> what).
"""

from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein

from knowledge.common_words import COMMON_WORDS
from knowledge.glossary import Glossary
from knowledge.index import Index
from knowledge.model import GlossaryEntry
from knowledge.text import STOPWORDS, fold, phrase_stems, phrase_words, plain, stem

FUZZY_CUTOFF = 0.75
"""Normalised Damerau-Levenshtein similarity: one edit in four letters ("wht" -> "what", "hier" -> "hire")."""
FUZZY_CREDIT = 0.8
SYNONYM_WEIGHT = 0.35
COMMON_CAP = 1.2
"""An everyday word weighs at most this much in confidence, however rare it is in the content."""
COMMON_RANK = 0.5
"""...and counts half in ranking ("who writes the CTLP" is about the CTLP, not about writing)."""
PHRASE_FLOOR = 0.6
"""A glossary phrase ("counter terrorism local profile") weighs at least this share of the rarest word."""


@dataclass(frozen=True)
class Concept:
    """One thing asked about: its own stems, the stem phrases that also count, a weight."""

    own: tuple[str, ...]
    alternatives: tuple[tuple[str, ...], ...]
    weight: float
    fuzzy: bool = False
    known: bool = True
    entries: tuple[GlossaryEntry, ...] = ()


@dataclass(frozen=True)
class Query:
    """The analysed query: corrected words, concepts and the ranking weights of stems."""

    text: str
    corrected: tuple[str, ...]
    concepts: tuple[Concept, ...]
    weights: dict[str, float]
    stems: tuple[str, ...] = ()


class Corrector:
    """Fuzzy correction of unknown words against the index vocabulary, first letter kept."""

    def __init__(self, vocabulary: dict[str, str], stems: set[str] | frozenset[str] = frozenset()):
        self._vocabulary = vocabulary
        self._stems = stems
        self._by_letter: dict[str, list[str]] = {}
        for word in sorted(vocabulary, key=lambda w: (w in STOPWORDS, len(w), w)):
            self._by_letter.setdefault(word[0], []).append(word)
        self.correct = lru_cache(maxsize=4096)(self._correct)

    def known(self, word: str) -> bool:
        return (word in self._vocabulary or fold(word) in self._vocabulary or stem(word) in self._stems
                or is_common(word))

    def _correct(self, word: str) -> str | None:
        if len(word) < 3 or word.isdigit() or self.known(word):
            return None
        choices = self._by_letter.get(word[0], [])
        if len(word) > 3:  # only very short words are taken for misspelt function words ("wht")
            choices = [c for c in choices if c not in STOPWORDS]
        best = process.extractOne(word, choices, scorer=DamerauLevenshtein.normalized_similarity,
                                  score_cutoff=FUZZY_CUTOFF)
        return best[0] if best else None


@lru_cache(maxsize=1)
def _common_stems() -> frozenset[str]:
    return frozenset(stem(w) for w in COMMON_WORDS)


def is_common(word: str) -> bool:
    """True for an everyday English word (or an inflection of one)."""
    return word in COMMON_WORDS or stem(word) in _common_stems()


def analyse_query(text: str, index: Index, glossary: Glossary, corrector: Corrector) -> Query:
    """Concepts and ranking weights for a query."""
    tokens: list[str] = []
    fuzzy: set[int] = set()
    unknown: set[int] = set()
    for word in phrase_words(plain(text)):
        fixed = corrector.correct(word)
        if fixed:
            fuzzy.add(len(tokens))
            word = fixed
        elif not corrector.known(word) and not word.isdigit():
            unknown.add(len(tokens))
        tokens.append(word)
    content = [(i, stem(w)) for i, w in enumerate(tokens) if w not in STOPWORDS]
    stems = [s for _, s in content]
    concepts: list[Concept] = []
    covered: set[int] = set()
    for start, end, entries in glossary.find(stems):
        own = tuple(stems[start:end])
        alternatives = [own] + [form for e in entries for form in glossary.forms(e)]
        positions = [content[k][0] for k in range(start, end)]
        weight = max(_weight(own, index), PHRASE_FLOOR * index.max_idf)
        concepts.append(Concept(own, tuple(dict.fromkeys(alternatives)), weight,
                                fuzzy=any(p in fuzzy for p in positions), entries=tuple(entries)))
        covered.update(range(start, end))
    for k, (position, word_stem) in enumerate(content):
        if k in covered or not word_stem:
            continue
        known = word_stem in index.idf
        weight = _weight((word_stem,), index)
        if is_common(tokens[position]):
            weight = min(weight, COMMON_CAP)
        concepts.append(Concept((word_stem,), ((word_stem,),), weight,
                                fuzzy=position in fuzzy, known=known and position not in unknown))
    weights: dict[str, float] = {}
    for concept in concepts:
        own_weight = FUZZY_CREDIT if concept.fuzzy else 1.0
        if len(concept.own) == 1 and not concept.entries and concept.own[0] in _common_stems():
            own_weight *= COMMON_RANK
        for alternative in concept.alternatives[1:]:
            for s in alternative:
                weights[s] = max(weights.get(s, 0.0), SYNONYM_WEIGHT / len(alternative) ** 0.5)
        for s in concept.own:
            weights[s] = max(weights.get(s, 0.0), own_weight)
    return Query(text, tuple(tokens), _merge(concepts), weights, tuple(stems))


def _merge(concepts: list[Concept]) -> tuple[Concept, ...]:
    """One concept per distinct set of own stems (a repeated word counts once)."""
    seen: dict[tuple[str, ...], Concept] = {}
    for concept in concepts:
        seen.setdefault(concept.own, concept)
    return tuple(seen.values())


def _weight(own: tuple[str, ...], index: Index) -> float:
    """A concept's weight: the idf of its stems (unknown stems weigh as the rarest word)."""
    values = sorted((index.idf.get(s, index.max_idf) for s in own), reverse=True)
    return min(1.6 * index.max_idf, values[0] + 0.3 * sum(values[1:]))


def definitional_target(corrected: tuple[str, ...]) -> tuple[str, str] | None:
    """(mode, term) when the query asks what a term is or means; mode is "mean", "what" or "bare"."""
    words = [w for w in corrected if w]
    if not words:
        return None
    text = " ".join(words)
    for lead in ("what does", "what do", "whats", "what is", "what are", "what s", "what", "define",
                 "definition of", "meaning of", "explain", "who are", "who is"):
        if text.startswith(lead + " "):
            rest = text[len(lead) + 1:].split()
            break
    else:
        return ("bare", text) if len(words) <= 4 else None
    mode = "what"
    if lead in ("define", "definition of", "meaning of"):
        mode = "mean"
    for tail in (("stand", "for"), ("stands", "for"), ("mean",), ("means",), ("short", "for"), ("refer", "to")):
        if tuple(rest[-len(tail):]) == tail:
            rest, mode = rest[: -len(tail)], "mean"
            break
    while rest and rest[0] in ("a", "an", "the", "by", "meant"):
        rest = rest[1:]
    if rest and rest[-1] in ("acronym", "abbreviation"):
        rest, mode = rest[:-1], "mean"
    return (mode, " ".join(rest)) if rest and len(rest) <= 5 else None


def phrase_in(alternative: tuple[str, ...], terms: frozenset[str]) -> bool:
    """True when every stem of a phrase occurs in a passage's term set."""
    return all(s in terms for s in alternative)


__all__ = ["Concept", "Corrector", "Query", "analyse_query", "definitional_target", "phrase_in",
           "phrase_stems"]
