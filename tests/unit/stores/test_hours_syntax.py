"""The opening hours and closures text syntax used by store import files."""

from __future__ import annotations

from datetime import date, time

import pytest

from storefront.stores.hours_syntax import (
    HoursSyntaxError,
    SpecialDay,
    WeeklyPeriod,
    parse_closures,
    parse_hours,
)


def test_ranges_lists_and_several_periods_a_day() -> None:
    periods = parse_hours("Mon-Wed 10:00-19:00; thu,SAT 9:30-12:30, 14:00-20:00; Sun closed")

    assert periods[0] == WeeklyPeriod(0, time(10), time(19))
    assert [p for p in periods if p.weekday == 3] == [
        WeeklyPeriod(3, time(9, 30), time(12, 30)),
        WeeklyPeriod(3, time(14), time(20)),
    ]
    assert {p.weekday for p in periods} == {0, 1, 2, 3, 5}
    assert len(periods) == 7


def test_spaces_around_dashes_are_allowed_and_empty_text_means_closed() -> None:
    assert parse_hours("Mon - Fri  10:00 - 19:00;") == parse_hours("Mon-Fri 10:00-19:00")
    assert parse_hours("") == []
    assert parse_hours("Sun closed") == []


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Mon-Fri", "expected days then hours"),
        ("Monday 10:00-19:00", "expected days then hours"),
        ("Mon-Fru 10:00-19:00", "'fru' is not a day"),
        ("Sun-Mon 10:00-19:00", "a range runs from Monday towards Sunday"),
        ("Mon-Fri 10:00-19:00; Fri 20:00-22:00", "Fri is given twice"),
        ("Mon 22:00-02:00", "closes before it opens"),
        ("Mon 10:00-25:00", "not a time of day"),
        ("Mon 10h-19h", "expected a period like 10:00-19:00"),
        ("Mon 10:00-14:00,12:00-19:00", "periods overlap"),
    ],
)
def test_mistakes_are_named(text: str, message: str) -> None:
    with pytest.raises(HoursSyntaxError, match=message):
        parse_hours(text)


def test_closures_are_closed_days_or_special_hours_with_a_reason() -> None:
    days = parse_closures(
        "2026-12-25 closed Christmas Day; 2026-12-24 10:00-16:00 Christmas Eve; 2027-01-01 CLOSED"
    )

    assert days == [
        SpecialDay(date(2026, 12, 24), time(10), time(16), "Christmas Eve"),
        SpecialDay(date(2026, 12, 25), None, None, "Christmas Day"),
        SpecialDay(date(2027, 1, 1), None, None, ""),
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("25/12/2026 closed", "expected a date then 'closed' or hours"),
        ("2026-02-30 closed", "is not a date"),
        ("2026-12-25 closed; 2026-12-25 10:00-12:00", "2026-12-25 is given twice"),
        ("2026-12-24 16:00-10:00", "closes before it opens"),
    ],
)
def test_closure_mistakes_are_named(text: str, message: str) -> None:
    with pytest.raises(HoursSyntaxError, match=message):
        parse_closures(text)
