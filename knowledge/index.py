"""An immutable BM25F index over passages, built once at start-up.

Each passage is indexed in six fields with their own weights: its deepest heading, the headings above it, the
document title (a cover note's body leaves out the title's words), its body, the alternate phrasings curated for it
or its section, and the glossary expansions of terms it mentions ("CTLP" also matches "counter terrorism local
profile"). Per-term contributions are precomputed, so a query is a few dictionary look-ups and sums.

Beside the postings the index keeps what reranking and excerpts need: each passage's sentences and list lines
("segments") as stem sets, the kinds of fact it states (numbers, dates, how often, how long, email addresses, links,
a letter's signature, what came of something: "how often" wants a passage that says how often), and its "central"
terms, the ones it is about rather than mentions in passing (its headings, first sentence and repeated words).
The surface vocabulary (with stopwords) is kept for typo correction.
"""

import math
import re
from collections import Counter
from dataclasses import dataclass
from dataclasses import field as _field
from itertools import pairwise

from knowledge.glossary import Glossary
from knowledge.model import Passage
from knowledge.statements import definitions, list_subjects
from knowledge.text import STOPWORDS, analyse, fold, phrase_stems, plain, segments, stem, words

FIELDS = ("head", "path", "title", "body", "alt", "gloss")
WEIGHTS = {"head": 2.2, "path": 0.9, "title": 1.5, "body": 1.0, "alt": 0.6, "gloss": 0.5}
B = {"head": 0.3, "path": 0.3, "title": 0.0, "body": 0.75, "alt": 0.75, "gloss": 0.5}
NO_DF = ("title",)
"""Left out of document frequency: a document's passages share its title ("toolkit" is no stopword)."""
K1 = 1.2
CASE_STUDY = 0.65
"""Case studies illustrate; for a general question the guidance itself is the better answer (a question
asking for an example, or naming the place, lifts the cut: see `knowledge.search`)."""
QUESTION_PENALTY = 0.5
"""A list of the self-assessment's questions asks rather than answers: its prior is cut by this share (see search)."""


@dataclass(frozen=True)
class Index:
    """Postings (term -> ((passage number, contribution), ...)), idf and per-passage term sets."""

    passages: tuple[Passage, ...]
    postings: dict[str, tuple[tuple[int, float], ...]]
    idf: dict[str, float]
    terms: tuple[frozenset[str], ...]
    vocabulary: dict[str, str]
    max_idf: float
    priors: tuple[float, ...]
    """Per passage, how likely it is to be an answer at all (case studies and question lists less so)."""
    asks: tuple[float, ...]
    """Per passage, the share of its sentences that are questions (the self-assessment prompts)."""
    bigrams: tuple[frozenset[tuple[str, str]], ...]
    spans: tuple[tuple[tuple[int, int], ...], ...] = ()
    """Per passage, the (start, end) character spans of its segments in `Passage.text`."""
    segment_terms: tuple[tuple[frozenset[str], ...], ...] = ()
    """Per passage, the stems of each segment plus those of its heading."""
    segment_kinds: tuple[tuple[frozenset[str], ...], ...] = ()
    kinds: tuple[frozenset[str], ...] = ()
    central: tuple[frozenset[str], ...] = ()
    """Per passage, what it is about: headings, first sentence and repeated words (not its curated
    phrasings: with several per passage they name more than the passage is about)."""
    topic: tuple[frozenset[str], ...] = ()
    """Per passage, the stems of its headings alone (curated phrasings count one at a time: `phrasings`)."""
    contexts: tuple[int, ...] = ()
    """Per passage, the length of a lead-in repeated from the previous chunk (shown, not indexed)."""
    defines: tuple[frozenset[tuple[str, ...]], ...] = ()
    """Per passage, the stem phrases its sentences define ("Channel is a voluntary... programme")."""
    lists: tuple[frozenset[tuple[str, ...]], ...] = ()
    """Per passage, the stems of what its lists are of ("A proactive communications strategy will:")."""
    names: frozenset[str] = frozenset()
    """Stems of names: words always capitalised in the sources (places, people, projects) that are not
    glossary terms ("Luton", "KIKIT"; not "Prevent" or "Channel")."""
    examples: tuple[bool, ...] = ()
    """Per passage, whether it is a case study (its prior carries CASE_STUDY)."""
    pairs: frozenset[tuple[str, str]] = frozenset()
    """Every adjacent stem pair in the content: "prevent lead" is a compound the documents use."""
    general_pairs: frozenset[tuple[str, str]] = frozenset()
    """The adjacent stem pairs of passages that are not case studies: a pair outside them ("dawah stall")
    names what only an example has."""
    term_masks: dict[str, int] = _field(default_factory=dict)
    """Bit sets for fast coverage: stem -> passages (bit n = passage n) whose `terms` hold it; likewise
    `topic_masks` for `topic` and `kind_masks` (fact kind -> passages) for `kinds`."""
    topic_masks: dict[str, int] = _field(default_factory=dict)
    phrasing_masks: dict[str, int] = _field(default_factory=dict)
    """Stem -> the curated phrasings holding it, one bit per phrasing across the whole index (a section's
    phrasings are shared by its passages)."""
    phrasing_bits: tuple[int, ...] = ()
    """Per passage, the bits of its curated phrasings (its section's and its own) in `phrasing_masks`."""
    central_masks: dict[str, int] = _field(default_factory=dict)
    """Like `term_masks`, over each passage's `central` terms."""
    written_masks: dict[str, int] = _field(default_factory=dict)
    """Like `term_masks`, over each passage's fields other than its curated phrasings (its text, headings,
    document title and glossary expansions)."""
    kind_masks: dict[str, int] = _field(default_factory=dict)
    author_masks: dict[tuple[str, ...], int] = _field(default_factory=dict)
    """The stems of each phrase of a publisher's name ("Home Office", "Leicestershire County Council") -> the
    passages of its documents, which answer a question naming their author (a single word of the name
    does not: "office" would cover every question about an office)."""
    segment_masks: tuple[dict[str, int], ...] = ()
    """Per passage, stem -> its segments (bit i = segment i) whose `segment_terms` hold it."""
    segment_kind_masks: tuple[dict[str, int], ...] = ()
    """Per passage, fact kind -> its segments whose `segment_kinds` hold it."""

    def contribution(self, term: str) -> tuple[tuple[int, float], ...]:
        """(passage number, score contribution) for every passage holding the term."""
        return self.postings.get(term, ())


def _gloss_terms(glossary: Glossary, stems: list[str]) -> list[str]:
    """Stems of the terms and expansions of every glossary entry mentioned in a stem sequence."""
    out: list[str] = []
    for _start, _end, entries in glossary.find(stems):
        for entry in entries:
            out.extend(phrase_stems(entry.term) + phrase_stems(entry.expansion))
    return out


def _context(passage: Passage, previous: Passage | None) -> int:
    """How many leading characters repeat the previous chunk's lead-in (a long list split in chunks)."""
    if previous is None or previous.section_id != passage.section_id:
        return 0
    shared = 0
    for mine, theirs in zip(passage.text, previous.text, strict=False):
        if mine != theirs:
            break
        shared += 1
    cut = passage.text.rfind("\n", 0, shared + 1)
    return cut + 1 if cut >= 30 else 0


def _fields(passage: Passage, alternates: tuple[str, ...], glossary: Glossary, context: int = 0
            ) -> dict[str, list[str]]:
    """Stems of each field; a chunk's repeated lead-in is left to the first chunk."""
    head = _unnumbered(passage.heading_path[-1]) if passage.heading_path else ""  # the title is its own field
    path = " ".join(_unnumbered(h) for h in passage.heading_path[:-1])
    body = analyse(passage.text[context:])
    alt = [s for phrasing in alternates for s in analyse(phrasing)]
    ordered = [stem(w) for w in words(plain(head + " " + passage.text[context:])) if w not in STOPWORDS]
    # documents go by their year and their author's initials: "the 2016 letter", "the OSCT letter", "BCC's slides"
    initials = " ".join(w for w in re.findall(r"[A-Za-z]+", passage.doc_publisher) if len(w) > 1 and w.isupper())
    title = analyse(f"{passage.doc_title} {passage.doc_date[:4]} {initials}")
    if not passage.heading_path:  # a cover note names its document, as every passage's title field already does
        body = [s for s in body if s not in title]
    return {"head": analyse(head), "path": analyse(path), "title": title, "body": body,
            "alt": alt,
            "gloss": _gloss_terms(glossary, ordered)}


_HEADING_NUMBER = re.compile(r"^\s*\d+(?:\.\d+)*\.?\s+")


def _phrasing_tables(passages: tuple[Passage, ...], alternates: dict[str, tuple[str, ...]]) -> dict:
    """`phrasing_masks` and `phrasing_bits`: every curated phrasing numbered once, keyed as in alternates.yaml."""
    keys = list(dict.fromkeys(k for p in passages for k in (p.section_id, p.id) if k in alternates))
    stems, first = [], {}
    for key in keys:
        first[key] = len(stems)
        stems.extend(frozenset(analyse(phrasing)) for phrasing in alternates[key])
    bits = []
    for passage in passages:
        mine = 0
        for key in (passage.section_id, passage.id):
            if key in first:
                mine |= ((1 << len(alternates[key])) - 1) << first[key]
        bits.append(mine)
    return {"phrasing_masks": _bits(stems), "phrasing_bits": tuple(bits)}


def _phrasings_of(passage: Passage, alternates: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
    """The curated phrasings of a passage: its section's, then its own."""
    return alternates.get(passage.section_id, ()) + alternates.get(passage.id, ())


def _unnumbered(heading: str) -> str:
    """A heading without its section number: "2.4 Is a designated..." is not about the number 4."""
    return _HEADING_NUMBER.sub("", heading)


def build_index(passages: tuple[Passage, ...], alternates: dict[str, tuple[str, ...]],
                glossary: Glossary) -> Index:
    """Index the passages; `alternates` is keyed by section id or passage id."""
    contexts = [_context(p, passages[n - 1] if n else None) for n, p in enumerate(passages)]
    fields = [_fields(p, _phrasings_of(p, alternates), glossary, context)
              for p, context in zip(passages, contexts, strict=True)]
    counts = [{name: Counter(f[name]) for name in FIELDS} for f in fields]
    lengths = {name: [len(f[name]) for f in fields] for name in FIELDS}
    average = {name: max(1.0, sum(v) / max(1, len(v))) for name, v in lengths.items()}
    df: Counter[str] = Counter()
    for per_field in counts:
        df.update(set().union(*(c.keys() for name, c in per_field.items() if name not in NO_DF)))
    total = len(passages)
    idf = {t: math.log(1 + (total - n + 0.5) / (n + 0.5)) for t, n in df.items()}
    for per_field in counts:
        for term in per_field["title"]:
            idf.setdefault(term, math.log(1 + (total - 0.5) / 1.5))
    postings: dict[str, list[tuple[int, float]]] = {}
    for number, per_field in enumerate(counts):
        weighted: Counter[str] = Counter()
        for name in FIELDS:
            norm = 1 - B[name] + B[name] * lengths[name][number] / average[name]
            for term, tf in per_field[name].items():
                weighted[term] += WEIGHTS[name] * tf / norm
        for term, tf in weighted.items():
            postings.setdefault(term, []).append((number, idf[term] * tf * (K1 + 1) / (K1 + tf)))
    vocabulary = _vocabulary(passages, alternates, glossary)
    terms = tuple(frozenset().union(*(c.keys() for c in per_field.values())) for per_field in counts)
    tables = _segment_tables(passages, fields, contexts)
    return Index(
        passages=passages,
        postings={t: tuple(v) for t, v in postings.items()},
        idf=idf,
        terms=terms,
        vocabulary=vocabulary,
        max_idf=max(idf.values(), default=1.0),
        priors=tuple(_prior(p) for p in passages),
        asks=tuple(_questions(p) for p in passages),
        bigrams=tuple(_pairs(f["head"]) | _pairs(f["body"]) | _pairs(f["alt"]) for f in fields),
        contexts=tuple(contexts),
        defines=tuple(definitions(p.text) for p in passages),
        lists=tuple(list_subjects(p.text) for p in passages),
        **tables,
        **_mask_tables(terms, tables),
        names=_names(passages, glossary),
        examples=tuple(_example(p) for p in passages),
        **_phrasing_tables(passages, alternates),
        central_masks=_bits(tables["central"]),
        author_masks=_author_masks(passages),
        written_masks=_bits(frozenset().union(*(c.keys() for name, c in per_field.items() if name != "alt"))
                            for per_field in counts),
        pairs=frozenset().union(*(_pairs(f["head"]) | _pairs(f["body"]) | _pairs(f["alt"]) for f in fields)),
        general_pairs=frozenset().union(*(_pairs(f["head"]) | _pairs(f["body"]) | _pairs(f["alt"])
                                          for f, p in zip(fields, passages, strict=True) if not _example(p))),
    )


def _author_masks(passages: tuple[Passage, ...]) -> dict[tuple[str, ...], int]:
    masks: dict[tuple[str, ...], int] = {}
    for number, passage in enumerate(passages):
        for name in re.split(r"[,()]", passage.doc_publisher):
            phrase = phrase_stems(name)
            if len(phrase) > 1:
                masks[phrase] = masks.get(phrase, 0) | 1 << number
    return masks


_INNER_WORD = re.compile(r"(?<=[a-z0-9,;]\s)([A-Za-z][a-z'’]+)\b")


def _names(passages: tuple[Passage, ...], glossary: Glossary) -> frozenset[str]:
    """Stems of words that are always capitalised where they occur inside a sentence, less glossary terms."""
    seen: dict[str, bool] = {}
    for passage in passages:
        for match in _INNER_WORD.finditer(plain(passage.text)):
            word = match.group(1)
            key = word.lower().replace("'", "").replace("’", "")
            seen[key] = seen.get(key, True) and word[0].isupper()
    glossed = {s for e in glossary.entries for f in glossary.forms(e) for s in f}
    return frozenset(stem(w) for w, upper in seen.items() if upper and w not in STOPWORDS) - glossed


KINDS = {
    "number": re.compile(r"\b\d[\d,.%]*\b|\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|"
                         r"twenty|thirty|forty|fifty|hundreds?|thousands?|dozens?)\b(?![- ](?:tier|way|fold|thirds?|"
                         r"stage|step|sided|(?:minute|hour|day|week|month|year)s?\b))", re.I),
    "date": re.compile(r"\b(?:19|20)\d\d\b|\b(?:january|february|march|april|june|july|august|september|"
                       r"october|november|december|autumn|spring|summer|winter)\b|\b\d{1,2}/\d{1,2}\b", re.I),
    "frequency": re.compile(r"\b(?:annual(?:ly)?|yearly|monthly|quarterly|weekly|fortnightly|daily|twice|"
                            r"every|regular(?:ly)?|per (?:year|month|week)|once a|after \d+|"
                            r"\d+ and \d+ months)\b", re.I),
    "duration": re.compile(r"\b(?:\d+|one|two|half)[- ](?:minute|hour|day|week|month|year)s?\b|"
                           r"\b(?:one|two)/(?:one|two)[- ]day\b|\b\d+ (?:minutes|hours|days|weeks|months)\b", re.I),
    "outcome": re.compile(r"\b(?:outcomes?|as a result|resulted in|led to|has (?:not|since|now)|have since|"
                         r"since then|successful(?:ly)?|reduced|increased|improved|took the decision|"
                         r"(?:was|were) cancelled|went ahead|no further (?:issues|problems|incidents))\b", re.I),
    "percent": re.compile(r"\d\s?%|\bper ?cent\b", re.I),
    "money": re.compile(r"£\s?\d|\bfree(?:ly)?\b|\bcost-free\b|\bno (?:further )?cost|\bno charge\b|\bunpaid\b", re.I),
    "email": re.compile(r"@[\w-]+\.[a-z]"), "phone": re.compile(r"\b0\d{2,4}[ -]?\d{3}[ -]?\d{3,4}\b|\b999\b"),
    "link": re.compile(r"https?://|www\.|\.gov\.uk|\.com\b|\.net/", re.I),
    "signatory": re.compile(r"^[A-Z][a-z]+(?: [A-Z][a-z]+)+, (?:Director|Head|Chief|Minister|Secretary)\b", re.M),
    "members": re.compile(r"\b(?:representation (?:from|of)|represented (?:by|on)|representatives? (?:from|of)"
                          r"|membership|members (?:include|are|should)|made up of|attended by|sit on|should include"
                          r"|chaired by|partners named|consist(?:s|ing)? of|comprises?|drawn from)\b", re.I),
    "obligation": re.compile(r"\b(?:voluntar(?:y|ily)|consent(?:s|ed)?|compulsory|mandatory|optional|statutory (?:duty"
                             r"|requirement|guidance|footing)|not (?:a )?(?:legal )?requirement|legally (?:required"
                             r"|binding|obliged)|obliged to|(?:is|are) (?:not )?required to|choose (?:not )?to"
                             r"|opt(?:ed)? (?:out|in)|refuse[sd]?|decline[sd]?)\b", re.I),
    "legality": re.compile(r"\b(?:unlawful(?:ly)?|(?:is|are|be|not) lawful|illegal(?:ly)?|(?:not )?permissible"
                           r"|not permitted|prohibited|against the law)\b", re.I),
}
"""The kinds of fact a passage or segment states, for "how often", "what's the email", "who sits on", "can they be
made to", "is that allowed" (what is unlawful, not every mention of the law)."""


def _pairs(stems: list[str]) -> frozenset[tuple[str, str]]:
    """Adjacent stem pairs of a field, for matching the question's words in order."""
    return frozenset(pairwise(stems))


_LABEL = re.compile(r"^\s*[-*]\s+(?:\*\*)?([A-Za-z][^.:\u2013\n*]{2,60}?)\s*(?::\*\*|\*\*:|:|\s\u2013)", re.M)
LABEL_PASSAGES = 2
"""A label word used in more passages than this ("Outcome:", "Benchmark 3:") names a format, not a topic."""


def _labels(text: str) -> frozenset[str]:
    """Stems of the labels that open a passage's list items ("- **Reputation:** ...", "- Strategic
    oversight – ..."): sub-headings in all but layout, so what a passage is about."""
    return frozenset(s for match in _LABEL.finditer(text) for s in analyse(match.group(1)))


_NUMBERING = re.compile(r"^\s*(?:[-*]\s*)?(?:\*\*)?(?:\d+(?:\.\d+)+\.?|\d+\.|[a-z]\))\s|\b(?:[Ss]ection|[Bb]enchmark"
                        r"|[Cc]hapter|[Pp]aragraph|[Qq]uestion)s? \d+(?:\.\d+)*", re.M)


def kinds_of(text: str) -> frozenset[str]:
    """The fact kinds (see KINDS) that a piece of text states (list and part numbers, "section 7", are not numbers)."""
    text = _NUMBERING.sub(" ", text)
    return frozenset(kind for kind, pattern in KINDS.items()
                     if (kind != "email" or "@" in text) and pattern.search(text))


def _segment_tables(passages: tuple[Passage, ...], fields: list[dict[str, list[str]]],
                    contexts: list[int]) -> dict:
    """Segments' spans, stems and fact kinds; passage fact kinds and central terms."""
    spans, terms, seg_kinds, kinds, central, topic = [], [], [], [], [], []
    labels = [_labels(passage.text[context:]) for passage, context in zip(passages, contexts, strict=True)]
    everywhere = {s for s, n in Counter(s for found in labels for s in found).items() if n > LABEL_PASSAGES}
    for passage, field, context, found in zip(passages, fields, contexts, labels, strict=True):
        own = [(a + context, b + context) for a, b in segments(passage.text[context:])]
        head = frozenset(field["head"])
        spans.append(tuple(own))
        terms.append(tuple(head | frozenset(analyse(passage.text[a:b])) for a, b in own))
        seg_kinds.append(tuple(kinds_of(passage.text[a:b]) for a, b in own))
        kinds.append(kinds_of(plain(passage.text[context:])))
        repeated = {t for t, n in Counter(field["body"]).items() if n >= 2}
        first = terms[-1][0] if terms[-1] else frozenset()
        topic.append(frozenset(field["head"]) | frozenset(field["path"]) | (found - everywhere))
        central.append(topic[-1] | first | repeated)
    return {"spans": tuple(spans), "segment_terms": tuple(terms), "segment_kinds": tuple(seg_kinds),
            "kinds": tuple(kinds), "central": tuple(central), "topic": tuple(topic)}


def _bits(sets) -> dict[str, int]:
    """item -> bit set of the positions of the sets holding it."""
    masks: dict[str, int] = {}
    for position, items in enumerate(sets):
        bit = 1 << position
        for item in items:
            masks[item] = masks.get(item, 0) | bit
    return masks


def _mask_tables(terms: tuple[frozenset[str], ...], tables: dict) -> dict:
    """The bit sets (see `Index.term_masks`) that let a query test many passages or segments at once."""
    return {"term_masks": _bits(terms), "topic_masks": _bits(tables["topic"]), "kind_masks": _bits(tables["kinds"]),
            "segment_masks": tuple(_bits(segs) for segs in tables["segment_terms"]),
            "segment_kind_masks": tuple(_bits(segs) for segs in tables["segment_kinds"])}


_SENTENCES = re.compile(r"[^.?!\n]+[.?!]?")


def _questions(passage: Passage) -> float:
    """The share of a passage's sentences that are questions; a question heading weighs as much as the text
    when the text asks questions too (a paragraph under "Who should be involved?" answers it; a list of
    prompts under a self-assessment question asks)."""
    sentences = [s.strip() for s in _SENTENCES.findall(plain(passage.text)) if len(s.strip()) > 12]
    if not sentences:
        return 0.0
    questions = sum(s.endswith("?") for s in sentences) / len(sentences)
    if passage.heading_path and passage.heading_path[-1].endswith("?") and questions:
        questions = (questions + 1) / 2
    return questions


def _example(passage: Passage) -> bool:
    return any("case study" in h.lower() for h in passage.heading_path)


def _prior(passage: Passage) -> float:
    """Passages that are mostly questions (self-assessment prompts) or examples are less likely answers."""
    return (1.0 - QUESTION_PENALTY * _questions(passage)) * (CASE_STUDY if _example(passage) else 1.0)


def _vocabulary(passages: tuple[Passage, ...], alternates: dict[str, tuple[str, ...]],
                glossary: Glossary) -> dict[str, str]:
    """Surface word -> stem for every word in the content, glossary and stopword list."""
    texts = [p.doc_title + " " + " ".join(p.heading_path) + " " + plain(p.text) for p in passages]
    texts += [p for phrasings in alternates.values() for p in phrasings]
    texts += [" ".join((e.term, e.id, e.expansion, *e.synonyms)) for e in glossary.entries]
    vocabulary = {w: stem(w) for text in texts for w in words(text) if len(w) > 1 and not w.isdigit()}
    vocabulary.update({w: "" for w in STOPWORDS if len(w) > 1})
    vocabulary.update({fold(w): s for w, s in list(vocabulary.items()) if s})
    return vocabulary
