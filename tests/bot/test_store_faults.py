"""The state store failing under a running bot: read-only, disk full, locked and unreadable databases.

Each fault is one SQLite really raises. A locked database is a second connection holding `BEGIN EXCLUSIVE`.
A read-only database is SQLite's own read-only mode (`PRAGMA query_only`): the tests run as root in CI and
root ignores file permissions, so a chmod would not stop a write. Disk full and an unreadable disk are the
`sqlite3.OperationalError`s SQLite gives for SQLITE_FULL and SQLITE_IOERR, raised by the connection for
the statements that would touch the disk. Through all of them the user gets the plain "couldn't save"
message (never the generic apology), /readyz says 503, /healthz stays 200, and when the fault clears the
next message is saved and /readyz is 200 again.
"""

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from bot.storage.sqlite_store import PROBE_KEY, SqliteStorage, StorageUnavailable
from knowledge.messages import load_messages
from tests.helpers.channel import TeamsClient, all_text

NOT_SAVED = load_messages().text("not_saved")
APOLOGY_START = "Sorry, something went wrong"
WRITES = ("INSERT", "UPDATE", "DELETE")
EVERYTHING = ("SELECT", "BEGIN", "INSERT", "UPDATE", "DELETE")
EMERGENCY = "He has a knife and says he will stab someone today"


class _FailingConnection:
    """Passes statements to the real connection, except the named kinds, which fail as SQLite would."""

    def __init__(self, db: sqlite3.Connection, verbs: tuple[str, ...], message: str):
        self._db, self._verbs, self._message = db, verbs, message

    def _check(self, sql: str) -> None:
        if sql.split(None, 1)[0].upper() in self._verbs:
            raise sqlite3.OperationalError(self._message)

    def execute(self, sql: str, *args):
        self._check(sql)
        return self._db.execute(sql, *args)

    def executemany(self, sql: str, *args):
        self._check(sql)
        return self._db.executemany(sql, *args)

    @property
    def in_transaction(self) -> bool:
        return self._db.in_transaction


class FaultyStorage(SqliteStorage):
    """The real SqliteStorage; `read_only` and `failing` make its connection refuse work until cleared."""

    def __init__(self, path: Path):
        super().__init__(path, busy_timeout_ms=100)
        self.read_only = False
        self.failing: tuple[tuple[str, ...], str] | None = None

    def _connect(self):
        db = super()._connect()
        db.execute(f"PRAGMA query_only = {'ON' if self.read_only else 'OFF'}")
        return _FailingConnection(db, *self.failing) if self.failing else db


@contextmanager
def locked(path: Path) -> Iterator[None]:
    """Another connection holds an exclusive lock on the database for the duration."""
    other = sqlite3.connect(path, isolation_level=None)
    try:
        other.execute("BEGIN EXCLUSIVE")
        yield
        other.execute("ROLLBACK")
    finally:
        other.close()


@contextmanager
def read_only(store: FaultyStorage) -> Iterator[None]:
    store.read_only = True
    try:
        yield
    finally:
        store.read_only = False


@contextmanager
def failing(store: FaultyStorage, verbs: tuple[str, ...], message: str) -> Iterator[None]:
    store.failing = (verbs, message)
    try:
        yield
    finally:
        store.failing = None


FAULTS = {
    "read-only": read_only,
    "disk full": lambda store: failing(store, WRITES, "database or disk is full"),
    "locked": lambda store: locked(store.path),
    "unreadable": lambda store: failing(store, EVERYTHING, "disk I/O error"),
}


@pytest.fixture
async def store(tmp_path) -> FaultyStorage:
    storage = FaultyStorage(tmp_path / "state.db")
    yield storage
    await storage.close()


@pytest.fixture
async def running(start_bot, settings, store, session):
    bot = await start_bot(settings, storage=store)
    return bot, TeamsClient(bot.url, session)


async def status_of(session, url: str) -> int:
    async with session.get(url) as response:
        return response.status


def rating_of_first_card(replies: list[dict]) -> dict:
    """The submit data of the first rating button on the question card in the replies."""
    for reply in replies:
        for attachment in reply.get("attachments") or []:
            for action in attachment["content"].get("actions", []):
                data = action.get("data") or {}
                if "rating" in data:
                    return {**data, "rating": "achieving"}
    raise AssertionError(f"no rating card in {all_text(replies)!r}")


def saved_state(path: Path, conversation_id: str) -> str:
    """The raw stored conversation state, read by another connection (as a restarted bot would)."""
    with sqlite3.connect(path) as db:
        row = db.execute("SELECT data FROM state WHERE key=?", (f"msteams/conversations/{conversation_id}",))
        found = row.fetchone()
    return found[0] if found else ""


# -- the store on its own -------------------------------------------------------------------------------


async def test_probe_passes_on_a_healthy_store_and_leaves_nothing_behind(store):
    await store.probe()
    await store.probe()
    assert await store.read([PROBE_KEY]) == {}


@pytest.mark.parametrize("fault", FAULTS)
async def test_probe_fails_while_the_store_cannot_be_written_and_passes_after(store, fault):
    await store.write({"k": {"v": 1}})
    with FAULTS[fault](store):
        with pytest.raises(StorageUnavailable):
            await store.probe()
        with pytest.raises(StorageUnavailable):
            await store.write({"k": {"v": 2}})
    await store.probe()
    await store.write({"k": {"v": 3}})
    assert (await store.read(["k"]))["k"]["v"] == 3


async def test_disk_full_error_is_reported_not_masked_by_the_rollback(store):
    with failing(store, WRITES, "database or disk is full"), pytest.raises(StorageUnavailable) as caught:
        await store.write({"k": {"v": 1}})
    assert "disk is full" in str(caught.value)


async def test_a_key_that_is_not_valid_unicode_is_kept_like_any_other(store):
    key = "msteams/conversations/a:\udfff"  # a lone surrogate, as a JSON escape in a malformed activity
    await store.write({key: {"v": 1}, "plain": {"v": 2}})
    items = await store.read([key, "plain"])
    assert items[key]["v"] == 1 and items["plain"]["v"] == 2
    await store.delete([key])
    assert set(await store.read([key, "plain"])) == {"plain"}


# -- the store under the running bot --------------------------------------------------------------------


@pytest.mark.parametrize("fault", FAULTS)
async def test_a_store_fault_is_reported_plainly_and_the_bot_recovers(running, store, session, fault):
    bot, client = running
    question = await client.say("quick check")
    assert "Quick check" in all_text(question)
    rating = rating_of_first_card(question)
    assert await status_of(session, f"{bot.base}/readyz") == 200

    with FAULTS[fault](store):
        during = await client.submit(rating)
        text = all_text(during)
        assert NOT_SAVED in text
        assert APOLOGY_START not in text
        assert await status_of(session, f"{bot.base}/readyz") == 503
        assert await status_of(session, f"{bot.base}/healthz") == 200
        still = all_text(await client.say("help"))  # still serving; help needs no save, only a read
        assert APOLOGY_START not in still
        assert ("Prevent Signpost" if fault != "unreadable" else NOT_SAVED) in still
    assert f'"{rating["rating"]}"' not in saved_state(store.path, client.conversation_id)

    assert await status_of(session, f"{bot.base}/readyz") == 200
    after = all_text(await client.submit(rating))
    assert f"Saved {rating['question']}" in after and NOT_SAVED not in after
    assert f'"{rating["rating"]}"' in saved_state(store.path, client.conversation_id)


async def test_a_failed_read_at_the_start_of_a_turn_gets_the_plain_message(running, store):
    _bot, client = running
    with failing(store, EVERYTHING, "disk I/O error"):
        replies = await client.say("help")
    assert [reply.get("text") for reply in replies] == [NOT_SAVED]


async def test_a_failed_read_on_a_new_members_welcome_gets_the_plain_message(running, store):
    _bot, client = running
    added = client.activity(type_="conversationUpdate", membersAdded=[{"id": client.user_id}])
    with failing(store, EVERYTHING, "disk I/O error"):
        replies = await client.send(added)
    assert [reply.get("text") for reply in replies] == [NOT_SAVED]
    assert "Prevent Signpost" in all_text(await client.send(client.activity(
        type_="conversationUpdate", membersAdded=[{"id": client.user_id}])))


async def test_an_emergency_is_answered_with_999_even_when_the_store_cannot_be_read(running, store):
    _bot, client = running
    with failing(store, EVERYTHING, "disk I/O error"):
        replies = await client.say(EMERGENCY)
    assert "999" in replies[0]["text"].split("\n")[0]
    assert replies[-1]["text"] == NOT_SAVED
    assert APOLOGY_START not in all_text(replies)
