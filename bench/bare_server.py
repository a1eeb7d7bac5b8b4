"""A bare aiohttp handler returning a fixed JSON reply: the floor for HTTP round-trip cost on this machine.

It reads the request body (so the same bytes cross the socket as for the bots) and answers with a small
expectReplies-shaped JSON document; no SDK, no state, no logging per request.

    PORT=3981 python -m bench.bare_server
"""

import os
import sys

from aiohttp import web

REPLY = {"activities": [{"type": "message", "text": "ok"}]}


async def messages(request: web.Request) -> web.Response:
    await request.read()
    return web.json_response(REPLY)


async def ready(_request: web.Request) -> web.Response:
    return web.json_response({"status": "ready"})


def create_bare_app() -> web.Application:
    app = web.Application()
    app.router.add_post("/api/messages", messages)
    app.router.add_get("/readyz", ready)
    app.router.add_get("/healthz", ready)
    return app


def main() -> int:
    """Serve on HOST:PORT (default 127.0.0.1:3981)."""
    host = os.environ.get("HOST", "127.0.0.1")
    port = int(os.environ.get("PORT", "3981"))
    web.run_app(create_bare_app(), host=host, port=port, print=None, access_log=None)
    return 0


if __name__ == "__main__":
    sys.exit(main())
