"""Azure Blob Storage for conversation and user state, so that several instances can share it (STORAGE=blob).

botbuilder-azure's `BlobStorage` does the work: one JSON blob per state key (jsonpickle, as our SQLite store),
with the blob's eTag as the item's "e_tag" and conditional uploads for optimistic concurrency. This module
fits it to the bot's contract and to a chat turn:

- a stale eTag raises `EtagConflict` and a store that cannot be reached raises `StorageUnavailable`, the two
  exceptions the bot already answers with "I couldn't save that";
- a read that fails with anything but 404 raises instead of reporting "no such item" (the stock `read` hides
  such errors, and the next write, which carries no eTag, would then overwrite the real state);
- retries and time limits fit a turn: the Azure SDK's defaults back off 15 s and more between retries, which
  would hold a turn for over a minute when the account is unreachable;
- `close()` closes the HTTP session the client opens.

A write of several items is not atomic (each blob is uploaded on its own); the SDK's state classes write one
key at a time, so that does not arise for them.
"""

import asyncio
import re
from collections.abc import Awaitable
from typing import Any, TypeVar

from azure.core.exceptions import AzureError, HttpResponseError
from azure.storage.blob.aio import ContainerClient, LinearRetry
from botbuilder.azure import BlobStorage, BlobStorageSettings
from botbuilder.core import Storage

from bot.settings import Settings, SettingsError
from bot.storage.sqlite_store import EtagConflict, StorageUnavailable

T = TypeVar("T")

OPERATION_TIMEOUT_SECONDS = 3.0
CONTAINER_NAME = re.compile(r"[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]")
STALE_ETAG_STATUSES = (409, 412)  # 412 condition not met; 409 when the blob changed state under us


class _StrictReadBlobStorage(BlobStorage):
    """BlobStorage whose read raises on every HTTP error except 404 (not found)."""

    async def _inner_read_blob(self, blob_client):
        try:
            return await super()._inner_read_blob(blob_client)
        except HttpResponseError as error:
            if error.status_code == 404:
                raise
            raise StorageUnavailable(f"blob read failed: HTTP {error.status_code}") from error


class AzureBlobStorage(Storage):
    """Bot Framework Storage on an Azure Blob container, with the bot's eTag and availability exceptions."""

    def __init__(self, connection_string: str, container: str, *,
                 timeout_seconds: float = OPERATION_TIMEOUT_SECONDS):
        self._timeout = timeout_seconds
        # A few quick retries inside the time limit; the connection string alone can't set them, and
        # BlobStorage builds its client from the connection string, so we build the client and hand it over.
        self._client = ContainerClient.from_connection_string(
            connection_string, container,
            retry_policy=LinearRetry(backoff=0.3, retry_total=2, random_jitter_range=0.1),
            connection_timeout=min(2.0, timeout_seconds), read_timeout=timeout_seconds,
        )
        self._blobs = _StrictReadBlobStorage(
            BlobStorageSettings(container_name=container, connection_string=connection_string))
        self._blobs._BlobStorage__container_client = self._client  # botbuilder-azure 4.17.1 keeps it private

    async def _guarded(self, operation: Awaitable[T], action: str) -> T:
        try:
            return await asyncio.wait_for(operation, self._timeout)
        except HttpResponseError as error:
            if action == "write" and error.status_code in STALE_ETAG_STATUSES:
                raise EtagConflict(f"stale eTag (HTTP {error.status_code})") from error
            raise StorageUnavailable(f"blob {action} failed: HTTP {error.status_code}") from error
        except (AzureError, OSError) as error:  # OSError includes TimeoutError from wait_for
            raise StorageUnavailable(f"blob {action} failed: {type(error).__name__}") from error

    async def read(self, keys: list[str]) -> dict[str, Any]:
        """Items for the keys that exist, each with its blob eTag under "e_tag"."""
        if not keys:
            return {}
        return await self._guarded(self._blobs.read(list(keys)), "read")

    async def write(self, changes: dict[str, Any]) -> None:
        """Save items; an item whose "e_tag" is stale raises EtagConflict ("*" or no eTag always writes)."""
        if changes is None:
            raise ValueError("changes are required when writing")
        if changes:
            await self._guarded(self._blobs.write(changes), "write")

    async def delete(self, keys: list[str]) -> None:
        """Remove the items; missing keys are ignored."""
        if keys:
            await self._guarded(self._blobs.delete(list(keys)), "delete")

    async def close(self) -> None:
        """Close the HTTP session of the blob client."""
        await self._client.close()


def create_blob_storage(settings: Settings) -> Storage:
    """The blob state store for STORAGE=blob; SettingsError names a missing or unusable setting."""
    if not settings.blob_connection_string:
        raise SettingsError("BLOB_CONNECTION_STRING is required when STORAGE=blob")
    if not CONTAINER_NAME.fullmatch(settings.blob_container):
        raise SettingsError("BLOB_CONTAINER must be 3 to 63 lowercase letters, digits and single hyphens, "
                            f"starting and ending with a letter or digit, not {settings.blob_container!r}")
    try:
        return AzureBlobStorage(settings.blob_connection_string, settings.blob_container)
    except ValueError as error:
        raise SettingsError(f"BLOB_CONNECTION_STRING is not a usable connection string: {error}") from None
