"""The emergency card's wording (under `card` in knowledge/emergency.yaml), with national numbers filled in from
knowledge/national.yaml: what the bot says when `knowledge.emergency` finds danger."""

import re
from dataclasses import dataclass
from functools import cache

import yaml

from knowledge.emergency_reading import RULES_FILE

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class EmergencyWording:
    """The emergency card's words from emergency.yaml, with national numbers filled in."""

    title: str
    first_line: str
    lines: tuple[str, ...]
    call_emergency: str
    call_hotline: str
    report_online: str
    resume: str
    not_emergency: str
    self_harm_title: str
    self_harm_first_line: str
    self_harm_lines: tuple[str, ...]
    self_harm_contacts: str
    emergency_phone: str
    hotline_phone: str
    online_url: str


@cache
def emergency_wording() -> EmergencyWording:
    """The emergency card's wording; phone numbers and links come from knowledge/national.yaml."""
    from knowledge.areas import national_contact

    card = yaml.load(RULES_FILE.read_text(encoding="utf-8"), Loader=_LOADER)["card"]

    def fill(text: str) -> str:
        def one(match: re.Match[str]) -> str:
            return str(getattr(national_contact(match[1]), match[2] or "phone"))

        return re.sub(r"\{([a-z0-9-]+)(?:\.(\w+))?\}", one, str(text))

    return EmergencyWording(
        title=fill(card["title"]), first_line=fill(card["first_line"]),
        lines=tuple(fill(line) for line in card["lines"]), call_emergency=fill(card["call_emergency"]),
        call_hotline=fill(card["call_hotline"]), report_online=fill(card["report_online"]),
        resume=fill(card["resume"]), not_emergency=fill(card["not_emergency"]),
        self_harm_title=fill(card["self_harm"]["title"]), self_harm_first_line=fill(card["self_harm"]["first_line"]),
        self_harm_lines=tuple(fill(line) for line in card["self_harm"]["lines"]),
        self_harm_contacts=fill(card["self_harm"]["contacts"]),
        emergency_phone=str(national_contact("emergency").phone),
        hotline_phone=str(national_contact("anti-terrorist-hotline").phone),
        online_url=str(national_contact("act-online").web_form),
    )
