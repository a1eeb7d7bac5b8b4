"""The knowledge base facade: load the content once, then answer, search and navigate passages.

`load_knowledge_base()` validates the content (raising InvalidContent with every error found) and
builds the index, or loads both from the on-disk cache when nothing they depend on changed; the
resulting `KnowledgeBase` is immutable and safe to share between requests.
`version` is a hash of the content files, for caches and for dialog state that points at passages.
"""

import logging
from dataclasses import dataclass
from pathlib import Path

from knowledge import CONTENT_DIR, index_cache
from knowledge.corpus import load_corpus
from knowledge.currency import CurrentGuidance, current_guidance, is_currency_question
from knowledge.errors import InvalidContent
from knowledge.glossary import Glossary, Thesaurus
from knowledge.index import build_index
from knowledge.leads import Lead, read_on
from knowledge.model import Answer, Document, GlossaryEntry, Hit, Passage, Section
from knowledge.search import Searcher
from knowledge.text import analyse

__all__ = ["CURRENT_GUIDANCE_ID", "GLOSSARY_PREFIX", "Answer", "CurrentGuidance", "GlossaryEntry", "Hit",
           "KnowledgeBase", "Lead", "Passage", "load_knowledge_base"]

log = logging.getLogger(__name__)
GLOSSARY_TITLE = "Prevent Signpost glossary"
CURRENT_GUIDANCE_ID = "guidance/current"
GLOSSARY_PREFIX = "glossary/"
"""Answer ids, on which feedback is counted: a passage's id, GLOSSARY_PREFIX and an entry's id, or
CURRENT_GUIDANCE_ID for the list of guidance in force now."""
POPULAR_TOPICS = 8


@dataclass(frozen=True)
class _Tables:
    documents: tuple[Document, ...]
    passages: dict[str, Passage]
    numbers: dict[str, int]
    sections: dict[str, Section]
    section_numbers: dict[str, int]
    """Section id -> its position in its document's sections."""


class KnowledgeBase:
    """Answers and passages over the loaded content; build with `load_knowledge_base`."""

    def __init__(self, documents: tuple[Document, ...], glossary: Glossary, searcher: Searcher, version: str,
                 popular: tuple[str, ...] = ()):
        self.version = version
        self._popular = popular
        self.glossary = glossary
        self._searcher = searcher
        passages = searcher.index.passages
        self._tables = _Tables(
            documents=documents,
            passages={p.id: p for p in passages},
            numbers={p.id: n for n, p in enumerate(passages)},
            sections={s.id: s for d in documents for s in d.sections},
            section_numbers={s.id: n for d in documents for n, s in enumerate(d.sections)},
        )
        self._current = current_guidance(documents)
        self._related: dict[tuple[str, int], tuple[Passage, ...]] = {}
        self._section_passages = {s.id: self._gather(s) for d in documents for s in d.sections}
        self._section_texts = {sid: _section_markdown(ps) for sid, ps in self._section_passages.items()}
        self._leads = {p.id: read_on(p, self.section_passages(p.id), self.section_text) for p in passages}

    @property
    def documents(self) -> tuple[Document, ...]:
        return self._tables.documents

    @property
    def current_guidance(self) -> tuple[CurrentGuidance, ...]:
        """The guidance in force now, as the replaced sources name it."""
        return self._current

    def ask(self, query: str) -> Answer:
        """The decision the bot acts on: a passage, a glossary entry, a choice, the current guidance, or no
        answer."""
        if not query or not query.strip():
            return Answer("none", ())
        if self._current and is_currency_question(query[:500]):
            return Answer("current", ())
        return self._searcher.ask(query[:500])

    def search(self, query: str, k: int = 5) -> list[Hit]:
        """The k best passages for a query with confidences in 0..1, best first."""
        if not query or not query.strip() or k <= 0:
            return []
        return self._searcher.search(query[:500], k)

    def passage(self, passage_id: str) -> Passage | None:
        """A passage by id, or None."""
        return self._tables.passages.get(passage_id)

    def section(self, section_id: str) -> Section | None:
        """A section by id, or None."""
        return self._tables.sections.get(section_id)

    def section_passages(self, passage_id: str) -> tuple[Passage, ...]:
        """The passages of a passage's section and of its subsections, in document order."""
        passage = self.passage(passage_id)
        return self._section_passages[passage.section_id] if passage else ()

    def section_text(self, passage_id: str) -> str:
        """The whole section of a passage as Markdown (subsection headings in bold), for "Show more"."""
        passage = self.passage(passage_id)
        return self._section_texts[passage.section_id] if passage else ""

    def lead(self, passage_id: str) -> Lead | None:
        """What an answer shows of a passage read from its start (see `knowledge.leads`), or None."""
        return self._leads.get(passage_id)

    def _gather(self, section: Section) -> tuple[Passage, ...]:
        document = next(d for d in self.documents if d.id == section.doc_id)
        start = self._tables.section_numbers[section.id]
        chosen = [section]
        for other in document.sections[start + 1:]:
            if other.level <= section.level:
                break
            chosen.append(other)
        return tuple(self._tables.passages[pid] for s in chosen for pid in s.passage_ids)

    def related(self, passage_id: str, k: int = 3) -> list[Passage]:
        """Passages from other sections on a similar subject, for follow-up suggestions."""
        key = (passage_id, k)
        if key not in self._related:  # a pure function of the immutable index: worked out once per passage
            self._related[key] = tuple(self._find_related(passage_id, k))
        return list(self._related[key])

    def _find_related(self, passage_id: str, k: int) -> list[Passage]:
        passage = self.passage(passage_id)
        if passage is None or k <= 0:
            return []
        index = self._searcher.index
        stems = analyse(" ".join(passage.heading_path[-1:]) + " " + passage.text)
        rare = sorted(set(stems), key=lambda s: (-index.idf.get(s, 0.0), s))[:12]  # a tie by name, not set order
        scores: dict[int, float] = {}
        for term in rare:
            for number, contribution in index.contribution(term):
                scores[number] = scores.get(number, 0.0) + contribution
        out: list[Passage] = []
        seen_sections = {passage.section_id}
        for number, _score in sorted(scores.items(), key=lambda item: (-item[1], item[0])):
            candidate = index.passages[number]
            if candidate.section_id in seen_sections or "Self-Assessment" in " ".join(candidate.heading_path):
                continue
            seen_sections.add(candidate.section_id)
            out.append(candidate)
            if len(out) == k:
                break
        return out

    def popular_topics(self) -> list[str]:
        """Short queries that each find a good passage, for an empty message-extension search."""
        if self._popular:
            return list(self._popular)
        topics = [s.heading_path[-1].split(". ", 1)[-1] for d in self.documents[:1] for s in d.sections
                  if s.level == 2 and s.passage_ids]
        return topics[:POPULAR_TOPICS]

    def glossary_entry(self, term: str) -> GlossaryEntry | None:
        """The glossary entry a term names, if any."""
        return self.glossary.lookup(term)

    def answers_to(self, answer_id: str) -> bool:
        """Whether an id names something the bot answers with and counts feedback on: a passage id,
        "glossary/<entry id>" for a glossary answer, or CURRENT_GUIDANCE_ID."""
        if answer_id == CURRENT_GUIDANCE_ID:
            return bool(self._current)
        if answer_id.startswith(GLOSSARY_PREFIX):
            return any(e.id == answer_id[len(GLOSSARY_PREFIX):] for e in self.glossary.entries)
        return answer_id in self._tables.passages


def load_knowledge_base(content_dir: Path = CONTENT_DIR, cache_dir: Path | str | None = "configured"
                        ) -> KnowledgeBase:
    """Validate and index the content under `content_dir`; raises InvalidContent on any error.

    With a `cache_dir` ("configured": the folder INDEX_CACHE_DIR names, see `knowledge.index_cache`), a
    corpus and index built from the same files and code are read from it instead of rebuilt; `None`
    always builds."""
    if cache_dir == "configured":
        cache_dir = index_cache.configured_dir()
    key = index_cache.cache_key(content_dir) if cache_dir is not None else ""
    cached = index_cache.read(cache_dir, key) if cache_dir is not None else None
    from_cache = isinstance(cached, tuple) and len(cached) == 2
    if from_cache:
        corpus, index = cached
    else:
        corpus, errors = load_corpus(content_dir)
        if errors:
            raise InvalidContent(errors)
        index = build_index(tuple(p for d in _ordered(corpus.documents) for p in d.passages), corpus.alternates,
                            Glossary(corpus.glossary))
        if cache_dir is not None:
            index_cache.write(cache_dir, key, (corpus, index))
    glossary = Glossary(corpus.glossary)
    documents = _ordered(corpus.documents)
    searcher = Searcher(index, glossary, Thesaurus(corpus.synonyms))
    log.info("knowledge base %s: %d documents, %d passages, %d glossary entries%s",
             corpus.version, len(documents), len(index.passages), len(corpus.glossary),
             " (index from cache)" if from_cache else "")
    return KnowledgeBase(tuple(documents), glossary, searcher, corpus.version, corpus.popular)


def _ordered(documents: tuple[Document, ...]) -> list[Document]:
    """Documents in their front matter's `order`, then by id."""
    return sorted(documents, key=lambda d: (int(d.meta.get("order", 100)), d.id))


def _section_markdown(passages: tuple[Passage, ...]) -> str:
    """A section's passages as Markdown, each subsection's heading in bold."""
    if not passages:
        return ""
    depth = len(passages[0].heading_path)
    parts: list[str] = []
    current: tuple[str, ...] = passages[0].heading_path
    for passage in passages:
        if passage.heading_path != current:
            current = passage.heading_path
            parts.append("**" + " › ".join(current[depth:] or current[-1:]) + "**")
        parts.append(passage.text)
    return "\n\n".join(parts)
