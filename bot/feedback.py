"""'Was this helpful?' counts per passage id. The question text is never stored."""

import asyncio

from botbuilder.core import Storage

from bot.keyed_locks import KeyedLocks
from bot.storage.sqlite_store import EtagConflict

MAX_ATTEMPTS = 50


class FeedbackCounter:
    """Counts helpful / not helpful votes per passage in the state store, safe under concurrency."""

    def __init__(self, storage: Storage):
        self._storage = storage
        # A first vote has no eTag to guard it, so votes on one passage are serialised in this process;
        # eTags still guard updates made by other instances.
        self._locks = KeyedLocks()

    async def record(self, passage_id: str, helpful: bool) -> dict:
        """Add one vote and return the passage's counts."""
        key = f"feedback/{passage_id}"
        field = "helpful" if helpful else "not_helpful"
        async with self._locks.hold(key):
            return await self._increment(key, field)

    async def _increment(self, key: str, field: str) -> dict:
        for attempt in range(MAX_ATTEMPTS):
            item = (await self._storage.read([key])).get(key) or {"helpful": 0, "not_helpful": 0}
            item[field] = int(item.get(field, 0)) + 1
            try:
                await self._storage.write({key: item})
                return {"helpful": item["helpful"], "not_helpful": item["not_helpful"]}
            except EtagConflict:
                await asyncio.sleep(0.001 * attempt)
        raise EtagConflict(f"feedback for {key!r} kept conflicting")

    async def counts(self, passage_id: str) -> dict:
        """The passage's counts (zeros when nobody has voted)."""
        key = f"feedback/{passage_id}"
        item = (await self._storage.read([key])).get(key) or {}
        return {"helpful": int(item.get("helpful", 0)), "not_helpful": int(item.get("not_helpful", 0))}
