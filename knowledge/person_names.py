"""The name lists the personal data guard reads (knowledge/person_names.yaml): loaded once, and checked.

Common first names and surnames across the communities staff work with, the first names that are also everyday words
(counted only with a capital: "Amber", "Jack"), and public figures staff name when asking about the news ("Andrew
Tate"), whose names are not personal data.
"""

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from knowledge import CONTENT_DIR
from knowledge.errors import ContentError

NAMES_FILE = CONTENT_DIR / "person_names.yaml"


@dataclass(frozen=True)
class Names:
    """The name lists: first names, surnames, first names that are also everyday words, public figures."""

    first: frozenset[str]
    surnames: frozenset[str]
    also_words: frozenset[str]
    public: frozenset[tuple[str, str]]


@cache
def person_names() -> Names:
    """knowledge/person_names.yaml, read once."""
    data = yaml.safe_load(NAMES_FILE.read_text(encoding="utf-8"))
    public = frozenset(tuple(name.split()) for name in data.get("public_figures") or ())
    return Names(frozenset(data["first_names"]), frozenset(data["surnames"]), frozenset(data["also_words"]), public)


def check_person_names(path: Path = NAMES_FILE) -> list[ContentError]:
    """person_names.yaml: lists of lower-case names, every also_word a first name, public figures as two words."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        return [ContentError(path, f"cannot read: {error}")]
    errors = []
    for field in ("first_names", "surnames", "also_words"):
        items = data.get(field) if isinstance(data, dict) else None
        if not isinstance(items, list) or not items:
            errors.append(ContentError(path, "must be a non-empty list", 1, field))
        elif bad := [n for n in items if not isinstance(n, str) or not n.isalpha() or not n.islower()]:
            errors.append(ContentError(path, f"names must be lower-case letters: {bad[:3]}", 1, field))
    if not errors and (stray := set(data["also_words"]) - set(data["first_names"])):
        errors.append(ContentError(path, f"not first names: {sorted(stray)[:3]}", 1, "also_words"))
    public = data.get("public_figures", []) if isinstance(data, dict) else []
    if not isinstance(public, list) or (bad := [n for n in public if not isinstance(n, str) or len(n.split()) != 2
                                                or not n.replace(" ", "").isalpha() or not n.islower()]):
        errors.append(ContentError(path, "public figures must be a list of lower-case first name and surname",
                                   1, "public_figures"))
    return errors
