"""Shared fixtures: settings, a running bot on a free loopback port, a loopback connector, clients."""

import atexit
import os
import shutil
import tempfile
from collections.abc import AsyncIterator
from dataclasses import replace
from pathlib import Path

import pytest
from aiohttp import ClientSession, web

from app import create_app
from bot.settings import Settings
from tests.helpers.channel import LoopbackConnector, TeamsClient

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED = REPO_ROOT.parent / "shared"
# Tests (and the bot processes they start) keep the knowledge index cache out of the source tree.
if "INDEX_CACHE_DIR" not in os.environ:
    os.environ["INDEX_CACHE_DIR"] = tempfile.mkdtemp(prefix="signpost-test-index-")
    atexit.register(shutil.rmtree, os.environ["INDEX_CACHE_DIR"], ignore_errors=True)


class RunningBot:
    """The real aiohttp app served on 127.0.0.1 at a free port."""

    def __init__(self, app: web.Application):
        self.app = app
        self.runner = web.AppRunner(app, access_log=None)
        self.url = ""
        self.base = ""

    async def start(self) -> "RunningBot":
        await self.runner.setup()
        site = web.TCPSite(self.runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]
        self.base = f"http://127.0.0.1:{port}"
        self.url = f"{self.base}/api/messages"
        return self

    async def stop(self) -> None:
        await self.runner.cleanup()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Local mode (no app id), SQLite in a temporary folder."""
    return Settings(storage="sqlite", sqlite_path=tmp_path / "state.db")


@pytest.fixture
async def start_bot():
    """Factory: start_bot(settings, **create_app_kwargs) -> RunningBot; everything started is stopped."""
    started: list[RunningBot] = []

    async def start(settings: Settings, **kwargs) -> RunningBot:
        bot = await RunningBot(create_app(settings, **kwargs)).start()
        started.append(bot)
        return bot

    yield start
    for bot in started:
        await bot.stop()


@pytest.fixture
async def session() -> AsyncIterator[ClientSession]:
    async with ClientSession() as client_session:
        yield client_session


@pytest.fixture
async def connector() -> AsyncIterator[LoopbackConnector]:
    loopback = await LoopbackConnector().start()
    yield loopback
    await loopback.stop()


@pytest.fixture
async def bot(start_bot, settings) -> RunningBot:
    return await start_bot(settings)


@pytest.fixture
def client(bot, session, connector) -> TeamsClient:
    """A personal-chat client whose replies arrive at the loopback connector (as in Teams)."""
    return TeamsClient(bot.url, session, connector)


@pytest.fixture
def expect_client(bot, session) -> TeamsClient:
    """A personal-chat client using deliveryMode expectReplies."""
    return TeamsClient(bot.url, session)


def with_app_id(settings: Settings) -> Settings:
    return replace(settings, app_id="00000000-0000-0000-0000-00000000b0b0", app_password="not-a-real-secret")
