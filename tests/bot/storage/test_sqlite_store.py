"""The SQLite Storage: contract, eTag concurrency, concurrent writers, persistence across reopen."""

import asyncio
import sqlite3

import pytest

from bot.storage.sqlite_store import EtagConflict, SqliteStorage, StorageUnavailable
from tests.helpers.storage_contract import StorageContract


@pytest.fixture
async def store(tmp_path):
    storage = SqliteStorage(tmp_path / "nested" / "state.db")
    yield storage
    await storage.close()


class TestSqliteStorageContract(StorageContract):
    """The shared Storage contract, on SQLite."""


async def test_a_failed_batch_writes_nothing(store):
    await store.write({"k": {"v": 1}})
    stale = (await store.read(["k"]))["k"]
    await store.write({"k": {**stale, "v": 2}})
    with pytest.raises(EtagConflict):
        await store.write({"new": {"v": 9}, "k": stale})
    assert await store.read(["new"]) == {}


async def test_concurrent_read_modify_write_loses_no_update(store):
    await store.write({"counter": {"n": 0}})

    async def increment():
        while True:
            item = (await store.read(["counter"]))["counter"]
            item["n"] += 1
            try:
                await store.write({"counter": item})
                return
            except EtagConflict:
                await asyncio.sleep(0)

    await asyncio.gather(*(increment() for _ in range(100)))
    assert (await store.read(["counter"]))["counter"]["n"] == 100


async def test_many_concurrent_writers_on_distinct_keys(store):
    await asyncio.gather(*(store.write({f"k{i}": {"i": i}}) for i in range(200)))
    items = await store.read([f"k{i}" for i in range(200)])
    assert {key: item["i"] for key, item in items.items()} == {f"k{i}": i for i in range(200)}


async def test_data_survives_reopen_and_uses_wal(tmp_path):
    path = tmp_path / "state.db"
    first = SqliteStorage(path)
    await first.write({"k": {"v": "kept"}})
    await first.close()
    second = SqliteStorage(path)
    assert (await second.read(["k"]))["k"]["v"] == "kept"
    await second.close()
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


async def test_unusable_database_raises_storage_unavailable(tmp_path):
    not_a_db = tmp_path / "junk.db"
    not_a_db.write_bytes(b"this is not an sqlite file" * 100)
    store = SqliteStorage(not_a_db)
    with pytest.raises(StorageUnavailable):
        await store.read(["k"])
    await store.close()


def _record_hand_overs(store, monkeypatch) -> list[str]:
    """The names of the store's calls handed to its worker thread, from now on."""
    handed_over = []
    real_run = store._run

    async def counted(work, *args):
        handed_over.append(work.__name__)
        return await real_run(work, *args)

    monkeypatch.setattr(store, "_run", counted)
    return handed_over


async def test_reads_run_on_the_event_loop_once_the_database_is_open(store, monkeypatch):
    await store.write({"k": {"v": 1}})
    handed_over = _record_hand_overs(store, monkeypatch)
    assert (await store.read(["k"]))["k"]["v"] == 1
    await store.write({"k": {"v": 2}})
    assert (await store.read(["k"]))["k"]["v"] == 2  # a new connection's read sees the worker's commit
    assert handed_over == ["_write_rows"]


async def test_a_read_that_fails_on_the_event_loop_is_retried_on_the_worker_thread(store, monkeypatch):
    await store.write({"k": {"v": "kept"}})
    assert (await store.read(["k"]))["k"]["v"] == "kept"
    handed_over = _record_hand_overs(store, monkeypatch)
    store._reader.close()  # as if its read had failed: busy, or the file pulled away
    assert (await store.read(["k"]))["k"]["v"] == "kept"
    assert handed_over == ["_read_rows"]
    assert (await store.read(["k"]))["k"]["v"] == "kept"  # and the next read opens a new connection
    assert handed_over == ["_read_rows"]
