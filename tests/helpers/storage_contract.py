"""The Bot Framework Storage contract every state store must keep, as a mixin of tests.

A test module subclasses `StorageContract` and provides a `store` fixture; the tests below then run
against that store: read/write/delete, StoreItem round trips, eTag optimistic concurrency ("*" forces),
and a write carrying an eTag for an item deleted since.
"""

import pytest
from botbuilder.core import StoreItem

from bot.storage.sqlite_store import EtagConflict


class StorageContract:
    """Subclass in a test module that defines a `store` fixture."""

    async def test_read_write_delete(self, store):
        assert await store.read([]) == {}
        assert await store.read(["a"]) == {}
        await store.write({"a": {"count": 1, "words": ["x"]}, "msteams/conversations/a:1": {"count": 2}})
        items = await store.read(["a", "msteams/conversations/a:1", "missing"])
        assert set(items) == {"a", "msteams/conversations/a:1"}
        assert items["a"]["count"] == 1 and items["a"]["words"] == ["x"] and items["a"]["e_tag"]
        await store.delete(["a", "missing"])
        assert set(await store.read(["a", "msteams/conversations/a:1"])) == {"msteams/conversations/a:1"}

    async def test_store_items_round_trip(self, store):
        await store.write({"item": StoreItem(name="thing", count=3)})
        item = (await store.read(["item"]))["item"]
        assert isinstance(item, StoreItem) and item.name == "thing" and item.count == 3 and item.e_tag

    async def test_stale_etag_is_rejected_and_star_forces(self, store):
        await store.write({"k": {"v": 1}})
        first = (await store.read(["k"]))["k"]
        second = (await store.read(["k"]))["k"]
        first["v"] = 2
        await store.write({"k": first})
        second["v"] = 3
        with pytest.raises(EtagConflict):
            await store.write({"k": second})
        assert (await store.read(["k"]))["k"]["v"] == 2
        second["e_tag"] = "*"
        await store.write({"k": second})
        assert (await store.read(["k"]))["k"]["v"] == 3

    async def test_write_with_etag_for_deleted_item_conflicts(self, store):
        await store.write({"k": {"v": 1}})
        item = (await store.read(["k"]))["k"]
        await store.delete(["k"])
        with pytest.raises(EtagConflict):
            await store.write({"k": item})
