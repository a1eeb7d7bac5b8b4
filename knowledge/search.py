"""Rank passages for a query, give each a confidence in 0..1 and decide what kind of answer to give.

Ranking is BM25F (see `knowledge.index`) over the query's own stems plus glossary synonyms at a lower
weight. Confidence is separate from rank: it is the weighted share of the question's concepts that
the passage actually covers (a rare word the passage lacks costs more than a common one, a word the
content never uses costs the most), scaled by how strong the match is and by whether the question
touches Prevent at all. `decide` turns the hits into an Answer: a passage, a glossary entry, a
"did you mean" choice when two different passages are about equally (and only moderately) likely,
or none.
"""

from dataclasses import dataclass

from knowledge.glossary import Glossary, is_acronym
from knowledge.index import Index
from knowledge.model import Answer, GlossaryEntry, Hit
from knowledge.query import Corrector, Query, analyse_query, definitional_target, phrase_in
from knowledge.text import stem

NO_ANSWER_BELOW = 0.42
"""Below this the top hit is not shown as an answer."""
AMBIGUOUS_BELOW = 0.55
"""A top hit under this, with a runner-up from another section within AMBIGUITY_MARGIN, asks the user."""
AMBIGUITY_MARGIN = 0.03
STRONG_PASSAGE = 0.6
"""A "what is X" question gets the document passage instead of the glossary entry above this."""
SCORE_SCALE = 4.0
LINK_WORDS = frozenset(("where", "link", "links", "website", "site", "url", "online", "find", "contact", "email",
                        "address", "download"))
INTENT_BOOST = 1.2
"""Where/link questions prefer passages with an address; how-many questions prefer ones with numbers."""
COUNT_STARTS = ("how many", "how much", "how often", "when")
PHRASE_BONUS = 0.3
"""Share of extra score for matching every adjacent pair of the question's words in order."""

DOMAIN_WORDS = str.split("""
prevent radicalisation radicalised radicalise radical extremism extremist extreme terrorism terrorist
counterterrorism channel safeguarding safeguard referral refer vulnerable vulnerability susceptible
ideology ideologies hate proscribed grooming islamist daesh right wing partnership duty toolkit
benchmark self-assessment panel speaker segregation cohesion peer peers dovetail contest ctlp wrap
threat risk concern concerns support police training e-learning elearning venue filtering
""")

OFF_TOPIC_WORDS = str.split("""
canteen lunch menu recipe recipes cook cooking bake baking weather forecast rain sunny snow football
cricket rugby tennis golf poem poetry song lyrics joke jokes movie film films netflix music holiday
holidays payslip salary pension expenses mileage overtime timesheet sick sickness parking password
passwords login laptop printer printing outlook vpn stationery birthday restaurant pub coffee tea
bitcoin crypto horoscope lottery flight flights bus buses traffic dentist gym diet
homework maths translate translation capital wedding dog cat pet garden gardening shopping leave
""")


@dataclass(frozen=True)
class Scored:
    """A passage number with its rank score and confidence."""

    number: int
    score: float
    confidence: float


class Searcher:
    """Ranking, confidence and the answer decision over one immutable index."""

    def __init__(self, index: Index, glossary: Glossary):
        self.index = index
        self.glossary = glossary
        self.corrector = Corrector(index.vocabulary, frozenset(index.idf))
        self._domain = frozenset(stem(w) for w in DOMAIN_WORDS) | frozenset(
            s for e in glossary.entries if is_acronym(e.term) for s in (stem(e.term.lower()), stem(e.id)))
        self._off_topic = frozenset(stem(w) for w in OFF_TOPIC_WORDS)

    def analyse(self, text: str) -> Query:
        return analyse_query(text, self.index, self.glossary, self.corrector)

    def rank(self, query: Query, k: int) -> list[Scored]:
        """The k best passages with their confidence, best first."""
        totals: dict[int, float] = {}
        for term, weight in query.weights.items():
            for number, contribution in self.index.contribution(term):
                totals[number] = totals.get(number, 0.0) + weight * contribution
        if not totals:
            return []
        linked = bool(set(query.corrected) & LINK_WORDS)
        counted = " ".join(query.corrected).startswith(COUNT_STARTS) or "number of" in " ".join(query.corrected)
        pairs = set(zip(query.stems, query.stems[1:], strict=False))
        index = self.index
        for number in totals:
            boost = index.priors[number]
            if linked and index.links[number]:
                boost *= INTENT_BOOST
            if counted and index.numbers[number]:
                boost *= INTENT_BOOST
            if pairs:
                boost *= 1 + PHRASE_BONUS * len(pairs & index.bigrams[number]) / len(pairs)
            totals[number] *= boost
        best = sorted(totals.items(), key=lambda item: (-item[1], item[0]))[: max(k, 1) + 4]
        top = best[0][1]
        prior = self._prior(query)
        scored = [Scored(n, s, self._confidence(query, n, s, top) * prior) for n, s in best]
        scored.sort(key=lambda h: (-round(h.confidence, 3), -h.score, h.number))
        return [Scored(h.number, h.score, min(1.0, h.confidence)) for h in scored[: max(k, 1)]]

    def _prior(self, query: Query) -> float:
        """How much the question is about Prevent at all: off-topic words without domain words cost."""
        own = {s for c in query.concepts for s in c.own}
        alternatives = {s for c in query.concepts for a in c.alternatives for s in a}
        if own & self._domain or any(c.entries for c in query.concepts):
            return 1.0
        if own & self._off_topic:
            return 0.35
        return 0.85 if alternatives & self._domain else 0.8

    def _confidence(self, query: Query, number: int, score: float, top: float) -> float:
        terms = self.index.terms[number]
        total = covered = 0.0
        for concept in query.concepts:
            total += concept.weight
            if phrase_in(concept.alternatives[0], terms):
                credit = 1.0
            elif any(phrase_in(a, terms) for a in concept.alternatives[1:]):
                credit = 0.85
            else:
                continue
            covered += concept.weight * credit * (0.8 if concept.fuzzy else 1.0)
        if total <= 0:
            return 0.0
        coverage = covered / total
        strength = score / (score + SCORE_SCALE)
        relative = (score / top) ** 0.5 if top > 0 else 0.0
        return max(0.0, coverage ** 1.3 * (0.55 + 0.45 * strength) * relative * 1.15)

    def search(self, text: str, k: int = 5) -> list[Hit]:
        """Ranked hits (confidence 0..1), best first; one query word at least must match."""
        query = self.analyse(text)
        return [Hit(self.index.passages[s.number], round(s.confidence, 4)) for s in self.rank(query, k)]

    def ask(self, text: str) -> Answer:
        """The answer the bot should give to a question."""
        query = self.analyse(text)
        scored = self.rank(query, 8)
        hits = tuple(Hit(self.index.passages[s.number], round(s.confidence, 4)) for s in scored)
        entry, mode, by_term = self._glossary_target(query)
        top = hits[0].score if hits else 0.0
        if entry is not None:
            strong = top >= STRONG_PASSAGE and self._mentions(hits[0], entry)
            acronym = by_term and is_acronym(entry.term)
            if mode == "mean" or acronym or not strong:
                return Answer("glossary", hits[:3], entry)
        if not hits or top < NO_ANSWER_BELOW:
            return Answer("none", ())
        runner = next((h for h in hits[1:] if h.passage.section_id != hits[0].passage.section_id), None)
        if top < AMBIGUOUS_BELOW and runner is not None and runner.score >= top - AMBIGUITY_MARGIN:
            others = [h for h in hits[1:] if h.score >= top - 2 * AMBIGUITY_MARGIN
                      and h.passage.section_id != hits[0].passage.section_id]
            return Answer("ambiguous", (hits[0], *others[:2]))
        return Answer("passage", hits[:4])

    def _glossary_target(self, query: Query) -> tuple[GlossaryEntry | None, str, bool]:
        """The entry a definitional question asks about, its mode, and whether it was named by its term."""
        target = definitional_target(query.corrected)
        if target is None:
            return None, "", False
        mode, term = target
        entry = self.glossary.lookup(term)
        if entry is None:
            return None, "", False
        by_term = self.glossary.names_term(term, entry)
        if mode == "bare" and not by_term:
            return None, "", False  # "radicalisation referral" is a search, not a definition
        return entry, mode, by_term

    def _mentions(self, hit: Hit, entry: GlossaryEntry) -> bool:
        terms = self.index.terms[self.index.passages.index(hit.passage)]
        return any(phrase_in(form, terms) for form in self.glossary.forms(entry))
