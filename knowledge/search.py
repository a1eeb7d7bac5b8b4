"""Rank passages for a query, give each a confidence in 0..1 and decide what kind of answer to give.

Ranking is BM25F (see `knowledge.index`) over the query's own stems plus glossary and everyday synonyms at a
lower weight, then a rerank of the best candidates on evidence that the passage answers rather than mentions: all
the question's concepts together in one sentence (under the passage's heading), in its headings or in one of its
curated phrasings, in what the passage is about (headings, first sentence, repeated words), the kind of fact asked
for ("how often" wants a passage that says how often), and the question's word pairs in order. Confidence is
separate from rank: it is the weighted share of the question's concepts that the passage covers (a rare word the
passage lacks costs more than a common one, a word the content never uses costs the most), scaled by how strong
the match is.

`ask` turns the hits into an Answer: a passage (shown from the start of its section when no later paragraph answers
better, as an excerpt from the answering sentence when it is long, as a digest of its items when the question asks
about a long list as a whole; asked who signed a letter, its signature), a glossary entry, a "did you mean" choice
when two different passages are about equally likely and neither is more than weakly supported (above that the top
one is answered, the others offered as related, and a close runner-up from another passage given by its answering
sentence in `Answer.also`), or none. A question that names Prevent's own subject matter (see `knowledge.query`)
needs a confident hit; any other must also leave nothing but everyday words uncovered and give specific evidence
(see `knowledge.gate`), and a question built on an everyday subject the guidance never covers gets no answer.
"""

from dataclasses import dataclass, field
from itertools import pairwise
from typing import NamedTuple

from knowledge.asked import signature_first
from knowledge.corrector import Corrector
from knowledge.coverage import Covered, Packed, best_share, longest_run
from knowledge.excerpts import ALSO_MAX_CHARS, digest, excerpt, sentence
from knowledge.gate import answerable
from knowledge.glossary import Glossary, Thesaurus, is_acronym
from knowledge.index import CASE_STUDY, QUESTION_PENALTY, Index
from knowledge.model import Answer, GlossaryEntry, Hit
from knowledge.query import SYNONYM_CREDIT, Query, analyse_query, definitional_target, phrase_in
from knowledge.statements import Statements, contents_target
from knowledge.text import analyse, forget_typed_words

AMBIGUOUS_BELOW = 0.21
"""A top hit under this, with a runner-up from another section within AMBIGUITY_MARGIN, asks the user
instead of answering; above it the top hit is answered and the close runners-up offered beside it (0.3 until the
twenty-first session: a sweep of the tuning sets found 0.21 answered 6 more questions right and none fewer)."""
AMBIGUITY_MARGIN = 0.015
STRONG_PASSAGE = 0.6
"""A "what is X" question gets the document passage instead of the glossary entry above this."""
SCORE_SCALE = 4.0
CANDIDATES = 20
"""How many BM25F leaders are considered..."""
SHORTLIST = 6
"""...and how many of them (or as many as asked for, if more), best by BM25F, prior and coverage, are
reranked in full."""
INTENT_BOOST = 1.25
"""A passage stating the kind of fact asked for (a number for "how many", an address for "email")."""
PHRASE_BONUS = 0.6
"""Share of extra score for matching every adjacent pair of the question's words in order."""
RUN_BONUS = 0.25
"""Extra score for each further pair in the longest run of the question's words found in order: a name
like "Understanding Extremist Ideology Training" belongs to the passage that uses it."""
SEGMENT_BONUS = 2.0
"""Share of extra score for covering all the question's concepts within one sentence or list line."""
TOPIC_BONUS = 1.0
"""Share of extra score for covering all the question's concepts in the passage's headings."""
PHRASING_BONUS = 1.0
"""Share of extra score for covering all the question's concepts in one of the passage's curated phrasings."""
LISTED_QUESTIONS = 0.5
"""A passage with at least this share of questions lists the self-assessment's prompts: unless the question is
about the self-assessment, it gets no heading bonus (its heading is a question) nor is quoted by glossary answers."""
CENTRAL_BONUS = 0.4
"""Share of extra score for a passage about what the question asks rather than mentioning it in passing."""
COVERAGE_POWER = 2.0
"""How much a passage that covers more of the question outranks one with a higher BM25F score."""
RUNNER_SHARE = 0.85
"""A runner-up scoring at least this share of the top hit may answer when the gate turns the top hit down."""
LEAD_SHARE = 0.9
"""An earlier passage of the top hit's section scoring at least this share of it is shown instead."""
ALSO_SHARE = 0.3
"""A runner-up scoring at least this share of the answer is shown after it by its answering sentence."""
ALSO_DEPTH = 4
QUOTE_MIN = 0.3
"""A glossary answer quotes the guidance's own use of the term from a passage at least this confident..."""
QUOTE_CHARS = 350
"""...from its answering sentence, up to this many characters (a glossary entry is one line: there is room)."""


class Match(NamedTuple):
    """How a passage covers a question: overall, in its best segment (and which), in its headings, in its
    best curated phrasing (all as shares of the question's weight: see `Searcher._new_match`), and the share
    of the weight it matches that falls on what the passage is about (its central terms, see
    `knowledge.index.Index.central`), not on passing mentions."""

    coverage: float
    segment: float
    which: int
    topic: float
    phrasing: float
    central: float


_Cover = NamedTuple("_Cover", [("weight", float), ("known", bool), ("full_value", float), ("synonym_value", float),
                                *Covered.__annotations__.items()])
"""Where one concept of a query is covered: its weight, whether it is known, its weight times a full and a synonym
credit (as `Concept.credit` gives them), then its `knowledge.coverage.Covered` bit sets (all read once here rather
than for every passage matched)."""


@dataclass(frozen=True)
class _Plan:
    """A query's total and known concept weight, where each of its concepts is covered, the term it asks
    the meaning of (`definitional_target`), and the passages stating what it asks (see `stated`)."""

    weight: float
    known: float
    concepts: tuple[_Cover, ...]
    target: tuple[str, str] | None
    stated: dict[int, float]
    """Passage number -> its boost for stating what is asked in so many words (`knowledge.statements`): defining
    the term a "what is X" question asks about, listing what the thing "what should X do" asks about does."""
    matches: dict[int, "Match"] = field(default_factory=dict, compare=False, repr=False)
    """`Searcher._match` per passage number, filled as the ranking, the gate and the excerpt ask."""


class Scored(NamedTuple):
    """A passage number with its rank score and confidence."""

    number: int
    score: float
    confidence: float


class Searcher:
    """Ranking, confidence and the answer decision over one immutable index."""

    def __init__(self, index: Index, glossary: Glossary, thesaurus: Thesaurus | None = None):
        self.index = index
        self.glossary = glossary
        self.thesaurus = thesaurus
        self.corrector = Corrector(index.vocabulary, frozenset(index.idf))
        self._numbers = {p.id: n for n, p in enumerate(index.passages)}
        self._packed = Packed(index)
        self._statements = Statements(index.defines, index.lists)
        # per passage, its first curated phrasing's bit: shifted down to it, `best_share` works on small numbers
        self._phrasings_from = tuple((bits & -bits).bit_length() - 1 if bits else 0 for bits in index.phrasing_bits)
        self._last: tuple[Query, _Plan] | None = None

    def analyse(self, text: str) -> Query:
        return analyse_query(text, self.index, self.glossary, self.corrector, self.thesaurus)

    def rank(self, query: Query, k: int) -> list[Scored]:
        """The k best passages with their confidence, best first."""
        totals = [0.0] * len(self.index.passages)
        for term, weight in query.weights.items():
            if weight == 1.0:  # most postings are of the question's own words: no product to take
                for number, contribution in self.index.contribution(term):
                    totals[number] += contribution
            else:
                for number, contribution in self.index.contribution(term):
                    totals[number] += weight * contribution
        # best total first, a tie in passage order (the sort is stable even reversed); none that scored nothing
        leaders = [number for number in sorted(range(len(totals)), key=totals.__getitem__, reverse=True)[:CANDIDATES]
                   if totals[number]]
        if not leaders:
            return []
        index = self.index
        priors, asks, kinds, bigrams = index.priors, index.asks, index.kinds, index.bigrams
        shortlist = max(SHORTLIST, k)
        stated = self._plan(query).stated
        if shortlist < len(leaders):
            keys = [-totals[number] * priors[number] * covered ** COVERAGE_POWER
                    * stated.get(number, 1.0)
                    for number, covered in zip(leaders, self._coverages(query, leaders), strict=True)]
            leaders = [leaders[i] for i in sorted(range(len(leaders)), key=keys.__getitem__)[:shortlist]]
        stems, pairs = query.stems, set(pairwise(query.stems))
        examples, terms = index.examples, index.terms
        reranked = []
        for number in leaders:
            total = totals[number]
            boost = priors[number] * stated.get(number, 1.0)
            if query.about_questions and asks[number]:
                boost /= 1 - QUESTION_PENALTY * asks[number]
            if query.intents & kinds[number]:
                boost *= INTENT_BOOST
            common = pairs & bigrams[number] if pairs else pairs
            run = longest_run(stems, bigrams[number]) if common else 0
            if common:  # without a common pair the factor is exactly 1
                boost *= 1 + PHRASE_BONUS * len(common) / len(pairs) + RUN_BONUS * max(0, run - 1)
            if examples[number] and (query.wants_example or query.names & terms[number]
                                     or (run >= 2 and common - index.general_pairs)):
                boost /= CASE_STUDY  # asked for an example, or named what only the example has
            match = self._match(query, number)
            topic = match.topic if query.about_questions or asks[number] < LISTED_QUESTIONS else 0.0
            boost *= (1 + SEGMENT_BONUS * match.segment) * (1 + TOPIC_BONUS * topic) \
                * (1 + PHRASING_BONUS * match.phrasing)
            boost *= 1 + CENTRAL_BONUS * match.central
            reranked.append((number, total * boost * match.coverage ** COVERAGE_POWER, total, match.coverage))
        reranked.sort(key=lambda item: (-item[1], item[0]))
        best = reranked[: max(k, 1)]
        top = best[0][1]
        out, ceiling = [], 1.0
        for n, s, total, coverage in best:  # a lower-ranked hit is never shown as more confident
            ceiling = min(ceiling, self._confidence(coverage, total, s, top))
            out.append(Scored(n, s, ceiling))
        return out

    def _coverages(self, query: Query, numbers: list[int]) -> list[float]:
        """Per passage, the weighted share of the question's concepts it covers (fully, or by a synonym)."""
        plan = self._plan(query)
        if plan.weight <= 0:
            return [0.0] * len(numbers)
        concepts = [(c.full, c.synonym, c.full_value, c.synonym_value) for c in plan.concepts]
        shares = []
        for number in numbers:
            bit = 1 << number
            share = 0.0
            for full, synonym, full_value, synonym_value in concepts:
                if full & bit:
                    share += full_value
                elif synonym & bit:
                    share += synonym_value
            shares.append(share / plan.weight)
        return shares

    def _plan(self, query: Query) -> "_Plan":
        """The query's concept weights and, per concept, the passages it covers (kept while it is answered)."""
        last = self._last
        if last is not None and last[0] is query:
            return last[1]
        covered, target = self._packed.covered, definitional_target(query.corrected)
        plan = _Plan(sum(c.weight for c in query.concepts),
                     sum(c.weight for c in query.concepts if c.known) or 1.0,
                     tuple(_Cover(c.weight, c.known, c.weight * c.discount, c.weight * (SYNONYM_CREDIT * c.discount),
                                  *covered(c)) for c in query.concepts),
                     target, self._statements.boosts(tuple(analyse(target[1])) if target and target[0] != "bare"
                                                     else (), contents_target(query.corrected)))
        self._last = (query, plan)
        return plan

    def _match(self, query: Query, number: int) -> "Match":
        """How a passage covers the question: overall, in its best segment, and in its headings
        (`Concept.credit` summed over its terms, topic and segments, tested on the index's bit sets)."""
        plan = self._plan(query)
        known = plan.matches.get(number)
        if known is None:
            known = plan.matches[number] = self._new_match(plan, number)
        return known

    def _new_match(self, plan: "_Plan", number: int) -> "Match":
        weight = plan.weight
        if weight <= 0:
            return Match(0.0, 0.0, 0, 0.0, 0.0, 0.0)
        bit, start, size = 1 << number, *self._packed.segment_field(number)
        mine, first = self.index.phrasing_bits[number], self._phrasings_from[number]
        covered = topical = matched = central = 0.0
        present, said = [], []
        for c in plan.concepts:
            if c.said & mine:  # the passage's (or its section's) curated phrasings
                said.append(((c.said_full & mine) >> first, (c.said_synonym & mine) >> first, c.full_value,
                             c.synonym_value))
            if c.full & bit:
                covered += c.full_value
            elif c.synonym & bit:
                covered += c.synonym_value
            else:
                continue
            matched += c.weight
            if c.central & bit:
                central += c.weight
            if c.known:  # this passage's segments (where `Packed.segment_field` says they lie)
                present.append((c.segment_full >> start & size, c.segment_synonym >> start & size,
                                c.full_value, c.synonym_value))
                if c.topic_full & bit:
                    topical += c.full_value
                elif c.topic_synonym & bit:
                    topical += c.synonym_value
        best, which = best_share(present, plan.known)
        return Match(covered / weight, min(best, 1.0), which, topical / weight,
                     best_share(said, weight)[0] if said else 0.0, central / matched if matched > 0 else 0.0)

    @staticmethod
    def _confidence(coverage: float, total: float, score: float, top: float) -> float:
        strength = total / (total + SCORE_SCALE)
        relative = (score / top) ** 0.5 if top > 0 else 0.0
        return max(0.0, coverage ** 1.3 * (0.55 + 0.45 * strength) * relative * 1.15)

    def search(self, text: str, k: int = 5) -> list[Hit]:
        """Ranked hits (confidence 0..1), best first; one query word at least must match."""
        try:
            return [Hit(self.index.passages[n], round(c, 4)) for n, _score, c in self.rank(self.analyse(text), k)]
        finally:
            self._forget()

    def ask(self, text: str) -> Answer:
        """The answer the bot should give to a question."""
        try:
            return self._answer(self.analyse(text))
        finally:
            self._forget()

    def _forget(self) -> None:
        """Keep nothing of a question once answered: its plan, and any word of it the bot does not know."""
        self._last = None
        forget_typed_words()

    def _answer(self, query: Query) -> Answer:
        scored = signature_first(self.index, query, self.rank(query, SHORTLIST))
        hits = tuple(Hit(self.index.passages[s.number], round(s.confidence, 4)) for s in scored)
        entry, mode, by_term = self._glossary_target(query)
        top = hits[0].score if hits else 0.0
        if entry is not None:
            strong = top >= STRONG_PASSAGE and self._mentions(hits[0], entry)
            acronym = by_term and is_acronym(entry.term)
            if mode == "mean" or acronym or not strong:
                return Answer("glossary", hits[:3], entry, also=self._quoted(query, scored, entry))
        chosen = next((s for s in scored[:3] if s.score >= RUNNER_SHARE * scored[0].score
                       and answerable(self.index, query, s, lambda s=s: self._match(query, s.number))), None) \
            if scored else None
        if chosen is None:
            return Answer("none", ())
        if chosen is not scored[0]:
            scored = [chosen] + [s for s in scored if s is not chosen]
            hits = tuple(Hit(self.index.passages[s.number], round(s.confidence, 4)) for s in scored)
            top = hits[0].score
        runner = next((h for h in hits[1:] if h.passage.section_id != hits[0].passage.section_id), None)
        if top < AMBIGUOUS_BELOW and runner is not None and runner.score >= top - AMBIGUITY_MARGIN:
            others = [h for h in hits[1:] if h.score >= top - 2 * AMBIGUITY_MARGIN
                      and h.passage.section_id != hits[0].passage.section_id]
            return Answer("ambiguous", (hits[0], *others[:2]))
        lead = self._section_lead(query, scored)
        which = self._match(query, lead.number).which
        shown = digest(self.index, lead.number, which) or excerpt(self.index, lead.number, which, asked=query.intents)
        first = Hit(self.index.passages[lead.number], hits[0].score, shown)
        rest = [h for h in hits if h.passage.id != first.passage.id][:3]
        also = self._also(query, scored, (lead.number,))
        further = self._also(query, scored, (lead.number, self._numbers[also.passage.id])) if also else None
        return Answer("passage", (first, *rest), also=also, further=further)

    def _also(self, query: Query, scored: list[Scored], shown: tuple[int, ...]) -> Hit | None:
        """A runner-up close behind the answer (and any passage already `shown`), with its answering sentence:
        when two passages are about equally likely, showing both beats a single wrong guess. A list of
        self-assessment prompts counts: what they ask about is what the guidance expects ("Are s.47
        referrals considered where appropriate?")."""
        top = scored[0].score
        for other in scored[1:ALSO_DEPTH + 1]:
            if other.number in shown or other.score < ALSO_SHARE * top:
                continue
            snippet = sentence(self.index, other.number, self._match(query, other.number).which,
                               run_on=ALSO_MAX_CHARS)
            if snippet:
                return Hit(self.index.passages[other.number], round(other.confidence, 4), snippet)
        return None

    def _quoted(self, query: Query, scored: list[Scored], entry: GlossaryEntry) -> Hit | None:
        """For a glossary answer, the best passage that uses the term, by its answering sentence."""
        for other in scored[:3]:
            hit = Hit(self.index.passages[other.number], round(other.confidence, 4))
            if other.confidence >= QUOTE_MIN and self._mentions(hit, entry) \
                    and self.index.asks[other.number] < LISTED_QUESTIONS:
                snippet = sentence(self.index, other.number, self._match(query, other.number).which, QUOTE_CHARS)
                return hit._replace(excerpt=snippet) if snippet else None
        return None

    def _section_lead(self, query: Query, scored: list[Scored]) -> Scored:
        """The top hit, or an earlier passage under the same heading that scores nearly as well, with as good a
        sentence, as much of the question in its headings and list labels, and the kinds of fact asked for that the
        top hit states: a section reads best from its start unless a later paragraph (or list chunk labelled with
        what was asked, or the one saying what is unlawful when asked "is that allowed") answers better."""
        top, passage = scored[0], self.index.passages[scored[0].number]
        best, kinds = self._match(query, top.number), self.index.kinds
        stated = query.intents & kinds[top.number]  # the kinds of fact asked for that the top hit states
        for other in scored[1:]:
            candidate, match = self.index.passages[other.number], self._match(query, other.number)
            if candidate.section_id == passage.section_id and candidate.heading_path == passage.heading_path \
                    and other.number < top.number and other.score >= LEAD_SHARE * top.score \
                    and match.segment >= best.segment - 1e-9 and match.topic >= best.topic - 1e-9 \
                    and stated <= kinds[other.number]:
                top, passage = Scored(other.number, other.score, scored[0].confidence), candidate
        return top

    def _glossary_target(self, query: Query) -> tuple[GlossaryEntry | None, str, bool]:
        """The entry a definitional question asks about, its mode, and whether it was named by its term."""
        target = self._plan(query).target
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
        terms = self.index.terms[self._numbers[hit.passage.id]]
        return any(phrase_in(form, terms) for form in self.glossary.forms(entry))
