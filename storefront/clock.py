"""The one clock: every view, service, command and column default reads the time through
`now()`, so a test sets the time once (`using(SetClock(...))`) and every reader agrees."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import TypeVar


class Clock:
    """The system's clock, in UTC."""

    def now(self) -> datetime:
        return datetime.now(UTC)


class SetClock(Clock):
    """A clock that shows what it is set to, until set again or moved on."""

    def __init__(self, at: datetime) -> None:
        self.at = at

    def now(self) -> datetime:
        return self.at

    def advance(self, by: timedelta) -> None:
        self.at += by


_current = Clock()
C = TypeVar("C", bound=Clock)


def now() -> datetime:
    return _current.now()


@contextmanager
def using(clock: C) -> Iterator[C]:
    global _current
    previous, _current = _current, clock
    try:
        yield clock
    finally:
        _current = previous
