"""No personal data is kept: not in the SQLite file (or its WAL), the logs, or the exports.

A whole session over HTTP with SQLite storage plants realistic personal data (a name with an age, dates of
birth, phone numbers, an email, postcodes, NHS numbers with valid check digits, National Insurance numbers)
in questions, typed answers in the referral walk-through, assessment supporting details, a card's "ask"
submit and a message-extension search. Logs are captured at DEBUG, both as records (caplog) and as the
JSON lines the production formatter writes. Afterwards none of it is anywhere, while an ordinary note typed
in the same session is, which shows the checks read the right places.
"""

import csv
import io
import logging
import re
from pathlib import Path

import pytest

from bot.logs import JsonFormatter
from dialogs.assessment import PERSONAL_DATA_WARNING
from knowledge.personal_data import find_personal_data
from knowledge.phone_numbers import nhs_checksum_ok
from tests.helpers.channel import TeamsClient, all_text

PLANTED = {
    "name": "Ahmed Khan",
    "second name": "Jordan Reilly",
    "date of birth": "03/04/2010",
    "written date of birth": "12 March 2009",
    "mobile": "07700 900123",
    "landline": "020 7946 0018",
    "email": "ahmed.khan@example.com",
    "postcode": "SW1A 1AA",
    "second postcode": "M1 1AE",
    "NHS number": "943 476 5919",
    "second NHS number": "401 023 2137",
    "NI number": "AB 12 34 56 C",
    "second NI number": "NP654321D",
}
KEPT_NOTE = "Risk register reviewed quarterly with partners, marker kept-note-5521"
QUESTION = (f"My pupil {PLANTED['name']}, 14, DOB {PLANTED['date of birth']}, lives at {PLANTED['postcode']}; his "
            f"mum is on {PLANTED['mobile']} and {PLANTED['email']}. What should I do about him?")
REFERRAL_ANSWERS = (
    f"no, but {PLANTED['second name']}, 15, born on {PLANTED['written date of birth']}, "
    f"phone {PLANTED['landline']}",
    f"a child, {PLANTED['second name']} aged 15, NHS {PLANTED['NHS number']}",
    f"not sure, she lives near {PLANTED['second postcode']}, NI {PLANTED['NI number']}",
)
NOTE = (f"Discussed with {PLANTED['name']} (14), NHS {PLANTED['second NHS number']}, "
        f"NI {PLANTED['second NI number']}, tel {PLANTED['mobile']}")


def forms(value: str) -> set[str]:
    """The value as typed, without separators, and lower-cased: how it could end up stored."""
    squeezed = re.sub(r"[\s/-]", "", value)
    return {value, squeezed, value.lower(), squeezed.lower()}


def leaks(haystack: str) -> list[str]:
    lowered = haystack.lower()
    return sorted(kind for kind, value in PLANTED.items() if any(form.lower() in lowered for form in forms(value)))


def test_the_planted_values_are_personal_data_the_guard_recognises():
    assert nhs_checksum_ok(PLANTED["NHS number"].replace(" ", ""))
    assert nhs_checksum_ok(PLANTED["second NHS number"].replace(" ", ""))
    for text in (QUESTION, *REFERRAL_ANSWERS, NOTE):
        assert find_personal_data(text), text
    assert not find_personal_data(KEPT_NOTE)


@pytest.fixture
def json_logs():
    """Everything logged, as the production JSON formatter writes it, at DEBUG."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    handler.setLevel(logging.DEBUG)
    root = logging.getLogger()
    previous = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    yield stream
    root.removeHandler(handler)
    root.setLevel(previous)


def raw_database(path: Path) -> str:
    """The database file and its write-ahead log, byte for byte (decoded leniently for searching)."""
    assert path.exists()
    data = b"".join(p.read_bytes() for p in (path, Path(f"{path}-wal")) if p.exists())
    return data.decode("utf-8", errors="replace")


async def test_a_whole_session_keeps_no_personal_data(bot, session, connector, settings, caplog, json_logs):
    caplog.set_level(logging.DEBUG)
    client = TeamsClient(bot.url, session, connector)
    shown: list[dict] = []

    async def say(text: str) -> str:
        shown.extend(replies := await client.say(text))
        return all_text(replies)

    async def press(value: dict) -> str:
        shown.extend(replies := await client.submit(value))
        return all_text(replies)

    assert "don't put names" in await say(QUESTION)  # the reminder
    await say("referral")
    for answer in REFERRAL_ANSWERS:
        await say(answer)
    await say("cancel")

    await say("assess benchmark 1")
    await press({"action": "flow", "rating": "achieving"})
    assert PERSONAL_DATA_WARNING in await say(NOTE)
    assert "Saved 1.1" in await say(KEPT_NOTE)
    for _ in range(2):
        await press({"action": "flow", "rating": "developing"})
        await press({"action": "flow", "details": "none"})
    export = await say("export")
    assert "marker kept-note-5521" in export

    await press({"action": "ask", "query": QUESTION})
    search = client.activity(type_="invoke", name="composeExtension/query",
                             value={"commandId": "searchToolkit",
                                    "parameters": [{"name": "searchText", "value": QUESTION}]})
    status, _ = await client.post(search)
    assert status == 200

    token = re.search(r"/reports/([A-Za-z0-9_-]{32})", export).group(1)
    async with session.get(f"{bot.base}/reports/{token}") as response:
        csv_text = await response.text()
    assert any(KEPT_NOTE in row for row in csv.reader(io.StringIO(csv_text)))

    # The file (free pages included) and every frame of its write-ahead log, which holds each version of a
    # page written since the last checkpoint: whatever a checkpoint or a close would leave is in here.
    assert Path(f"{settings.sqlite_path}-wal").stat().st_size > 0
    database = raw_database(settings.sqlite_path)
    assert "kept-note-5521" in database  # the checks below look where the state really is
    assert leaks(database) == [], "personal data in the database"
    assert leaks(export) == [] and leaks(csv_text) == [], "personal data in the exports"
    assert leaks(json_logs.getvalue()) == [], "personal data in the JSON logs"
    assert json_logs.getvalue().count('"event": "turn"') >= 10
    assert leaks(caplog.text) == [], "personal data in log messages"
    assert leaks(repr([record.__dict__ for record in caplog.records])) == [], "personal data in log fields"
