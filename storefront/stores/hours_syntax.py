"""The one-line text syntax for a store's weekly hours and exceptional days in import files.

Hours are ``;``-separated entries of days then periods, in the store's local time::

    Mon-Fri 10:00-19:00; Thu 10:00-21:00; Sat 09:30-12:30,14:00-20:00; Sun closed

- days: ``Mon Tue Wed Thu Fri Sat Sun`` (any case), a range ``Mon-Fri`` or a list
  ``Mon,Wed,Fri``; each day at most once; days not given are closed;
- periods: ``HH:MM-HH:MM`` separated by ``,`` (a lunch break is two periods), each ending
  after it starts (no overnight periods) and not overlapping; or the word ``closed``.

Closures are ``;``-separated entries of an ISO date, ``closed`` or one special period, and
an optional reason::

    2026-12-25 closed Christmas Day; 2026-12-24 10:00-16:00 Christmas Eve
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from datetime import date, time

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
HOURS_ENTRY = re.compile(r"^(?P<days>[a-z]{3}(?:\s*[-,]\s*[a-z]{3})*)\s+(?P<times>.+)$", re.I)
PERIOD = re.compile(r"^(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})$")
CLOSURE_ENTRY = re.compile(
    r"^(?P<day>\d{4}-\d{2}-\d{2})\s+(?:(?P<closed>closed)|(?P<period>[\d:]+\s*-\s*[\d:]+))"
    r"(?:\s+(?P<reason>.+))?$",
    re.I,
)


class HoursSyntaxError(ValueError):
    pass


@dataclass(frozen=True, order=True)
class WeeklyPeriod:
    weekday: int  # Monday is 0, as in datetime.weekday()
    opens: time
    closes: time


@dataclass(frozen=True, order=True)
class SpecialDay:
    """Closed all day when ``opens`` is None, else open only from ``opens`` to ``closes``."""

    day: date
    opens: time | None
    closes: time | None
    reason: str


def parse_hours(text: str) -> list[WeeklyPeriod]:
    """Weekly periods sorted by day and time; HoursSyntaxError names the faulty entry."""
    periods: list[WeeklyPeriod] = []
    given: set[int] = set()
    for entry in _entries(text):
        match = HOURS_ENTRY.match(entry)
        if match is None:
            raise HoursSyntaxError(
                f"{entry!r}: expected days then hours, e.g. 'Mon-Fri 10:00-19:00'"
            )
        days = _days(match["days"])
        if repeated := given.intersection(days):
            raise HoursSyntaxError(f"{DAYS[min(repeated)].title()} is given twice")
        given.update(days)
        times = match["times"].strip()
        if times.casefold() == "closed":
            continue
        spans = sorted(_period(part) for part in times.split(","))
        for (_, earlier_end), (later_start, _) in itertools.pairwise(spans):
            if later_start < earlier_end:
                raise HoursSyntaxError(f"{entry!r}: periods overlap")
        periods += [WeeklyPeriod(day, opens, closes) for day in days for opens, closes in spans]
    return sorted(periods)


def parse_closures(text: str) -> list[SpecialDay]:
    """Exceptional days sorted by date; each date at most once."""
    days: dict[date, SpecialDay] = {}
    for entry in _entries(text):
        match = CLOSURE_ENTRY.match(entry)
        if match is None:
            raise HoursSyntaxError(
                f"{entry!r}: expected a date then 'closed' or hours, e.g. '2026-12-25 closed'"
            )
        try:
            day = date.fromisoformat(match["day"])
        except ValueError:
            raise HoursSyntaxError(f"{match['day']!r} is not a date") from None
        if day in days:
            raise HoursSyntaxError(f"{day.isoformat()} is given twice")
        reason = (match["reason"] or "").strip()
        if len(reason) > 120:
            raise HoursSyntaxError(f"{day.isoformat()}: reason longer than 120 characters")
        opens, closes = (None, None) if match["closed"] else _period(match["period"])
        days[day] = SpecialDay(day, opens, closes, reason)
    return sorted(days.values())


def _entries(text: str) -> list[str]:
    return [entry.strip() for entry in text.split(";") if entry.strip()]


def _days(text: str) -> list[int]:
    days: list[int] = []
    for item in re.sub(r"\s+", "", text).casefold().split(","):
        first, _, last = item.partition("-")
        start, end = _day(first), _day(last or first)
        if end < start:
            raise HoursSyntaxError(f"{item!r}: a range runs from Monday towards Sunday")
        days += range(start, end + 1)
    return days


def _day(name: str) -> int:
    if name not in DAYS:
        raise HoursSyntaxError(f"{name!r} is not a day (Mon Tue Wed Thu Fri Sat Sun)")
    return DAYS.index(name)


def _period(text: str) -> tuple[time, time]:
    match = PERIOD.match(text.strip())
    if match is None:
        raise HoursSyntaxError(f"{text.strip()!r}: expected a period like 10:00-19:00")
    h1, m1, h2, m2 = (int(group) for group in match.groups())
    if h1 > 23 or h2 > 23 or m1 > 59 or m2 > 59:
        raise HoursSyntaxError(f"{text.strip()!r}: not a time of day (00:00 to 23:59)")
    opens, closes = time(h1, m1), time(h2, m2)
    if closes <= opens:
        raise HoursSyntaxError(f"{text.strip()!r}: closes before it opens (no overnight hours)")
    return opens, closes
