"""Tests for knowledge.opening_hours and contact resolution by the clock (Europe/London, bank holidays)."""

from datetime import UTC, datetime

import pytest

from knowledge.areas import load_areas
from knowledge.opening_hours import (
    ALWAYS,
    LONDON,
    HoursError,
    bank_holiday_name,
    describe,
    describe_moment,
    parse_hours,
    status,
    with_bank_holidays,
)

OFFICE = with_bank_holidays(parse_hours({"mon-fri": "09:00-17:00"}), "closed")


def at(*args) -> datetime:
    return datetime(*args, tzinfo=LONDON)


@pytest.fixture(scope="module")
def areas():
    return load_areas()


@pytest.mark.parametrize(("moment", "is_open"), [
    (at(2026, 6, 3, 10, 0), True),      # Wednesday 10:00
    (at(2026, 6, 3, 18, 30), False),    # Wednesday 18:30
    (at(2026, 6, 3, 8, 59), False),
    (at(2026, 6, 3, 17, 0), False),     # closes at 17:00 exactly
    (at(2026, 6, 6, 12, 0), False),     # Saturday
    (at(2026, 12, 25, 10, 0), False),   # Christmas Day (Friday)
    (at(2026, 12, 28, 10, 0), False),   # Boxing Day substitute (Monday)
    (at(2026, 12, 29, 10, 0), True),
])
def test_office_hours(moment, is_open):
    assert status(OFFICE, moment).is_open is is_open


def test_substitute_bank_holiday_comes_from_the_library():
    assert bank_holiday_name(at(2026, 12, 28).date())
    assert bank_holiday_name(at(2026, 12, 29).date()) is None


def test_next_opening_skips_weekend_and_bank_holidays():
    closed = status(OFFICE, at(2026, 12, 24, 18, 0))
    assert closed.next_open == at(2026, 12, 29, 9, 0)
    assert status(OFFICE, at(2026, 6, 3, 10, 0)).until == at(2026, 6, 3, 17, 0)


def test_utc_input_is_converted_to_london_time():
    # In June London is UTC+1: 08:30 UTC is 09:30 in London (open), 07:30 UTC is 08:30 (closed).
    assert status(OFFICE, datetime(2026, 6, 3, 8, 30, tzinfo=UTC)).is_open is True
    assert status(OFFICE, datetime(2026, 6, 3, 7, 30, tzinfo=UTC)).is_open is False
    assert status(OFFICE, datetime(2026, 6, 3, 8, 30)).is_open is True  # naive is taken as UTC


@pytest.mark.parametrize(("raw", "field"), [
    ({"mon-fri": "9am-5pm"}, "mon-fri"),
    ({"mon-fri": "17:00-09:00"}, "mon-fri"),
    ({"funday": "09:00-17:00"}, "funday"),
    ({"mon": "09:00-17:00", "mon-fri": "09:00-12:00"}, "mon-fri"),
    ({"mon": "09:00-13:00, 12:00-17:00"}, "mon"),
    ({"mon": "25:00-26:00"}, "mon"),
    ("sometimes", ""),
])
def test_malformed_hours_name_the_day(raw, field):
    with pytest.raises(HoursError) as caught:
        parse_hours(raw)
    assert caught.value.field == field


def test_overnight_service_stays_open_across_midnight():
    edt = with_bank_holidays(parse_hours({"mon-fri": "00:00-08:45, 17:00-24:00", "sat-sun": "00:00-24:00"}),
                             "00:00-24:00")
    friday_night = status(edt, at(2026, 6, 5, 22, 0))
    assert friday_night.is_open and friday_night.until == at(2026, 6, 8, 8, 45)
    assert status(edt, at(2026, 12, 28, 12, 0)).is_open  # bank holiday: open all day


def test_describe():
    assert describe(OFFICE) == "Mon–Fri 09:00–17:00; closed on bank holidays"
    assert describe(ALWAYS) == "24 hours, every day"


@pytest.mark.parametrize(("moment", "words"), [
    (at(2026, 6, 6, 22, 10), "22:10 on Saturday"),
    (at(2026, 12, 25, 10, 0), "10:00 on Friday 25 December (Christmas Day, a bank holiday)"),
])
def test_describe_moment(moment, words):
    assert describe_moment(moment) == words


def _states(areas, moment):
    return {c.id: areas.contact_now("example-borough", c, moment) for c in areas.key_contacts("example-borough")}


@pytest.mark.parametrize(("moment", "open_ids", "fallbacks"), [
    (at(2026, 6, 3, 10, 0), {"borough-safeguarding", "borough-prevent-lead", "police-prevent", "county-mash"}, {}),
    (at(2026, 6, 3, 18, 30), set(), {"borough-safeguarding": "county-edt", "borough-prevent-lead": "police-on-call",
                                      "police-prevent": "police-on-call", "county-mash": "county-edt"}),
    (at(2026, 6, 6, 22, 10), set(), {"borough-prevent-lead": "police-on-call", "county-mash": "county-edt"}),
    (at(2026, 12, 25, 10, 0), set(), {"borough-prevent-lead": "police-on-call", "county-mash": "county-edt"}),
    (at(2026, 12, 28, 10, 0), set(), {"police-prevent": "police-on-call", "county-mash": "county-edt"}),
])
def test_who_to_contact_now(areas, moment, open_ids, fallbacks):
    states = _states(areas, moment)
    assert {cid for cid, s in states.items() if s.status.is_open} == open_ids
    for contact_id, fallback_id in fallbacks.items():
        assert states[contact_id].fallback.contact.id == fallback_id
        assert states[contact_id].fallback.status.is_open


def test_edt_is_not_the_fallback_during_office_hours(areas):
    edt = areas.contact("example-borough", "county-edt")
    daytime = areas.contact_now("example-borough", edt, at(2026, 6, 3, 10, 0))
    assert not daytime.status.is_open and daytime.fallback.contact.id == "county-mash"
