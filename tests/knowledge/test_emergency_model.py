"""Tests for knowledge.emergency_model, the learned second opinion the emergency guard asks when its rules do
not fire. The holdout lists (emergency_blind_b.yaml's list 6 and list 11) are not in its training data: they
measure it, as do a third review's blind lists (r15). Figures when the model was added (rules alone -> rules with
the model): list 11 71 -> 84/100 urgent, 93 -> 92/100 not urgent; list 6 87 -> 89/100, 99 -> 99/100; r15 121 -> 129/150,
142 -> 142/150. After lists 12 and 13 were learned from (and list 13's missed plain emergencies read for new rules):
list 11 85/100, 92/100; list 6 89/100, 99/100; r15 132/150, 142/150. After lists 18-21 and two code reviews (sixteenth
session): list 11 92/100, 92/100; list 6 89/100, 99/100; r15 140/150, 146/150. After list 22, the `peril` words and
eight reviews (seventeenth session): list 11 92/100, 93/100; list 6 89/100, 99/100; r15 143/150, 145/150. After
three more reviews (eighteenth session): list 11 93/100, 93/100, the others the same; a fourth holdout joined, a broad
check written before its writer read the rules (r26): 82/99, 96/99 (the session-start code 75/100, 97/100). Once the
model was also asked about messages naming no danger word (at 0.97), at the session's end: list 11 95/100, 93/100;
list 6 97/100, 99/100; r15 146/150, 146/150; r26 92/99, 96/99; and four more holdouts: half a blind list of emergencies
in everyday words and everyday statements (s27) 21/30, 100/100; a reviewer's validation list for that path (v28) 12/20,
57/60; two last blind lists, f29 (read to choose the threshold) 103/118, 191/198, and g30 (written by someone who never
read the repository; its totals read at four thresholds) 94/119, 191/199, the session's starting code 70/119,
192/199. In the twenty-first session that path's threshold went from 0.97 to 0.9 and the model learned review 36's
probes: f29 106 -> 109/118, 191/198 both; g30 97 -> 105/119, 192 -> 191/199; h32 97 -> 102/120, 179/194 both; v28 14
-> 17/20, 59 -> 58/60; and a new blind list, h33, 108 -> 113/118, 187/198 both."""

import json
from pathlib import Path

import pytest
import yaml

from knowledge.emergency import detect_emergency, normalise
from knowledge.emergency_model import (
    IDENTITY_WORDS,
    MODEL_FILE,
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
    ("holdout_11_urgent", True, 0.82), ("holdout_11_not_urgent", False, 0.9),
    ("holdout_urgent", True, 0.87), ("holdout_not_urgent", False, 0.97),
    ("holdout_r15_urgent", True, 0.84), ("holdout_r15_not_urgent", False, 0.93),
    ("holdout_r26_urgent", True, 0.85), ("holdout_r26_not_urgent", False, 0.95),
    ("holdout_s27_urgent", True, 0.55), ("holdout_s27_not_urgent", False, 0.97),
    ("holdout_v28_urgent", True, 0.4), ("holdout_v28_not_urgent", False, 0.95),
    ("holdout_f29_urgent", True, 0.8), ("holdout_f29_not_urgent", False, 0.95),
    ("holdout_g30_urgent", True, 0.85), ("holdout_g30_not_urgent", False, 0.94),
    ("holdout_h32_urgent", True, 0.8), ("holdout_h32_not_urgent", False, 0.92),
    ("holdout_h33_urgent", True, 0.95), ("holdout_h33_not_urgent", False, 0.92),
    ("holdout_h34_urgent", True, 0.92), ("holdout_h34_not_urgent", False, 0.92),
])
def test_the_guard_with_the_model_on_lists_it_never_learned_from(key, urgent, bar):
    assert _rate(LISTS[key], urgent) >= bar


def test_the_holdouts_are_not_in_the_training_data():
    """No holdout emergency is learned from. A few everyday holdout messages are word for word the same as ones
    another writer put in a list learned from ("What is the Prevent duty?", "Who chairs the Channel panel?"): 23 of
    350."""
    learned = {said for said, _ in training_examples(REPO)}
    holdouts = ("holdout_11", "holdout", "holdout_r15", "holdout_r26", "holdout_s27", "holdout_v28", "holdout_f29",
                "holdout_g30", "holdout_h32", "holdout_h33", "holdout_h34")
    urgent = [m for name in holdouts for m in LISTS[f"{name}_urgent"]]
    everyday = [m for name in holdouts for m in LISTS[f"{name}_not_urgent"]]
    assert not learned & {normalise(m) for m in urgent}
    assert len(learned & {normalise(m) for m in everyday}) <= 25


def _rules_only(monkeypatch):
    import knowledge.emergency as guard

    monkeypatch.setattr(guard, "load_model", lambda: EmergencyModel(-30.0, {}))


@pytest.mark.parametrize("text", [
    "he has petrol and a lighter and is at the door of the community centre",
    "It turned out to be bleach she drank, she's collapsed on the floor",
])
def test_it_catches_emergencies_the_rules_miss(text, monkeypatch):
    assert detect_emergency(text) is not None
    _rules_only(monkeypatch)
    assert detect_emergency(text) is None


def test_a_message_naming_no_danger_fires_only_when_the_model_is_sure(monkeypatch):
    """A third review found the model had learned statements from questions ("there's a man outside saying he's here
    to fix the boiler" scored 1.0), so for years it was asked only about messages with a danger word. Since the
    eighteenth session it is asked about the rest too, and fires at UNWORDED_THRESHOLD or above: a model sure at 0.89
    (enough beside a danger word) gives no card; one sure at 0.92 does."""
    import math

    import knowledge.emergency as guard

    text = "A man just came into reception and is asking for the manager"
    for sure, fires in ((0.89, False), (0.92, True)):
        monkeypatch.setattr(guard, "load_model", lambda p=sure: EmergencyModel(math.log(p / (1 - p)), {}))
        assert (detect_emergency(text) is not None) is fires
    assert THRESHOLD < 0.89 < guard.UNWORDED_THRESHOLD < 0.92


@pytest.mark.parametrize("text", [
    "Last week a man came into reception asking for the manager",
    "What should I do if a man comes into reception asking for the manager?",
    "In the training scenario a man comes into reception asking for the manager",
])
def test_a_message_naming_no_danger_goes_to_the_model_only_as_the_rules_would_let_it(monkeypatch, text):
    """Told as past, a hypothetical or an exercise: quiet even with a model that is always sure."""
    import knowledge.emergency as guard

    monkeypatch.setattr(guard, "load_model", lambda: EmergencyModel(30.0, {}))
    assert detect_emergency(text) is None


def test_the_shipped_model_is_not_sure_of_everyday_statements():
    assert detect_emergency("There is a man outside the building saying he's here to fix the boiler") is None
    assert detect_emergency("a man is walking up and down outside the nursery") is None


@pytest.mark.parametrize("text", [
    "leisure centre swimming times", "where is the nearest staff car park to the town hall?",
    "what should I do if a pupil says he wants to join isis one day?", "the kiln is firing at the moment",
    "how do I refer someone to prevent?", "my student has been watching extremist videos, what do I do?",
    "a colleague is sharing far right memes on facebook", "what happens after a referral?",
])
def test_it_stays_quiet_on_ordinary_and_worrying_but_not_urgent_messages(text):
    assert detect_emergency(text) is None


def test_it_only_adds_a_999_card(monkeypatch):
    """With a model that is never sure, everything the rules catch is still caught. (Review 35 found a model veto of
    the rules at 0.005 silencing live emergencies with a question after them: "he's got a knife again and the kids
    are crying, should I call the police?" scored 0.0004. It was not kept.)"""
    _rules_only(monkeypatch)
    assert detect_emergency("he's got a knife and says he'll stab someone at break") is not None


def test_a_message_it_fires_on_carries_no_words_of_the_message():
    match = detect_emergency("there are gunshots in the shopping centre car park")
    assert match.category == "attack" and match.terms == ("gunshots",)


def test_it_never_sees_faith_places_of_worship_or_countries():
    """The same message about a mosque, a church or a synagogue gets the same score."""
    scores = {load_model().probability(normalise(f"A man has just rung reception asking for directions to the {place}"))
              for place in ("mosque", "church", "synagogue", "gurdwara")}
    assert len(scores) == 1
    assert not any(word in IDENTITY_WORDS for f in load_model().weights for word in f.split("_"))


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


def test_the_threshold_is_a_probability():
    assert 0.5 < THRESHOLD < 1.0
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
