"""Whether the best passage found is good enough to show as an answer, or the bot should say it has none.

The bar depends on how clearly the question is about Prevent (see `answerable`): a question naming
Prevent's subject matter needs only a confident hit; any other must also leave nothing but everyday words
uncovered and give specific evidence that the passage answers it rather than shares a few words with it.
Either way, the kind of fact the question asks for (a year, a figure, a count, a name, how things stand today)
must be one the passage gives: see `knowledge.asked`.
"""

from collections.abc import Callable
from itertools import pairwise
from typing import TYPE_CHECKING

from knowledge.asked import authored, gives_what_is_asked
from knowledge.index import Index
from knowledge.query import Concept, Query
from knowledge.query_words import DOCUMENT_STEMS

if TYPE_CHECKING:
    from knowledge.search import Match, Scored

NO_ANSWER_BELOW = 0.2
"""Below this the top hit is not shown as an answer."""
NOT_NAMED_BELOW = 0.55
"""...nor below this when the question names nothing specific to Prevent..."""
LESSER_NAMED_BELOW = 0.5
"""...or this when it names Prevent's subject only by a lesser name ("WRAP", "Dovetail") or a word shared with
safeguarding at large: some evidence of the subject, less than naming it ("should councillors just do WRAP")..."""
CORE_NAMED_BELOW = 0.2
"""...nor below this when it names Prevent or Channel alone ("when did Channel become statutory")."""
CENTRAL_SHARE = 0.4
"""...and then the concepts the passage is about must carry at least this share of the matched weight..."""
STRONG_EVIDENCE = 3
CENTRAL_SHARE_STRONG = 0.21
"""...or this share with at least STRONG_EVIDENCE pieces of specific evidence (words or pairs found) (0.3 until the
twenty-first session: 0.21 answered 4 more tuning questions and no question the documents cannot answer)..."""
AMPLE_EVIDENCE = 5
CENTRAL_SHARE_AMPLE = 0.15
"""...or this share with at least AMPLE_EVIDENCE: so many of the question's own words found is evidence enough
that the passage answers, though it is about more besides ("should our risk assessment include people who
came back from fighting abroad": returnees are one point of a passage about risk assessment)..."""
SEGMENT_SHARE = 0.7
"""...or, with STRONG_EVIDENCE, one sentence or list item of the passage holds at least this share of the question's
known words: that sentence answers it, though the passage around it is about other things (a slide listing a
council's work in schools, "UNICEF rights respecting schools number")..."""
LONG_MESSAGE = 12
LONG_EVIDENCE = 3
LONG_BELOW = 0.25
"""...or below this for a message of LONG_MESSAGE concepts or more that gives LONG_EVIDENCE pieces of specific
evidence: scene-setting ("I'm a housing officer and my team leader says...") lowers the share covered, and
the other rules (everyday words only left uncovered, the passage about them) still apply..."""
SURE_LESSER = 0.75
"""...unless it is strong through lesser words only and the hit is at least this confident, with evidence."""
STRAY_LETTERS = 5
"""An unknown word of at most this many letters (stemmed) is taken for an abbreviation or slang ("leics")."""


def answerable(index: Index, query: Query, best: "Scored", match: Callable[[], "Match"]) -> bool:
    """Whether the best hit is good enough to show, given how clearly the question is about Prevent.

    A question naming Prevent's subject matter needs only a confident hit. One that names it only by a
    lesser name ("Dovetail", "WRAP") or by a word shared with safeguarding at large ("safeguarding",
    "vulnerable"), and any other question, needs a more confident one that leaves nothing uncovered but
    everyday words and phrases whose last word the passage uses ("a young person" in a passage about "a
    person"), or one word the guidance uses elsewhere, when AMPLE_EVIDENCE of the question's words
    are found: "the civic centre hall" in a message that is otherwise all about booking a segregated
    event), with specific evidence: a word of the question that is not an everyday word, found
    in its own form ("KIKIT", "exhaustive"), or a pair of its words in order, or failing that three or
    more everyday words together in one sentence or heading ("what should a booking form ask about
    events"). When an everyday word is left uncovered, the evidence must not be a place or other name
    ("train times to Luton"), the passage must be about it rather than mention it in passing ("how do
    I become a foster carer" is not answered by a list of the people trained; the more specific evidence,
    the less of the passage need be about it, and with strong evidence one sentence holding most of the
    question will do; a question naming Prevent by lesser words is spared this when the hit is very
    confident), and the verb of a "how do I..." question must be covered. Words
    naming the documents themselves ("what does the guidance say...") count as everyday words here. A long
    message that gives much specific evidence needs less confidence: its scene-setting is not uncovered
    subject matter. Whatever the question, the kind of fact it asks for (a year, a figure, a count, a name, a
    length of time, how things stand now) must be one the passage gives (see `knowledge.asked`).
    `match` gives the passage's coverage, including the share of the matched weight it is about (computed
    only when needed).
    """
    if query.off_topic and not query.strong:
        return False
    if not gives_what_is_asked(index, query, best.number):
        return False
    if query.strong:
        if not query.named_only:
            return best.confidence >= NO_ANSWER_BELOW and not _unheard(index, query, best.number)
        if query.core_named:
            return best.confidence >= CORE_NAMED_BELOW and not _unheard(index, query, best.number, named=True) \
                and not _elsewhere(index, query, best.number)
    if best.confidence < min(NOT_NAMED_BELOW, LONG_BELOW):
        return False
    number = best.number
    terms, kinds = index.terms[number], index.kinds[number]
    credits = [(c, c.discount if authored(index, c, number) else c.credit(terms, kinds)) for c in query.concepts]
    uncovered = [c for c, credit in credits if credit == 0]
    pairs = set(pairwise(query.stems)) & index.bigrams[number]
    specific = [c for c, credit in credits if not c.everyday and credit >= 0.8]
    evidence = sum(1 for c in specific if c.own[0] not in index.names) + len(pairs)
    wordy = len(credits) >= LONG_MESSAGE
    unexplained = [c for c in uncovered if not c.everyday and not _stray(index, c, wordy)
                   and not DOCUMENT_STEMS.issuperset(c.own) and not _wider(c, terms)]
    spared = len(unexplained) == 1 and unexplained[0].known and evidence >= AMPLE_EVIDENCE
    if (unexplained and not spared) or any(c.own == query.action for c in uncovered):
        return False
    long_message = len(credits) >= LONG_MESSAGE and evidence >= LONG_EVIDENCE
    if best.confidence < (LONG_BELOW if long_message else LESSER_NAMED_BELOW if query.strong else NOT_NAMED_BELOW):
        return False
    if uncovered:
        if query.strong and best.confidence >= SURE_LESSER and evidence >= 1:
            return True
        needed = CENTRAL_SHARE if evidence < STRONG_EVIDENCE else CENTRAL_SHARE_STRONG \
            if evidence < AMPLE_EVIDENCE else CENTRAL_SHARE_AMPLE
        found = match()
        return evidence >= 1 and (found.central >= needed
                                  or (evidence >= STRONG_EVIDENCE and found.segment >= SEGMENT_SHARE))
    covered = match()
    together = len(credits) >= 3 and covered.segment >= 0.95
    written = [c for c in specific if _written(index, c, number)]
    return bool(written or pairs) or together


def _unheard(index: Index, query: Query, number: int, named: bool = False) -> bool:
    """A name the guidance never uses, left uncovered ("the Wagner Group", "in Australia"): the question is
    about something the documents do not cover, however much of the rest they do. In a question that names
    Prevent or Channel alone (`named`), only a name longer than an abbreviation ("what did the Shawcross review
    of Prevent recommend"; not "RBKC", "EOIs", which may stand for words the guidance spells out)."""
    terms = index.terms[number]
    return any(c.proper and not c.known and not c.off_topic and not c.credit(terms)
               and not (named and (c.everyday or len(c.own[0]) <= STRAY_LETTERS)) for c in query.concepts)


def _elsewhere(index: Index, query: Query, number: int) -> bool:
    """A count or date asked for a place or other name the guidance uses that the passage does not ("how many people
    went through Channel in Birmingham in 2017", answered by a national passage): the figure is somewhere else's."""
    if not {"number", "date"} & query.intents:
        return False
    terms = index.terms[number]
    return any(len(c.own) == 1 and c.own[0] in index.names and not c.credit(terms) for c in query.concepts)


def _written(index: Index, concept: Concept, number: int) -> bool:
    """Whether the passage's own words (not only its curated phrasings) hold the concept's own stems."""
    return all(index.written_masks.get(s, 0) >> number & 1 for s in concept.own) or authored(index, concept, number)


def _wider(concept: Concept, terms: frozenset[str]) -> bool:
    """A phrase whose last word the passage uses ("young person" where it says "a person"): the passage speaks of
    the wider thing, which takes it in."""
    return len(concept.own) > 1 and concept.own[-1] in terms


def _stray(index: Index, concept: Concept, wordy: bool) -> bool:
    """A word found neither in the content nor among everyday words that need not block an otherwise covered
    question: a short one is an abbreviation or slang ("leics", "feb", "bham"); a longer one that starts with a
    content word is a form of it ("registration", "register"); in a message of LONG_MESSAGE concepts or more,
    any is scene-setting ("stretched", "hypothetically"). A longer word in a short question is a subject of
    its own ("manual handling", "menopause") that the guidance does not cover."""
    if concept.known or len(concept.own) != 1 or len(concept.own[0]) == 2:
        return False
    word = concept.own[0]  # one letter is a piece of an abbreviation ("H&F"); two name a thing ("PA")
    return wordy or len(word) <= STRAY_LETTERS or any(
        word[:end] in index.idf for end in range(len(word) - 1, STRAY_LETTERS - 1, -1))
