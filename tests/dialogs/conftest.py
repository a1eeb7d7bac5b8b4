"""Fixtures for the referral and contacts flow tests: the shipped example areas, a clock, a transcript."""

from datetime import datetime

import pytest

from dialogs.flow import Turn, UserInput
from knowledge.areas import load_areas
from knowledge.opening_hours import LONDON

WEDNESDAY_10AM = datetime(2026, 6, 3, 10, 0, tzinfo=LONDON)


@pytest.fixture(scope="session")
def example_areas():
    return load_areas()


@pytest.fixture(scope="session")
def example_pathway(example_areas):
    return example_areas.pathway_for("example-borough")


class Transcript:
    """Drives a flow turn by turn as the bot would, keeping state and profile between turns."""

    def __init__(self, flow, now: datetime = WEDNESDAY_10AM, profile: dict | None = None):
        self.flow = flow
        self.now = now
        self.state: dict | None = None
        self.profile: dict = dict(profile or {})
        self.turns: list[Turn] = []

    def _input(self, text: str, value: dict | None) -> UserInput:
        return UserInput(text=text, value=value, now=self.now, user_id="user-id-0", conversation_type="personal",
                         profile=dict(self.profile))

    def _keep(self, turn: Turn) -> Turn:
        self.state = turn.state
        if turn.profile is not None:
            self.profile = turn.profile
        self.turns.append(turn)
        return turn

    def start(self, options: dict | None = None, text: str = "referral") -> Turn:
        return self._keep(self.flow.start(options or {}, self._input(text, None)))

    def say(self, text: str) -> Turn:
        assert self.state is not None, "the flow has finished"
        return self._keep(self.flow.resume(self.state, self._input(text, None)))

    def click(self, **value) -> Turn:
        """A card submit: Teams sends the data as `value` with no text."""
        assert self.state is not None, "the flow has finished"
        return self._keep(self.flow.resume(self.state, self._input("", {"action": "flow", **value})))


@pytest.fixture
def transcript():
    return Transcript
