"""A consent code opens its list until it expires or the shopper stops sharing."""

from datetime import UTC, datetime

from storefront.consent import rules

NOW = datetime(2026, 12, 7, 13, 0, tzinfo=UTC)


def test_a_code_is_open_until_it_expires_or_is_stopped() -> None:
    until = NOW + rules.LIFETIME
    assert rules.check_open(until, None, NOW).ok
    assert not rules.check_open(until, None, until).ok
    stopped = rules.check_open(until, NOW, NOW)
    assert not stopped.ok and stopped.reason and "stopped sharing" in stopped.reason.text
