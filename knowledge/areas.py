"""Local areas (councils), their contacts and referral pathways, loaded and validated from YAML.

The shipped areas live in `knowledge/local/` (an example county and an example borough inside it); a
deployment points `local_dir` at its own folder instead. Each `*.yaml` file in the folder (or
`<folder>/area.yaml` in a sub-folder) is one area. National contacts (999, 101, the hotlines) come from
`knowledge/national.yaml` and are shared by every area. Contacts are looked up through the area, its
parent (two-tier: districts within a county) and then the national file; a district without its own
pathway uses its parent's.

    load_areas(local_dir=None) -> AreaDirectory      raises InvalidContent naming file and field
    check_areas(local_dir=None) -> list[ContentError]
"""

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from pathlib import Path

from knowledge.area_checks import chain, check_contact_refs, check_ids, check_parents, check_pathway
from knowledge.area_model import Area, Contact, National, Pathway
from knowledge.area_parse import parse_area, parse_national
from knowledge.area_text import normalise, pick
from knowledge.errors import ContentError, InvalidContent
from knowledge.opening_hours import OpenStatus, status

HERE = Path(__file__).parent
SHIPPED_LOCAL_DIR = HERE / "local"
NATIONAL_FILE = HERE / "national.yaml"


@dataclass(frozen=True)
class ContactNow:
    """A contact with its status at a moment, and the first open out-of-hours route if it is closed."""

    contact: Contact
    status: OpenStatus
    fallback: "ContactNow | None" = None


@dataclass(frozen=True)
class AreaDirectory:
    """Every configured area and the national contacts, with look-ups across the two tiers."""

    areas: Mapping[str, Area]
    national: National

    def get(self, area_id: str | None) -> Area | None:
        """The area with this id, or None."""
        return self.areas.get(area_id or "")

    def selectable(self) -> tuple[Area, ...]:
        """Areas a user can pick: those with a pathway of their own or from a parent, by name."""
        return tuple(sorted((a for a in self.areas.values() if self.pathway_for(a.id)), key=lambda a: a.name))

    def only_area(self) -> Area | None:
        """The one selectable area when exactly one is configured (chosen without asking)."""
        choices = self.selectable()
        return choices[0] if len(choices) == 1 else None

    def find_area(self, text: str) -> Area | None:
        """The selectable area a user means by a typed name, id or alias (typos forgiven), or None."""
        wanted = normalise(text)
        candidates = [(a.id, normalise(name)) for a in self.selectable() for name in (a.id, a.name, *a.aliases)]
        exact = {key for key, phrase in candidates if phrase == wanted}
        if len(exact) == 1:
            return self.areas[exact.pop()]
        found = pick(wanted, candidates)
        return self.areas[found] if found else None

    def pathway_for(self, area_id: str) -> Pathway | None:
        """The area's pathway, or the nearest parent's."""
        return next((a.pathway for a in chain(self.areas, area_id) if a.pathway), None)

    def contact(self, area_id: str, contact_id: str) -> Contact:
        """A contact by id, looked up in the area, its parents, then the national contacts."""
        contact = self.known_contacts(area_id).get(contact_id)
        if contact is None:
            raise KeyError(contact_id)
        return contact

    def national_contact(self, contact_id: str) -> Contact:
        """A national contact by id (KeyError if there is none)."""
        return next(c for c in self.national.contacts if c.id == contact_id)

    def known_contacts(self, area_id: str) -> dict[str, Contact]:
        """Every contact id usable in an area: its own, its parents' and the national ones."""
        known = {c.id: c for c in self.national.contacts}
        for area in reversed(chain(self.areas, area_id)):
            known.update({c.id: c for c in area.contacts})
        return known

    def key_contacts(self, area_id: str) -> tuple[Contact, ...]:
        """The contacts to show for "who do I call?" (the area's list, or the nearest parent's)."""
        for area in chain(self.areas, area_id):
            if area.key_contacts:
                return tuple(self.contact(area_id, c) for c in area.key_contacts)
        return ()

    def is_example(self, area_id: str) -> bool:
        """True when the area (or a parent it draws contacts from) is shipped example content."""
        return any(a.example for a in chain(self.areas, area_id))

    def content_version(self, area_id: str) -> str:
        """A stamp that changes whenever the area's files, its parents' or the national file change."""
        parts = [self.national.digest, *(f"{a.id}:{a.version}:{a.digest}" for a in chain(self.areas, area_id))]
        return hashlib.sha256("|".join(parts).encode()).hexdigest()[:12]

    def contact_now(self, area_id: str, contact: Contact, now: datetime) -> ContactNow:
        """The contact's status at `now`; if closed, follow `when_closed` to the first open route."""
        first = ContactNow(contact, status(contact.hours, now))
        if first.status.is_open:
            return first
        seen, current = {contact.id}, contact
        while current.when_closed and current.when_closed not in seen:
            seen.add(current.when_closed)
            current = self.contact(area_id, current.when_closed)
            current_status = status(current.hours, now)
            if current_status.is_open:
                return ContactNow(contact, first.status, ContactNow(current, current_status))
        return first


def area_files(local_dir: Path) -> list[Path]:
    """The area files in a folder: `*.yaml`/`*.yml` at the top, and `*/area.yaml` one level down."""
    top = [p for p in local_dir.iterdir() if p.is_file() and p.suffix in (".yaml", ".yml")]
    nested = [p / "area.yaml" for p in local_dir.iterdir() if (p / "area.yaml").is_file()]
    return sorted(top + nested)


def _load(local_dir: Path | None) -> tuple[AreaDirectory | None, list[ContentError]]:
    folder = Path(local_dir) if local_dir is not None else SHIPPED_LOCAL_DIR
    errors: list[ContentError] = []
    national = parse_national(NATIONAL_FILE, errors)
    if not folder.is_dir():
        errors.append(ContentError(folder, "the local areas folder does not exist", field="local_dir"))
        return None, errors
    files = area_files(folder)
    if not files:
        errors.append(ContentError(folder, "no area files (*.yaml) in the local areas folder", field="local_dir"))
    parsed = [a for a in (parse_area(p, errors) for p in files) if a is not None]
    if national is None:
        return None, errors
    errors.extend(check_ids(parsed, national.contacts))
    areas = {a.id: a for a in parsed}
    errors.extend(check_parents(areas))
    directory = AreaDirectory(areas=areas, national=national)
    for area in parsed:
        errors.extend(check_contact_refs(area, directory.known_contacts(area.id)))
        if area.pathway:
            errors.extend(check_pathway(area, area.pathway))
    if parsed and not directory.selectable():
        errors.append(ContentError(folder, "no area has a referral pathway", field="pathway"))
    return directory, errors


def check_areas(local_dir: Path | None = None) -> list[ContentError]:
    """Every problem in the national file and the area files (empty when all is well)."""
    return _load(local_dir)[1]


def load_areas(local_dir: Path | None = None) -> AreaDirectory:
    """Load and validate the areas in `local_dir` (None: the shipped example); raises InvalidContent."""
    directory, errors = _load(local_dir)
    if errors or directory is None:
        raise InvalidContent(errors)
    return directory


@cache
def load_national() -> National:
    """The national contacts (validated, loaded once); raises InvalidContent."""
    errors: list[ContentError] = []
    national = parse_national(NATIONAL_FILE, errors)
    if errors or national is None:
        raise InvalidContent(errors)
    return national


def national_contact(contact_id: str) -> Contact:
    """A national contact by id, from the cached national file (KeyError if there is none)."""
    for contact in load_national().contacts:
        if contact.id == contact_id:
            return contact
    raise KeyError(contact_id)
