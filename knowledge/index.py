"""An immutable BM25F index over passages, built once at start-up.

Each passage is indexed in five fields with their own weights: its deepest heading, the headings
above it, its body, the alternate phrasings curated for it or its section, and the glossary
expansions of terms it mentions (a passage saying "CTLP" also matches "counter terrorism local
profile"). Per-term contributions are precomputed, so a query is a few dictionary look-ups and sums.
The surface vocabulary (with stopwords) is kept for typo correction.
"""

import math
import re
from collections import Counter
from dataclasses import dataclass

from knowledge.glossary import Glossary
from knowledge.model import Passage
from knowledge.text import STOPWORDS, analyse, fold, phrase_stems, plain, stem, words

FIELDS = ("head", "path", "title", "body", "alt", "gloss")
WEIGHTS = {"head": 2.2, "path": 0.9, "title": 0.5, "body": 1.0, "alt": 1.4, "gloss": 0.5}
B = {"head": 0.3, "path": 0.3, "title": 0.0, "body": 0.75, "alt": 0.5, "gloss": 0.5}
NO_DF = ("title",)
"""Fields left out of document frequency: every passage of a document shares its title, so counting
it would make "toolkit" or "Leicestershire" look like stopwords."""
K1 = 1.2
CASE_STUDY = 0.85
"""Case studies illustrate; for a general question the guidance itself is the better answer."""


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
    links: tuple[bool, ...]
    numbers: tuple[bool, ...]
    bigrams: tuple[frozenset[tuple[str, str]], ...]

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


def _fields(passage: Passage, alternates: tuple[str, ...], glossary: Glossary) -> dict[str, list[str]]:
    head = passage.heading_path[-1] if passage.heading_path else passage.doc_title
    path = " ".join(passage.heading_path[:-1])
    body = analyse(passage.text)
    alt = [s for phrasing in alternates for s in analyse(phrasing)]
    ordered = [stem(w) for w in words(plain(head + " " + passage.text)) if w not in STOPWORDS]
    return {"head": analyse(head), "path": analyse(path), "title": analyse(passage.doc_title), "body": body,
            "alt": alt,
            "gloss": _gloss_terms(glossary, ordered)}


def build_index(passages: tuple[Passage, ...], alternates: dict[str, tuple[str, ...]],
                glossary: Glossary) -> Index:
    """Index the passages; `alternates` is keyed by section id or passage id."""
    fields = [
        _fields(p, alternates.get(p.section_id, ()) + alternates.get(p.id, ()), glossary) for p in passages
    ]
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
    return Index(
        passages=passages,
        postings={t: tuple(v) for t, v in postings.items()},
        idf=idf,
        terms=tuple(frozenset().union(*(c.keys() for c in per_field.values())) for per_field in counts),
        vocabulary=vocabulary,
        max_idf=max(idf.values(), default=1.0),
        priors=tuple(_prior(p) for p in passages),
        links=tuple(bool(_LINKED.search(p.text)) for p in passages),
        numbers=tuple(bool(_NUMBER.search(p.text)) for p in passages),
        bigrams=tuple(frozenset(zip(f["head"] + f["body"], f["head"][1:] + f["body"][1:], strict=False))
                      for f in fields),
    )


_NUMBER = re.compile(r"\b\d[\d,]*\b")
_LINKED = re.compile(r"https?://|www\.|@[a-z0-9.-]+\.[a-z]{2,}", re.I)
_SENTENCES = re.compile(r"[^.?!\n]+[.?!]?")


def _prior(passage: Passage) -> float:
    """Passages that are mostly questions (self-assessment prompts) are less likely to be answers."""
    sentences = [s.strip() for s in _SENTENCES.findall(plain(passage.text)) if len(s.strip()) > 12]
    if not sentences:
        return 1.0
    questions = sum(s.endswith("?") for s in sentences) / len(sentences)
    if passage.heading_path and passage.heading_path[-1].endswith("?"):
        questions = (questions + 1) / 2
    example = any("case study" in h.lower() for h in passage.heading_path)
    return (1.0 - 0.3 * questions) * (CASE_STUDY if example else 1.0)


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
