"""Request authentication with an app id, offline: a local key server stands in for the Bot Framework's.

Every refusal must come within AUTH_BOUND_SECONDS and never as a 500 or a hang: 401 for a bad or missing
token, 503 when the signing keys cannot be fetched (the sender may be genuine: the fault is ours, not theirs).
"""

import asyncio
import socket
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import replace

import pytest

from tests.conftest import with_app_id
from tests.helpers.channel import TeamsClient, all_text
from tests.helpers.openid_server import OpenIdServer, bot_token, new_key

AUTH_BOUND_SECONDS = 2.0


def metadata_url(port: int) -> str:
    """A metadata URL on a loopback port, unique so that no earlier test's cached keys answer for it."""
    return f"http://127.0.0.1:{port}/{uuid.uuid4().hex}/.well-known/openid-configuration"


@pytest.fixture
def openid() -> Iterator[OpenIdServer]:
    server = OpenIdServer().start()
    yield server
    server.stop()


@pytest.fixture
def authed_settings(settings, openid):
    return replace(with_app_id(settings), openid_metadata_url=openid.metadata_url)


@pytest.fixture
async def authed_client(start_bot, authed_settings, session) -> TeamsClient:
    """An expectReplies client: replies come back in the HTTP response, so nothing needs a bot token."""
    bot = await start_bot(authed_settings)
    return TeamsClient(bot.url, session)


async def timed_post(client: TeamsClient, authorization: str | None) -> tuple[int, dict, float]:
    headers = {"Authorization": authorization} if authorization is not None else {}
    started = time.perf_counter()
    status, body = await client.post(client.activity(text="help"), headers=headers)
    return status, body or {}, time.perf_counter() - started


@pytest.mark.parametrize("authorization", [None, "", "Bearer garbage", "Basic dXNlcjpwYXNz", "Bearer a.b.c"])
async def test_missing_or_malformed_authorization_is_refused_fast(authed_client, openid, authorization):
    status, body, seconds = await timed_post(authed_client, authorization)
    assert (status, body) == (401, {"error": "unauthorized"})
    assert seconds < AUTH_BOUND_SECONDS
    assert openid.requests == 0, "a malformed header should be refused before fetching signing keys"


async def test_a_token_signed_with_the_served_key_is_accepted(authed_client, openid, authed_settings):
    token = openid.token(app_id=authed_settings.app_id, service_url=authed_client.activity()["serviceUrl"])
    status, body, seconds = await timed_post(authed_client, f"Bearer {token}")
    assert status == 200, body
    assert "Prevent Signpost" in all_text([a for a in body["activities"] if a["type"] == "message"])
    assert seconds < AUTH_BOUND_SECONDS
    assert openid.requests == 1


BAD_TOKENS: dict[str, Callable[[OpenIdServer, str, str], str]] = {
    "unknown key and key id": lambda server, app_id, url: bot_token(new_key(), "not-served", app_id=app_id,
                                                                    service_url=url),
    "unknown key, served key id": lambda server, app_id, url: bot_token(new_key(), server.kid, app_id=app_id,
                                                                        service_url=url),
    "another bot's app id": lambda server, app_id, url: server.token(app_id="someone-else", service_url=url),
    "another issuer": lambda server, app_id, url: server.token(app_id=app_id, service_url=url,
                                                               issuer="https://issuer.example"),
    "another serviceUrl": lambda server, app_id, url: server.token(app_id=app_id,
                                                                   service_url="https://elsewhere.example/"),
    "expired": lambda server, app_id, url: server.token(app_id=app_id, service_url=url, lifetime_seconds=-3600),
}


@pytest.mark.parametrize("make_token", BAD_TOKENS.values(), ids=BAD_TOKENS.keys())
async def test_bad_tokens_are_refused_fast(authed_client, openid, authed_settings, make_token):
    token = make_token(openid, authed_settings.app_id, authed_client.activity()["serviceUrl"])
    status, body, seconds = await timed_post(authed_client, f"Bearer {token}")
    assert (status, body) == (401, {"error": "unauthorized"})
    assert seconds < AUTH_BOUND_SECONDS


async def test_unreachable_key_endpoint_gets_503_fast(start_bot, settings, session):
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    app_id = with_app_id(settings).app_id
    bot = await start_bot(replace(with_app_id(settings), openid_metadata_url=metadata_url(closed_port)))
    client = TeamsClient(bot.url, session)
    token = bot_token(new_key(), "kid", app_id=app_id, service_url=client.activity()["serviceUrl"])
    status, body, seconds = await timed_post(client, f"Bearer {token}")
    assert status == 503 and "verify" in body["error"]
    assert seconds < AUTH_BOUND_SECONDS


async def test_key_endpoint_that_never_answers_neither_hangs_the_request_nor_the_bot(start_bot, settings, session):
    """The SDK's key fetch has no timeout; the bot must still answer, and keep serving others meanwhile."""
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        app_id = with_app_id(settings).app_id
        bot = await start_bot(replace(with_app_id(settings),
                                      openid_metadata_url=metadata_url(silent.getsockname()[1])))
        client = TeamsClient(bot.url, session)
        token = bot_token(new_key(), "kid", app_id=app_id, service_url=client.activity()["serviceUrl"])

        async def health_latency() -> float:
            await asyncio.sleep(0.2)
            started = time.perf_counter()
            async with session.get(f"{bot.base}/healthz") as response:
                assert response.status == 200
            return time.perf_counter() - started

        (status, _, seconds), health_seconds = await asyncio.gather(
            timed_post(client, f"Bearer {token}"), health_latency())
    assert status == 503
    assert seconds < AUTH_BOUND_SECONDS
    assert health_seconds < 0.5, "the event loop was blocked while fetching signing keys"


async def test_default_key_endpoint_answers_within_the_bound_with_or_without_network(start_bot, settings, session):
    """No override: the Bot Framework's own endpoint. Offline that is a 503; online, an unknown key's 401."""
    bot = await start_bot(with_app_id(settings))
    client = TeamsClient(bot.url, session)
    token = bot_token(new_key(), "kid", app_id=with_app_id(settings).app_id,
                      service_url=client.activity()["serviceUrl"])
    status, _, seconds = await timed_post(client, f"Bearer {token}")
    assert status in (401, 503)
    assert seconds < AUTH_BOUND_SECONDS
