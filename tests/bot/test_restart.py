"""A conversation survives a restart: half-way through, the bot stops (or is killed) and a new one carries on.

In process: the app is stopped cleanly and a new app is built on the same SQLite file. As a real process:
`python app.py` is killed with SIGKILL (no shutdown hooks, as when a host dies) after four quick-check
answers, and a new process on the same database carries on at question 5. Both talk to the loopback Bot
Connector as Teams would, and the user carries on from the cards they already have on screen.
"""

import asyncio
import csv
import io
from datetime import UTC, datetime

import pytest

from tests.helpers.channel import TeamsClient, all_text
from tests.helpers.journeys import (
    Journey,
    SteppingClock,
    card_texts,
    find_submits,
    newest_card,
    open_urls,
    share_knowledge_base,
)
from tests.helpers.process import BotProcess

BEFORE = datetime(2026, 7, 1, 9, 0, tzinfo=UTC)
AFTER = datetime(2026, 7, 1, 10, 0, tzinfo=UTC)
QUICK_IDS = ["1.1", "2.1", "3.1", "4.1", "5.1", "6.1", "7.1", "8.1", "9.1", "10.2"]
BUTTON = {"achieving": "Achieving", "developing": "Developing", "not_started": "Not yet started"}
PLAN = ["achieving", "developing", "not_started", "developing", "achieving",
        "achieving", "developing", "achieving", "not_started", "achieving"]
EXPECTED_ROWS = {1: "Green 100%", 2: "Amber 50%", 3: "Red 0%", 4: "Amber 50%", 5: "Green 100%",
                 6: "Green 100%", 7: "Amber 50%", 8: "Green 100%", 9: "Red 0%", 10: "Green 100%"}


@pytest.fixture(autouse=True)
def _one_knowledge_base(monkeypatch):
    share_knowledge_base(monkeypatch)


def asked(replies: list[dict]) -> str:
    """The question id on the newest rating card."""
    (question,) = {data["question"] for _, data in find_submits(newest_card(replies)) if "question" in data}
    return question


def benchmark_rows(replies: list[dict]) -> dict[int, str]:
    """Benchmark number -> RAG status from a results card."""
    return {int(block["columns"][0]["items"][0]["text"].split(".")[0]): block["columns"][1]["items"][0]["text"]
            for block in newest_card(replies)["body"] if block.get("type") == "ColumnSet"}


def moved_to(journey: Journey, url: str) -> Journey:
    """The same user in the same conversation, now talking to the bot at `url`, with the same cards on screen."""
    client = journey.client
    moved = Journey(TeamsClient(url, client.session, client.connector, conversation_id=client.conversation_id,
                                user_id=client.user_id, user_name=client.user_name))
    moved.last = journey.last
    return moved


async def rate(journey: Journey, ratings: list[str]) -> None:
    for rating in ratings:
        await journey.click(BUTTON[rating])


# -- in process ---------------------------------------------------------------------------------------


async def test_quick_check_carries_on_after_the_app_is_restarted_on_the_same_database(start_bot, settings,
                                                                                      session, connector):
    first = await start_bot(settings, clock=SteppingClock(BEFORE))
    journey = Journey(TeamsClient(first.url, session, connector))
    await journey.say("quick check")
    await rate(journey, PLAN[:5])
    assert asked(journey.last) == "6.1"
    await first.stop()

    second = await start_bot(settings, clock=SteppingClock(AFTER))
    journey = moved_to(journey, second.url)
    replies = await journey.click(BUTTON[PLAN[5]])
    assert "Saved 6.1: Achieving." in all_text(replies), "the button on screen before the restart still works"
    assert asked(replies) == "7.1"
    await rate(journey, PLAN[6:])
    assert "10 of 10 answered" in journey.text
    assert benchmark_rows(journey.last) == EXPECTED_ROWS, "the answers given before the restart are all there"

    replies = await journey.say("export")
    table = replies[0]["text"]
    for question_id, rating in zip(QUICK_IDS, PLAN, strict=True):
        line = next(row for row in table.splitlines() if f"| {question_id} " in row)
        assert f"| {BUTTON[rating]} |" in line, "the rating labels match the button titles"


async def test_referral_walk_through_carries_on_after_the_app_is_restarted(start_bot, settings, session,
                                                                           connector):
    first = await start_bot(settings, clock=SteppingClock(BEFORE))
    journey = Journey(TeamsClient(first.url, session, connector))
    await journey.say("referral")
    await journey.click("No")
    await journey.click("An adult \\(18 or over\\)")
    assert "Check: have you talked it through with your lead?" in journey.text
    await first.stop()

    second = await start_bot(settings, clock=SteppingClock(AFTER))
    journey = moved_to(journey, second.url)
    await journey.click("Yes")
    assert "Does the concern remain?" in journey.text
    await journey.say("yes")
    replies = await journey.say("what happens next")
    facts = {fact["title"]: fact["value"] for block in newest_card(replies)["body"] if block.get("type") == "FactSet"
             for fact in block["facts"]}
    assert facts == {"Emergency": "No", "About": "An adult (18 or over)", "Discussed with a lead": "Yes",
                     "Concern remains": "Yes", "Shared with": "What happens next?"}
    assert "Example County Adult Social Care front door" in all_text(replies)


# -- a real process, killed --------------------------------------------------------------------------


@pytest.fixture
def bot_processes():
    """Start BotProcesses (in a thread, so the loopback connector keeps serving); all are stopped at the end."""
    started: list[BotProcess] = []

    async def start(env: dict[str, str], log_path) -> BotProcess:
        process = BotProcess(env, log_path)
        started.append(process)
        return await asyncio.to_thread(process.start)

    yield start
    for process in started:
        process.stop()


@pytest.mark.slow
async def test_quick_check_survives_sigkill_of_the_bot_process(bot_processes, tmp_path, session, connector):
    env = {"STORAGE": "sqlite", "SQLITE_PATH": str(tmp_path / "signpost.db"), "LOG_LEVEL": "WARNING"}
    first = await bot_processes(env, tmp_path / "first.log")
    journey = Journey(TeamsClient(first.url, session, connector))
    await journey.say("quick check")
    await rate(journey, PLAN[:4])
    on_screen = journey.last
    assert asked(on_screen) == "5.1"
    first.kill()
    assert first.process is not None and first.process.returncode == -9

    second = await bot_processes(env, tmp_path / "second.log")
    journey = moved_to(journey, second.url)
    replies = await journey.say("resume")
    assert "Picking up where you left off: Quick check, 4 of 10 answered." in all_text(replies)
    assert asked(replies) == "5.1"
    assert any(t.startswith("Question 5 of 10") for t in card_texts(newest_card(replies)))

    journey.last = on_screen  # the rating card from before the kill is still on screen: its button works too
    replies = await journey.click(BUTTON[PLAN[4]])
    assert "Saved 5.1: Achieving." in all_text(replies)
    await rate(journey, PLAN[5:])
    assert "10 of 10 answered" in journey.text
    assert benchmark_rows(journey.last) == EXPECTED_ROWS, "the four answers given before the kill are in the summary"

    replies = await journey.say("export")
    (link,) = [url for url in open_urls(replies) if "/reports/" in url]
    assert link.startswith(second.base), "without PUBLIC_URL the link points at this process's own port"
    async with session.get(link) as response:
        assert response.status == 200
        lines = list(csv.reader(io.StringIO(await response.text())))
    assert [(row[1].split()[0], row[2]) for row in lines[1:]] == [
        (question_id, BUTTON[rating]) for question_id, rating in zip(QUICK_IDS, PLAN, strict=True)]
