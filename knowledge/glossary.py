"""The glossary: acronyms and terms staff use, for "what does X mean?" answers and query expansion.

`glossary.yaml` holds entries (id, term, expansion, meaning, synonyms, optional source_url). Each
entry's surface forms (term, expansion, synonyms) become phrases of stems; `Glossary.find` spots them
in a token sequence and `Glossary.lookup` resolves a typed term to its entry.
"""

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from knowledge.errors import ContentError
from knowledge.model import GlossaryEntry
from knowledge.text import phrase_stems, typed_phrase_stems

REQUIRED = ("id", "term", "expansion", "meaning", "synonyms")
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


class LineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """A safe loader (the C one when PyYAML has it: about 15 times faster on alternates.yaml) that records
    each mapping's line number under the key "__line__" and refuses a key given twice in one mapping (plain
    YAML keeps the last silently: a second entry for a passage would drop the first one's phrasings)."""


def _mapping_with_line(loader: LineLoader, node: yaml.MappingNode) -> dict:
    first_seen: dict[object, int] = {}
    for key_node, _value in node.value:
        key = loader.construct_object(key_node)
        if isinstance(key, str | int) and key in first_seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r} (first given on line {first_seen[key]})", key_node.start_mark)
        first_seen.setdefault(key, key_node.start_mark.line + 1)
    mapping = loader.construct_mapping(node, deep=True)
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping_with_line)


def load_yaml(path: Path) -> tuple[object, list[ContentError]]:
    """Parsed YAML with "__line__" on every mapping, or the error naming the line."""
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=LineLoader), []
    except OSError as exc:
        return None, [ContentError(path, f"cannot read: {exc}")]
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        return None, [ContentError(path, f"not valid YAML: {exc}", mark.line + 1 if mark else None)]


def parse_glossary(path: Path) -> tuple[tuple[GlossaryEntry, ...], list[ContentError]]:
    """Entries of a glossary file and every problem in it (missing fields, duplicate ids or terms)."""
    data, errors = load_yaml(path)
    if errors:
        return (), errors
    if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
        return (), [ContentError(path, "expected a mapping with an 'entries' list", 1, "entries")]
    if not data.get("version"):
        errors.append(ContentError(path, "missing version", 1, "version"))
    entries: list[GlossaryEntry] = []
    ids: dict[str, int] = {}
    terms: dict[str, int] = {}
    for raw in data["entries"]:
        line = raw.get("__line__") if isinstance(raw, dict) else None
        if not isinstance(raw, dict):
            errors.append(ContentError(path, "each entry must be a mapping", line, "entries"))
            continue
        bad = False
        for key in REQUIRED:
            value = raw.get(key)
            if key == "synonyms":
                if not isinstance(value, list) or not all(isinstance(s, str) and s.strip() for s in value):
                    errors.append(ContentError(path, "synonyms must be a list of strings", line, key))
                    bad = True
            elif not isinstance(value, str) or not value.strip():
                errors.append(ContentError(path, "required field is missing or empty", line, key))
                bad = True
        if "general" in raw and not isinstance(raw["general"], bool):
            errors.append(ContentError(path, "general must be true or false", line, "general"))
            bad = True
        if bad:
            continue
        entry_id, term = raw["id"].strip(), raw["term"].strip()
        if not _ID.match(entry_id):
            errors.append(ContentError(path, f"id {entry_id!r} must be lower-case letters, digits and hyphens",
                                       line, "id"))
        if entry_id in ids:
            errors.append(ContentError(path, f"duplicate id {entry_id!r} (first at line {ids[entry_id]})",
                                       line, "id"))
        if term.lower() in terms:
            errors.append(ContentError(path, f"duplicate term {term!r} (first at line {terms[term.lower()]})",
                                       line, "term"))
        ids.setdefault(entry_id, line)
        terms.setdefault(term.lower(), line)
        entries.append(GlossaryEntry(entry_id, term, raw["expansion"].strip(), " ".join(raw["meaning"].split()),
                                     tuple(s.strip() for s in raw["synonyms"]),
                                     str(raw.get("source_url") or "").strip(), bool(raw.get("general", False))))
    return tuple(entries), errors


def is_acronym(term: str) -> bool:
    """True for abbreviations like CTLP, s.47 or SEN/SEND (as opposed to names like Channel)."""
    core = re.sub(r"[\s./&-]|\d", "", term)
    return bool(core) and (core.isupper() or len(core) <= 3) and " " not in term.strip()


@dataclass
class Glossary:
    """Entries plus phrase lookups built from their surface forms."""

    entries: tuple[GlossaryEntry, ...]
    by_phrase: dict[tuple[str, ...], list[GlossaryEntry]] = field(default_factory=dict)
    by_name: dict[tuple[str, ...], GlossaryEntry] = field(default_factory=dict)
    max_len: int = 1
    starts: frozenset[str] = frozenset()
    """The first stem of every phrase in `by_phrase`: `find` skips positions that start none."""

    def __post_init__(self) -> None:
        for entry in self.entries:
            for stems in [*self.forms(entry), phrase_stems(entry.id)]:
                bucket = self.by_phrase.setdefault(stems, [])
                if entry not in bucket:
                    bucket.append(entry)
                self.max_len = max(self.max_len, len(stems))
        self.starts = frozenset(phrase[0] for phrase in self.by_phrase if phrase)
        # A name resolves to terms first, then ids, expansions and last synonyms.
        for rank in range(4):
            for entry in self.entries:
                names = ([entry.term], [entry.id], [entry.expansion], list(entry.synonyms))[rank]
                for name in names:
                    stems = phrase_stems(name)
                    if stems:
                        self.by_name.setdefault(stems, entry)

    def forms(self, entry: GlossaryEntry) -> list[tuple[str, ...]]:
        """Stem phrases of every surface form of an entry."""
        return list(_forms(entry))

    def find(self, stems: list[str]) -> list[tuple[int, int, list[GlossaryEntry]]]:
        """Longest, left-to-right glossary phrase matches in a stem sequence: (start, end, entries)."""
        found = []
        index = 0
        while index < len(stems):
            if stems[index] not in self.starts:
                index += 1
                continue
            for size in range(min(self.max_len, len(stems) - index), 0, -1):
                entries = self.by_phrase.get(tuple(stems[index:index + size]))
                if entries:
                    found.append((index, index + size, entries))
                    index += size
                    break
            else:
                index += 1
        return found

    def lookup(self, text: str) -> GlossaryEntry | None:
        """The entry a typed term names exactly (by term, id, expansion or synonym), if any."""
        stems = typed_phrase_stems(text)
        return self.by_name.get(stems) if stems else None

    def names_term(self, text: str, entry: GlossaryEntry) -> bool:
        """True when the text is the entry's own term or id (not an expansion or synonym)."""
        stems = typed_phrase_stems(text)
        return bool(stems) and stems in (phrase_stems(entry.term), phrase_stems(entry.id))


@dataclass
class Thesaurus:
    """Groups of everyday words and phrases that staff use for the documents' own words ("law" for "Act").

    Unlike glossary entries they have no meaning to show: they only widen a query. `find` spots the
    longest group member at each position of a stem sequence, like `Glossary.find`.
    """

    groups: tuple[tuple[str, ...], ...]
    by_phrase: dict[tuple[str, ...], list[tuple[str, ...]]] = field(default_factory=dict)
    max_len: int = 1
    starts: frozenset[str] = frozenset()
    """The first stem of every member phrase: `find` skips positions that start none."""

    def __post_init__(self) -> None:
        for group in self.groups:
            forms = [f for f in dict.fromkeys(phrase_stems(member) for member in group) if f]
            for form in forms:
                bucket = self.by_phrase.setdefault(form, [])
                bucket.extend(f for f in forms if f != form and f not in bucket)
                self.max_len = max(self.max_len, len(form))
        self.starts = frozenset(phrase[0] for phrase in self.by_phrase)

    def find(self, stems: list[str], taken: set[int]) -> list[tuple[int, int, list[tuple[str, ...]]]]:
        """Longest member matches (start, end, other members' stem phrases), skipping taken positions."""
        found = []
        index = 0
        while index < len(stems):
            if stems[index] not in self.starts:
                index += 1
                continue
            for size in range(min(self.max_len, len(stems) - index), 0, -1):
                if not taken.isdisjoint(range(index, index + size)):
                    continue
                others = self.by_phrase.get(tuple(stems[index:index + size]))
                if others:
                    found.append((index, index + size, others))
                    index += size
                    break
            else:
                index += 1
        return found


@lru_cache(maxsize=4096)
def _forms(entry: GlossaryEntry) -> tuple[tuple[str, ...], ...]:
    forms = [phrase_stems(f) for f in (entry.term, entry.expansion, *entry.synonyms)]
    return tuple(f for f in dict.fromkeys(forms) if f)


TRAILING_FILLERS = frozenset(("exactly", "actually", "really", "precisely", "anyway", "then", "again", "about",
                              "all"))
"""Words after the term of a "what is X" question that only add emphasis."""


def definitional_target(corrected: tuple[str, ...]) -> tuple[str, str] | None:
    """(mode, term) when the query asks what a term is or means; mode is "mean", "what" or "bare". Not
    cached: a cache keyed by the question would keep staff's messages in memory."""
    words = [w for w in corrected if w and w not in ("pls", "please", "plz")]
    if not words:
        return None
    text = " ".join(words)
    for lead in ("what does", "what do", "whats", "what is", "what are", "what s", "wat is", "what", "define",
                 "definition of", "meaning of", "explain", "who are", "who is"):
        if text.startswith(lead + " "):
            rest = text[len(lead) + 1:].split()
            break
    else:
        return ("bare", text) if len(words) <= 4 else None
    mode = "what"
    if lead in ("define", "definition of", "meaning of"):
        mode = "mean"
    for tail in (("stand", "for"), ("stands", "for"), ("mean",), ("means",), ("short", "for"), ("refer", "to")):
        if tuple(rest[-len(tail):]) == tail:
            rest, mode = rest[: -len(tail)], "mean"
            break
    while rest and rest[0] in ("a", "an", "the", "by", "meant"):
        rest = rest[1:]
    while rest and rest[-1] in TRAILING_FILLERS:  # "what is Channel exactly", "what is Dovetail all about"
        rest = rest[:-1]
    if rest and rest[-1] in ("acronym", "abbreviation"):
        rest, mode = rest[:-1], "mean"
    return (mode, " ".join(rest)) if rest and len(rest) <= 5 else None
