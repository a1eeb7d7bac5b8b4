"""Opening hours of a contact: parsing the content's hours, and whether it is open at a given moment.

Times are wall-clock times in Europe/London. Bank holidays are England and Wales bank holidays from the
`holidays` library (subdivision ENG, which includes substitute days such as 28 December 2026), never a
hand-written list. Every function takes the moment to judge as an argument, so the clock is injectable:
an aware datetime is converted to London time; a naive one is taken as UTC, as Bot Framework timestamps
are.

The content format (YAML):

    hours: always                       # or a mapping of day keys to times
    hours:
      mon-thu: "08:45-17:00"
      fri: "08:45-16:30"
      sat-sun: closed
    bank_holidays: closed               # closed | normal | "00:00-24:00" (hours on a bank holiday)

Day keys are mon..sun, ranges such as mon-fri, or daily / weekdays / weekends; a day not given is closed.
A time range ends at or before 24:00: split an overnight service at midnight ("00:00-08:45, 17:00-24:00").
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from itertools import pairwise
from zoneinfo import ZoneInfo

import holidays

LONDON = ZoneInfo("Europe/London")
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_DAY_GROUPS = {"daily": DAYS, "weekdays": DAYS[:5], "weekends": DAYS[5:]}
_MINUTES_PER_DAY = 24 * 60


class HoursError(ValueError):
    """A malformed hours or bank-holiday value; `field` is the sub-field at fault (e.g. "mon-fri")."""

    def __init__(self, message: str, field: str = ""):
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class Interval:
    """An opening interval within one day, in minutes after midnight (end may be 1440, midnight)."""

    start: int
    end: int

    def __str__(self) -> str:
        return f"{_hhmm(self.start)}–{_hhmm(self.end)}"


Day = tuple[Interval, ...]
ALL_DAY: Day = (Interval(0, _MINUTES_PER_DAY),)


@dataclass(frozen=True)
class OpeningHours:
    """A weekly timetable (Monday first) and what happens on bank holidays (None: the usual hours)."""

    week: tuple[Day, ...]
    bank_holidays: Day | None = None

    @property
    def always(self) -> bool:
        """Open every minute of every day, bank holidays included."""
        return all(d == ALL_DAY for d in self.week) and self.bank_holidays in (None, ALL_DAY)

    def intervals_on(self, day: date) -> Day:
        """The opening intervals on a calendar day, bank holidays applied."""
        if self.bank_holidays is not None and bank_holiday_name(day):
            return self.bank_holidays
        return self.week[day.weekday()]


ALWAYS = OpeningHours(week=(ALL_DAY,) * 7)


@dataclass(frozen=True)
class OpenStatus:
    """Whether a contact is open at a moment, until when, and when it next opens if closed."""

    is_open: bool
    until: datetime | None = None
    next_open: datetime | None = None
    bank_holiday: str | None = None


def parse_hours(raw: object) -> OpeningHours:
    """Parse the `hours` value of a contact (weekly part only); raises HoursError."""
    if raw == "always":
        return ALWAYS
    if not isinstance(raw, dict) or not raw:
        raise HoursError('expected "always" or a mapping of days (mon-fri, sat, ...) to times')
    week: dict[str, Day] = {}
    for key, value in raw.items():
        days = _day_key(str(key))
        intervals = parse_day(value, field=str(key))
        for day in days:
            if day in week:
                raise HoursError(f"{day} is given more than once", field=str(key))
            week[day] = intervals
    return OpeningHours(week=tuple(week.get(d, ()) for d in DAYS))


def with_bank_holidays(hours: OpeningHours, raw: object) -> OpeningHours:
    """Apply the `bank_holidays` value (closed | normal | a day's times) to parsed hours."""
    if raw in (None, "normal"):
        return hours
    if raw == "closed":
        return OpeningHours(week=hours.week, bank_holidays=())
    return OpeningHours(week=hours.week, bank_holidays=parse_day(raw, field="bank_holidays"))


def parse_day(raw: object, *, field: str) -> Day:
    """Parse one day's times: "closed", or "HH:MM-HH:MM" ranges separated by commas."""
    if raw == "closed":
        return ()
    if not isinstance(raw, str) or not raw.strip():
        raise HoursError('expected "closed" or times such as "09:00-17:00"', field=field)
    intervals = []
    for part in raw.split(","):
        bits = part.strip().split("-")
        if len(bits) != 2:
            raise HoursError(f"{part.strip()!r} is not a range such as 09:00-17:00", field=field)
        start, end = _minutes(bits[0], field), _minutes(bits[1], field)
        if end <= start:
            raise HoursError(f"{part.strip()!r} ends before it starts: split it at 24:00", field=field)
        intervals.append(Interval(start, end))
    intervals.sort(key=lambda i: i.start)
    for before, after in pairwise(intervals):
        if after.start < before.end:
            raise HoursError(f"{before} and {after} overlap", field=field)
    return tuple(intervals)


def london_time(now: datetime) -> datetime:
    """The moment as Europe/London wall-clock time (naive input is taken as UTC)."""
    if now.tzinfo is None:
        now = now.replace(tzinfo=UTC)
    return now.astimezone(LONDON)


@cache
def _calendar() -> holidays.HolidayBase:
    return holidays.country_holidays("GB", subdiv="ENG")


def bank_holiday_name(day: date) -> str | None:
    """The England and Wales bank holiday on this day, or None."""
    return _calendar().get(day)


def status(hours: OpeningHours, now: datetime) -> OpenStatus:
    """Whether `hours` are open at `now`, with the closing time or the next opening time."""
    local = london_time(now)
    today = local.date()
    minute = local.hour * 60 + local.minute
    holiday = bank_holiday_name(today) if hours.bank_holidays is not None else None
    for interval in hours.intervals_on(today):
        if interval.start <= minute < interval.end:
            return OpenStatus(True, until=_closing(hours, today, interval), bank_holiday=holiday)
    return OpenStatus(False, next_open=_next_opening(hours, today, minute), bank_holiday=holiday)


def _closing(hours: OpeningHours, day: date, interval: Interval) -> datetime | None:
    """When an open spell ends, following it past midnight; None if it never closes within a week."""
    for _ in range(8):
        if interval.end < _MINUTES_PER_DAY:
            return _at(day, interval.end)
        day += timedelta(days=1)
        first = hours.intervals_on(day)
        if not first or first[0].start != 0:
            return _at(day, 0)
        interval = first[0]
    return None


def _next_opening(hours: OpeningHours, day: date, minute: int) -> datetime | None:
    for offset in range(15):
        current = day + timedelta(days=offset)
        for interval in hours.intervals_on(current):
            if offset or interval.start > minute:
                return _at(current, interval.start)
    return None


def _at(day: date, minute: int) -> datetime:
    if minute >= _MINUTES_PER_DAY:
        day, minute = day + timedelta(days=1), 0
    return datetime.combine(day, time(minute // 60, minute % 60), tzinfo=LONDON)


def describe(hours: OpeningHours) -> str:
    """The timetable in words: "Mon–Fri 09:00–17:00; closed on bank holidays"."""
    if hours.always:
        return "24 hours, every day"
    groups: list[tuple[list[int], Day]] = []
    for index, day in enumerate(hours.week):
        if groups and groups[-1][1] == day and groups[-1][0][-1] == index - 1:
            groups[-1][0].append(index)
        else:
            groups.append(([index], day))
    parts = []
    for indexes, day in groups:
        if not day:
            continue
        names = DAYS[indexes[0]].title()
        if len(indexes) > 1:
            names += "–" + DAYS[indexes[-1]].title()
        parts.append(f"{names} {', '.join(str(i) for i in day)}")
    text = "; ".join(parts) or "no regular hours"
    if hours.bank_holidays == ():
        text += "; closed on bank holidays"
    elif hours.bank_holidays == ALL_DAY:
        text += "; 24 hours on bank holidays"
    elif hours.bank_holidays:
        text += "; bank holidays " + ", ".join(str(i) for i in hours.bank_holidays)
    return text


def describe_moment(now: datetime) -> str:
    """The moment as staff would say it: "22:10 on Saturday", naming a bank holiday if it is one."""
    local = london_time(now)
    text = f"{local:%H:%M} on {DAY_NAMES[local.weekday()]}"
    holiday = bank_holiday_name(local.date())
    if holiday:
        text += f" {local.day} {local:%B} ({holiday}, a bank holiday)"
    return text


def describe_when(moment: datetime, now: datetime) -> str:
    """A later moment relative to now: "17:00", "tomorrow at 09:00", "Monday at 09:00"."""
    moment, local = london_time(moment), london_time(now)
    days = (moment.date() - local.date()).days
    if days == 0:
        return f"{moment:%H:%M}"
    if days == 1:
        return f"tomorrow at {moment:%H:%M}"
    if days < 7:
        return f"{DAY_NAMES[moment.weekday()]} at {moment:%H:%M}"
    return f"{moment.day} {moment:%B} at {moment:%H:%M}"


def _day_key(key: str) -> tuple[str, ...]:
    key = key.strip().lower()
    if key in _DAY_GROUPS:
        return _DAY_GROUPS[key]
    if key in DAYS:
        return (key,)
    first, _, last = key.partition("-")
    if first in DAYS and last in DAYS and DAYS.index(first) < DAYS.index(last):
        return DAYS[DAYS.index(first) : DAYS.index(last) + 1]
    raise HoursError(f"{key!r} is not a day (mon..sun, mon-fri, daily, weekdays, weekends)", field=key)


def _minutes(text: str, field: str) -> int:
    hh, sep, mm = text.strip().partition(":")
    if not sep or not (hh.isdigit() and mm.isdigit()) or len(mm) != 2 or len(hh) not in (1, 2):
        raise HoursError(f"{text.strip()!r} is not a time such as 09:00", field=field)
    hour, minute = int(hh), int(mm)
    if minute > 59 or hour > 24 or (hour == 24 and minute):
        raise HoursError(f"{text.strip()!r} is not a time of day", field=field)
    return hour * 60 + minute


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"
