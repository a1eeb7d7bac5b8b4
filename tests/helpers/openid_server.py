"""A stand-in for the Bot Framework's token-signing key endpoint, and tokens shaped like the Bot Connector's.

`OpenIdServer` serves `/.well-known/openid-configuration` and a JWKS with one RSA key generated per server,
on a loopback port. It runs its own event loop on a background thread because the SDK fetches keys with
blocking `requests` calls: a server on the bot's own loop could not answer them. `bot_token` signs the claims
the Bot Connector puts in its tokens, with the served key or any other.

The SDK caches keys per metadata URL for the life of the process, so every server's URLs carry its own key id:
a later server that happens to get the same port must not be answered from an earlier one's cache.
"""

import asyncio
import json
import threading
import time
import uuid
from typing import Any

import jwt
from aiohttp import web
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.asymmetric.rsa import RSAPrivateKey
from jwt.algorithms import RSAAlgorithm

BOT_CONNECTOR_ISSUER = "https://api.botframework.com"


def new_key() -> RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def bot_token(key: RSAPrivateKey, kid: str, *, app_id: str, service_url: str, issuer: str = BOT_CONNECTOR_ISSUER,
              lifetime_seconds: int = 3600, **extra: Any) -> str:
    """A JWT with the Bot Connector's claims (iss, aud = the bot's app id, serviceurl), signed RS256."""
    now = int(time.time())
    claims = {"iss": issuer, "aud": app_id, "serviceurl": service_url, "nbf": now - 60, "iat": now - 60,
              "exp": now + lifetime_seconds, **extra}
    return jwt.encode(claims, key, algorithm="RS256", headers={"kid": kid})


class OpenIdServer:
    """OpenID metadata and a JWKS on 127.0.0.1, served from a thread with its own event loop."""

    def __init__(self, endorsements: tuple[str, ...] = ("msteams",)) -> None:
        self.key = new_key()
        self.kid = uuid.uuid4().hex
        self.endorsements = list(endorsements)
        self.requests = 0
        self.base = ""
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="openid-server", daemon=True)
        self._runner: web.AppRunner | None = None

    @property
    def metadata_url(self) -> str:
        return f"{self.base}/{self.kid}/.well-known/openid-configuration"

    def token(self, **claims: Any) -> str:
        """A token signed with the served key."""
        return bot_token(self.key, self.kid, **claims)

    def start(self) -> "OpenIdServer":
        self._thread.start()
        asyncio.run_coroutine_threadsafe(self._start(), self._loop).result(timeout=10)
        return self

    def stop(self) -> None:
        asyncio.run_coroutine_threadsafe(self._runner.cleanup(), self._loop).result(timeout=10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)
        self._loop.close()

    async def _start(self) -> None:
        app = web.Application()
        app.router.add_get(f"/{self.kid}/.well-known/openid-configuration", self._metadata)
        app.router.add_get(f"/{self.kid}/keys", self._keys)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.base = f"http://127.0.0.1:{site._server.sockets[0].getsockname()[1]}"

    async def _metadata(self, _request: web.Request) -> web.Response:
        self.requests += 1
        return web.json_response({"issuer": BOT_CONNECTOR_ISSUER, "jwks_uri": f"{self.base}/{self.kid}/keys",
                                  "id_token_signing_alg_values_supported": ["RS256"]})

    async def _keys(self, _request: web.Request) -> web.Response:
        jwk = json.loads(RSAAlgorithm.to_jwk(self.key.public_key()))
        jwk.update({"kid": self.kid, "use": "sig", "endorsements": self.endorsements})
        return web.json_response({"keys": [jwk]})
