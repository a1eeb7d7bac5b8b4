"""Builders for end-to-end journeys over HTTP: read the cards a reply carries, press their buttons.

A `Journey` wraps a `TeamsClient` and behaves as a user would: it types text, or presses a button it
finds by title on the newest card the bot sent (posting that button's own `Action.Submit` data as
`value`, with no text, as Teams does). Every Adaptive Card it receives is checked against the 1.5
schema, so a journey that passes also proves each card it saw was valid.

`SteppingClock` is an injectable clock for `create_app(settings, clock=...)` that moves on a second each
time it is read, so timestamps are deterministic yet distinct; `FixedClock` never moves.
`share_knowledge_base` loads the (read-only) knowledge index once per test session: building it is the
slowest part of `create_app`, and none of these journeys is about search.
"""

import json
import re
from datetime import datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from tests.helpers.card_schema import assert_valid_card
from tests.helpers.channel import TeamsClient, all_text, card_nodes, cards, find_submits

# -- reading replies -------------------------------------------------------------------------------


def newest_card(replies: list[dict]) -> dict:
    """The last Adaptive Card in the replies (fails when there is none)."""
    found = cards(replies)
    assert found, f"no card in the replies: {all_text(replies)[:500]!r}"
    return found[-1]


def open_urls(replies: list[dict]) -> list[str]:
    """The url of every Action.OpenUrl in the replies' cards."""
    return [node["url"] for node in card_nodes(cards(replies)) if node.get("type") == "Action.OpenUrl"]


def card_texts(card: dict) -> list[str]:
    """Every TextBlock text in a card, in order."""
    return [node["text"] for node in card_nodes(card) if node.get("type") == "TextBlock"]


def submit_data(replies: list[dict], title: str) -> dict:
    """The data of the one button whose title matches the regex `title` (case-insensitive, whole title).

    Only the newest card with a matching button is searched, as a user only taps what is on screen.
    """
    pattern = re.compile(title, re.IGNORECASE)
    for card in reversed(cards(replies)):
        matches = [data for name, data in find_submits(card) if pattern.fullmatch(name)]
        assert len(matches) <= 1, f"{len(matches)} buttons match {title!r}"
        if matches:
            return matches[0]
    titles = [name for name, _ in find_submits(replies)]
    raise AssertionError(f"no button matches {title!r}; buttons: {titles}")


def assert_cards_valid(replies: list[dict]) -> None:
    """Every Adaptive Card in the replies is valid Adaptive Card 1.5.

    Schema validation takes about a tenth of a second a card, and a journey receives dozens of cards that
    differ only in their words, so each distinct shape (the card with free text, titles, urls and submit
    data replaced by placeholders the schema treats alike) is validated once; a failure is re-checked on
    the real card for a precise message.
    """
    for card in cards(replies):
        if not _shape_is_valid(json.dumps(card_shape(card), sort_keys=True)):
            assert_valid_card(card)
            raise AssertionError("the card's shape failed validation but the card passed: fix card_shape")


def card_shape(node: Any) -> Any:
    """A copy of a card with every free-text value (text, titles, facts, urls, submit data) replaced."""
    if isinstance(node, list):
        return [card_shape(item) for item in node]
    if not isinstance(node, dict):
        return node
    shape = {}
    for key, value in node.items():
        if key in ("text", "title", "fallbackText", "altText", "value") and isinstance(value, str):
            shape[key] = "x"
        elif key == "url" and isinstance(value, str):
            shape[key] = value.split(":", 1)[0] + ":x"
        elif key == "data" and str(node.get("type", "")).startswith("Action."):
            shape[key] = {}
        else:
            shape[key] = card_shape(value)
    return shape


@cache
def _shape_is_valid(shape_json: str) -> bool:
    try:
        assert_valid_card(json.loads(shape_json))
    except AssertionError:
        return False
    return True


async def click(client: TeamsClient, replies: list[dict], title: str) -> list[dict]:
    """Press the button titled `title` (regex) on the newest card that has it: value only, no text."""
    return await client.submit(submit_data(replies, title))


# -- a user's side of a conversation ---------------------------------------------------------------


class Journey:
    """One user in one conversation: say, submit or click; every reply's cards are schema-checked."""

    def __init__(self, client: TeamsClient):
        self.client = client
        self.last: list[dict] = []
        self.cards_seen = 0

    def _keep(self, replies: list[dict]) -> list[dict]:
        assert_cards_valid(replies)
        self.cards_seen += len(cards(replies))
        self.last = replies
        return replies

    async def say(self, text: str) -> list[dict]:
        return self._keep(await self.client.say(text))

    async def submit(self, value: dict) -> list[dict]:
        return self._keep(await self.client.submit(value))

    async def click(self, title: str) -> list[dict]:
        """Press a button on the newest card received (title is a case-insensitive regex)."""
        return self._keep(await self.client.submit(submit_data(self.last, title)))

    def buttons(self) -> list[str]:
        """Titles of the buttons on the newest card."""
        return [name for name, _ in find_submits(newest_card(self.last))]

    @property
    def text(self) -> str:
        """All the text of the last replies, cards included."""
        return all_text(self.last)


# -- clocks and shared content ---------------------------------------------------------------------


class SteppingClock:
    """A clock that starts at an aware datetime and moves on `step` each time it is read."""

    def __init__(self, start: datetime, step: timedelta = timedelta(seconds=1)):
        assert start.tzinfo is not None, "use an aware datetime"
        self.now = start
        self.step = step

    def __call__(self) -> datetime:
        self.now += self.step
        return self.now


class FixedClock:
    """A clock that always says the same aware datetime."""

    def __init__(self, moment: datetime):
        assert moment.tzinfo is not None, "use an aware datetime"
        self.now = moment

    def __call__(self) -> datetime:
        return self.now


def share_knowledge_base(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make create_app reuse one knowledge index for the session (it is read-only and slow to build)."""
    import app

    monkeypatch.setattr(app, "load_knowledge_base", _knowledge_base_once(app.load_knowledge_base))


@cache
def _knowledge_base_once(load):
    return cache(load)


# -- stored state ----------------------------------------------------------------------------------


def sqlite_bytes(path: Path) -> bytes:
    """The raw bytes of an SQLite database and its WAL and shared-memory files, whichever exist."""
    parts = [Path(f"{path}{suffix}") for suffix in ("", "-wal", "-shm", "-journal")]
    return b"".join(part.read_bytes() for part in parts if part.exists())
