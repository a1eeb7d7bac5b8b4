"""The real aiohttp app over HTTP: both reply modes, health, readiness, auth and bad requests."""

import gc
import json
import time
from datetime import UTC, datetime

from aiohttp import ClientSession
from botbuilder.core import InvokeResponse
from botbuilder.schema import ExpectedReplies

from bot import http_app
from bot.http_app import _invoke_result
from tests.conftest import with_app_id
from tests.helpers.channel import TeamsClient, all_text


async def test_message_answered_through_loopback_connector(client):
    replies = await client.say("help")
    assert replies, "no reply reached the connector"
    assert "Prevent Signpost" in all_text(replies)
    assert replies[0]["conversation"]["id"] == client.conversation_id


async def test_message_answered_through_expect_replies(expect_client):
    status, body = await expect_client.post(expect_client.activity(text="help"))
    assert status == 200
    messages = [a for a in body["activities"] if a["type"] == "message"]
    assert "Prevent Signpost" in all_text(messages)


async def test_card_submit_without_text_is_understood(client):
    replies = await client.submit({"action": "command", "command": "help"})
    assert "Prevent Signpost" in all_text(replies)


async def test_healthz_and_readyz(bot, session):
    async with session.get(f"{bot.base}/healthz") as response:
        assert response.status == 200
    async with session.get(f"{bot.base}/readyz") as response:
        assert response.status == 200
        assert (await response.json())["status"] == "ready"


async def test_readyz_reports_a_broken_store(start_bot, settings, session, tmp_path):
    class BrokenStorage:
        async def read(self, keys):
            raise OSError("disk gone")

    bot = await start_bot(settings, storage=BrokenStorage())
    async with session.get(f"{bot.base}/readyz") as response:
        assert response.status == 503
        body = await response.json()
        assert body["status"] == "not ready" and "OSError" in body["reason"]


async def test_app_id_set_refuses_requests_without_auth(start_bot, settings, session, connector):
    bot = await start_bot(with_app_id(settings))
    client = TeamsClient(bot.url, session, connector)
    started = time.perf_counter()
    status, _ = await client.post(client.activity(text="help"))
    assert status == 401
    assert time.perf_counter() - started < 2.0
    status, _ = await client.post(client.activity(text="help"), headers={"Authorization": "Bearer not.a.jwt"})
    assert status == 401
    assert connector.take(client.conversation_id) == []


async def test_bad_requests_get_4xx_not_500(bot, session: ClientSession):
    url = bot.url
    async with session.post(url, data=b"not json", headers={"Content-Type": "application/json"}) as r:
        assert r.status == 400
    async with session.post(url, data=b"{}", headers={"Content-Type": "text/plain"}) as r:
        assert r.status == 415
    async with session.post(url, json=[1, 2]) as r:
        assert r.status == 400
    async with session.post(url, json={"type": "message", "text": "hi"}) as r:
        assert r.status == 400
        assert "conversation" in (await r.json())["error"]
    async with session.post(url, json={"type": "message", "conversation": {"id": "x"}}) as r:
        assert r.status == 400
    big = {"type": "message", "text": "x" * (300 * 1024), "conversation": {"id": "x"}, "serviceUrl": "http://a/"}
    async with session.post(url, data=json.dumps(big), headers={"Content-Type": "application/json"}) as r:
        assert r.status == 413


async def test_unknown_activity_type_is_accepted_and_ignored(expect_client):
    status, body = await expect_client.post(expect_client.activity(type_="somethingNew"))
    assert status == 200
    assert not [a for a in (body or {}).get("activities", []) if a["type"] == "message"]


async def test_over_long_message_gets_a_polite_reply(expect_client):
    replies = await expect_client.say("word " * 1000)
    assert "too long" in all_text(replies)


async def test_greeting_gets_help(expect_client):
    text = all_text(await expect_client.say("Hello!"))
    assert "Hello" in text and "Prevent Signpost" in text


async def test_thanks_gets_a_welcome_not_a_no_answer(expect_client):
    replies = await expect_client.say("thanks!")
    assert all_text(replies).startswith("You're welcome")
    assert "couldn't find" not in all_text(replies)


def test_invoke_bodies_are_encoded_once_with_values_json_lacks_as_text():
    when = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)
    response = _invoke_result(InvokeResponse(status=200, body={"when": when, "n": [1, "two"]}))
    assert response.status == 200 and response.content_type == "application/json"
    assert json.loads(response.text) == {"when": str(when), "n": [1, "two"]}
    model = _invoke_result(InvokeResponse(status=200, body=ExpectedReplies(activities=[])))
    assert json.loads(model.text) == {"activities": []}
    assert _invoke_result(InvokeResponse(status=501)).status == 400


def test_serve_moves_start_up_objects_out_of_the_collectors_sight(monkeypatch):
    served = {}
    monkeypatch.setattr(http_app.web, "run_app", lambda app, **options: served.update(app=app, **options))
    gc.unfreeze()
    try:
        http_app.serve("the app", "127.0.0.1", 3978)
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
    assert served == {"app": "the app", "host": "127.0.0.1", "port": 3978, "print": None, "access_log": None}
