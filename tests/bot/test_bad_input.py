"""Bad input at the HTTP edge gets a 4xx with a reason, or is accepted and ignored; never a 5xx.

Tables of cases beyond the basic ones in test_http_app.py: bodies over 256 KB without a Content-Length or
once decompressed, the exact size limit, content types, bodies that are not JSON, JSON that is not an
activity, fields of the wrong type, ids that are not valid Unicode, activity types and invokes the bot does
not handle, and message text either side of the 4,000-character limit. Cases once marked xfail were known
faults, each described in its reason; they are strict, so fixing one turns its test red until the mark is
removed.
"""

import gzip
import json
from typing import Any

import pytest
import pytest_asyncio
from aiohttp import ClientSession

from app import create_app
from bot.http_app import MAX_BODY_BYTES
from bot.settings import Settings
from bot.turn_input import MAX_TEXT_LENGTH
from knowledge.messages import load_messages
from tests.conftest import RunningBot
from tests.helpers.channel import LoopbackConnector, TeamsClient, all_text

# One bot for the whole module (each test talks in a conversation of its own): starting one per case
# would cost a second each.
pytestmark = pytest.mark.asyncio(loop_scope="module")

JSON = {"Content-Type": "application/json"}
APOLOGY_START = "Sorry, something went wrong"
TOO_LONG_START = "That message is too long for me"
@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def running(tmp_path_factory):
    settings = Settings(storage="sqlite", sqlite_path=tmp_path_factory.mktemp("bad-input") / "state.db")
    bot = await RunningBot(create_app(settings)).start()
    connector = await LoopbackConnector().start()
    async with ClientSession() as session:
        yield bot, session, connector
    await connector.stop()
    await bot.stop()


@pytest.fixture
def bot(running) -> RunningBot:
    return running[0]


@pytest.fixture
def session(running) -> ClientSession:
    return running[1]


@pytest.fixture
def expect_client(running) -> TeamsClient:
    return TeamsClient(running[0].url, running[1])


@pytest.fixture
def client(running) -> TeamsClient:
    return TeamsClient(running[0].url, running[1], running[2])



def activity(client: TeamsClient, **fields: Any) -> dict:
    """A valid expectReplies message activity with fields replaced (a value of ... removes the field)."""
    body = client.activity(text="help")
    for key, value in fields.items():
        if value is ...:
            body.pop(key, None)
        else:
            body[key] = value
    return body


async def post_raw(session, url: str, data: bytes, headers: dict | None = None) -> tuple[int, Any]:
    async with session.post(url, data=data, headers=JSON if headers is None else headers) as response:
        text = await response.text()
        try:
            return response.status, json.loads(text) if text else None
        except json.JSONDecodeError:
            return response.status, text


def messages(body: Any) -> list[dict]:
    return [a for a in (body or {}).get("activities", []) if a.get("type") == "message"]


# -- size ----------------------------------------------------------------------------------------------


async def test_a_body_over_the_limit_without_a_content_length_is_refused(bot, session, expect_client):
    big = json.dumps(activity(expect_client, text="x" * (MAX_BODY_BYTES + 10))).encode()

    async def chunks():
        for start in range(0, len(big), 16 * 1024):
            yield big[start:start + 16 * 1024]

    async with session.post(bot.url, data=chunks(), headers=JSON) as response:
        assert response.status == 413
        assert "body over" in (await response.json())["error"]
    assert await expect_client.say("help")  # the connection mess left nothing broken


async def test_the_body_size_limit_is_exact(bot, session, expect_client):
    def body_of_size(size: int) -> bytes:
        shell = json.dumps(activity(expect_client, text=""), separators=(",", ":")).encode()
        return shell.replace(b'"text":""', b'"text":"' + b"x" * (size - len(shell)) + b'"')

    status, body = await post_raw(session, bot.url, body_of_size(MAX_BODY_BYTES))
    assert status == 200
    assert all_text(messages(body)).startswith(TOO_LONG_START)
    status, _ = await post_raw(session, bot.url, body_of_size(MAX_BODY_BYTES + 1))
    assert status == 413


async def test_a_compressed_body_is_limited_by_its_decompressed_size(bot, session, expect_client):
    headers = {**JSON, "Content-Encoding": "gzip"}
    small = gzip.compress(json.dumps(activity(expect_client)).encode())
    status, body = await post_raw(session, bot.url, small, headers)
    assert status == 200 and "Prevent Signpost" in all_text(messages(body))
    bomb = gzip.compress(json.dumps(activity(expect_client, pad="0" * (20 * MAX_BODY_BYTES))).encode())
    assert len(bomb) < MAX_BODY_BYTES
    status, _ = await post_raw(session, bot.url, bomb, headers)
    assert status == 413


async def test_a_body_that_is_not_the_compression_it_claims_gets_400(bot, session):
    status, _ = await post_raw(session, bot.url, b"\x1f\x8b not gzip", {**JSON, "Content-Encoding": "gzip"})
    assert status == 400


# -- content type and encoding ------------------------------------------------------------------------


@pytest.mark.parametrize("content_type", [
    "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/xml", "text/json",
    "application/octet-stream", None,
])
async def test_wrong_content_types_get_415(bot, session, expect_client, content_type):
    headers = {"Content-Type": content_type} if content_type else {}
    data = json.dumps(activity(expect_client)).encode()
    async with session.post(bot.url, data=data, headers=headers, skip_auto_headers=["Content-Type"]) as response:
        assert response.status == 415


async def test_json_with_a_charset_is_accepted(bot, session, expect_client):
    data = json.dumps(activity(expect_client)).encode()
    status, body = await post_raw(session, bot.url, data, {"Content-Type": "application/json; charset=utf-8"})
    assert status == 200 and "Prevent Signpost" in all_text(messages(body))


@pytest.mark.parametrize("data", [
    pytest.param(b"", id="empty"),
    pytest.param(b"\xff\xfe\xfa not utf-8", id="not utf-8"),
    pytest.param(b'{"type": "message", "conversation": {"id": "x"', id="truncated"),
    pytest.param(b"null", id="null"),
    pytest.param(b"42", id="number"),
    pytest.param(b'"a string"', id="string"),
    pytest.param(b"true", id="boolean"),
    pytest.param(b"{'type': 'message'}", id="single quotes"),
    pytest.param(b"[" * 20_000 + b"]" * 20_000, id="deeply nested list"),
    pytest.param(b'{"type":"message","value":' + b'{"a":' * 20_000 + b"1" + b"}" * 20_001, id="deeply nested value"),
])
async def test_bodies_that_are_not_a_json_object_get_400(bot, session, data):
    status, body = await post_raw(session, bot.url, data)
    assert status == 400, body
    assert body["error"]


# -- JSON that is not an activity ---------------------------------------------------------------------


NOT_ACTIVITIES = {
    "no type": {"type": ...},
    "empty type": {"type": ""},
    "type is a number": {"type": 7},
    "type is null": {"type": None},
    "type is a list": {"type": ["message"]},
    "no conversation": {"conversation": ...},
    "conversation is null": {"conversation": None},
    "conversation is a string": {"conversation": "a:1"},
    "conversation is a list": {"conversation": [{"id": "a:1"}]},
    "conversation without id": {"conversation": {"conversationType": "personal"}},
    "conversation id is a number": {"conversation": {"id": 12}},
    "conversation id is empty": {"conversation": {"id": ""}},
    "no serviceUrl": {"serviceUrl": ...},
    "serviceUrl is a number": {"serviceUrl": 80},
    "serviceUrl is empty": {"serviceUrl": ""},
    "serviceUrl is not http": {"serviceUrl": "ftp://127.0.0.1/"},
    "serviceUrl is a script": {"serviceUrl": "javascript:alert(1)"},
    "from is a string": {"from": "29:user"},
    "recipient is a list": {"recipient": ["28:bot"]},
    "entities is a string": {"entities": "mention"},
    "entities hold numbers": {"entities": [1, 2]},
    "timestamp is not a date": {"timestamp": "yesterday-ish"},
    "membersAdded hold numbers": {"membersAdded": [1]},
}


@pytest.mark.parametrize("fields", NOT_ACTIVITIES.values(), ids=NOT_ACTIVITIES.keys())
async def test_json_that_is_not_a_valid_activity_gets_400(bot, session, expect_client, fields):
    status, body = await post_raw(session, bot.url, json.dumps(activity(expect_client, **fields)).encode())
    assert status == 400, body
    assert body["error"]


TOLERATED = {
    "text is a number": {"text": 12345},
    "text is a list": {"text": ["help"]},
    "text is an object": {"text": {"help": True}},
    "text is null": {"text": None},
    "value is a string": {"text": ..., "value": "help"},
    "value is a list": {"text": ..., "value": [{"action": "command", "command": "help"}]},
    "value action is a list": {"text": ..., "value": {"action": ["command"], "command": "help"}},
    "value command is a number": {"text": ..., "value": {"action": "command", "command": 5}},
    "value nests deeply": {"text": ..., "value": {"action": "flow", "rating": {"a": [{"b": [[[]]]}] * 50}}},
    "conversationType is a number": {"conversation": {"id": "a:typed", "conversationType": 5}},
    "unknown extra fields": {"surprise": {"nested": [1, None, "x"]}, "channelData": {"tenant": 5}},
    "mention of someone else": {"text": "<at>Alex</at> help", "entities": [
        {"type": "mention", "mentioned": {"id": "29:alex"}, "text": "<at>Alex</at>"}]},
    "mention with junk fields": {"entities": [{"type": "mention", "mentioned": 5, "text": None}, {"type": None}]},
}


@pytest.mark.parametrize("fields", TOLERATED.values(), ids=TOLERATED.keys())
async def test_wrongly_typed_fields_the_bot_can_read_around_are_answered(bot, session, expect_client, fields):
    status, body = await post_raw(session, bot.url, json.dumps(activity(expect_client, **fields)).encode())
    assert status == 200, body
    text = all_text(messages(body))
    assert text and APOLOGY_START not in text


async def test_a_user_id_that_is_not_valid_unicode_is_refused_and_the_conversation_goes_on(running):
    bot, session, _ = running
    client = TeamsClient(bot.url, session, user_id="29:lone-\ud800-surrogate")  # a JSON escape, as sent
    status, body = await client.post(client.activity(text="quick check"))
    assert status == 400 and "ids" in body["error"]
    client.user_id = "29:ordinary-user"
    assert "Quick check" in all_text(await client.say("quick check"))


async def test_a_conversation_id_that_is_not_valid_unicode_gets_no_5xx(running):
    bot, session, _ = running
    client = TeamsClient(bot.url, session, conversation_id="a:lone-\udfff-surrogate")
    status, _ = await client.post(client.activity(text="help"))
    assert status < 500


# -- activity types the bot does not handle -----------------------------------------------------------


@pytest.mark.parametrize("activity_type", [
    "typing", "messageReaction", "messageUpdate", "messageDelete", "endOfConversation", "event", "handoff",
    "trace", "suggestion", "command", "commandResult", "deleteUserData", "MESSAGE", " message", "x" * 5000,
])
async def test_activity_types_the_bot_does_not_handle_are_accepted_and_ignored(expect_client, activity_type):
    status, body = await expect_client.post(expect_client.activity(type_=activity_type, text="help"))
    assert status == 200
    assert messages(body) == []


@pytest.mark.parametrize("name", [
    pytest.param("task/fetch"),
    pytest.param("signin/verifyState"),
    pytest.param("no/such/invoke"),
    pytest.param(None, id="no name"),
])
async def test_invokes_the_bot_does_not_handle_get_no_5xx(client, name):
    status, _ = await client.post(client.activity(type_="invoke", name=name, value={"junk": [1, None]}))
    assert status < 500


@pytest.mark.parametrize("name", ["task/fetch", "signin/verifyState", "no/such/invoke", None])
async def test_invokes_the_bot_does_not_handle_get_200_with_expect_replies(expect_client, name):
    status, _ = await expect_client.post(expect_client.activity(type_="invoke", name=name, value={"junk": 1}))
    assert status == 200


@pytest.mark.parametrize("connector_mode", [True, False], ids=["connector", "expectReplies"])
async def test_an_adaptive_card_action_without_an_action_gets_no_5xx(client, expect_client, connector_mode):
    sender = client if connector_mode else expect_client
    status, _ = await sender.post(sender.activity(type_="invoke", name="adaptiveCard/action", value={"x": 1}))
    assert status < 500


async def test_other_methods_on_the_messages_endpoint_get_405(bot, session):
    for method in ("GET", "PUT", "DELETE", "PATCH"):
        async with session.request(method, bot.url) as response:
            assert response.status == 405


# -- message text either side of the limit ------------------------------------------------------------


async def test_text_at_the_limit_is_answered_and_one_more_character_is_refused_politely(expect_client):
    at_limit = all_text(await expect_client.say("channel " * (MAX_TEXT_LENGTH // 8)))
    assert not at_limit.startswith(TOO_LONG_START) and APOLOGY_START not in at_limit
    over = await expect_client.say("x" * (MAX_TEXT_LENGTH + 1))
    assert [reply["text"] for reply in over] == [
        load_messages().text("too_long", length=MAX_TEXT_LENGTH + 1, limit=MAX_TEXT_LENGTH)]


async def test_the_limit_counts_the_text_after_the_bots_own_mention_is_removed(expect_client):
    mention = {"type": "mention", "mentioned": {"id": "28:signpost-bot"}, "text": "<at>Signpost</at>"}
    replies = await expect_client.send(expect_client.activity(
        text="<at>Signpost</at> " + "channel " * (MAX_TEXT_LENGTH // 8), entities=[mention]))
    assert not all_text(replies).startswith(TOO_LONG_START)


async def test_an_over_long_answer_in_an_assessment_does_not_move_it_on(expect_client):
    await expect_client.say("assess benchmark 1")
    await expect_client.submit({"action": "flow", "rating": "achieving", "question": "1.1"})
    replies = await expect_client.say("Evidence: " + "x" * MAX_TEXT_LENGTH)
    assert all_text(replies).startswith(TOO_LONG_START)
    assert "Saved 1.1." in all_text(await expect_client.say("Risk register reviewed quarterly."))
