"""STORAGE=blob against Azurite: the Storage contract, failures, and two bot instances sharing one container."""

import asyncio
import socket
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from aiohttp import web
from botbuilder.core import ConversationState, TurnContext
from botbuilder.core.adapters import TestAdapter
from botbuilder.schema import Activity, ChannelAccount, ConversationAccount

from app import SERVICES
from bot.settings import Settings, SettingsError
from bot.storage.blob_store import AzureBlobStorage, create_blob_storage
from bot.storage.sqlite_store import EtagConflict, StorageUnavailable
from tests.helpers.azurite import (
    Azurite,
    AzuriteUnavailable,
    connection_string,
    ensure_installed,
    free_port,
    run_azurite,
)
from tests.helpers.channel import TeamsClient, all_text
from tests.helpers.storage_contract import StorageContract

# botbuilder-azure 4.17.1 calls a download method that azure-storage-blob 12.7 deprecates, on every read.
pytestmark = pytest.mark.filterwarnings("ignore:content_as_text is deprecated:DeprecationWarning")

REPO_ROOT = Path(__file__).resolve().parents[3]
AZURITE_PREFIX = REPO_ROOT / ".e2e" / "azurite"


@pytest.fixture(scope="session")
def azurite(tmp_path_factory) -> Iterator[Azurite]:
    try:
        ensure_installed(AZURITE_PREFIX)
    except AzuriteUnavailable as error:
        pytest.skip(str(error))
    with run_azurite(AZURITE_PREFIX, tmp_path_factory.mktemp("azurite")) as emulator:
        yield emulator


@pytest.fixture
def blob_settings(azurite) -> Settings:
    """Blob storage in a fresh container, so tests never see each other's state."""
    return Settings(storage="blob", blob_connection_string=azurite.connection_string,
                    blob_container=f"test-{uuid.uuid4().hex[:16]}")


@pytest.fixture
async def open_store() -> AsyncIterator:
    """Factory: open_store(settings) -> a blob Storage that is closed after the test."""
    opened: list[AzureBlobStorage] = []

    def open_(settings: Settings) -> AzureBlobStorage:
        opened.append(create_blob_storage(settings))
        return opened[-1]

    yield open_
    for store in opened:
        await store.close()


@pytest.fixture
def store(open_store, blob_settings) -> AzureBlobStorage:
    return open_store(blob_settings)


# -- the Storage contract --------------------------------------------------------------------------


class TestBlobStorageContract(StorageContract):
    """The shared Storage contract, on Azure Blob Storage (Azurite)."""


# -- failures surface as StorageUnavailable, quickly -----------------------------------------------


async def test_unreachable_account_raises_storage_unavailable_quickly():
    store = AzureBlobStorage(connection_string(free_port()), "nobody-listens", timeout_seconds=2.0)
    started = time.perf_counter()
    with pytest.raises(StorageUnavailable):
        await store.read(["k"])
    with pytest.raises(StorageUnavailable):
        await store.write({"k": {"v": 1}})
    assert time.perf_counter() - started < 4.5
    await store.close()


async def test_an_account_that_never_answers_times_out():
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        store = AzureBlobStorage(connection_string(silent.getsockname()[1]), "silent", timeout_seconds=0.5)
        started = time.perf_counter()
        with pytest.raises(StorageUnavailable):
            await store.read(["k"])
        assert time.perf_counter() - started < 1.5
        await store.close()


async def test_a_failed_read_is_not_mistaken_for_a_missing_item():
    """The stock BlobStorage.read returns {} on a 403 or 500; the next eTag-less write would overwrite state."""
    app = web.Application()

    async def answer(request: web.Request) -> web.Response:
        if request.method == "PUT":  # create container
            return web.Response(status=201)
        return web.Response(status=403, headers={"x-ms-error-code": "AuthorizationFailure"})

    app.router.add_route("*", "/{tail:.*}", answer)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    store = AzureBlobStorage(connection_string(site._server.sockets[0].getsockname()[1]), "forbidden")
    try:
        with pytest.raises(StorageUnavailable, match="403"):
            await store.read(["msteams/conversations/a:1"])
    finally:
        await store.close()
        await runner.cleanup()


@pytest.mark.parametrize(("changes", "message"), [
    ({"blob_connection_string": ""}, "BLOB_CONNECTION_STRING is required"),
    ({"blob_connection_string": "not a connection string"}, "BLOB_CONNECTION_STRING is not a usable"),
    ({"blob_container": "Has_Capitals"}, "BLOB_CONTAINER"),
    ({"blob_container": "ab"}, "BLOB_CONTAINER"),
    ({"blob_container": "double--hyphen"}, "BLOB_CONTAINER"),
])
def test_unusable_settings_name_the_variable(changes, message):
    settings = Settings(storage="blob", **{"blob_connection_string": connection_string(10000), **changes})
    with pytest.raises(SettingsError, match=message):
        create_blob_storage(settings)


# -- concurrent writers from two instances ---------------------------------------------------------


async def test_two_storages_read_modify_write_lose_no_update(open_store, blob_settings):
    first, second = open_store(blob_settings), open_store(blob_settings)
    await first.write({"counter": {"n": 0}})
    conflicts = 0

    async def increment(store: AzureBlobStorage) -> None:
        nonlocal conflicts
        while True:
            item = (await store.read(["counter"]))["counter"]
            item["n"] += 1
            try:
                await store.write({"counter": item})
                return
            except EtagConflict:
                conflicts += 1

    await asyncio.gather(*(increment(store) for _ in range(5) for store in (first, second)))
    assert (await second.read(["counter"]))["counter"]["n"] == 10
    assert conflicts > 0, "the writers never overlapped, so the test proved nothing"


async def test_conversation_state_on_two_instances_loses_no_update(open_store, blob_settings):
    """The SDK's ConversationState carries the blob eTag from load to save, so a stale save is refused.

    The conversation exists before the race: a conversation's very first save carries no eTag and is
    unconditional (the SDK's Storage contract), so two instances creating it at once would both succeed.
    """
    instances = [ConversationState(open_store(blob_settings)) for _ in range(2)]
    activity = Activity(type="message", channel_id="msteams", conversation=ConversationAccount(id="a:shared"),
                        from_property=ChannelAccount(id="29:user"), recipient=ChannelAccount(id="28:bot"))

    async def one_turn(state: ConversationState) -> None:
        counter = state.create_property("counter")
        while True:
            context = TurnContext(TestAdapter(), activity)
            await state.load(context)
            await counter.set(context, await counter.get(context, lambda: 0) + 1)
            try:
                await state.save_changes(context)
                return
            except EtagConflict:
                await asyncio.sleep(0)

    await one_turn(instances[0])
    await asyncio.gather(*(one_turn(state) for _ in range(8) for state in instances))
    context = TurnContext(TestAdapter(), activity)
    await instances[0].load(context, force=True)
    assert await instances[0].create_property("counter").get(context) == 17


# -- two bot instances behind a load balancer ------------------------------------------------------


async def test_two_instances_share_conversation_and_user_state(start_bot, blob_settings, session, connector):
    """Each app builds its own blob client from the settings (app.create_storage), as separate processes do."""
    instance_a = await start_bot(blob_settings)
    instance_b = await start_bot(blob_settings)
    assert isinstance(instance_a.app[SERVICES].storage, AzureBlobStorage)
    to_a = TeamsClient(instance_a.url, session, connector)
    to_b = TeamsClient(instance_b.url, session, connector, conversation_id=to_a.conversation_id)
    tenant = {"tenant": {"id": "tenant-1"}}
    members = {"membersAdded": [{"id": to_a.user_id, "name": to_a.user_name}], "channelData": tenant}

    welcome = await to_a.send(to_a.activity(type_="conversationUpdate", **members))
    assert "Prevent Signpost" in all_text(welcome), "instance A did not welcome a new user"
    assert await to_b.send(to_b.activity(type_="conversationUpdate", **members)) == [], "welcomed twice"
    for client in (to_b, to_a, to_b):
        assert "Prevent Signpost" in all_text(await client.say("help"))

    # Conversation state: a team channel gets one introduction, whichever instance hears of it first.
    channel = f"19:{uuid.uuid4().hex}@thread.tacv2"
    members["channelData"] = {**tenant, "eventType": "teamMemberAdded", "team": {"id": channel},
                              "channel": {"id": channel}}
    in_channel_b = TeamsClient(instance_b.url, session, connector, conversation_id=channel,
                               conversation_type="channel")
    in_channel_a = TeamsClient(instance_a.url, session, connector, conversation_id=channel,
                               conversation_type="channel")
    assert await in_channel_b.send(in_channel_b.activity(type_="conversationUpdate", **members))
    assert await in_channel_a.send(in_channel_a.activity(type_="conversationUpdate", **members)) == []


async def test_a_quick_check_alternating_between_two_instances_keeps_every_answer(start_bot, blob_settings,
                                                                                   session, connector):
    """One conversation's messages go to instance A and B in turn, through a whole quick check."""
    instances = [await start_bot(blob_settings), await start_bot(blob_settings)]
    clients = [TeamsClient(instance.url, session, connector) for instance in instances]
    clients[1].conversation_id = clients[0].conversation_id
    ratings = ["achieving", "developing", "not_started", "skip", "achieving",
               "developing", "achieving", "not_started", "developing", "achieving"]
    replies = await clients[0].say("quick check")
    for turn, rating in enumerate(ratings):
        card = next(a["content"] for r in replies for a in r.get("attachments") or [])
        data = next(action["data"] for action in card["actions"] if action["data"].get("rating") == rating)
        replies = await clients[(turn + 1) % 2].submit(data)
        assert "couldn't save" not in all_text(replies)
    summary = all_text(replies)
    assert "Benchmark" in summary and "Overall" in summary
    export = all_text(await clients[1].say("export"))
    for rating, label in (("achieving", "Achieving"), ("developing", "Developing"), ("not_started", "Not yet started")):
        assert export.count(label) >= ratings.count(rating), (label, export[:600])
