"""Load and validate the knowledge content: source documents, glossary, alternate phrasings, synonyms.

`load_corpus` reads `sources/*.md`, `glossary.yaml` and `alternates.yaml` (phrasings keyed by section or
passage, popular queries and everyday synonym groups) under a content folder and returns the parsed
corpus with every problem found; `check_corpus` returns only the problems (what
`python -m knowledge check` prints). Each problem names the file, the line and the field.
"""

import hashlib
from dataclasses import dataclass
from pathlib import Path

from knowledge import CONTENT_DIR
from knowledge.errors import ContentError
from knowledge.glossary import load_yaml, parse_glossary
from knowledge.markdown import parse_document
from knowledge.model import Document, GlossaryEntry

SOURCES = "sources"
GLOSSARY = "glossary.yaml"
ALTERNATES = "alternates.yaml"


@dataclass(frozen=True)
class Corpus:
    """Everything the index is built from, plus a hash of the files for caches and dialog state."""

    documents: tuple[Document, ...]
    glossary: tuple[GlossaryEntry, ...]
    alternates: dict[str, tuple[str, ...]]
    version: str
    popular: tuple[str, ...] = ()
    synonyms: tuple[tuple[str, ...], ...] = ()


def _popular(path: Path, data: dict) -> tuple[tuple[str, ...], list[ContentError]]:
    popular = data.get("popular", [])
    if not isinstance(popular, list) or not all(isinstance(p, str) and p.strip() for p in popular):
        return (), [ContentError(path, "popular must be a list of short queries", 1, "popular")]
    return tuple(p.strip() for p in popular), []


def _synonyms(path: Path, data: dict) -> tuple[tuple[tuple[str, ...], ...], list[ContentError]]:
    """Word groups under `synonyms:`: each a list of at least two distinct words or phrases."""
    raw = data.get("synonyms", [])
    if not isinstance(raw, list):
        return (), [ContentError(path, "synonyms must be a list of word groups", 1, "synonyms")]
    groups: list[tuple[str, ...]] = []
    errors: list[ContentError] = []
    for group in raw:
        if not isinstance(group, list) or len(group) < 2 \
                or not all(isinstance(w, str) and w.strip() for w in group):
            errors.append(ContentError(path, f"synonym group {group!r} must list two or more words", 1, "synonyms"))
            continue
        words = tuple(dict.fromkeys(w.strip().lower() for w in group))
        if len(words) < 2:
            errors.append(ContentError(path, f"synonym group {group!r} repeats one word", 1, "synonyms"))
            continue
        groups.append(words)
    return tuple(groups), errors


def _alternates(path: Path, section_ids: set[str], passage_ids: set[str]
                ) -> tuple[dict[str, tuple[str, ...]], tuple[str, ...], tuple[tuple[str, ...], ...],
                           list[ContentError]]:
    """Alternate phrasings keyed by section or passage id, popular queries and synonym groups."""
    if not path.exists():
        return {}, (), (), []
    data, errors = load_yaml(path)
    if errors:
        return {}, (), (), errors
    if not isinstance(data, dict) or not isinstance(data.get("alternates"), dict):
        return {}, (), (), [ContentError(path, "expected a mapping with an 'alternates' mapping", 1, "alternates")]
    if not data.get("version"):
        errors.append(ContentError(path, "missing version", 1, "version"))
    popular, popular_errors = _popular(path, data)
    errors.extend(popular_errors)
    synonyms, synonym_errors = _synonyms(path, data)
    errors.extend(synonym_errors)
    table = data["alternates"]
    lines = _key_lines(path)
    result: dict[str, tuple[str, ...]] = {}
    for key, phrasings in table.items():
        if key == "__line__":
            continue
        line = lines.get(key)
        if key not in section_ids and key not in passage_ids:
            errors.append(ContentError(path, f"{key!r} is not a section or passage id in sources/", line, key))
            continue
        if not isinstance(phrasings, list) or not phrasings \
                or not all(isinstance(p, str) and p.strip() for p in phrasings):
            errors.append(ContentError(path, "phrasings must be a non-empty list of strings", line, key))
            continue
        seen: set[str] = set()
        for phrasing in phrasings:
            if phrasing.strip().lower() in seen:
                errors.append(ContentError(path, f"duplicate phrasing {phrasing!r}", line, key))
            seen.add(phrasing.strip().lower())
        result[key] = tuple(p.strip() for p in phrasings)
    return result, popular, synonyms, errors


def _key_lines(path: Path) -> dict[str, int]:
    """Line of each top-level key under `alternates:` (keys are unique, so a text scan is enough)."""
    lines: dict[str, int] = {}
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        stripped = raw.strip()
        if raw.startswith("  ") and not raw.startswith("   ") and stripped.endswith(":"):
            lines.setdefault(stripped[:-1].strip("'\""), number)
    return lines


def _version(paths: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in sorted(paths):
        digest.update(path.name.encode())
        digest.update(path.read_bytes() if path.exists() else b"")
    return digest.hexdigest()[:16]


def load_corpus(content_dir: Path = CONTENT_DIR) -> tuple[Corpus, list[ContentError]]:
    """The parsed content under `content_dir` and every problem found in it."""
    content_dir = Path(content_dir)
    errors: list[ContentError] = []
    sources = sorted((content_dir / SOURCES).glob("*.md"))
    if not sources:
        errors.append(ContentError(content_dir / SOURCES, "no source documents (*.md)"))
    documents: list[Document] = []
    passage_ids: dict[str, str] = {}
    for path in sources:
        document, doc_errors = parse_document(path)
        errors.extend(doc_errors)
        if document is None:
            continue
        if any(d.id == document.id for d in documents):
            errors.append(ContentError(path, f"duplicate document id {document.id!r}", 1, "id"))
            continue
        for passage in document.passages:
            if passage.id in passage_ids:
                errors.append(ContentError(path, f"duplicate passage id {passage.id!r}", passage.line, "id"))
            passage_ids[passage.id] = str(path)
        documents.append(document)
    glossary_path = content_dir / GLOSSARY
    glossary, glossary_errors = parse_glossary(glossary_path)
    errors.extend(glossary_errors)
    section_ids = {s.id for d in documents for s in d.sections}
    alternates, popular, synonyms, alt_errors = _alternates(content_dir / ALTERNATES, section_ids,
                                                            set(passage_ids))
    errors.extend(alt_errors)
    version = _version([*sources, glossary_path, content_dir / ALTERNATES])
    return Corpus(tuple(documents), glossary, alternates, version, popular, synonyms), errors


def check_corpus(content_dir: Path = CONTENT_DIR) -> list[ContentError]:
    """Every problem in the sources, glossary and alternates (empty when the content is valid)."""
    return load_corpus(content_dir)[1]
