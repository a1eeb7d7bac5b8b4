"""The Delivery Benchmark self-assessment end to end over HTTP, as staff meet it in Teams.

Each test drives the real aiohttp app (create_app) through the loopback Bot Connector; button presses
post the Action.Submit data of the card the bot actually sent, as `value` with no text. Every card
received is checked against the Adaptive Card 1.5 schema. The clock is injected and moves a second at
each reading, so timestamps are deterministic. Exports are fetched over HTTP from the link the bot gives.
"""

import csv
import io
import re
from dataclasses import replace
from datetime import UTC, datetime
from urllib.parse import urlparse

import pytest

from tests.helpers.channel import TeamsClient, all_text
from tests.helpers.journeys import (
    FixedClock,
    Journey,
    SteppingClock,
    card_texts,
    click,
    find_submits,
    newest_card,
    open_urls,
    share_knowledge_base,
    sqlite_bytes,
)

T0 = datetime(2026, 7, 1, 9, 0, tzinfo=UTC)
QUICK_IDS = ["1.1", "2.1", "3.1", "4.1", "5.1", "6.1", "7.1", "8.1", "9.1", "10.2"]
BUTTON = {"achieving": "Achieving", "developing": "Developing", "not_started": "Not yet started",
          "skip": "Skip \\(n/a\\)"}
LABEL = {"achieving": "Achieving", "developing": "Developing", "not_started": "Not yet started",
         "skip": "Skipped (n/a)"}
EMERGENCY = "a pupil says he has a knife in his bag and will stab someone at lunch"
PERSONAL = "John Smith, 15, lives at SW1A 1AA"
PERSONAL_PIECES = ("John Smith", "John", "Smith", "SW1A 1AA", "SW1A")
BOT_MENTION = {"type": "mention", "mentioned": {"id": "28:signpost-bot", "name": "Signpost"},
               "text": "<at>Signpost</at>"}


@pytest.fixture(autouse=True)
def _one_knowledge_base(monkeypatch):
    share_knowledge_base(monkeypatch)


@pytest.fixture
async def assess_bot(start_bot, settings):
    return await start_bot(settings, clock=SteppingClock(T0))


@pytest.fixture
def journey(assess_bot, session, connector) -> Journey:
    return Journey(TeamsClient(assess_bot.url, session, connector))


def progress(replies: list[dict]) -> str:
    """The progress line of the newest rating or details card ("Question 2 of 10 — benchmark 2")."""
    return next(t for t in card_texts(newest_card(replies)) if t.startswith("Question "))


def asked(replies: list[dict]) -> str:
    """The question id the newest card asks about (from its rating buttons)."""
    ids = {data.get("question") for _, data in find_submits(newest_card(replies)) if data.get("action") == "flow"}
    ids.discard(None)
    assert len(ids) == 1, f"expected one question on the card, got {ids}"
    return ids.pop()


def benchmark_rows(replies: list[dict]) -> dict[int, str]:
    """Benchmark number -> status ("Green 100%", "Amber 50% · improved") from a results card."""
    rows = {}
    for block in newest_card(replies)["body"]:
        if block.get("type") == "ColumnSet":
            name = block["columns"][0]["items"][0]["text"]
            rows[int(name.split(".")[0])] = block["columns"][1]["items"][0]["text"]
    return rows


async def rate_by_buttons(journey: Journey, ratings: list[str], *, details: bool = False) -> None:
    """Press the rating button for each rating in turn; with details, press No details after each."""
    for rating in ratings:
        replies = await journey.click(BUTTON[rating])
        if details and rating != "skip":
            assert "supporting details" in progress(replies)
            await journey.click("No details")


async def fetch_csv(session, bot, replies: list[dict]) -> list[list[str]]:
    """GET the export's Download CSV link (on this test server's port) and parse it."""
    (link,) = [url for url in open_urls(replies) if "/reports/" in url]
    async with session.get(bot.base + urlparse(link).path) as response:
        assert response.status == 200
        assert response.content_type == "text/csv"
        assert "attachment" in response.headers["Content-Disposition"]
        return list(csv.reader(io.StringIO(await response.text())))


# -- quick check ------------------------------------------------------------------------------------

QUICK_PLAN = ["achieving", "developing", "not_started", "achieving", "skip",
              "achieving", "developing", "achieving", "not_started", "developing"]
QUICK_RESULTS = {1: "Green 100%", 2: "Amber 50%", 3: "Red 0%", 4: "Green 100%", 5: "Not assessed",
                 6: "Green 100%", 7: "Amber 50%", 8: "Green 100%", 9: "Red 0%", 10: "Amber 50%"}


async def test_quick_check_by_buttons_ends_with_rag_per_benchmark_and_an_overall_figure(journey):
    replies = await journey.say("quick check")
    assert "Quick check: one headline question for each of the 10 benchmarks" in all_text(replies)
    for number, (question_id, rating) in enumerate(zip(QUICK_IDS, QUICK_PLAN, strict=True), start=1):
        assert progress(journey.last) == f"Question {number} of 10 — benchmark {question_id.split('.')[0]}"
        assert asked(journey.last) == question_id
        replies = await journey.click(BUTTON[rating])
    assert replies[0]["text"].startswith("That's every question.")
    text = all_text(replies)
    assert "Quick check: results" in text and "10 of 10 answered" in text
    assert "Overall: 59% (compliance questions count double) · 2 red, 3 amber, 4 green, 1 not assessed" in text
    assert benchmark_rows(replies) == QUICK_RESULTS
    assert "Compliance gaps" in text and "Top priorities" in text
    assert next(title for title, _ in find_submits(replies)).startswith("Read: ")

    replies = await journey.say("results")
    assert benchmark_rows(replies) == QUICK_RESULTS, "results shows the saved assessment again"


async def test_typed_commands_why_back_skip_pause_and_resume(journey):
    await journey.say("quick check")
    replies = await journey.say("why?")
    assert "What to consider (the toolkit's supporting details prompts):" in all_text(replies)
    assert any(t.startswith("• ") for t in card_texts(newest_card(replies))), "the toolkit's prompts are listed"
    assert "Read the guidance" in journey.buttons()
    assert asked(replies) == "1.1", "why does not move on"

    replies = await journey.say("dev")
    assert "Saved 1.1: Developing." in all_text(replies) and asked(replies) == "2.1"
    replies = await journey.say("back")
    assert asked(replies) == "1.1"
    assert "Saved rating: Developing" in all_text(replies)
    replies = await journey.say("acheived")
    assert "Saved 1.1: Achieving." in all_text(replies)
    replies = await journey.say("skip")
    assert asked(replies) == "3.1"
    replies = await journey.say("not strted")
    assert "Saved 3.1: Not yet started." in all_text(replies)
    replies = await journey.say("pause")
    assert "Paused at question 4 of 10" in all_text(replies) and "type resume" in all_text(replies)

    replies = await journey.say("what is benchmark 7?")
    assert "Benchmark 7: Training" in all_text(replies), "one-shot commands still work while paused"
    replies = await journey.say("resume")
    assert "Picking up where you left off: Quick check, 3 of 10 answered." in all_text(replies)
    assert asked(replies) == "4.1"
    replies = await journey.say("n/a")
    assert "Saved 4.1: Skipped (n/a)." in all_text(replies)
    await rate_by_buttons(journey, ["achieving"] * 6)
    rows = benchmark_rows(journey.last)
    assert rows[1] == "Green 100%" and rows[2] == "Not assessed" and rows[3] == "Red 0%" and rows[4] == "Not assessed"


async def test_something_that_is_not_a_rating_is_asked_again(journey):
    await journey.say("quick check")
    replies = await journey.say("we sort of do this")
    assert "I didn't catch a rating" in all_text(replies)
    assert asked(replies) == "1.1"


async def test_a_rating_button_from_an_earlier_card_changes_nothing(journey):
    first = await journey.say("quick check")
    await rate_by_buttons(journey, ["developing", "developing"])
    replies = await click(journey.client, first, "Achieving")
    assert "That button was for question 1.1; we're now on 3.1." in all_text(replies)
    replies = await journey.say("export")
    assert "| Developing |" in next(row for row in replies[0]["text"].splitlines() if "| 1.1 " in row)


@pytest.mark.parametrize(("choice", "then_asks", "intro"), [
    ("Resume it", "2.1", "Picking up where you left off: Quick check, 1 of 10 answered."),
    ("Start the new one", "1.1", "Full self-assessment: all 38 questions."),
])
async def test_starting_another_assessment_asks_about_the_one_in_progress(journey, choice, then_asks, intro):
    await journey.say("quick check")
    await rate_by_buttons(journey, ["achieving"])
    replies = await journey.say("full self-assessment")
    assert "There's already an assessment in progress in this conversation (Quick check, 1 of 10 answered)" \
        in all_text(replies)
    replies = await journey.click(choice)
    assert intro in all_text(replies)
    assert asked(replies) == then_asks


async def test_cancel_asks_before_discarding_answers(journey):
    await journey.say("quick check")
    await rate_by_buttons(journey, ["developing", "achieving"])
    replies = await journey.say("cancel")
    assert "Discard this assessment and its 2 answer(s)?" in all_text(replies)
    replies = await journey.click("Keep going")
    assert "Carrying on." in all_text(replies) and asked(replies) == "3.1"
    await journey.say("cancel")
    replies = await journey.click("Discard it")
    assert "Cancelled. The 2 answer(s) were discarded." in all_text(replies)
    replies = await journey.say("resume")
    assert "no paused or in-progress assessment" in all_text(replies)


# -- one benchmark, with supporting details ---------------------------------------------------------

BENCHMARK_7 = [  # (typed rating, typed supporting details or None when n/a asks for none)
    ("dev", "Training log shows most frontline staff completed the e-learning"),
    ("acheived", "no details"),
    ("not strted", "none"),
    ("n/a", None),
    ("developing", "Induction pack updated in March"),
    ("achieving", "no"),
    ("not started", "nothing"),
    ("partly", "Annual refresher planned"),
    ("done", "no details"),
]
BENCHMARK_7_RATINGS = ["developing", "achieving", "not_started", "skip", "developing", "achieving",
                       "not_started", "developing", "achieving"]


async def test_assess_benchmark_7_with_typed_ratings_typos_and_supporting_details(journey, assess_bot, session):
    replies = await journey.say("assess benchmark 7")
    assert "Benchmark 7: 9 questions." in all_text(replies)
    for number, (typed, details) in enumerate(BENCHMARK_7, start=1):
        question_id = f"7.{number}"
        assert progress(journey.last) == f"Question {number} of 9 — benchmark 7"
        replies = await journey.say(typed)
        assert f"Saved {question_id}: {LABEL[BENCHMARK_7_RATINGS[number - 1]]}." in all_text(replies), typed
        if details is None:
            continue
        assert f"Supporting details for {question_id} (optional)" in all_text(replies)
        assert "Don't include names or anything that could identify a person." in all_text(replies)
        replies = await journey.say(details)
        if number < 9:
            assert f"Saved {question_id}." in all_text(replies)
    assert "Benchmark 7: results" in journey.text and "9 of 9 answered" in journey.text

    replies = await journey.say("export")
    table = replies[0]["text"]
    assert table.startswith("# Delivery Benchmark self-assessment")
    assert "| Benchmark | Question | Rating | Supporting details | Who | When |" in table
    rows = [line for line in table.splitlines() if line.startswith("| 7. Training |")]
    assert len(rows) == 9
    assert "| Developing | Training log shows most frontline staff completed the e-learning | Test User |" in rows[0]
    assert "| Skipped \\(n/a\\) |" in rows[3]
    assert "| Developing | Induction pack updated in March |" in rows[4]
    assert "no details" not in table and "nothing" not in table, "'no details' answers are stored as none"

    lines = await fetch_csv(session, assess_bot, replies)
    assert lines[0] == ["Benchmark", "Question", "Rating", "Supporting details", "Who", "When"]
    assert [(row[1].split()[0], row[2]) for row in lines[1:]] == [
        (f"7.{n}", LABEL[rating]) for n, rating in enumerate(BENCHMARK_7_RATINGS, start=1)]
    assert lines[1][3] == "Training log shows most frontline staff completed the e-learning"


# -- full self-assessment, export and the CSV link --------------------------------------------------


async def test_full_self_assessment_completed_then_exported_as_markdown_and_csv(start_bot, settings, session,
                                                                                connector):
    # 38 questions at two presses each is faster than the per-user limit of 30 messages a minute allows.
    bot = await start_bot(replace(settings, rate_limit_per_minute=0), clock=SteppingClock(T0))
    journey = Journey(TeamsClient(bot.url, session, connector))
    replies = await journey.say("full self-assessment")
    assert "Full self-assessment: all 38 questions." in all_text(replies)
    cycle = ["achieving", "developing", "not_started", "skip"]
    given: dict[str, str] = {}
    for number in range(1, 39):
        assert progress(journey.last).startswith(f"Question {number} of 38")
        question_id = asked(journey.last)
        rating = cycle[number % 4]
        given[question_id] = rating
        replies = await journey.click(BUTTON[rating])
        if rating == "skip":
            continue
        if number == 2:
            replies = await journey.say("Partnership plan signed off by the board")
        else:
            replies = await journey.click("No details")
    assert replies[0]["text"].startswith("That's every question.")
    assert "Full self-assessment: results" in all_text(replies) and "38 of 38 answered" in all_text(replies)
    assert len(benchmark_rows(replies)) == 10

    replies = await journey.say("export")
    table = replies[0]["text"]
    assert "Full self-assessment, complete · 38 of 38 answered" in table
    rows = [line for line in table.splitlines() if re.match(r"\| \d+\. ", line)]
    assert len(rows) == 38
    assert "Partnership plan signed off by the board" in table
    card = newest_card(replies)
    assert "Download the results as CSV" in card_texts(card)

    lines = await fetch_csv(session, bot, replies)
    assert len(lines) == 39
    assert {row[1].split()[0]: row[2] for row in lines[1:]} == {qid: LABEL[r] for qid, r in given.items()}
    assert {row[4] for row in lines[1:]} == {"Test User"}
    async with session.get(f"{bot.base}/reports/{'A' * 32}") as response:
        assert response.status == 404, "a made-up token finds nothing"


# -- a second quick check is compared with the first ------------------------------------------------


async def test_a_second_quick_check_shows_what_improved_got_worse_or_stayed_the_same(journey):
    await journey.say("quick check")
    await rate_by_buttons(journey, ["developing"] * 10)
    assert "improved" not in journey.text, "nothing to compare the first check with"
    await journey.say("quick check")
    await rate_by_buttons(journey, ["achieving", "not_started", "skip"] + ["developing"] * 7)
    rows = benchmark_rows(journey.last)
    assert rows[1] == "Green 100% · improved"
    assert rows[2] == "Red 0% · worse"
    assert rows[3] == "Not assessed", "a question skipped this time is not compared"
    assert all(rows[n] == "Amber 50% · no change" for n in range(4, 11))
    assert "Change is against the assessment completed" in journey.text

    replies = await journey.say("results")
    assert benchmark_rows(replies)[1] == "Green 100% · improved", "results compares with the earlier check too"


async def test_two_quick_checks_in_the_same_second_are_both_kept(start_bot, settings, session, connector):
    bot = await start_bot(settings, clock=FixedClock(T0))
    journey = Journey(TeamsClient(bot.url, session, connector))
    await journey.say("quick check")
    await rate_by_buttons(journey, ["developing"] * 10)
    await journey.say("quick check")
    await rate_by_buttons(journey, ["achieving"] * 10)
    replies = await journey.say("results")
    assert benchmark_rows(replies)[1] == "Green 100% · improved"


# -- two colleagues in one group chat ----------------------------------------------------------------


async def test_two_colleagues_in_a_group_chat_complete_one_assessment_together(assess_bot, session, connector):
    chat = "19:group-chat-test@thread.v2"
    alex = TeamsClient(assess_bot.url, session, connector, conversation_id=chat, conversation_type="groupChat",
                       user_id="29:alex", user_name="Alex Wilber")
    megan = TeamsClient(assess_bot.url, session, connector, conversation_id=chat, conversation_type="groupChat",
                        user_id="29:megan", user_name="Megan Bowen")
    replies = await alex.send(alex.activity(text="<at>Signpost</at> quick check", entities=[BOT_MENTION]))
    assert "This assessment belongs to this chat" in all_text(replies)
    assert not any(reply.get("suggestedActions") for reply in replies), "no suggested actions in a group chat"
    for number in range(10):
        who = alex if number % 2 == 0 else megan
        replies = await click(who, replies, "Achieving" if number % 2 == 0 else "Developing")
    assert "Quick check: results" in all_text(replies)

    replies = await megan.send(megan.activity(text="<at>Signpost</at> export", entities=[BOT_MENTION]))
    table = replies[0]["text"]
    rows = [line for line in table.splitlines() if re.match(r"\| \d+\. ", line)]
    assert len(rows) == 10
    assert all("| Achieving |" in row and "| Alex Wilber |" in row for row in rows[0::2])
    assert all("| Developing |" in row and "| Megan Bowen |" in row for row in rows[1::2])
    lines = await fetch_csv(session, assess_bot, replies)
    assert {row[4] for row in lines[1:]} == {"Alex Wilber", "Megan Bowen"}


async def test_a_colleague_can_resume_an_assessment_paused_by_another(assess_bot, session, connector):
    chat = "19:group-resume@thread.v2"
    alex = Journey(TeamsClient(assess_bot.url, session, connector, conversation_id=chat,
                               conversation_type="groupChat", user_id="29:alex", user_name="Alex Wilber"))
    megan = Journey(TeamsClient(assess_bot.url, session, connector, conversation_id=chat,
                                conversation_type="groupChat", user_id="29:megan", user_name="Megan Bowen"))
    await alex.say("quick check")
    await rate_by_buttons(alex, ["achieving", "achieving"])
    await alex.say("pause")
    replies = await megan.say("resume")
    assert "2 of 10 answered. Last answer by Alex Wilber" in all_text(replies)
    assert asked(replies) == "3.1"


# -- benchmarks and single questions ----------------------------------------------------------------


@pytest.mark.parametrize(("typed", "expected"), [
    ("benchmark 5", "Benchmark 5: Channel panel"),
    ("what is benchmark 7?", "Benchmark 7: Training"),
    ("Show me benchmark 10", "Benchmark 10: Communications"),
    ("show benchmarks", "The Prevent Delivery Benchmark"),
    ("benchmark 11", "There is no benchmark 11: they are numbered 1 to 10."),
    ("check 9.9", "There's no question 9.9: questions run from 1.1 to 10.2."),
])
async def test_benchmark_commands(journey, typed, expected):
    replies = await journey.say(typed)
    assert expected in all_text(replies)


async def test_the_benchmark_list_opens_a_benchmark_and_offers_to_assess_it(journey):
    await journey.say("show benchmarks")
    assert len([t for t in journey.buttons() if t.startswith("Benchmark ")]) == 10
    replies = await journey.click("Benchmark 5")
    assert "Benchmark 5: Channel panel" in all_text(replies)
    assert "5.2 (Expectation of compliance)" in all_text(replies)
    replies = await journey.click("Assess this benchmark")
    assert "Benchmark 5: 7 questions." in all_text(replies) and asked(replies) == "5.1"


async def test_check_one_question_saves_it_and_shows_the_result(journey):
    replies = await journey.say("check 5.2")
    assert "Your rating will be saved as a new single-question assessment." in all_text(replies)
    assert asked(replies) == "5.2"
    replies = await journey.click("Developing")
    assert "Saved 5.2: Developing." in all_text(replies)
    assert benchmark_rows(replies) == {5: "Amber 50%"}


async def test_one_shot_commands_mid_assessment_leave_it_where_it_was(journey):
    await journey.say("quick check")
    await rate_by_buttons(journey, ["achieving"])
    replies = await journey.say("benchmark 5")
    assert "Benchmark 5: Channel panel" in all_text(replies)
    replies = await journey.say("dev")
    assert "Saved 2.1: Developing." in all_text(replies) and asked(replies) == "3.1"


# -- an emergency mid-assessment ---------------------------------------------------------------------


async def test_an_emergency_mid_assessment_gets_999_first_then_carries_on_at_the_same_question(journey):
    await journey.say("quick check")
    await rate_by_buttons(journey, ["achieving", "developing"])
    replies = await journey.say(EMERGENCY)
    first_line = replies[0]["text"].splitlines()[0]
    assert "999" in first_line, first_line
    assert "tel:999" in open_urls(replies)
    assert "Saved" not in all_text(replies), "the emergency is not taken as an answer"
    assert {"action": "flow", "reprompt": True} in [data for _, data in find_submits(replies)]

    replies = await journey.click("Carry on where I was")
    assert asked(replies) == "3.1" and progress(replies) == "Question 3 of 10 — benchmark 3"
    replies = await journey.click("Achieving")
    assert "Saved 3.1: Achieving." in all_text(replies)


async def test_an_emergency_typed_as_supporting_details_is_not_saved(journey):
    await journey.say("assess benchmark 7")
    await journey.say("developing")
    replies = await journey.say(EMERGENCY)
    assert replies[0]["text"].startswith("Call 999")
    replies = await journey.submit({"action": "flow", "reprompt": True})
    assert "Supporting details for 7.1 (optional)" in all_text(replies)
    await journey.click("No details")
    replies = await journey.say("export")
    assert "knife" not in replies[0]["text"]


# -- personal data is never stored -------------------------------------------------------------------


async def test_personal_data_typed_as_supporting_details_is_not_stored(start_bot, settings, session, connector):
    bot = await start_bot(settings, clock=SteppingClock(T0))
    journey = Journey(TeamsClient(bot.url, session, connector))
    await journey.say("assess benchmark 7")
    await journey.say("dev")
    replies = await journey.say(PERSONAL)
    text = all_text(replies)
    assert "I haven't saved that: it looks like it may contain personal details." in text
    assert "Please don't put names or identifying details in Teams" in replies[-1]["text"]
    assert "Supporting details for 7.1 (optional)" in text, "the details are asked for again"
    replies = await journey.say("Safeguarding training records kept centrally")
    assert "Saved 7.1." in all_text(replies)
    replies = await journey.say(PERSONAL)
    assert "I didn't catch a rating" in all_text(replies), "nor is it taken as a rating"
    await journey.say("achieving")
    await journey.say(f"Discussed with {PERSONAL}")
    await journey.click("No details")

    replies = await journey.say("export")
    table = replies[0]["text"]
    assert "Safeguarding training records kept centrally" in table
    lines = await fetch_csv(session, bot, replies)
    exported = table + "\n".join(",".join(row) for row in lines)
    for piece in PERSONAL_PIECES:
        assert piece not in exported

    await bot.stop()  # closes the store, so everything written is in the files
    stored = sqlite_bytes(settings.sqlite_path)
    assert b"Safeguarding training records kept centrally" in stored, "this is the file the bot wrote"
    for piece in PERSONAL_PIECES:
        assert piece.encode() not in stored, f"{piece!r} was stored"
