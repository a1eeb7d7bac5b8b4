"""The per-user rate limit over HTTP: the 31st message in a minute is refused politely, never an emergency.

The limit (30 a minute, the default) is per user per conversation and runs after the emergency guard, so
999 guidance is never slowed down and one busy user does not silence a colleague or another chat.
"""

import sqlite3

import pytest

from knowledge.messages import load_messages
from tests.helpers.channel import TeamsClient, all_text

LIMIT = 30
SLOW_DOWN = load_messages().text("slow_down")
QUESTION = "What is the Channel panel?"
EMERGENCY = "He has a knife and says he will stab someone today"


@pytest.fixture
async def busy(bot, session) -> TeamsClient:
    """A group-chat user who has just sent the limit's worth of messages, each answered."""
    client = TeamsClient(bot.url, session, conversation_type="groupChat", user_id="29:busy-user")
    for _ in range(LIMIT):
        assert "Prevent Signpost" in all_text(await client.say("help"))
    return client


async def test_the_message_over_the_limit_gets_the_slow_down_reply_and_nothing_else(busy, settings):
    assert settings.rate_limit_per_minute == LIMIT
    answered = all_text(await TeamsClient(busy.bot_url, busy.session).say(QUESTION))
    assert "Channel" in answered and SLOW_DOWN not in answered  # what an answer looks like

    replies = await busy.say(QUESTION)
    assert [reply.get("text") for reply in replies] == [SLOW_DOWN]
    assert not any(reply.get("attachments") for reply in replies)


async def test_a_card_submit_over_the_limit_is_not_processed(busy, settings):
    replies = await busy.submit({"action": "command", "command": "quick check"})
    assert [reply.get("text") for reply in replies] == [SLOW_DOWN]
    with sqlite3.connect(settings.sqlite_path) as db:
        stored = " ".join(data for (data,) in db.execute("SELECT data FROM state"))
    assert '"assessment"' not in stored  # a quick check, once started, is saved under "assessment"


async def test_an_emergency_over_the_limit_still_gets_999(busy):
    text = all_text(await busy.say(EMERGENCY))
    assert "999" in text and SLOW_DOWN not in text


async def test_other_users_and_other_conversations_are_unaffected(busy):
    colleague = TeamsClient(busy.bot_url, busy.session, conversation_id=busy.conversation_id,
                            conversation_type="groupChat", user_id="29:colleague")
    same_user_elsewhere = TeamsClient(busy.bot_url, busy.session, user_id=busy.user_id)
    for other in (colleague, same_user_elsewhere):
        text = all_text(await other.say("help"))
        assert "Prevent Signpost" in text and SLOW_DOWN not in text
    assert [reply.get("text") for reply in await busy.say("help")] == [SLOW_DOWN]
