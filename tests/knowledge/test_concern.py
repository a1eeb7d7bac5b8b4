"""Which messages voice a worry about someone (and so start the referral walk-through), and which are
questions for the knowledge base. The eval sets' questions are checked too: none of them may be taken."""

from pathlib import Path

import pytest
import yaml

from bot.router import normalise
from knowledge.concern import is_concern

TESTS = Path(__file__).resolve().parent


@pytest.mark.parametrize("message", [
    "nightshift care worker here, resident keeps saying hes a soldier of allah and wants to die a martyr, hes calm"
    " tho. not sure what to do at 3am",
    "a lad in my class said he would shoot up the school but then said he was joking, he laughed it off",
    "the boy i mentor has started saying all muslims should be deported and he wants to join britain first",
    "hiya, one of our year 10s has been drawing swastikas on his books and saying hitler was right, is that a"
    " prevent thing??",
    "a pupil keeps watching extremist videos, what should I do",
    "I'm worried my neighbour is being radicalised",
    "im worried about a young person",  # short: the worry alone is enough
    "I have a Prevent concern",
    "I think my student is being groomed by extremists online",
])
def test_worries_about_someone(message):
    assert is_concern(normalise(message))


@pytest.mark.parametrize("message", [
    "In the Channel case study with the teenager and the far right tattoos, who ended up on the panel?",
    "What should happen if someone is suspected of planning a criminal offence?",
    "someone wants to hire our community hall for a talk, speaker might be extremist, what do we do",  # venues
    "I'm worried a Year 9 pupil is being used to run drugs for a county lines gang, what should I do",  # no sign
    "I've been asked to go to community events as the council's Prevent face but I'm worried people will think"
    " we only turn up to talk about extremism",
    "what is extremism",
    "what are the signs that someone is being radicalised",
    "how can staff spot that a pupil is being radicalised",
    "what are the warning signs someone has been watching extremist content",
    "does my colleague need prevent training",
])
def test_questions_and_other_worries(message):
    assert not is_concern(normalise(message))


def test_no_question_of_the_eval_sets_is_taken_for_a_worry():
    paths = [*sorted(TESTS.glob("*questions*.yaml")), TESTS / "none_stress.yaml"]
    taken = []
    for path in paths:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for kind in ("kb", "none"):
            for item in data.get(kind) or []:
                question = item["q"] if isinstance(item, dict) else item
                if is_concern(normalise(question)):
                    taken.append(f"{path.name}: {question}")
    assert not taken, taken
