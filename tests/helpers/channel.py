"""A loopback Bot Connector and a Teams-like client, for HTTP tests through the real aiohttp app."""

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from aiohttp import ClientSession, web


class LoopbackConnector:
    """Just enough of the Bot Connector REST API to receive a bot's replies and updates."""

    def __init__(self) -> None:
        self.inbox: dict[str, list[dict]] = {}
        self._runner: web.AppRunner | None = None
        self.url = ""

    async def start(self) -> "LoopbackConnector":
        app = web.Application()
        app.router.add_post("/v3/conversations/{cid}/activities", self._post)
        app.router.add_post("/v3/conversations/{cid}/activities/{aid}", self._post)
        app.router.add_put("/v3/conversations/{cid}/activities/{aid}", self._put)
        app.router.add_get("/v3/conversations/{cid}/members/{uid}", self._member)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.url = f"http://127.0.0.1:{site._server.sockets[0].getsockname()[1]}/"
        return self

    async def stop(self) -> None:
        if self._runner:
            await self._runner.cleanup()

    async def _post(self, request: web.Request) -> web.Response:
        body = await request.json()
        body.setdefault("id", uuid.uuid4().hex)
        self.inbox.setdefault(request.match_info["cid"], []).append(body)
        return web.json_response({"id": body["id"]})

    async def _put(self, request: web.Request) -> web.Response:
        body = await request.json()
        body["_update"] = True
        self.inbox.setdefault(request.match_info["cid"], []).append(body)
        return web.json_response({"id": request.match_info["aid"]})

    async def _member(self, request: web.Request) -> web.Response:
        uid = request.match_info["uid"]
        return web.json_response({"id": uid, "name": "Test User"})

    def take(self, conversation_id: str) -> list[dict]:
        return self.inbox.pop(conversation_id, [])


class TeamsClient:
    """Posts Teams-shaped activities to the bot and returns the message replies it sent back."""

    def __init__(self, bot_url: str, session: ClientSession, connector: LoopbackConnector | None = None, *,
                 conversation_id: str | None = None, conversation_type: str = "personal",
                 user_id: str = "29:test-user", user_name: str = "Test User") -> None:
        self.bot_url = bot_url
        self.session = session
        self.connector = connector
        self.conversation_id = conversation_id or f"a:test-{uuid.uuid4().hex}"
        self.conversation_type = conversation_type
        self.user_id = user_id
        self.user_name = user_name

    def activity(self, text: str | None = None, value: Any = None, type_: str = "message", **extra: Any) -> dict:
        activity: dict[str, Any] = {
            "type": type_, "id": uuid.uuid4().hex, "timestamp": datetime.now(UTC).isoformat(),
            "serviceUrl": self.connector.url if self.connector else "https://smba.trafficmanager.net/uk/",
            "channelId": "msteams",
            "from": {"id": self.user_id, "name": self.user_name},
            "conversation": {"id": self.conversation_id, "conversationType": self.conversation_type},
            "recipient": {"id": "28:signpost-bot", "name": "Signpost"},
            "locale": "en-GB",
        }
        if self.connector is None:
            activity["deliveryMode"] = "expectReplies"
        if text is not None:
            activity["text"] = text
        if value is not None:
            activity["value"] = value
        activity.update(extra)
        return activity

    async def post(self, activity: dict, headers: dict | None = None) -> tuple[int, Any]:
        async with self.session.post(self.bot_url, json=activity, headers=headers or {}) as response:
            body = await response.json(content_type=None) if response.content_length else None
            return response.status, body

    async def send(self, activity: dict) -> list[dict]:
        status, body = await self.post(activity)
        assert status < 400, f"bot answered HTTP {status}: {body}"
        if self.connector is None:
            replies = (body or {}).get("activities", [])
        else:
            replies = self.connector.take(self.conversation_id)
        return [reply for reply in replies if reply.get("type") == "message"]

    async def say(self, text: str) -> list[dict]:
        return await self.send(self.activity(text=text))

    async def submit(self, value: dict) -> list[dict]:
        """An Adaptive Card Action.Submit as Teams sends it: value and no text."""
        return await self.send(self.activity(value=value))


def all_text(replies: list[dict]) -> str:
    """Message text plus every card string, for assertions."""
    parts: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("text", "title", "value", "altText", "fallbackText") and isinstance(value, str):
                    parts.append(value)
                else:
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    for reply in replies:
        if reply.get("text"):
            parts.append(reply["text"])
        walk(reply.get("attachments") or [])
        walk((reply.get("suggestedActions") or {}).get("actions") or [])
    return "\n".join(parts)


ADAPTIVE_CARD = "application/vnd.microsoft.card.adaptive"


def cards(replies: list[dict]) -> list[dict]:
    """Every Adaptive Card in the replies, in the order they arrived."""
    return [attachment["content"] for reply in replies for attachment in reply.get("attachments") or []
            if attachment.get("contentType") == ADAPTIVE_CARD]


def card_nodes(node: Any) -> Iterator[dict]:
    """Every dict inside a card (or a list of cards), depth first."""
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from card_nodes(value)
    elif isinstance(node, list):
        for item in node:
            yield from card_nodes(item)


def find_submits(replies_or_card: list[dict] | dict) -> list[tuple[str, dict]]:
    """(title, data) of every Action.Submit (buttons and selectActions) in a card or in replies' cards."""
    where = [replies_or_card] if isinstance(replies_or_card, dict) else cards(replies_or_card)
    return [(node.get("title", ""), node["data"]) for node in card_nodes(where)
            if node.get("type") == "Action.Submit" and isinstance(node.get("data"), dict)]
