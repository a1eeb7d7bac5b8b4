"""A learned second opinion for the emergency guard: how likely a message is to describe danger now.

The guard's rules (`knowledge.emergency`) name the danger they find and stay quiet on questions, hypotheticals
and figures of speech, but a message that describes an emergency in words the rules were never given ("shots
fired in the main building", "he's on the railway bridge saying he'll jump") slips past them. Blind lists of
staff messages, each read only once written, measured the rules at 66-75% of emergencies when they arrived.
This model is logistic regression over the words and word pairs of the message as the guard reads it (lower
case, contractions expanded, danger words' typos fixed, figures of speech blanked: `knowledge.emergency.
normalise`), less words for faith, places of worship, ethnicity and countries, trained on the labelled lists kept
with the tests (`python -m knowledge.emergency_model` rebuilds knowledge/emergency_model.json from them). The
guard asks it only when its rules found a danger word but did not fire, and fires when the model is at least
`THRESHOLD` sure: it can add a 999 card, never take one away. (A review found that, asked about every message,
it had learned to tell statements from questions: "there's a man outside saying he's here to fix the boiler"
scored 1.0. Hence the danger word.)

Plain Python: a message costs one dictionary look-up per word and word pair.
"""

import json
import math
import random
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from pathlib import Path

MODEL_FILE = Path(__file__).with_name("emergency_model.json")
THRESHOLD = 0.88
"""How sure the model must be to fire. Chosen on held-out lists (only their totals read): rules alone -> with the
model, list 11's 100 emergencies 71 -> 84 (its 100 everyday messages 93 -> 92 right), list 6's 87 -> 89 (99 ->
99), a review's blind 150 emergencies 121 -> 129 (150 everyday 142 -> 142). At 0.8 one or two more of each were
caught and one more everyday message fired; no threshold tried added a card to any of 5,255 staff questions.
0.9 until the eighteenth session, when a retrain on two more reviews' probes left four emergencies just under it
(0.89: "someone is shooting in the high street" after "what's the number for police", "gun man in the librery"):
at 0.88 every list is as before the retrain, no everyday message more fires (holdouts 93/100, 99/100, 145/150;
7,109 staff questions, 10 firing as before)."""
EPOCHS = 15
RATE = 0.1
DECAY = 1e-4
SEED = 1
KEEP_ABOVE = 0.06
"""Weights smaller than this are left out of the shipped file (about half are kept): leaving them out changed no
decision on the held-out lists or the question sets."""


IDENTITY_WORDS = frozenset(str.split("""mosque mosques church churches synagogue synagogues gurdwara gurdwaras temple
    temples mandir chapel cathedral madrassa madrasa muslim muslims islam islamic jew jews jewish christian christians
    sikh sikhs hindu hindus buddhist catholic catholics asian asians black white arab arabs somali pakistani pakistan
    syria syrian iraq iraqi afghan afghanistan turkey turkish allah imam rabbi vicar priest prayer prayers friday
    saturday sunday eid ramadan iftar"""))
"""Words for faith, places of worship, ethnicity and countries, which the model never sees: learned weights on them
would make a message about a mosque, or a family in Syria, more likely to get a 999 card than the same message about
a church or a family in Spain. The rules still read them where they name danger in context ("going to Syria to
join ISIS")."""


def features(said: str) -> set[str]:
    """The words of a normalised message and its adjacent word pairs ("got_a", "a_gun"), less `IDENTITY_WORDS`."""
    words = [w for w in said.split() if w not in IDENTITY_WORDS]
    return set(words) | {f"{a}_{b}" for a, b in pairwise(words)}


@dataclass(frozen=True)
class EmergencyModel:
    bias: float
    weights: dict[str, float]

    def probability(self, said: str) -> float:
        """How likely the normalised message is to describe danger now, 0..1."""
        z = self.bias + sum(self.weights.get(f, 0.0) for f in features(said))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@cache
def load_model() -> EmergencyModel:
    data = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    return EmergencyModel(float(data["bias"]), {str(k): float(v) for k, v in data["weights"].items()})


def train(examples: Iterable[tuple[str, bool]]) -> EmergencyModel:
    """Logistic regression by stochastic gradient descent, with a fixed seed: the same examples give the same
    model. `examples` are (normalised message, urgent)."""
    rows = [(sorted(features(said)), 1.0 if urgent else 0.0) for said, urgent in examples]
    weights: dict[str, float] = {}
    bias = 0.0
    shuffle = random.Random(SEED).shuffle
    for _ in range(EPOCHS):
        shuffle(rows)
        for names, target in rows:
            z = bias + sum(weights.get(f, 0.0) for f in names)
            error = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z)))) - target
            bias -= RATE * error
            for f in names:
                w = weights.get(f, 0.0)
                weights[f] = w - RATE * (error + DECAY * w)
    kept = {f: round(w, 4) for f, w in sorted(weights.items()) if abs(w) >= KEEP_ABOVE}
    return EmergencyModel(round(bias, 4), kept)


def training_examples(repo: Path) -> list[tuple[str, bool]]:
    """The labelled messages the model learns from, normalised: the blind lists kept with the guard's tests
    (every list but the holdouts, which measure it), the hand-written cases and the reviews' probes, and, as
    everyday messages, staff questions from the first ten question sets (the rest measure false alarms)."""
    import yaml

    from knowledge.emergency import normalise

    tests = repo / "tests" / "knowledge"
    first, second, cases, reviews = (yaml.safe_load((tests / f"emergency_{name}.yaml").read_text(encoding="utf-8"))
                                     for name in ("blind", "blind_b", "cases", "reviews"))
    urgent = first["urgent"] + first["holdout_urgent"] + second["urgent"] + cases["urgent"] + reviews["urgent"]
    everyday = first["not_urgent"] + first["holdout_not_urgent"] + second["not_urgent"] + cases["not_urgent"] \
        + reviews["not_urgent"]
    for path in sorted(tests.glob("tuning_questions*.yaml"))[:10]:
        questions = yaml.safe_load(path.read_text(encoding="utf-8"))
        everyday += [item["q"] for item in questions["kb"][:40]] + list(questions.get("none", []))[:10]
    return [(normalise(m), True) for m in urgent] + [(normalise(m), False) for m in everyday]


def main() -> int:
    repo = Path(__file__).resolve().parents[1]
    examples = training_examples(repo)
    model = train(examples)
    MODEL_FILE.write_text(json.dumps({"bias": model.bias, "weights": model.weights}, indent=0, sort_keys=True) + "\n",
                          encoding="utf-8")
    print(f"trained on {len(examples)} messages; {len(model.weights)} weights written to {MODEL_FILE.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
