"""Parse one area file or the national contacts file into frozen dataclasses, collecting field errors.

Each parser returns the parsed object (or None if the file is unusable) and appends a `ContentError` that
names the file and the field (`contacts[2].phone`, `pathway.steps.who.options[0].next`) for every problem
it can see within the file. Checks that need more than one file (contact ids, parents, the pathway
graph) live in `knowledge.area_checks`.
"""

import hashlib
import re
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from knowledge.area_model import CONTROL_WORDS, Area, Contact, National, Option, Pathway, Step
from knowledge.area_text import normalise
from knowledge.errors import ContentError
from knowledge.opening_hours import ALWAYS, HoursError, parse_hours, with_bank_holidays

_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
_PHONE = re.compile(r"^(999|112|101|111|18000|18001\d{3,11}|0\d{9,10}|\+44\d{9,10})$")
_EMAIL = re.compile(r"^[^@\s]+@([a-z0-9-]+\.)+[a-z]{2,}$", re.IGNORECASE)
_URL = re.compile(r"^https://([a-z0-9-]+\.)+[a-z]{2,}(/\S*)?$", re.IGNORECASE)
_AGE = re.compile(r"^(\d{1,3})-(\d{1,3})$")
_SHORT_CODES = {"999", "112", "101", "111", "18000"}
STEP_KINDS = ("question", "route", "outcome")


class _Reader:
    """Typed access to one YAML mapping that records an error (file + field) instead of raising."""

    def __init__(self, path: Path, errors: list[ContentError]):
        self.path = path
        self.errors = errors

    def error(self, field: str, message: str) -> None:
        self.errors.append(ContentError(self.path, message, field=field))

    def text(self, data: dict, key: str, field: str, *, required: bool = True) -> str:
        value = data.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.error(field, "is required")
            return ""
        if not isinstance(value, str | int | float) or isinstance(value, bool):
            self.error(field, "must be text")
            return ""
        return " ".join(str(value).split())

    def ident(self, data: dict, key: str, field: str) -> str:
        value = self.text(data, key, field)
        if value and not _ID.match(value):
            self.error(field, f"{value!r} is not an id (lower-case letters, digits, - and _)")
        return value

    def texts(self, data: dict, key: str, field: str) -> tuple[str, ...]:
        value = data.get(key, [])
        if value is None:
            return ()
        if not isinstance(value, list) or not all(isinstance(v, str | int) for v in value):
            self.error(field, "must be a list of text")
            return ()
        return tuple(" ".join(str(v).split()) for v in value)

    def day(self, data: dict, key: str, field: str, *, required: bool = False) -> date | None:
        value = data.get(key)
        if value is None:
            if required:
                self.error(field, "is required (a date such as 2026-01-31)")
            return None
        if isinstance(value, date):
            return value
        self.error(field, f"{value!r} is not a date such as 2026-01-31")
        return None

    def mapping(self, data: dict, key: str, field: str, *, required: bool = True) -> dict:
        value = data.get(key)
        if value is None:
            if required:
                self.error(field, "is required")
            return {}
        if not isinstance(value, dict):
            self.error(field, "must be a mapping")
            return {}
        return value


def read_yaml(path: Path, errors: list[ContentError]) -> tuple[dict | None, str]:
    """Load a YAML mapping with safe_load, returning it and a digest of the file's bytes."""
    try:
        raw = path.read_bytes()
        data = yaml.safe_load(raw)
    except (OSError, yaml.YAMLError) as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", None)
        errors.append(ContentError(path, f"cannot read YAML: {exc}", line=line + 1 if line is not None else None))
        return None, ""
    if not isinstance(data, dict):
        errors.append(ContentError(path, "must be a YAML mapping"))
        return None, ""
    return data, hashlib.sha256(raw).hexdigest()[:12]


def parse_national(path: Path, errors: list[ContentError]) -> National | None:
    """Parse knowledge/national.yaml."""
    data, digest = read_yaml(path, errors)
    if data is None:
        return None
    reader = _Reader(path, errors)
    contacts = _contacts(reader, data, area_id="national", example=False, require_reviewed=True)
    return National(path=path, version=reader.text(data, "version", "version"), digest=digest,
                    contacts=contacts, reviewed=reader.day(data, "reviewed", "reviewed", required=True),
                    review_by=reader.day(data, "review_by", "review_by", required=True))


def parse_area(path: Path, errors: list[ContentError]) -> Area | None:
    """Parse one area file; returns None if it is not a usable mapping with an id."""
    data, digest = read_yaml(path, errors)
    if data is None:
        return None
    reader = _Reader(path, errors)
    area_id = reader.ident(data, "id", "id")
    if not area_id:
        return None
    example = data.get("example", False)
    if not isinstance(example, bool):
        reader.error("example", "must be true or false")
        example = False
    parent = reader.ident(data, "parent", "parent") if data.get("parent") is not None else None
    pathway = None
    if data.get("pathway") is not None:
        pathway = _pathway(reader, reader.mapping(data, "pathway", "pathway"))
    return Area(
        id=area_id, name=reader.text(data, "name", "name"), path=path,
        version=reader.text(data, "version", "version"), digest=digest,
        aliases=reader.texts(data, "aliases", "aliases"), parent=parent, example=example,
        reviewed=reader.day(data, "reviewed", "reviewed", required=True),
        review_by=reader.day(data, "review_by", "review_by"),
        contacts=_contacts(reader, data, area_id=area_id, example=example, require_reviewed=False),
        key_contacts=reader.texts(data, "key_contacts", "key_contacts"), pathway=pathway,
    )


def _contacts(reader: _Reader, data: dict, *, area_id: str, example: bool,
              require_reviewed: bool) -> tuple[Contact, ...]:
    raw = data.get("contacts", [])
    if not isinstance(raw, list):
        reader.error("contacts", "must be a list of contacts")
        return ()
    contacts = []
    for index, item in enumerate(raw):
        field = f"contacts[{index}]"
        if not isinstance(item, dict):
            reader.error(field, "must be a mapping")
            continue
        contact = _contact(reader, item, field, area_id=area_id, example=example)
        if require_reviewed:
            reader.day(item, "reviewed", f"{field}.reviewed", required=True)
        if contact:
            contacts.append(contact)
    return tuple(contacts)


def _contact(reader: _Reader, item: dict, field: str, *, area_id: str, example: bool) -> Contact | None:
    contact_id = reader.ident(item, "id", f"{field}.id")
    phone = _phone(reader, item, "phone", f"{field}.phone", example)
    textphone = _phone(reader, item, "textphone", f"{field}.textphone", example)
    email = reader.text(item, "email", f"{field}.email", required=False) or None
    if email and not _EMAIL.match(email):
        reader.error(f"{field}.email", f"{email!r} is not an email address")
    web_form = reader.text(item, "web_form", f"{field}.web_form", required=False) or None
    if web_form and not _URL.match(web_form):
        reader.error(f"{field}.web_form", f"{web_form!r} is not an https:// address")
    if not (phone or email or web_form):
        reader.error(field, "needs at least one of phone, email or web_form")
    if example:
        for key, value in (("email", email), ("web_form", web_form)):
            if value and not re.search(r"(@|//|\.)example\.org(/|$)", value + "/" if key == "email" else value):
                reader.error(f"{field}.{key}", "an example area must use example.org addresses")
    try:
        hours = with_bank_holidays(parse_hours(item.get("hours", "always")), item.get("bank_holidays"))
    except HoursError as exc:
        sub = "bank_holidays" if exc.field == "bank_holidays" else "hours" + (f".{exc.field}" if exc.field else "")
        reader.error(f"{field}.{sub}", str(exc))
        hours = ALWAYS  # keeps the contact, so its id doesn't also show up as unknown
    when_closed = reader.text(item, "when_closed", f"{field}.when_closed", required=False) or None
    if not contact_id:
        return None
    return Contact(
        id=contact_id, team=reader.text(item, "team", f"{field}.team"),
        role=reader.text(item, "role", f"{field}.role", required=False), phone=phone, textphone=textphone,
        email=email, web_form=web_form, hours=hours, when_closed=when_closed,
        note=reader.text(item, "note", f"{field}.note", required=False),
        reviewed=reader.day(item, "reviewed", f"{field}.reviewed"), area=area_id, example=example,
        names=_names(reader, item, f"{field}.names"),
    )


def _phone(reader: _Reader, item: dict, key: str, field: str, example: bool) -> str | None:
    value = reader.text(item, key, field, required=False)
    if not value:
        return None
    digits = re.sub(r"[\s()-]", "", value)
    if not _PHONE.match(digits):
        reader.error(field, f"{value!r} is not a UK phone number (such as 01632 960 123, 0800 789 321, 101)")
    elif example and digits not in _SHORT_CODES and not digits.startswith("18001") \
            and not re.fullmatch(r"01632960\d{3}", digits):
        reader.error(field, f"{value!r}: an example area must use Ofcom drama numbers (01632 960000-960999)")
    elif not example and re.fullmatch(r"01632960\d{3}", digits):
        reader.error(field, f"{value!r} is an Ofcom drama number: set `example: true` or use the real number")
    return value


def _pathway(reader: _Reader, data: dict) -> Pathway:
    start = reader.text(data, "start", "pathway.start")
    words: dict[str, tuple[str, ...]] = {}
    for key, value in reader.mapping(data, "answer_words", "pathway.answer_words", required=False).items():
        words[str(key)] = tuple(normalise(w) for w in reader.texts({"v": value}, "v", f"pathway.answer_words.{key}"))
    steps: dict[str, Step] = {}
    for step_id, raw in reader.mapping(data, "steps", "pathway.steps").items():
        field = f"pathway.steps.{step_id}"
        if not isinstance(raw, dict):
            reader.error(field, "must be a mapping")
            continue
        if not _ID.match(str(step_id)) or str(step_id) in CONTROL_WORDS:
            reader.error(field, f"{step_id!r} is not a usable step id")
        step = _step(reader, str(step_id), raw, field)
        if step:
            steps[str(step_id)] = step
    after = reader.text(data, "after_referral", "pathway.after_referral", required=False)
    return Pathway(start=start, steps=steps, answer_words=words, after_referral=after)


def _step(reader: _Reader, step_id: str, raw: dict, field: str) -> Step | None:
    kind = reader.text(raw, "kind", f"{field}.kind")
    if kind not in STEP_KINDS:
        if kind:
            reader.error(f"{field}.kind", f"{kind!r} is not one of {', '.join(STEP_KINDS)}")
        return None
    emergency = raw.get("emergency", False)
    if not isinstance(emergency, bool):
        reader.error(f"{field}.emergency", "must be true or false")
    common: dict[str, Any] = {
        "id": step_id, "kind": kind, "title": reader.text(raw, "title", f"{field}.title"),
        "short": reader.text(raw, "short", f"{field}.short", required=False),
        "text": reader.text(raw, "text", f"{field}.text", required=False),
        "bullets": reader.texts(raw, "bullets", f"{field}.bullets"),
        "contacts": reader.texts(raw, "contacts", f"{field}.contacts"),
        "actions": reader.texts(raw, "actions", f"{field}.actions"),
        "emergency": emergency is True,
    }
    if kind == "question":
        return Step(**common, options=_options(reader, raw, field))
    if kind == "route":
        on = reader.text(raw, "on", f"{field}.on")
        routes = reader.mapping(raw, "routes", f"{field}.routes")
        return Step(**common, on=on, routes=tuple((str(k), str(v)) for k, v in routes.items()))
    return Step(**common)


def _options(reader: _Reader, raw: dict, field: str) -> tuple[Option, ...]:
    items = raw.get("options")
    if not isinstance(items, list) or not items:
        reader.error(f"{field}.options", "a question needs a list of options")
        return ()
    options, seen = [], set()
    for index, item in enumerate(items):
        where = f"{field}.options[{index}]"
        if not isinstance(item, dict):
            reader.error(where, "must be a mapping")
            continue
        option_id = reader.ident(item, "id", f"{where}.id")
        if option_id in CONTROL_WORDS:
            reader.error(f"{where}.id", f"{option_id!r} is reserved for the back/restart/cancel controls")
        if option_id in seen:
            reader.error(f"{where}.id", f"{option_id!r} is used twice in this step")
        seen.add(option_id)
        age = None
        if item.get("age") is not None:
            match = _AGE.match(str(item["age"]).replace(" ", ""))
            if not match or int(match[1]) > int(match[2]):
                reader.error(f"{where}.age", f"{item['age']!r} is not an age range such as 0-17")
            else:
                age = (int(match[1]), int(match[2]))
        options.append(Option(
            id=option_id, label=reader.text(item, "label", f"{where}.label"),
            next=reader.text(item, "next", f"{where}.next"),
            synonyms=tuple(normalise(s) for s in reader.texts(item, "synonyms", f"{where}.synonyms")), age=age,
        ))
    return tuple(options)


def _names(reader: _Reader, item: dict, field: str) -> tuple[str, ...]:
    """A contact's names as staff ask for it: lower case, each at most a few words."""
    names = reader.texts(item, "names", field)
    for name in names:
        if name != name.lower() or not name or len(name.split()) > 6:
            reader.error(field, f"{name!r} must be lower case, one to six words")
    return names
