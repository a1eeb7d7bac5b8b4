"""Short-lived CSV exports: a random token (192 bits) maps to a stored CSV for 24 hours.

Reports live in the bot's state store (so any instance can serve them) under "report/<token>". Anything
that is not a live token, including a malformed one, is a plain 404; there is no listing.
"""

import re
import secrets
from collections.abc import Callable
from datetime import datetime, timedelta

from aiohttp import web
from botbuilder.core import Storage

REPORT_LIFETIME = timedelta(hours=24)
TOKEN_PATTERN = re.compile(r"[A-Za-z0-9_-]{32}")


class ReportStore:
    """Create and fetch CSV reports by unguessable token."""

    def __init__(self, storage: Storage, clock: Callable[[], datetime]):
        self._storage = storage
        self._clock = clock

    async def create(self, csv_text: str) -> str:
        """Store the CSV and return its token."""
        token = secrets.token_urlsafe(24)  # 24 bytes = 192 bits, 32 characters
        expires = (self._clock() + REPORT_LIFETIME).timestamp()
        await self._storage.write({f"report/{token}": {"csv": csv_text, "expires": expires}})
        return token

    async def fetch(self, token: str) -> str | None:
        """The CSV for a live token; None for unknown, malformed or expired tokens."""
        if not TOKEN_PATTERN.fullmatch(token or ""):
            return None
        key = f"report/{token}"
        item = (await self._storage.read([key])).get(key)
        if not isinstance(item, dict) or not isinstance(item.get("csv"), str):
            return None
        if self._clock().timestamp() >= float(item.get("expires", 0)):
            await self._storage.delete([key])
            return None
        return item["csv"]


def report_handler(reports: ReportStore):
    """GET /reports/{token}: the CSV as a download, or 404."""

    async def handle(request: web.Request) -> web.Response:
        csv_text = await reports.fetch(request.match_info.get("token", ""))
        if csv_text is None:
            return web.json_response({"error": "not found"}, status=404)
        return web.Response(
            text=csv_text, content_type="text/csv", charset="utf-8",
            headers={"Content-Disposition": 'attachment; filename="prevent-self-assessment.csv"',
                     "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff"},
        )

    return handle
