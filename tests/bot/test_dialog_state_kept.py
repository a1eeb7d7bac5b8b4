"""A dialog stack is stored only while a flow is under way: questions and answers leave none behind, so
the SDK has no dialog state to restore and hash on every turn; a flow's stack is saved while it runs and
removed when it ends."""

import json
import sqlite3

import pytest

from tests.helpers.channel import TeamsClient
from tests.helpers.journeys import Journey, share_knowledge_base


@pytest.fixture(autouse=True)
def _one_knowledge_base(monkeypatch):
    share_knowledge_base(monkeypatch)


def stored_dialog_stacks(settings) -> list:
    """The dialog stack of every stored conversation that has one."""
    with sqlite3.connect(settings.sqlite_path) as db:
        rows = [json.loads(data) for key, data in db.execute("SELECT key, data FROM state")
                if "/conversations/" in key]
    return [row["dialog_state"]["_dialog_stack"] for row in rows if "dialog_state" in row]


async def test_questions_leave_no_dialog_state_and_a_flow_keeps_one_only_while_it_runs(start_bot, settings,
                                                                                      session, connector):
    bot = await start_bot(settings)
    journey = Journey(TeamsClient(bot.url, session, connector))
    await journey.say("what is channel")
    await journey.say("who chairs the channel panel")
    assert stored_dialog_stacks(settings) == []

    await journey.say("referral")
    (stack,) = stored_dialog_stacks(settings)
    assert len(stack) == 1, "the referral walk-through is saved while it runs"

    await journey.say("cancel")
    assert stored_dialog_stacks(settings) == []
    replies = await journey.say("what is the ctlp")
    assert replies and stored_dialog_stacks(settings) == []


async def test_an_error_on_a_question_turn_is_apologised_for_and_clears_cleanly(start_bot, settings, session,
                                                                               connector, monkeypatch, caplog):
    from bot.features import Features

    answer = Features.answer

    def broken_once(self, question):
        monkeypatch.setattr(Features, "answer", answer)
        raise RuntimeError("a fault while answering")

    monkeypatch.setattr(Features, "answer", broken_once)
    bot = await start_bot(settings)
    journey = Journey(TeamsClient(bot.url, session, connector))
    replies = await journey.say("what is channel")
    assert "something went wrong on my side" in " ".join(r.get("text") or "" for r in replies)
    assert not [r for r in caplog.records if r.getMessage() == "dialog not cleared"]
    assert stored_dialog_stacks(settings) == []
    replies = await journey.say("what is channel")
    assert any(r.get("attachments") for r in replies), "the next question is answered"


async def test_an_empty_stack_left_by_an_earlier_version_is_removed(start_bot, settings, session, connector):
    bot = await start_bot(settings)
    journey = Journey(TeamsClient(bot.url, session, connector))
    await journey.say("referral")
    await journey.say("cancel")
    await bot.stop()
    with sqlite3.connect(settings.sqlite_path) as db:  # as an earlier version saved every conversation
        key, data = next((k, d) for k, d in db.execute("SELECT key, data FROM state") if "/conversations/" in k)
        row = json.loads(data)
        row["dialog_state"] = {"py/object": "botbuilder.dialogs.dialog_state.DialogState", "_dialog_stack": []}
        db.execute("UPDATE state SET data=? WHERE key=?", (json.dumps(row), key))
    assert stored_dialog_stacks(settings) == [[]]

    bot = await start_bot(settings)
    journey = Journey(TeamsClient(bot.url, session, connector, conversation_id=journey.client.conversation_id,
                                  user_id=journey.client.user_id))
    await journey.say("what is the ctlp")
    assert stored_dialog_stacks(settings) == []
