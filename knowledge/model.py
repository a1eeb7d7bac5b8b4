"""The knowledge base's typed, frozen records: documents, sections, passages, glossary entries, answers.

Parsing (`knowledge.markdown`, `knowledge.glossary`) produces these; search and rendering read them.
`knowledge.base` re-exports the public ones.
"""

from dataclasses import dataclass, field
from typing import Literal, NamedTuple


@dataclass(frozen=True)
class Passage:
    """A paragraph or bullet group with its heading path: the unit the search ranks and the bot cites."""

    id: str
    doc_id: str
    doc_title: str
    heading_path: tuple[str, ...]
    text: str
    source_url: str
    superseded_note: str | None
    section_id: str
    doc_date: str = ""
    line: int = 0
    doc_publisher: str = ""


@dataclass(frozen=True)
class Section:
    """A heading and the passages directly under it (subsections are separate Sections)."""

    id: str
    doc_id: str
    level: int
    heading_path: tuple[str, ...]
    passage_ids: tuple[str, ...]
    line: int


@dataclass(frozen=True)
class Document:
    """One source file: its front matter, sections in document order and passages."""

    id: str
    title: str
    meta: dict = field(hash=False, compare=False)
    path: str = ""
    sections: tuple[Section, ...] = ()
    passages: tuple[Passage, ...] = ()


@dataclass(frozen=True)
class GlossaryEntry:
    """An acronym or term staff use, with what it stands for and means."""

    id: str
    term: str
    expansion: str
    meaning: str
    synonyms: tuple[str, ...]
    source_url: str = ""
    general: bool = False
    """A term of safeguarding or local government at large (MASH, DSL, KCSIE), not of Prevent itself: naming
    it does not make a question about Prevent."""


class Hit(NamedTuple):
    """A passage and its confidence (0..1) that it answers the query.

    `excerpt` is set on an answer's first hit when the passage is long and the part that answers is not
    at its start: the lead-in and the answering sentences, verbatim ("" means show the passage).
    """

    passage: Passage
    score: float
    excerpt: str = ""


@dataclass(frozen=True)
class Answer:
    """The decision the bot acts on: a passage, a glossary entry, a choice between passages, the guidance in force
    now (for "is this still current?", see `knowledge.currency`), or none."""

    kind: Literal["passage", "glossary", "ambiguous", "current", "none"]
    hits: tuple[Hit, ...]
    glossary: GlossaryEntry | None = None
    also: Hit | None = None
    """For a passage answer, a close runner-up from elsewhere, shown after it by its answering sentence (its
    excerpt); for a glossary answer, a passage that uses the term, quoted the same way."""
    further: Hit | None = None
    """For a passage answer, the next runner-up after `also`, shown third where the two leave room."""
