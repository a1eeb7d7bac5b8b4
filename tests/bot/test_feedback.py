"""Feedback counts per passage survive concurrency and store no question text."""

import asyncio

from bot.feedback import FeedbackCounter
from bot.storage.sqlite_store import SqliteStorage


async def test_concurrent_votes_are_all_counted(tmp_path):
    storage = SqliteStorage(tmp_path / "s.db")
    counter = FeedbackCounter(storage)
    await asyncio.gather(*(counter.record("toolkit/4/1", i % 3 != 0) for i in range(30)))
    assert await counter.counts("toolkit/4/1") == {"helpful": 20, "not_helpful": 10}
    assert await counter.counts("other") == {"helpful": 0, "not_helpful": 0}
    await storage.close()
