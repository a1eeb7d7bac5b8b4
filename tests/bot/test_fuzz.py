"""Fuzzing the real aiohttp app: thousands of generated and mutated activities, never a 5xx.

Hypothesis builds valid Teams activities (messages, card submits, conversation updates, invokes) with odd
Unicode, huge and empty text, junk in `value` (nested dicts and lists, huge strings, {"action": <junk>})
and junk mentions, then mutates a copy of each: numbers, lists and null where strings belong, more junk,
missing fields. Both are posted over loopback to the app, most with deliveryMode expectReplies and the
rest with replies going to a loopback connector. No answer may be a 5xx; afterwards /healthz and /readyz
are 200 and an ordinary conversation still works. The bot runs on an event loop of its own thread so that
Hypothesis drives a plain synchronous test; one HTTP session is reused for every example.

JSON nested deeper than the parser's recursion limit is not generated (test_bad_input.py covers it).
"""

import asyncio
import copy
import json
import threading
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import requests
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app import create_app
from bot.settings import Settings
from tests.conftest import RunningBot
from tests.helpers.channel import LoopbackConnector

ACTIVITIES = 2000  # posted: half generated as valid, half those same ones mutated
CONNECTOR = "<connector>"  # replaced by the loopback connector's URL when posting
DELETE = object()
BOT_ID = "28:signpost-bot"
CONVERSATIONS = ("a:fuzz-1", "a:fuzz-2", "19:fuzz-channel@thread.tacv2", "a:fuzz-\u00e9\u00df\u202e/../?#")
USERS = ("29:fuzz-user", "29:fuzz-colleague", "29:fuzz-\ud800", "")

ODD_STRINGS = (
    "", " ", "\n\n", "\t", "\x00", "\u200b", "\u202eevil\u202c", "\ufeff", "e\u0301\u0301\u0301", "👩‍👩‍👧‍👦",
    "\U0001f600" * 50, "ZWJ\u200d", "\ud800", "\udfff", "null", "undefined", "NaN", "[object Object]",
    "<at>Signpost</at>", "<at>", "</at>", "{{x}}", "%s%s%n", "../../etc/passwd", "'; DROP TABLE state; --",
    "=1+1", "\\", '"', "\r\n", "ＡＣＨＩＥＶＩＮＧ", "ACHIEVING", "achieving", "1", "1.1", "99.99",
)
COMMANDS = (
    "help", "hi", "quick check", "self-assessment", "assess benchmark 3", "assess benchmark 0", "check 5.2",
    "check 99.1", "benchmark 7", "show benchmarks", "export", "results", "resume", "cancel", "pause", "back",
    "skip", "why", "referral", "contacts", "change area", "no details", "yes", "no", "not sure", "a child",
    "achieving", "developing", "not started", "n/a", "What is the Channel panel?", "How do I make a referral?",
    "He has a knife and says he will stab someone today", "My pupil Ahmed Khan, 14, lives at SW1A 1AA",
)
SUBMIT_KEYS = ("action", "command", "rating", "question", "answer", "choice", "details", "area", "reprompt",
               "query", "passage", "helpful", "personal_data")
ACTIONS = ("command", "flow", "ask", "feedback", "more", "", "FLOW", "unknown")

short_text = st.one_of(st.text(max_size=40), st.sampled_from(ODD_STRINGS))
huge_text = st.builds(lambda piece, n: piece * n, st.sampled_from(["x", "é", "🙂", "<at>", "[", "\n", "word "]),
                      st.integers(900, 6000))
any_text = st.one_of(short_text, short_text, st.sampled_from(COMMANDS), huge_text)
scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True, allow_infinity=True),
                    any_text)
junk = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4),
    st.dictionaries(st.one_of(st.sampled_from(SUBMIT_KEYS), st.text(max_size=8)), inner, max_size=4)),
    max_leaves=8)
wrong_type = st.one_of(st.none(), st.integers(), st.floats(allow_nan=False), st.booleans(),
                       st.lists(scalars, max_size=3), st.dictionaries(st.text(max_size=5), scalars, max_size=3))


def account(ids: tuple[str, ...]) -> st.SearchStrategy[dict]:
    """Mostly a plain account (mutations bring the junk); sometimes odd ids and names."""
    return st.one_of(st.sampled_from([{"id": i, "name": "Fuzz Person"} for i in ids]),
                     st.fixed_dictionaries({"id": st.one_of(st.sampled_from(ids), short_text)},
                                           optional={"name": any_text, "aadObjectId": short_text}))


def conversation() -> st.SearchStrategy[dict]:
    """One of a few shared conversations (so flows build up state), or a fresh one."""
    shared = [{"id": cid, "conversationType": kind} for cid in CONVERSATIONS for kind in ("personal", "groupChat")]
    return st.one_of(st.sampled_from(shared), st.sampled_from(shared), st.fixed_dictionaries(
        {"id": st.builds(lambda: f"a:fuzz-{uuid.uuid4().hex}")},
        optional={"conversationType": st.sampled_from(["personal", "groupChat", "channel", "", "other"]),
                  "tenantId": short_text, "isGroup": st.booleans()}))


mention = st.fixed_dictionaries({
    "type": st.sampled_from(["mention", "Mention", "clientInfo", "https://schema.org/Message"]),
    "mentioned": st.one_of(st.fixed_dictionaries({"id": st.one_of(st.just(BOT_ID), short_text)},
                                                 optional={"name": any_text}), wrong_type),
    "text": st.one_of(st.just("<at>Signpost</at>"), any_text, wrong_type),
})
entities = st.lists(st.one_of(mention, st.dictionaries(st.sampled_from(["type", "text", "x"]), junk, max_size=3)),
                    max_size=3)
submit_value = st.one_of(
    st.fixed_dictionaries({"action": st.sampled_from(ACTIONS)},
                          optional={key: st.one_of(junk, any_text) for key in SUBMIT_KEYS[1:]}),
    st.fixed_dictionaries({"action": st.just("command"), "command": st.sampled_from(COMMANDS)}),
    st.fixed_dictionaries({"action": st.just("flow"), "rating": st.sampled_from(
        ["achieving", "developing", "not_started", "skip", "great"]), "question": st.sampled_from(
        ["1.1", "2.1", "5.3", "99.9", ""])}),
    st.fixed_dictionaries({"action": junk}),
    junk,
)


def envelope(kind: str, **fields: st.SearchStrategy) -> st.SearchStrategy[dict]:
    """A Teams activity of the given type, addressed to the bot from a fuzz user."""
    optional = {"timestamp": st.just("2026-06-03T09:00:00.000Z"), "replyToId": short_text,
                "channelData": st.one_of(st.just({"tenant": {"id": "t"}}), junk)}
    return st.fixed_dictionaries({
        "type": st.just(kind), "id": st.builds(lambda: uuid.uuid4().hex), "channelId": st.just("msteams"),
        "serviceUrl": st.just(CONNECTOR), "from": account(USERS), "recipient": account((BOT_ID,)),
        "conversation": conversation(), "locale": st.sampled_from(["en-GB", "cy-GB", ""]), **fields,
    }, optional={key: value for key, value in optional.items() if key not in fields})


message = envelope("message", text=any_text, entities=st.one_of(st.just([]), entities))
card_submit = envelope("message", value=submit_value, text=st.sampled_from(["", " "]))
conversation_update = envelope(
    "conversationUpdate",
    membersAdded=st.lists(account((*USERS, BOT_ID)), max_size=3),
    channelData=st.one_of(st.fixed_dictionaries(
        {"tenant": st.just({"id": "t"})},
        optional={"eventType": st.sampled_from(["teamMemberAdded", "channelCreated", "teamRenamed", "x"]),
                  "team": st.fixed_dictionaries({"id": short_text}, optional={"name": any_text})}), junk))
invoke = envelope(
    "invoke",
    name=st.sampled_from(["composeExtension/query", "task/fetch", "signin/verifyState", "composeExtension/x", ""]),
    value=st.one_of(st.fixed_dictionaries({"commandId": st.just("searchToolkit"), "parameters": st.lists(
        st.fixed_dictionaries({"name": st.sampled_from(["searchText", "query", "initialRun"]),
                               "value": st.one_of(any_text, junk)}), max_size=2)}), junk))

FIELDS = (("type",), ("id",), ("text",), ("value",), ("value", "action"), ("value", "rating"), ("name",),
          ("entities",), ("from",), ("from", "id"), ("from", "name"), ("recipient",), ("recipient", "id"),
          ("conversation",), ("conversation", "id"), ("conversation", "conversationType"), ("channelId",),
          ("channelData",), ("channelData", "team"), ("membersAdded",), ("locale",), ("timestamp",),
          ("replyToId",), ("serviceUrl",), ("deliveryMode",), ("attachments",), ("textFormat",), ("summary",))
replacement = st.one_of(
    st.just(DELETE), wrong_type, junk, any_text,
    st.sampled_from(["message", "conversationUpdate", "invoke", "installationUpdate", "messageReaction",
                     "event", "typing", "expectReplies", "normal", "ftp://127.0.0.1/", CONNECTOR]))


def mutate(activity: dict, path: tuple[str, ...], value: Any) -> None:
    """Set (or delete) the field at path, creating a dict on the way when the parent is not one."""
    target = activity
    for key in path[:-1]:
        if not isinstance(target.get(key), dict):
            target[key] = {}
        target = target[key]
    if value is DELETE:
        target.pop(path[-1], None)
    else:
        target[path[-1]] = value


def sent_as(activity: dict, expect_replies: bool) -> dict:
    """The activity as posted: expectReplies unless the connector gets the replies (or a mutation decided)."""
    if expect_replies and "deliveryMode" not in activity:
        activity["deliveryMode"] = "expectReplies"
    return activity


@st.composite
def activities(draw: Callable) -> tuple[dict, dict]:
    """A valid activity of some kind, and a copy of it with one to four fields mutated or removed."""
    base = draw(st.one_of(message, message, card_submit, card_submit, conversation_update, invoke))
    mutant = copy.deepcopy(base)
    for _ in range(draw(st.integers(1, 4))):
        mutate(mutant, draw(st.sampled_from(FIELDS)), draw(replacement))
    expect_replies = draw(st.integers(0, 9)) < 8
    return sent_as(base, expect_replies), sent_as(mutant, expect_replies)


def replace_placeholder(node: Any, url: str) -> Any:
    if node == CONNECTOR:
        return url
    if isinstance(node, dict):
        return {key: replace_placeholder(value, url) for key, value in node.items()}
    if isinstance(node, list):
        return [replace_placeholder(item, url) for item in node]
    return node


class BotOnItsOwnLoop:
    """The real app and a loopback connector, served from an event loop on a background thread."""

    def __init__(self, settings: Settings):
        self._settings = settings
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="fuzz-bot", daemon=True)
        self.bot: RunningBot | None = None
        self.connector: LoopbackConnector | None = None

    def _call(self, coroutine, timeout: float = 30):
        return asyncio.run_coroutine_threadsafe(coroutine, self._loop).result(timeout=timeout)

    def start(self) -> "BotOnItsOwnLoop":
        self._thread.start()

        async def start() -> None:
            self.bot = await RunningBot(create_app(self._settings)).start()
            self.connector = await LoopbackConnector().start()

        self._call(start())
        return self

    def forget_replies(self) -> None:
        self._loop.call_soon_threadsafe(self.connector.inbox.clear)

    def stop(self) -> None:
        async def stop() -> None:
            await self.connector.stop()
            await self.bot.stop()
            leftovers = [task for task in asyncio.all_tasks() if task is not asyncio.current_task()]
            for task in leftovers:  # the SDK's typing-indicator timers outlive their turns by up to 2 s
                task.cancel()
            await asyncio.gather(*leftovers, return_exceptions=True)

        self._call(stop())
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)
        self._loop.close()


@pytest.fixture
def served(tmp_path: Path):
    # The rate limit is off so that thousands of examples in a few conversations all reach the routing.
    served = BotOnItsOwnLoop(Settings(storage="sqlite", sqlite_path=tmp_path / "state.db", rate_limit_per_minute=0))
    yield served.start()
    served.stop()


def post(http: requests.Session, served: BotOnItsOwnLoop, body: Any) -> requests.Response:
    data = json.dumps(body)  # lone surrogates and NaN go as JSON escapes and literals, as a sloppy client sends
    return http.post(served.bot.url, data=data.encode(), headers={"Content-Type": "application/json"}, timeout=30)


def texts(response: requests.Response) -> str:
    return " ".join(str(a.get("text", "")) + json.dumps(a.get("attachments", []))
                    for a in response.json().get("activities", []) if a.get("type") == "message")


@pytest.mark.slow  # about 25 s; `make test` runs it (nothing deselects slow tests by default)
def test_thousands_of_mutated_activities_never_get_a_5xx_and_the_bot_still_works(served):
    posted: list[int] = []
    started = time.perf_counter()
    with requests.Session() as http:

        @settings(max_examples=ACTIVITIES // 2, deadline=None, database=None, print_blob=True,
                  suppress_health_check=list(HealthCheck))
        @given(pair=activities())
        def post_pair(pair: tuple[dict, dict]) -> None:
            for activity in pair:
                response = post(http, served, replace_placeholder(activity, served.connector.url))
                served.forget_replies()
                posted.append(response.status_code)
                assert response.status_code < 500, (response.status_code, response.text[:500])

        post_pair()

        assert len(posted) >= ACTIVITIES
        assert {status for status in posted} <= {200, 400, 413}
        # Half are mutants, many of which lose a field the edge requires (400); the rest reach the bot.
        assert sum(status == 200 for status in posted) > ACTIVITIES // 4
        assert http.get(f"{served.bot.base}/healthz", timeout=5).status_code == 200
        assert http.get(f"{served.bot.base}/readyz", timeout=5).status_code == 200

        conversation_id = f"a:after-fuzz-{uuid.uuid4().hex}"

        def say(**fields: Any) -> str:
            body = {"type": "message", "id": uuid.uuid4().hex, "channelId": "msteams",
                    "serviceUrl": served.connector.url, "deliveryMode": "expectReplies",
                    "from": {"id": USERS[0], "name": "After Fuzz"}, "recipient": {"id": BOT_ID},
                    "conversation": {"id": conversation_id, "conversationType": "personal"}, **fields}
            response = post(http, served, body)
            assert response.status_code == 200
            return texts(response)

        assert "Prevent Signpost" in say(text="help")
        assert "Quick check" in say(text="quick check")
        assert "Saved 1.1: Achieving" in say(value={"action": "flow", "rating": "achieving", "question": "1.1"})
    elapsed = time.perf_counter() - started
    assert elapsed < 120, f"{len(posted)} examples took {elapsed:.0f} s"
