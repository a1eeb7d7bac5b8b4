"""Turn what staff type into weighted concepts: typo correction, glossary phrases, synonyms and intent.

A concept is one thing the question asks about: a word ("filtering"), a glossary phrase ("front door",
"CTLP") or an everyday word with synonyms in the documents' own words ("law" for "Act"). It carries the
stem phrases that count as mentioning it and a weight: its rarity in the content, capped for everyday
English words (they frame a question rather than name its subject), and highest for words the content
never uses, so an off-topic word like "canteen" pulls confidence down. Chat filler ("pls") is dropped.

The query also records what kind of fact it wants (a number, a date, how often, how long, an email
address, a link, an outcome), whether it names Prevent's own subject matter (a "strong" word: radicalisation,
extremism, the CTLP, or "Prevent"/"Channel" used as a name), and whether it is built on an everyday
subject the guidance never covers (weather, pay, food: see `knowledge.common_words`). Misspellings are
corrected first (see `knowledge.corrector`: "chanel pannel" -> channel panel, "wht" -> what).
"""

import re
from dataclasses import dataclass, field, replace

from knowledge.common_words import COMMON_WORDS, FILLER_WORDS, common_stems, is_common, is_off_topic
from knowledge.corrector import Corrector
from knowledge.everyday import is_logistics
from knowledge.glossary import Glossary, Thesaurus, definitional_target, is_acronym
from knowledge.index import Index
from knowledge.model import GlossaryEntry
from knowledge.query_words import (
    ABOUT_QUESTIONS,
    ACTORS,
    CORE_NAMES,
    CUE_WORDS,
    EVERYDAY_NEAR,
    EXAMPLE_STEMS,
    GENERAL_STEMS,
    INTRODUCTION_WEIGHT,
    LATIN_ABBREVIATION,
    LIGHT_VERBS,
    MEDIA_WORDS,
    NAME_AFTER,
    NAME_BEFORE,
    NAME_STEMS,
    NAME_WORDS,
    QUESTION_TYPOS,
    REFUSAL,
    SCHOOL_YEAR,
    STRONG_WORDS,
    SUBJECT_STEMS,
    VERB_AFTER,
    WEAK_FORMS,
    intents_of,
    introduced_only,
    typed_capitals,
)
from knowledge.text import STOPWORDS, phrase_stems, phrase_words, plain, stem

FUZZY_CREDIT = 0.8
SYNONYM_WEIGHT = 0.35
"""Ranking weight of a glossary or everyday synonym of a question word (its own stems weigh 1)."""
SYNONYM_CREDIT = 0.85
"""How far a synonym in a passage covers a question word, for confidence (its own word covers fully)."""
COMMON_CAP = 1.2
"""An everyday word weighs at most this much in confidence, however rare it is in the content."""
COMMON_RANK = 0.5
"""...and counts half in ranking ("who writes the CTLP" is about the CTLP, not about writing)."""
PHRASE_FLOOR = 0.6
"""A glossary phrase or acronym ("counter terrorism local profile", "CTLP") weighs at least this share of
the rarest word, however common its parts are."""
OFF_TOPIC_WEIGHT = 1.5
"""An everyday subject the content never covers weighs this many times the rarest word."""
UNKNOWN_WEIGHT = 2.0
"""A word neither in the content nor everyday English (a rarer word, slang or an uncorrectable typo)."""
INTENT_WEIGHT = 1.5
"""The weight of the kind of fact asked for ("how often"), covered by a passage that states one."""
STRONG_FLOOR = 0.5
"""A word naming Prevent's subject matter weighs at least this share of the rarest word: "safeguarding" is
common in the content, but in "is prevent a safeguarding issue" it is what the question is about."""


@dataclass(slots=True, eq=False)
class Concept:
    """One thing asked about: its own stems, the stem phrases that also count, a weight. Never changed once made
    (not frozen: a frozen dataclass is three times as slow to make, and each question makes several)."""

    own: tuple[str, ...]
    alternatives: tuple[tuple[str, ...], ...]
    weight: float
    fuzzy: bool = False
    known: bool = True
    entries: tuple[GlossaryEntry, ...] = ()
    strong: bool = False
    off_topic: bool = False
    kind: str = ""
    """A fact kind that also covers this concept (an email address covers "email")."""
    everyday: bool = False
    """An everyday word that frames the question rather than naming its subject ("become", "issue")."""
    general: bool = False
    """Strong only as a term of safeguarding or local government at large ("MASH", "KCSIE")."""
    proper: bool = False
    """Typed as a name ("Wagner", "Australia")."""
    singles: frozenset[str] = field(init=False, repr=False)  # the synonyms of one stem, then of more
    multis: tuple[tuple[str, ...], ...] = field(init=False, repr=False)
    discount: float = field(init=False, repr=False)  # less credit for a typo-fixed word

    def __post_init__(self) -> None:
        others = self.alternatives[1:]  # most concepts have none
        self.singles = frozenset(a[0] for a in others if len(a) == 1) if others else frozenset()
        self.multis = tuple(a for a in others if len(a) > 1) if others else ()
        self.discount = 0.8 if self.fuzzy else 1.0

    def credit(self, terms: frozenset[str], kinds: frozenset[str] = frozenset()) -> float:
        """How fully a set of stems covers the concept: its own words 1, a synonym 0.85, less when
        typo-fixed; a fact-kind word ("email") is also covered by text stating that kind of fact."""
        own = self.own
        if (own[0] in terms if len(own) == 1 else all(s in terms for s in own)) or (self.kind and self.kind in kinds):
            return self.discount
        if not self.singles.isdisjoint(terms) or any(all(s in terms for s in m) for m in self.multis):
            return SYNONYM_CREDIT * self.discount
        return 0.0


@dataclass(frozen=True)
class Query:
    """The analysed query: corrected words, concepts, ranking weights of stems and what it wants."""

    text: str
    corrected: tuple[str, ...]
    concepts: tuple[Concept, ...]
    weights: dict[str, float]
    stems: tuple[str, ...] = ()
    intents: frozenset[str] = frozenset()
    strong: bool = False
    off_topic: bool = False
    named_only: bool = False
    """Strong only through lesser words: a Prevent name ("dovetail", "channel"), a word or acronym shared
    with safeguarding at large ("safeguarding", "MASH"), not a Prevent subject word or acronym."""
    action: tuple[str, ...] = ()
    """The stem of the verb a "how do I ..." question asks how to do ("become" in "how do I become a...")."""
    about_questions: bool = False
    """The question is about the self-assessment's questions, so question lists are fair answers."""
    core_named: bool = False
    """It uses "Prevent" or "Channel" as a name."""
    wants_example: bool = False
    """It asks for an example or a case study, so case studies are fair answers."""
    names: frozenset[str] = frozenset()
    """The stems of the place and other names it uses (a named case study is a fair answer)."""


SURE, LIKELY = 2, 1
_QUESTION_NUMBER = re.compile(r"(?<![\d.,£$])\d{1,2}\.[1-9]\d?(?![\d.%])")
"""A self-assessment question's number ("what does 5.2 ask", not "2.0", "£1.5", "1.5%"): question lists answer."""


@dataclass
class _Tokens:
    words: list[str]
    fuzzy: set[int]
    unknown: set[int]
    strong: set[int]
    named: set[int]
    likely: set[int]
    """Names judged only by the content word after them ("channel shift"): not enough for a core name."""
    proper: set[str]
    """Words typed as names: capitalised after the first word ("Wagner"), not short acronyms in capitals
    ("LLR", which are as often a local abbreviation)."""


def _tokens(text: str, corrector: Corrector, pairs: frozenset[tuple[str, str]] = frozenset()) -> _Tokens:
    """Corrected word tokens, which were corrected or are unknown, and which name Prevent things."""
    text = REFUSAL.sub(" refuses consent ", SCHOOL_YEAR.sub(" pupil ", LATIN_ABBREVIATION.sub(" ", plain(text))))
    raw = phrase_words(text)
    capitalised, proper = typed_capitals(text)
    tokens = _Tokens([], set(), set(), set(), set(), set(), proper)
    for word in raw:
        word = QUESTION_TYPOS.get(word, word)
        fixed = corrector.correct(word)
        if fixed:
            tokens.fuzzy.add(len(tokens.words))
            word = fixed
        elif not corrector.known(word) and not word.isdigit():
            tokens.unknown.add(len(tokens.words))
        tokens.words.append(word)
    for position, word in enumerate(tokens.words):
        if stem(word) in STRONG_WORDS and not _weak_sense(tokens.words, position, pairs):
            tokens.strong.add(position)
            if stem(word) in GENERAL_STEMS:
                tokens.named.add(position)
        elif word in NAME_WORDS:
            sense = _used_as_name(tokens.words, position, corrector, word in capitalised, pairs)
            if sense:
                tokens.named.add(position)
                tokens.strong.add(position)
            if sense == LIKELY:
                tokens.likely.add(position)
    return tokens


def _weak_sense(words: list[str], position: int, pairs: frozenset[tuple[str, str]]) -> bool:
    """"Extreme heat", "a radical haircut": a word sharing a stem with Prevent's subject words, in a phrase
    the documents never use ("extreme right wing" and "radical views" keep their sense)."""
    word = words[position]
    if word not in WEAK_FORMS:
        return False
    before = (stem(words[position - 1]), stem(word)) if position else None
    after = (stem(word), stem(words[position + 1])) if position + 1 < len(words) else None
    return before not in pairs and after not in pairs


def _used_as_name(words: list[str], position: int, corrector: Corrector, capitalised: bool,
                  pairs: frozenset[tuple[str, str]] = frozenset()) -> int:
    """"Prevent training", "is prevent...", "Channel": a name (SURE); "prevent my screen", "channel 4",
    "a channel in Teams": not (0). A compound the documents use ("prevent leads", "channel panel") is a name
    anywhere; before any other content word ("channel shift") it is only LIKELY to be one."""
    following = words[position + 1] if position + 1 < len(words) else None
    if following is not None and (stem(words[position]), stem(following)) in pairs:
        return SURE  # a compound the documents use: "prevent training", "prevent leads"
    if EVERYDAY_NEAR.intersection(words[max(0, position - 1):position + 3]) \
            or (words[position] == "channel" and MEDIA_WORDS.intersection(words)):
        return 0  # "a Teams channel"; "a new channel in Microsoft Teams for my project"
    if capitalised:
        return SURE
    before = words[position - 1] if position else None
    if following is None:
        return SURE
    if following.isdigit() or is_off_topic(following):
        return 0
    if before in NAME_AFTER or following in NAME_BEFORE or (stem(words[position]), stem(following)) in pairs:
        return SURE
    if following in STOPWORDS or before in VERB_AFTER:
        return 0
    return LIKELY if corrector.in_content(following) else 0


def analyse_query(text: str, index: Index, glossary: Glossary, corrector: Corrector,
                  thesaurus: Thesaurus | None = None) -> Query:
    """Concepts, ranking weights and intent for a query."""
    tokens = _tokens(text, corrector, index.pairs)
    words = tokens.words
    intents = intents_of(words)
    content = [(i, stem(w)) for i, w in enumerate(words)
               if w not in STOPWORDS and w not in FILLER_WORDS and CUE_WORDS.get(w) != ""]
    stems = [s for _, s in content]
    concepts: list[Concept] = []
    covered: set[int] = set()
    for start, end, entries in _glossary_matches(stems, glossary, thesaurus):
        own = tuple(stems[start:end])
        alternatives = [own] + [form for e in entries for form in glossary.forms(e)]
        positions = [content[k][0] for k in range(start, end)]
        typed = " ".join(words[p] for p in positions)
        named = any(is_acronym(e.term) and glossary.names_term(typed, e) for e in entries) \
            and typed not in COMMON_WORDS and typed not in NAME_WORDS
        strong = (named and len(typed) > 2) or not tokens.strong.isdisjoint(positions)
        everyday = len(own) == 1 and not named and _everyday(typed, strong)
        weight = _weight(own, index)
        if len(own) > 1 or named:
            weight = max(weight, PHRASE_FLOOR * index.max_idf)
        elif not STRONG_WORDS.isdisjoint(own):
            weight = max(weight, STRONG_FLOOR * index.max_idf)
        elif everyday:
            weight = min(weight, COMMON_CAP)
        general = strong and all(e.general for e in entries) and tokens.strong.isdisjoint(positions)
        concepts.append(Concept(own, tuple(dict.fromkeys(alternatives)), weight,
                                fuzzy=not tokens.fuzzy.isdisjoint(positions), entries=tuple(entries),
                                strong=strong, everyday=everyday, general=general))
        covered.update(range(start, end))
    if thesaurus is not None:
        for start, end, others in thesaurus.find(stems, covered):
            own = tuple(stems[start:end])
            positions = [content[k][0] for k in range(start, end)]
            concepts.append(_word_concept(own, [words[p] for p in positions], positions, tokens, index,
                                          alternatives=(own, *others)))
            covered.update(range(start, end))
    for k, (position, word_stem) in enumerate(content):
        if k in covered or not word_stem:
            continue
        concepts.append(_word_concept((word_stem,), [words[position]], [position], tokens, index))
    concepts.extend(Concept((f"<{kind}>",), ((f"<{kind}>",),), INTENT_WEIGHT, kind=kind, everyday=True)
                    for kind in sorted(intents))
    merged = _merge(concepts)
    if introduced := introduced_only(text):  # "I'm a family support worker and ...": the job is not the subject
        merged = [replace(c, weight=c.weight * INTRODUCTION_WEIGHT) if introduced.issuperset(c.own) else c
                  for c in merged]
    lesser = [c for c in merged if c.strong]
    named_only = bool(lesser) and not (tokens.strong - tokens.named) \
        and all(c.general or all(s in NAME_STEMS or s in GENERAL_STEMS for s in c.own) for c in lesser)
    logistics = is_logistics(stems, index.pairs, all(c.everyday for c in merged))
    weights = {s: w * INTRODUCTION_WEIGHT if s in introduced else w for s, w in _rank_weights(merged).items()}
    return Query(text, tuple(words), tuple(merged), weights, tuple(stems), intents,
                 strong=any(c.strong for c in merged), off_topic=any(c.off_topic for c in merged) or logistics,
                 named_only=named_only, action=_action(words),
                 core_named=any(words[p] in CORE_NAMES for p in tokens.named - tokens.likely),
                 wants_example=bool(EXAMPLE_STEMS & set(stems)), names=frozenset(stems) & index.names,
                 about_questions=bool(ABOUT_QUESTIONS & set(stems)) or ("self" in words and "assessment" in words)
                 or bool(_QUESTION_NUMBER.search(text)))


def _glossary_matches(stems: list[str], glossary: Glossary,
                      thesaurus: Thesaurus | None) -> list[tuple[int, int, list[GlossaryEntry]]]:
    """Glossary matches, less any that a longer synonym-group phrase overlaps: "prevent board" is one
    phrase (a partnership board), not the glossary's "Prevent" and a board. A phrase wins only over
    matches all shorter than it, so no kept match can block it afterwards."""
    found = glossary.find(stems)
    if thesaurus is None:
        return found
    winners = [(start, end) for start, end, _ in thesaurus.find(stems, set()) if end - start >= 2
               and all(e - s < end - start for s, e, _ in found if s < end and start < e)]
    return [match for match in found if not any(s < match[1] and match[0] < e for s, e in winners)]


def _action(words: list[str]) -> tuple[str, ...]:
    """The verb of "how do/can/should I/we VERB ...", as a one-stem tuple (empty when there is none, or
    when it is a light verb whose object carries the meaning: "how do we keep the plan current")."""
    for start in range(len(words) - 2):
        if words[start] != "how" or words[start + 1] not in ("do", "can", "should", "could", "would", "to"):
            continue
        rest = words[start + 2:] if words[start + 1] == "to" else words[start + 3:]
        if words[start + 1] != "to" and (len(words) <= start + 2 or words[start + 2] not in ACTORS):
            return ()
        verb = next((w for w in rest if w not in STOPWORDS and w not in FILLER_WORDS), "")
        return (stem(verb),) if verb and verb not in LIGHT_VERBS else ()
    return ()


def _word_concept(own: tuple[str, ...], typed: list[str], positions: list[int], tokens: _Tokens, index: Index,
                  alternatives: tuple[tuple[str, ...], ...] = ()) -> Concept:
    """A concept for a word (or a synonym-group phrase) as typed."""
    known = all(s in index.idf for s in own) and tokens.unknown.isdisjoint(positions)
    off_topic = not known and any(is_off_topic(w) for w in typed)
    if not known and not off_topic and len(alternatives) > 1:
        # an everyday word the content never uses, but whose synonyms it does ("comms")
        known = True
        own_weight = min(_weight(a, index) for a in alternatives[1:])
    else:
        own_weight = _weight(own, index)
    strong = not tokens.strong.isdisjoint(positions)
    common = len(own) == 1 and all(_everyday(w, strong) for w in typed)
    if off_topic:
        weight = OFF_TOPIC_WEIGHT * index.max_idf
    elif not known and common:
        weight = COMMON_CAP
    elif not known:
        weight = UNKNOWN_WEIGHT
    else:
        weight = own_weight
        if len(own) > 1 and known:
            weight = max(weight, PHRASE_FLOOR * index.max_idf)
        elif not STRONG_WORDS.isdisjoint(own):
            weight = max(weight, STRONG_FLOOR * index.max_idf)
        elif common:
            weight = min(weight, COMMON_CAP)
    kind = CUE_WORDS.get(typed[0], "") if len(typed) == 1 else ""
    return Concept(own, tuple(dict.fromkeys(alternatives or (own,))), weight,
                   fuzzy=not tokens.fuzzy.isdisjoint(positions), known=known or bool(kind),
                   strong=strong, off_topic=off_topic, kind=kind, everyday=common and not off_topic,
                   proper=not tokens.proper.isdisjoint(typed))


def _everyday(word: str, strong: bool) -> bool:
    """An everyday word (or a Prevent name used in its everyday sense) rather than one naming a subject."""
    if strong or stem(word) in SUBJECT_STEMS:
        return False
    return is_common(word) or word in NAME_WORDS or word in FILLER_WORDS


def _rank_weights(concepts: tuple[Concept, ...]) -> dict[str, float]:
    """Ranking weight of each stem: own stems count fully (half for an everyday word), synonyms less."""
    weights: dict[str, float] = {}
    for concept in concepts:
        own_weight = FUZZY_CREDIT if concept.fuzzy else 1.0
        if len(concept.own) == 1 and not concept.entries and not concept.strong \
                and concept.own[0] in common_stems():
            own_weight *= COMMON_RANK
        for alternative in concept.alternatives[1:]:
            share = SYNONYM_WEIGHT / len(alternative) ** 0.5
            for s in alternative:
                weights[s] = max(weights.get(s, 0.0), share)
        for s in concept.own:
            weights[s] = max(weights.get(s, 0.0), own_weight)
    return weights


def _merge(concepts: list[Concept]) -> tuple[Concept, ...]:
    """One concept per distinct set of own stems (a repeated word counts once)."""
    seen: dict[tuple[str, ...], Concept] = {}
    for concept in concepts:
        seen.setdefault(concept.own, concept)
    return tuple(seen.values())


def _weight(own: tuple[str, ...], index: Index) -> float:
    """A concept's weight: the idf of its stems (unknown stems weigh as the rarest word)."""
    if len(own) == 1:  # most concepts are one word: nothing to sort or add
        return min(1.6 * index.max_idf, index.idf.get(own[0], index.max_idf))
    values = sorted((index.idf.get(s, index.max_idf) for s in own), reverse=True)
    return min(1.6 * index.max_idf, values[0] + 0.3 * sum(values[1:]))


def phrase_in(alternative: tuple[str, ...], terms: frozenset[str]) -> bool:
    """True when every stem of a phrase occurs in a passage's term set."""
    return all(s in terms for s in alternative)


__all__ = ["Concept", "Corrector", "Query", "analyse_query", "definitional_target", "phrase_in", "phrase_stems"]
