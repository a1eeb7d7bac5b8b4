"""Parse one source document (Markdown with YAML front matter) into sections and passages.

A passage is a paragraph, or a lead-in line ending in ":" with the list that follows it, under its
heading path. Very short paragraphs are folded into the next passage, a passage that opens by referring
back ("These recommendations...") joins the one before, and long lists are split into chunks that each
repeat the lead-in, so every passage reads on its own. Passage ids are
"<doc id>/<section slug>/<n>". Problems are collected as ContentErrors naming the file and line.
"""

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml

from knowledge.errors import ContentError
from knowledge.model import Document, Passage, Section
from knowledge.text import slugify

REQUIRED_META = ("id", "title", "publisher", "date", "source_url", "licence", "version")
LICENCE = "Open Government Licence v3.0"
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_ITEM = re.compile(r"^\s*(?:[-*+]|\d+\.)\s+")
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
SHORT_PARAGRAPH = 200
LONG_UNIT = 1000
CHUNK = 800


@dataclass
class _Block:
    lines: list[str]
    line: int

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    @property
    def is_list(self) -> bool:
        return bool(_ITEM.match(self.lines[0]))


@dataclass
class _Heading:
    level: int
    title: str
    line: int
    blocks: list[_Block] = field(default_factory=list)


def split_front_matter(text: str, path: Path) -> tuple[dict, str, int, list[ContentError]]:
    """(front matter, body, line number where the body starts, errors)."""
    lines = text.splitlines()
    if not lines or lines[0].strip() != "---":
        return {}, text, 1, [ContentError(path, "missing YAML front matter (--- at line 1)", 1)]
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    except StopIteration:
        return {}, text, 1, [ContentError(path, "front matter is not closed with ---", 1)]
    try:
        meta = yaml.safe_load("\n".join(lines[1:end])) or {}
    except yaml.YAMLError as exc:
        return {}, "", end + 2, [ContentError(path, f"front matter is not valid YAML: {exc}", 2)]
    if not isinstance(meta, dict):
        return {}, "", end + 2, [ContentError(path, "front matter must be a mapping", 2)]
    return meta, "\n".join(lines[end + 1:]), end + 2, []


def check_meta(meta: dict, path: Path) -> list[ContentError]:
    """Errors in a document's front matter (required keys, formats)."""
    errors = []
    for key in REQUIRED_META:
        value = meta.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            errors.append(ContentError(path, "required front matter key is missing or empty", 1, key))
        elif not isinstance(value, str | int | float | date):
            errors.append(ContentError(path, "must be a string", 1, key))
    doc_id = str(meta.get("id", ""))
    if doc_id and not _ID.match(doc_id):
        errors.append(ContentError(path, "id must be lower-case letters, digits and hyphens", 1, "id"))
    if doc_id and doc_id != path.stem:
        errors.append(ContentError(path, f"id {doc_id!r} must match the file name", 1, "id"))
    if meta.get("date") is not None and not _DATE.match(str(meta["date"])):
        errors.append(ContentError(path, "date must be YYYY, YYYY-MM or YYYY-MM-DD", 1, "date"))
    if meta.get("source_url") and not str(meta["source_url"]).startswith("https://"):
        errors.append(ContentError(path, "source_url must be an https:// address", 1, "source_url"))
    if meta.get("licence") and meta["licence"] != LICENCE:
        errors.append(ContentError(path, f"licence must be {LICENCE!r}", 1, "licence"))
    note = meta.get("superseded_by")
    if note is not None and (not isinstance(note, str) or not note.strip()):
        errors.append(ContentError(path, "superseded_by must be a non-empty note", 1, "superseded_by"))
    errors.extend(_current_guidance_errors(meta.get("current_guidance"), path))
    return errors


def _current_guidance_errors(items: object, path: Path) -> list[ContentError]:
    """`current_guidance`: a list of {title, url (https://), about (optional, one note)}."""
    if items is None:
        return []
    if not isinstance(items, list) or not items:
        return [ContentError(path, "current_guidance must be a non-empty list", 1, "current_guidance")]
    errors = []
    for number, item in enumerate(items, start=1):
        field = f"current_guidance[{number}]"
        if not isinstance(item, dict) or not isinstance(item.get("title"), str) or not item["title"].strip():
            errors.append(ContentError(path, "each entry needs a title", 1, field))
        elif not str(item.get("url", "")).startswith("https://"):
            errors.append(ContentError(path, "url must be an https:// address", 1, field))
        elif item.get("about") is not None and (not isinstance(item["about"], str) or not item["about"].strip()):
            errors.append(ContentError(path, "about must be a non-empty note", 1, field))
    return errors


def _headings(body: str, first_line: int, path: Path) -> tuple[list[_Heading], list[ContentError]]:
    """Headings with their blocks; checks one H1 first and no skipped levels."""
    headings: list[_Heading] = []
    errors: list[ContentError] = []
    block: _Block | None = None
    for offset, raw in enumerate(body.splitlines()):
        number = first_line + offset
        match = _HEADING.match(raw)
        if match:
            block = None
            level, title = len(match.group(1)), match.group(2).strip()
            if not title:
                errors.append(ContentError(path, "empty heading", number, "heading"))
            if level == 1 and headings:
                errors.append(ContentError(path, "more than one H1 heading", number, "heading"))
            elif level > 1 and not headings:
                errors.append(ContentError(path, "the first heading must be the H1 title", number, "heading"))
            elif headings and level > headings[-1].level + 1:
                errors.append(ContentError(
                    path, f"heading level skipped: H{headings[-1].level} then H{level}", number, "heading"))
            headings.append(_Heading(level, title, number))
        elif not raw.strip():
            block = None
        elif not headings:
            errors.append(ContentError(path, "text before the H1 title", number, "heading"))
        elif block is None:
            block = _Block([raw.rstrip()], number)
            headings[-1].blocks.append(block)
        else:
            block.lines.append(raw.rstrip())
    if not headings:
        errors.append(ContentError(path, "no H1 title", first_line, "heading"))
    return headings, errors


def _units(blocks: list[_Block]) -> list[tuple[str, int]]:
    """Passage texts (with their first line) from a heading's blocks."""
    units: list[tuple[str, int]] = []
    pending: list[_Block] = []
    index = 0
    while index < len(blocks):
        block = blocks[index]
        if not block.is_list and block.text.rstrip().endswith(":") and index + 1 < len(blocks) \
                and blocks[index + 1].is_list:
            units.extend(_split_list(block, blocks[index + 1], pending))
            pending = []
            index += 2
            continue
        if not block.is_list and len(block.text) < SHORT_PARAGRAPH and not block.text.endswith(":"):
            pending.append(block)
            index += 1
            continue
        if block.is_list:
            units.extend(_split_list(None, block, pending))
        else:
            units.extend(_split_paragraph(block, pending))
        pending = []
        index += 1
    if pending:
        text = "\n\n".join(b.text for b in pending)
        if units:
            units[-1] = (units[-1][0] + "\n\n" + text, units[-1][1])
        else:
            units.append((text, pending[0].line))
    return _join_references(units)


_REFERS_BACK = re.compile(r"^(?:These|This|Those|They|Such|Their|It|Its)\b")


def _join_references(units: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """A unit that opens by referring back ("These recommendations should be fed into:") joins the one
    before it when both fit in one passage: on its own it would not say what it is about."""
    joined: list[tuple[str, int]] = []
    for text, line in units:
        if joined and _REFERS_BACK.match(text) and len(joined[-1][0]) + len(text) <= LONG_UNIT:
            joined[-1] = (joined[-1][0] + "\n\n" + text, joined[-1][1])
        else:
            joined.append((text, line))
    return joined


def _prefix(pending: list[_Block]) -> str:
    return "".join(b.text + "\n\n" for b in pending)


def _split_list(lead: _Block | None, items: _Block, pending: list[_Block]) -> list[tuple[str, int]]:
    head = _prefix(pending) + (lead.text + "\n" if lead else "")
    start = (pending[0] if pending else lead or items).line
    groups: list[list[str]] = []
    for line in items.lines:
        if (_ITEM.match(line) and not line.startswith((" ", "\t"))) or not groups:
            groups.append([line])
        else:
            groups[-1].append(line)
    if len(head) + len(items.text) <= LONG_UNIT:
        return [(head + items.text, start)]
    chunks: list[tuple[str, int]] = []
    current: list[str] = []
    for group in groups:
        text = "\n".join(group)
        if current and len(head) + len("\n".join(current)) + len(text) > CHUNK:
            chunks.append((head + "\n".join(current), start))
            current = []
        current.append(text)
    if current:
        chunks.append((head + "\n".join(current), start))
    return chunks


def _split_paragraph(block: _Block, pending: list[_Block]) -> list[tuple[str, int]]:
    text = _prefix(pending) + block.text
    start = (pending[0] if pending else block).line
    if len(text) <= LONG_UNIT + 200:
        return [(text, start)]
    sentences = re.split(r"(?<=[.!?])\s+(?=[A-Z])", text)
    chunks, current = [], ""
    for sentence in sentences:
        if current and len(current) + len(sentence) > CHUNK:
            chunks.append((current.strip(), start))
            current = ""
        current += sentence + " "
    if current.strip():
        chunks.append((current.strip(), start))
    return chunks


def parse_document(path: Path) -> tuple[Document | None, list[ContentError]]:
    """The document in a Markdown file, and every problem found in it."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return None, [ContentError(path, f"cannot read: {exc}")]
    meta, body, first_line, errors = split_front_matter(text, path)
    errors += check_meta(meta, path) if meta else []
    headings, heading_errors = _headings(body, first_line, path)
    errors += heading_errors
    if errors:
        return None, errors
    doc_id, title = str(meta["id"]), str(meta["title"])
    note = str(meta["superseded_by"]).strip() if meta.get("superseded_by") else None
    sections: list[Section] = []
    passages: list[Passage] = []
    used: set[str] = set()
    stack: list[_Heading] = []
    for heading in headings:
        stack = [h for h in stack if h.level < heading.level] + [heading]
        path_titles = tuple(h.title for h in stack[1:])
        slug = slugify(heading.title, 50)
        if slug in used and len(stack) > 1:
            slug = slugify(stack[-2].title, 24) + "-" + slug
        base, n = slug, 2
        while slug in used:
            slug, n = f"{base}-{n}", n + 1
        used.add(slug)
        section_id = f"{doc_id}/{slug}"
        ids = []
        for number, (unit, line) in enumerate(_units(heading.blocks), start=1):
            passage = Passage(id=f"{section_id}/{number}", doc_id=doc_id, doc_title=title,
                              heading_path=path_titles, text=unit.strip(), source_url=str(meta["source_url"]),
                              superseded_note=note, section_id=section_id, doc_date=str(meta["date"]),
                              line=line, doc_publisher=str(meta["publisher"]))
            passages.append(passage)
            ids.append(passage.id)
        sections.append(Section(section_id, doc_id, heading.level, path_titles, tuple(ids), heading.line))
    document = Document(doc_id, title, dict(meta), str(path), tuple(sections), tuple(passages))
    return document, []
