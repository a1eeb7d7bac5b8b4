"""Tests for knowledge.emergency_model, the learned second opinion the emergency guard asks when its rules do
not fire. The holdout lists (emergency_blind_b.yaml's list 6 and list 11) are not in its training data: they
measure it. Figures when it was added (rules alone -> rules with the model): list 11 71 -> 88/100 urgent, 93 ->
91/100 not urgent; list 6 87 -> 97/100, 99 -> 99/100."""

import json
from pathlib import Path

import pytest
import yaml

from knowledge.emergency import detect_emergency, normalise
from knowledge.emergency_model import (
    MODEL_FILE,
    SURE,
    THRESHOLD,
    EmergencyModel,
    features,
    load_model,
    train,
    training_examples,
)

REPO = Path(__file__).resolve().parents[2]
LISTS = yaml.safe_load(Path(__file__).with_name("emergency_blind_b.yaml").read_text(encoding="utf-8"))


def _rate(messages: list[str], urgent: bool) -> float:
    return sum(1 for m in messages if (detect_emergency(m) is not None) == urgent) / len(messages)


@pytest.mark.parametrize(("key", "urgent", "bar"), [
    ("holdout_11_urgent", True, 0.86), ("holdout_11_not_urgent", False, 0.89),
    ("holdout_urgent", True, 0.95), ("holdout_not_urgent", False, 0.97),
])
def test_the_guard_with_the_model_on_lists_it_never_learned_from(key, urgent, bar):
    assert _rate(LISTS[key], urgent) >= bar


def test_the_holdouts_are_not_in_the_training_data():
    """No holdout emergency is learned from. A few everyday holdout messages are word for word the same as ones
    another writer put in a list learned from ("What is the Prevent duty?", "Who chairs the Channel panel?"): 18 of
    200."""
    learned = {said for said, _ in training_examples(REPO)}
    urgent = LISTS["holdout_11_urgent"] + LISTS["holdout_urgent"]
    everyday = LISTS["holdout_11_not_urgent"] + LISTS["holdout_not_urgent"]
    assert not learned & {normalise(m) for m in urgent}
    assert len(learned & {normalise(m) for m in everyday}) <= 20


@pytest.mark.parametrize("text", [
    "there is a man with a gun in reception, shots fired, we are hiding in the office",
    "the lad is on the roof of the sports hall and keeps saying he will jump",
    "a man has just driven a car onto the pavement outside the primary school and is hitting people with a bat",
])
def test_it_catches_emergencies_the_rules_have_no_words_for(text):
    assert detect_emergency(text) is not None


@pytest.mark.parametrize("text", [
    "leisure centre swimming times", "where is the nearest staff car park to the town hall?",
    "what should I do if a pupil says he wants to join isis one day?", "the kiln is firing at the moment",
    "how do I refer someone to prevent?", "my student has been watching extremist videos, what do I do?",
    "a colleague is sharing far right memes on facebook", "what happens after a referral?",
])
def test_it_stays_quiet_on_ordinary_and_worrying_but_not_urgent_messages(text):
    assert detect_emergency(text) is None


def test_it_only_adds_a_999_card(monkeypatch):
    """With a model that is never sure, everything the rules catch is still caught."""
    import knowledge.emergency as guard

    monkeypatch.setattr(guard, "load_model", lambda: EmergencyModel(-30.0, {}))
    assert detect_emergency("he's got a knife and says he'll stab someone at break") is not None
    assert detect_emergency("the lad is on the roof of the sports hall and keeps saying he will jump") is None


def test_a_message_it_fires_on_carries_no_words_of_the_message():
    match = detect_emergency("the lad is on the roof of the sports hall and keeps saying he will jump")
    assert match.category == "threat_to_life" and match.terms == ()


def test_features_are_words_and_word_pairs():
    assert features("he has a gun") == {"he", "has", "a", "gun", "he_has", "has_a", "a_gun"}


def test_training_is_deterministic_and_learns_the_examples():
    examples = [("he has a gun now", True), ("he is on the roof", True), ("what is the prevent duty", False),
                ("where is the car park", False)] * 5
    first, second = train(examples), train(examples)
    assert first == second
    assert first.probability("he has a gun now") > 0.5 > first.probability("what is the prevent duty")


def test_the_shipped_model_matches_a_retrain_from_the_lists():
    """knowledge/emergency_model.json is rebuilt by `python -m knowledge.emergency_model` whenever the lists
    change; a stale file fails here (tolerances allow for the last digit of floating point)."""
    shipped = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    fresh = train(training_examples(REPO))
    assert abs(fresh.bias - shipped["bias"]) < 1e-3
    big = {f for f, w in fresh.weights.items() if abs(w) > 0.07} | \
        {f for f, w in shipped["weights"].items() if abs(w) > 0.07}
    assert all(abs(fresh.weights.get(f, 0.0) - shipped["weights"].get(f, 0.0)) < 1e-3 for f in big)


def test_thresholds_are_ordered():
    assert 0.5 < THRESHOLD < SURE < 1.0
    assert load_model().weights


def test_a_broken_model_file_is_a_content_error(tmp_path, monkeypatch):
    import knowledge.emergency_model as model
    from knowledge.checks import _check_emergency_rules

    broken = tmp_path / "emergency_model.json"
    broken.write_text('{"bias": 1}', encoding="utf-8")
    monkeypatch.setattr(model, "MODEL_FILE", broken)
    try:
        errors = _check_emergency_rules()
    finally:
        model.load_model.cache_clear()
    assert len(errors) == 1 and "cannot read the emergency model" in errors[0].message
