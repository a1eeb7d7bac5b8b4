"""The SDK speed patches keep the SDK's results: same retry codes, same serialised activities, the same
state changes seen."""

from datetime import UTC, datetime

from botbuilder.core.bot_state import CachedBotState
from botbuilder.core.serializer_helper import serializer_helper
from botbuilder.dialogs import DialogInstance, DialogState
from msrest.serialization import Serializer
from msrest.universal_http.requests import ClientRetryPolicy

from bot.activities import to_activity
from bot.cards.answers import render_answer
from bot.sdk_patches import _MSREST_SERIALIZE_MODEL, _MSREST_SERIALIZE_OBJECT, _SDK_STATE_HASH, apply_sdk_patches
from knowledge.base import load_knowledge_base


def test_same_retry_codes_after_the_patch():
    original = ClientRetryPolicy.safe_codes
    try:
        ClientRetryPolicy.safe_codes = list(original)
        before = ClientRetryPolicy().policy.status_forcelist
        apply_sdk_patches()
        apply_sdk_patches()
        assert isinstance(ClientRetryPolicy.safe_codes, frozenset)
        assert ClientRetryPolicy().policy.status_forcelist == before
        assert before == [408, *range(500, 501), *range(502, 505), *range(506, 999)]
    finally:
        ClientRetryPolicy.safe_codes = original


def test_serialised_answers_are_identical_with_and_without_the_fast_path():
    kb = load_knowledge_base()
    activities = [to_activity(reply) for question in ("What does Channel aim to do?", "What does CTLP mean?",
                                                      "canteen opening hours")
                  for reply in render_answer(kb.ask(question), kb)]
    patched, patched_model = Serializer.serialize_object, Serializer._serialize
    try:
        Serializer.serialize_object, Serializer._serialize = _MSREST_SERIALIZE_OBJECT, _MSREST_SERIALIZE_MODEL
        expected = [serializer_helper(activity) for activity in activities]
        apply_sdk_patches()
        assert Serializer.serialize_object is not _MSREST_SERIALIZE_OBJECT
        assert Serializer._serialize is not _MSREST_SERIALIZE_MODEL
        assert [serializer_helper(activity) for activity in activities] == expected
        assert any(activity.attachments for activity in activities) and any(a.entities for a in activities)
    finally:
        Serializer.serialize_object, Serializer._serialize = patched, patched_model


def test_values_json_cannot_encode_still_take_msrest_path():
    apply_sdk_patches()
    when = datetime(2026, 11, 26, 10, 0, tzinfo=UTC)
    value = {"when": when, "nan": float("nan"), "list": [1, "a"]}
    out = Serializer().serialize_object(value)
    assert out["when"].startswith("2026-11-26T10:00:00") and out["list"] == [1, "a"]


def _states():
    """Conversation states as the bot keeps them: plain memory, and a dialog stack of SDK objects."""
    def stack(step: int, answers: dict) -> DialogState:
        return DialogState([DialogInstance(id="assessment", state={"step": step, "answers": answers})])

    return [
        {},
        {"memory": {}},
        {"memory": {"assessment": {"answers": {"1": "yes"}}}},
        {"memory": {"assessment": {"answers": {"1": "no"}}}},
        {"memory": {"assessment": {"answers": {"1": "no", "2": "partly"}}}},
        {"DialogState": stack(1, {})},
        {"DialogState": stack(2, {})},
        {"DialogState": stack(2, {"1": "yes"})},
        {"DialogState": stack(2, {"1": "yes"}), "memory": {"referral": {"area": "leeds"}}},
        {"DialogState": DialogState([])},
    ]


def test_state_hash_tells_states_apart_exactly_as_the_sdk_hash_does():
    apply_sdk_patches()
    cached = CachedBotState({})
    assert CachedBotState.compute_hash is not _SDK_STATE_HASH
    for first in _states():
        for second in _states():
            same_for_sdk = _SDK_STATE_HASH(cached, first) == _SDK_STATE_HASH(cached, second)
            assert (cached.compute_hash(first) == cached.compute_hash(second)) == same_for_sdk


def test_a_change_inside_the_dialog_stack_is_seen():
    apply_sdk_patches()
    state = {"DialogState": DialogState([DialogInstance(id="assessment", state={"step": 1})])}
    cached = CachedBotState(state)
    assert not cached.is_changed
    state["DialogState"].dialog_stack[0].state["step"] = 2
    assert cached.is_changed


def test_a_state_json_cannot_hold_takes_the_sdk_hash():
    apply_sdk_patches()
    cached = CachedBotState({})
    odd = {("tuple", "key"): 1}
    assert cached.compute_hash(odd) == _SDK_STATE_HASH(cached, odd)
