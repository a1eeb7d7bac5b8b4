"""The typed, frozen shape of local areas, their contacts and referral pathways.

`knowledge.area_parse` builds these from the YAML under `knowledge/local/` (or a deployment's own
folder) and `knowledge/national.yaml`; `knowledge.areas` loads and validates them into an
`AreaDirectory`. Everything here is plain data: the pathway engine and the cards read it, nothing writes it.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from knowledge.opening_hours import ALWAYS, OpeningHours

NATIONAL = "national"
CONTROL_WORDS = ("back", "restart", "cancel")


@dataclass(frozen=True)
class Contact:
    """Someone staff can contact: a team, how to reach it, when it is open and what to use when closed."""

    id: str
    team: str
    role: str = ""
    phone: str | None = None
    textphone: str | None = None
    email: str | None = None
    web_form: str | None = None
    hours: OpeningHours = ALWAYS
    when_closed: str | None = None
    note: str = ""
    reviewed: date | None = None
    area: str = NATIONAL
    example: bool = False
    names: tuple[str, ...] = ()
    """What staff call it when they ask for it ("anti terrorist hotline", "101"), lower case: see
    `knowledge.contact_names`."""


@dataclass(frozen=True)
class Option:
    """One answer to a question step: its id (sent by the button), label, next step and typed synonyms."""

    id: str
    label: str
    next: str
    synonyms: tuple[str, ...] = ()
    age: tuple[int, int] | None = None


@dataclass(frozen=True)
class Step:
    """A pathway step: a question (options), a route (by an earlier answer) or an outcome (the end)."""

    id: str
    kind: str
    title: str
    short: str = ""
    text: str = ""
    bullets: tuple[str, ...] = ()
    contacts: tuple[str, ...] = ()
    options: tuple[Option, ...] = ()
    on: str | None = None
    routes: tuple[tuple[str, str], ...] = ()
    actions: tuple[str, ...] = ()
    emergency: bool = False

    def option(self, option_id: str) -> Option | None:
        """The option with this id, or None."""
        return next((o for o in self.options if o.id == option_id), None)

    def targets(self) -> tuple[str, ...]:
        """Every step this one can lead to."""
        return tuple(o.next for o in self.options) + tuple(t for _, t in self.routes)


@dataclass(frozen=True)
class Pathway:
    """A referral pathway: its steps by id, the first step, and typed answers shared by option id."""

    start: str
    steps: Mapping[str, Step]
    answer_words: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    after_referral: str = ""
    """The outcome step saying what happens once a referral is made, shown on its own when staff ask ("what
    happens after a referral?"); empty when the pathway has none."""

    def step(self, step_id: str) -> Step:
        """The step with this id (KeyError if there is none)."""
        return self.steps[step_id]


@dataclass(frozen=True)
class Area:
    """One council area: its names, parent (two-tier), contacts and, optionally, its own pathway."""

    id: str
    name: str
    path: Path
    version: str
    digest: str
    aliases: tuple[str, ...] = ()
    parent: str | None = None
    example: bool = False
    reviewed: date | None = None
    review_by: date | None = None
    contacts: tuple[Contact, ...] = ()
    key_contacts: tuple[str, ...] = ()
    pathway: Pathway | None = None


@dataclass(frozen=True)
class National:
    """The national contacts file: contacts every deployment shares (999, 101, the hotlines)."""

    path: Path
    version: str
    digest: str
    contacts: tuple[Contact, ...] = ()
    reviewed: date | None = None
    review_by: date | None = None


def dial_url(number: str) -> str:
    """A tel: link for a UK number: "01632 960 100" -> "tel:+441632960100", "999" -> "tel:999"."""
    digits = "".join(ch for ch in number if ch.isdigit() or ch == "+")
    if digits.startswith("0"):
        digits = "+44" + digits[1:]
    return "tel:" + digits
