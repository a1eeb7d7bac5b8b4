"""CSV report links: unguessable tokens, 24-hour expiry, 404 for anything else."""

from datetime import UTC, datetime, timedelta

from botbuilder.core import MemoryStorage

from app import BOT
from bot.reports import REPORT_LIFETIME, ReportStore


class Clock:
    def __init__(self):
        self.now = datetime(2026, 11, 26, 10, 0, tzinfo=UTC)

    def __call__(self):
        return self.now


async def test_token_is_long_random_and_fetches_the_csv():
    store = ReportStore(MemoryStorage(), Clock())
    first = await store.create("a,b\r\n1,2\r\n")
    second = await store.create("x")
    assert len(first) == 32 and first != second  # 24 random bytes = 192 bits
    assert await store.fetch(first) == "a,b\r\n1,2\r\n"


async def test_expired_unknown_and_malformed_tokens_are_not_found():
    clock = Clock()
    store = ReportStore(MemoryStorage(), clock)
    token = await store.create("csv")
    clock.now += REPORT_LIFETIME - timedelta(seconds=1)
    assert await store.fetch(token) == "csv"
    clock.now += timedelta(seconds=1)
    assert await store.fetch(token) is None
    assert await store.fetch("A" * 32) is None
    assert await store.fetch("../../etc/passwd") is None
    assert await store.fetch("") is None


async def test_report_route_serves_csv_and_404s(bot, session):
    reports = bot.app[BOT].reports
    token = await reports.create("benchmark,question\r\n1,1.1\r\n")
    async with session.get(f"{bot.base}/reports/{token}") as response:
        assert response.status == 200
        assert response.headers["Content-Type"].startswith("text/csv")
        assert "1.1" in await response.text()
    for path in ("/reports/", "/reports/" + "B" * 32, "/reports/short", "/reports"):
        async with session.get(bot.base + path) as response:
            assert response.status == 404, path
