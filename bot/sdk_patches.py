"""Four measured speed fixes to the archived SDK stack, applied once by the composition root.

1. msrest's ClientRetryPolicy builds its retry list with `i not in self.safe_codes` over a 500-item
   *list* for each of 999 status codes. The SDK builds two such policies for every incoming activity
   (connector and token clients): about 17 ms of CPU per turn here. A frozenset gives the same
   membership answers in constant time.
2. msrest serialises an Adaptive Card (an `object` field) by walking every dict and string in Python,
   about 1 ms for one answer card, and a card is serialised on every send. For plain JSON data the walk
   returns an equal copy, so a JSON round trip in C gives the same result; anything else (models, dates,
   values JSON can't encode) still takes msrest's own path.
3. msrest serialises each model object by reflection over its attribute map (about 0.1 ms for a card
   attachment or a citation entity, on every send). Objects that can say what msrest would produce
   (a `plain_json()` method: `bot.activities.CardAttachment`, `MessageEntity`) give it directly; a test
   checks both paths give equal JSON.
4. BotState tells whether a turn changed its state by comparing a hash taken when the state was read with
   one taken at save: `str()` of jsonpickle's flatten, a walk in Python over the whole state, twice every
   turn (about 0.4 M instructions a turn, a tenth of what our bot adds to the echo bot's turn). JSON text
   from the C encoder serves the same purpose: plain dicts, lists and primitives encode directly, and
   anything else (the dialog stack's objects) through the same jsonpickle flatten, so a change anywhere in
   the state still changes the text.
"""

import json
from typing import Any

from botbuilder.core.bot_state import CachedBotState
from jsonpickle import Pickler
from msrest.serialization import Serializer, full_restapi_key_transformer
from msrest.universal_http.requests import ClientRetryPolicy

_MSREST_SERIALIZE_OBJECT = Serializer.serialize_object
_MSREST_SERIALIZE_MODEL = Serializer._serialize
_SDK_STATE_HASH = CachedBotState.compute_hash


def _serialize_object(self: Serializer, attr: Any, **kwargs: Any) -> Any:
    if type(attr) in (dict, list):
        try:
            return json.loads(json.dumps(attr, allow_nan=False))
        except (TypeError, ValueError):
            pass
    return _MSREST_SERIALIZE_OBJECT(self, attr, **kwargs)


def _serialize_model(self: Serializer, target_obj: Any, data_type: Any = None, **kwargs: Any) -> Any:
    plain_json = getattr(target_obj, "plain_json", None)
    if plain_json is not None and not kwargs.get("is_xml") \
            and kwargs.get("key_transformer", self.key_transformer) is full_restapi_key_transformer:
        try:
            return plain_json()
        except (TypeError, ValueError):
            pass
    return _MSREST_SERIALIZE_MODEL(self, target_obj, data_type, **kwargs)


def _flattened(value: Any) -> Any:
    return Pickler().flatten(value)


def _state_hash(self: CachedBotState, obj: object) -> str:
    try:
        return json.dumps(obj, default=_flattened)
    except (TypeError, ValueError):  # keys JSON can't take (a tuple): the SDK's own hash
        return _SDK_STATE_HASH(self, obj)


def apply_sdk_patches() -> None:
    """Idempotent: safe to call more than once."""
    if not isinstance(ClientRetryPolicy.safe_codes, frozenset):
        ClientRetryPolicy.safe_codes = frozenset(ClientRetryPolicy.safe_codes)
    Serializer.serialize_object = _serialize_object
    Serializer._serialize = _serialize_model
    CachedBotState.compute_hash = _state_hash
