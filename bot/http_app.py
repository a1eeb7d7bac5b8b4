"""The HTTP edge: /api/messages through the SDK's CloudAdapter, plus /healthz and /readyz.

We read and check the request ourselves instead of calling `CloudAdapter.process`, for two reasons:
the stock method answers 500 to `deliveryMode: expectReplies` (it serialises an already-serialised
body; botbuilder-python#2156), and it lets malformed input through to a 500. Here every bad request
gets a 4xx with a JSON reason and auth failures get 401. When the signing keys cannot be fetched in
time (no network, a silent key endpoint) the answer is 503: the sender may be genuine, the fault is ours.
"""

import asyncio
import gc
import inspect
import json
import logging
import re
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import requests
from aiohttp import web
from botbuilder.core import Bot, Storage
from botbuilder.core.serializer_helper import serializer_helper
from botbuilder.integration.aiohttp import CloudAdapter
from botbuilder.schema import Activity
from msrest.serialization import Model

log = logging.getLogger(__name__)

MAX_BODY_BYTES = 256 * 1024
READY_TIMEOUT_SECONDS = 2.0
AUTH_TIMEOUT_SECONDS = 1.5
JSON_TYPES = ("application/json",)
BEARER = re.compile(r"Bearer [A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*")


class BadActivity(ValueError):
    """The request body is not an activity the bot can process; the message says why."""


def _problem(status: int, reason: str) -> web.Response:
    return web.json_response({"error": reason}, status=status)


def _has_lone_surrogate(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def parse_activity(raw: bytes) -> Activity:
    """Decode and check an activity: JSON object with a type, a conversation id and a serviceUrl."""
    try:
        body = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as error:
        raise BadActivity("body is not JSON (or nested too deeply)") from error
    if not isinstance(body, dict):
        raise BadActivity("body must be a JSON object")
    if not isinstance(body.get("type"), str) or not body["type"]:
        raise BadActivity("activity has no type")
    conversation = body.get("conversation")
    if not isinstance(conversation, dict) or not isinstance(conversation.get("id"), str) or not conversation["id"]:
        raise BadActivity("activity has no conversation id")
    if not isinstance(body.get("serviceUrl"), str) or not body["serviceUrl"].startswith(("http://", "https://")):
        raise BadActivity("activity has no serviceUrl")
    if not isinstance(body.get("channelId"), str) or not body["channelId"]:
        raise BadActivity("activity has no channelId")
    sender = body.get("from")
    if not isinstance(sender, dict) or not isinstance(sender.get("id"), str) or not sender["id"]:
        raise BadActivity("activity has no sender id")
    if "channelData" in body and body["channelData"] is not None and not isinstance(body["channelData"], dict):
        raise BadActivity("channelData must be an object")
    for text in (conversation["id"], sender["id"]):
        if _has_lone_surrogate(text):
            raise BadActivity("ids must be valid Unicode text")
    try:
        activity = Activity().deserialize(body)
    except Exception as error:  # msrest raises a variety of types for wrongly typed fields
        raise BadActivity("activity fields have the wrong types") from error
    return activity


def _json_body(body: Any) -> Any:
    if isinstance(body, Model):
        return serializer_helper(body)
    return body


def _invoke_result(invoke_response: Any) -> web.Response:
    """expectReplies and invoke activities answer in the body; everything else is a bare 200.

    An invoke the bot does not handle gets 400 rather than the SDK's 501: it is a bad request, not a
    fault of ours, and nothing caused by input may answer 5xx.
    """
    if not invoke_response:
        return web.Response(status=200)
    status = invoke_response.status or 200
    if status == 501:
        return _problem(400, "this kind of invoke is not supported")
    if status >= 500:
        return _problem(400, "the request could not be answered")
    try:  # encoded once: an answer card is most of the body
        text = json.dumps(_json_body(invoke_response.body), default=str)
    except (TypeError, ValueError):
        return _problem(400, "the request could not be answered")
    return web.Response(text=text, status=status, content_type="application/json")


def messages_handler(adapter: CloudAdapter, bot: Bot, *, auth_required: bool):
    """POST /api/messages: check the request, run the turn, return replies for expectReplies."""
    # The SDK fetches signing keys with blocking `requests` calls and no timeout, so tokens are checked on
    # worker threads of their own, under a deadline: a slow key endpoint can't stall the event loop.
    auth_threads = ThreadPoolExecutor(max_workers=4, thread_name_prefix="bot-auth")

    def authenticate(activity: Activity, auth_header: str):
        return asyncio.run(adapter.bot_framework_authentication.authenticate_request(activity, auth_header))

    async def handle(request: web.Request) -> web.Response:
        if request.content_type not in JSON_TYPES:
            return _problem(415, "Content-Type must be application/json")
        if request.content_length is not None and request.content_length > MAX_BODY_BYTES:
            return _problem(413, f"body over {MAX_BODY_BYTES} bytes")
        try:
            raw = await request.read()
        except web.HTTPRequestEntityTooLarge:
            return _problem(413, f"body over {MAX_BODY_BYTES} bytes")
        except (web.RequestPayloadError, web.HTTPBadRequest, ValueError) as error:
            return _problem(400, f"body could not be read: {type(error).__name__}")
        try:
            activity = parse_activity(raw)
        except BadActivity as error:
            return _problem(400, str(error))
        auth_header = request.headers.get("Authorization", "")
        if not auth_required:  # local mode: the SDK accepts anonymous requests without any key lookup
            return _invoke_result(await adapter.process_activity(auth_header, activity, bot.on_turn))
        if not BEARER.fullmatch(auth_header):
            return _problem(401, "unauthorized")
        try:
            authenticated = await asyncio.wait_for(asyncio.get_running_loop().run_in_executor(
                auth_threads, authenticate, activity, auth_header), AUTH_TIMEOUT_SECONDS)
        except (TimeoutError, requests.RequestException) as error:
            log.warning("signing keys unavailable", extra={"error": type(error).__name__})
            return _problem(503, "cannot verify the sender right now")
        except Exception as error:  # the SDK refuses a token with many types: PermissionError, PyJWTError, IndexError
            log.info("unauthorized", extra={"error": type(error).__name__})
            return _problem(401, "unauthorized")
        return _invoke_result(await adapter.process_activity(authenticated, activity, bot.on_turn))

    return handle


async def healthz(_request: web.Request) -> web.Response:
    """Alive while the process serves requests."""
    return web.json_response({"status": "ok"})


async def _check_store(storage: Storage) -> None:
    """Raise unless the store works: its own `probe()` (a write check) when it has one, else a read."""
    probe = getattr(storage, "probe", None)
    if inspect.iscoroutinefunction(probe):
        await probe()
    else:
        await storage.read(["readyz/probe"])


def readyz_handler(storage: Storage):
    """GET /readyz: 200 when content is loaded (it is, if the app started) and the store can be written."""

    async def handle(_request: web.Request) -> web.Response:
        try:
            await asyncio.wait_for(_check_store(storage), READY_TIMEOUT_SECONDS)
        except Exception as error:  # any store fault means "not ready", never a crash
            log.warning("not ready", extra={"error": type(error).__name__})
            return web.json_response({"status": "not ready", "reason": f"state store: {type(error).__name__}"},
                                     status=503)
        return web.json_response({"status": "ready"})

    return handle


def serve(app: web.Application, host: str, port: int) -> None:
    """Serve until stopped. What start-up built (content, index, SDK modules) lives as long as the process,
    so it is first moved out of the garbage collector's sight: otherwise each full collection walks all of
    it (about 110,000 objects for the bot, 40-70 ms a time) while a turn waits. No collection first: start-up
    leaves a few dozen unreachable objects, not worth 60 ms of cold start."""
    gc.freeze()
    web.run_app(app, host=host, port=port, print=None, access_log=None)
