"""Typed text the bot shows back cannot add Markdown links, emphasis, mentions or card elements.

Everything goes through the real app over HTTP: supporting details typed in a benchmark assessment, the
user's display name (recorded with each answer), an area name typed in the area picker, questions, and
forged card-submit values. In every card and message the injected text is shown escaped; cards stay valid
Adaptive Cards 1.5 with no extra links; the Markdown export keeps its table shape; the CSV keeps the text
as data but starts any cell a spreadsheet would run as a formula (= + - @) with an apostrophe.
"""

import csv
import io
import re
import shutil
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from bot.cards.common import escape_markdown
from tests.conftest import REPO_ROOT
from tests.helpers.card_schema import assert_valid_card
from tests.helpers.channel import TeamsClient, all_text

INJECTION = '[click](https://evil.example) **bold** <at>x</at> {"type":"Action.OpenUrl"}'
# Teams puts <at>..</at> round mentions; the bot strips the tags from typed text before anything else.
TYPED = INJECTION.replace("<at>", "").replace("</at>", "")
USER_NAME = "@SUM(1) " + INJECTION
DETAILS = {
    "2.1": TYPED,
    "2.2": '=HYPERLINK("https://evil.example","open me")',
    "2.3": "-1+1 | forged | cells |\n| more | rows |",
    "2.4": "+cmd|' /C calc'!A0",
}
ACTIVE_MARKUP = (
    re.compile(r"(?<!\\)\[[^\]]*(?<!\\)\]\("),  # [text](url)
    re.compile(r"(?<!\\)\*\*bold"),  # **bold**
    re.compile(r"(?<!\\)<at>"),  # a mention
    re.compile(r'(?<!\\)\{"type"'),  # card JSON
)


def markdown_strings(replies: list[dict]) -> Iterator[str]:
    """Message text and every card string Teams renders as Markdown."""
    def walk(node: Any) -> Iterator[str]:
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("text", "title", "value") and isinstance(value, str):
                    yield value
                elif key != "data":  # submit data goes back to the bot; it is not shown
                    yield from walk(value)
        elif isinstance(node, list):
            for item in node:
                yield from walk(item)

    for reply in replies:
        if isinstance(reply.get("text"), str):
            yield reply["text"]
        for attachment in reply.get("attachments") or []:
            yield from walk(attachment.get("content"))


def cards(replies: list[dict]) -> list[dict]:
    return [a["content"] for r in replies for a in r.get("attachments") or []
            if a.get("contentType") == "application/vnd.microsoft.card.adaptive"]


def urls(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "url" and isinstance(value, str):
                yield value
            else:
                yield from urls(value)
    elif isinstance(node, list):
        for item in node:
            yield from urls(item)


def assert_neutralised(replies: list[dict]) -> None:
    """The injected text, wherever it is shown, is escaped, and it added no link or element to any card."""
    for text in markdown_strings(replies):
        if "evil." in text or "bold" in text:
            active = [p.pattern for p in ACTIVE_MARKUP if p.search(text)]
            assert not active, f"active markup {active} in {text!r}"
    for card in cards(replies):
        assert_valid_card(card)
        assert not [url for url in urls(card) if "evil" in url]


def rating_data(replies: list[dict], rating: str) -> dict:
    for card in cards(replies):
        for action in card.get("actions", []):
            if action.get("data", {}).get("rating") == rating:
                return action["data"]
    raise AssertionError(f"no {rating} button in {all_text(replies)!r}")


def table_rows(markdown: str) -> list[list[str]]:
    """Data rows of the Markdown table, split on unescaped pipes."""
    lines = [line for line in markdown.splitlines() if line.startswith("|")][2:]
    return [re.split(r"(?<!\\)\|", line)[1:-1] for line in lines]


@pytest.fixture
def two_areas(tmp_path) -> Path:
    """The shipped example areas plus a second council, so the bot asks which area the user works in."""
    folder = tmp_path / "areas"
    shutil.copytree(REPO_ROOT / "knowledge" / "local", folder)
    borough = (folder / "example-borough.yaml").read_text(encoding="utf-8")
    town = re.sub(r"(?m)^aliases: .*$", "aliases: [example town]", borough.replace("example-borough", "example-town")
                  .replace("Example Borough", "Example Town").replace("borough-", "town-"))
    (folder / "example-town.yaml").write_text(town, encoding="utf-8")
    return folder


async def test_supporting_details_and_names_are_escaped_in_cards_export_and_csv(bot, session):
    client = TeamsClient(bot.url, session, user_name=USER_NAME)
    seen: list[dict] = []

    async def say(text: str) -> list[dict]:
        seen.extend(replies := await client.say(text))
        return replies

    async def press(data: dict) -> list[dict]:
        seen.extend(replies := await client.submit(data))
        return replies

    replies = await say("assess benchmark 2")
    for number, (question, details) in enumerate(DETAILS.items()):
        await press(rating_data(replies, "achieving"))
        replies = await say(details)
        assert f"Saved {question}" in all_text(replies) or number == len(DETAILS) - 1
        if number == 0:  # go back to 2.1: its saved rating and details are shown again
            back = await say("back")
            assert escape_markdown(USER_NAME) in all_text(back)
            details_card = await press(rating_data(back, "achieving"))
            assert f"Saved details: {escape_markdown(TYPED)}" in all_text(details_card)
            replies = await press({"action": "flow", "details": "keep", "question": question})
    summary = [r for r in replies if r.get("summary") == "Assessment results"]
    assert summary and "Overall" in all_text(summary)

    export = await say("export")
    assert_neutralised(seen)

    table = next(r["text"] for r in export if r.get("text", "").startswith("# Delivery Benchmark"))
    rows = table_rows(table)
    assert len(rows) == len(DETAILS) and all(len(row) == 6 for row in rows)
    for row, details in zip(rows, DETAILS.values(), strict=True):
        assert row[3].strip() == escape_markdown(details)
        assert row[4].strip() == escape_markdown(USER_NAME)

    link = next(url for card in cards(export) for url in urls(card) if "/reports/" in url)
    async with session.get(f"{bot.base}/reports/{link.rsplit('/', 1)[1]}") as response:
        assert response.status == 200
        table = list(csv.reader(io.StringIO(await response.text())))
    header, *body = table
    details_column, who_column = header.index("Supporting details"), header.index("Who")
    assert [row[details_column] for row in body] == [
        details if details[0] not in "=+-@" else "'" + details for details in DETAILS.values()]
    assert {row[who_column] for row in body} == {"'" + USER_NAME}


async def test_an_area_name_typed_in_the_picker_is_not_shown_back_as_markup(start_bot, settings, two_areas, session):
    bot = await start_bot(replace(settings, local_dir=two_areas))
    client = TeamsClient(bot.url, session)
    picker = await client.say("contacts")
    assert "Which council area" in all_text(picker)
    typed = INJECTION.replace("evil.example", "evil.invalid")  # "example" alone would pick Example Borough
    for _ in range(2):  # a third miss would end the picker
        replies = await client.say(typed)
        assert "couldn't match that to an area" in all_text(replies)
        assert_neutralised(replies)
    assert "Example Town Council" in all_text(await client.say("example town"))


FORGED_SUBMITS = (
    {"action": "flow", "question": INJECTION, "rating": "achieving"},  # a button from an "older" card
    {"action": "flow", "rating": INJECTION, "question": INJECTION},
    {"action": "flow", "details": INJECTION},
    {"action": "ask", "query": INJECTION},
    {"action": "command", "command": INJECTION},
    {"action": "more", "passage": INJECTION},
    {"action": "feedback", "passage": INJECTION, "helpful": INJECTION},
    {"action": INJECTION},
)


async def test_forged_card_submits_and_typed_text_are_not_shown_back_as_markup(bot, session):
    for value in FORGED_SUBMITS:
        client = TeamsClient(bot.url, session)
        await client.say("quick check")
        assert_neutralised(await client.submit(value))
        assert_neutralised(await client.say(INJECTION))
    assert_neutralised(await TeamsClient(bot.url, session).say(INJECTION))


async def test_a_pressed_card_is_replaced_by_an_escaped_record_of_the_choice(client):
    question = await client.say("quick check")
    data = {**rating_data(question, "achieving"), "rating": INJECTION}
    replies = await client.send(client.activity(value=data, replyToId=question[-1]["id"]))
    updates = [r for r in replies if r.get("_update")]
    assert updates, "the answered card was not updated"
    assert_neutralised(replies)
