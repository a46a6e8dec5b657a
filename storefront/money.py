"""Money is an integer amount of minor units plus an ISO 4217 currency code."""

from __future__ import annotations

from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal, InvalidOperation

from babel.numbers import get_currency_precision


class InvalidPrice(ValueError):
    pass


def to_major(amount: int, currency: str) -> Decimal:
    return Decimal(amount).scaleb(-get_currency_precision(currency))


def whole_major(amount: int, currency: str, up: bool = False) -> int:
    """The amount in whole major units, rounded down (or up), for a price field's bounds."""
    rounding = ROUND_CEILING if up else ROUND_FLOOR
    return int(to_major(amount, currency).to_integral_value(rounding))


def parse_major(value: str | int | float, currency: str) -> int:
    """Parse "12.50", 12.5 or "12,50" into minor units, refusing what is not an exact price."""
    text = str(value).strip().replace(",", ".") if not isinstance(value, float) else repr(value)
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise InvalidPrice(f"not a number: {value!r}") from None
    if not number.is_finite() or number < 0:
        raise InvalidPrice(f"must be a positive amount: {value!r}")
    minor = number.scaleb(get_currency_precision(currency))
    if minor != minor.to_integral_value():
        raise InvalidPrice(f"too many decimals for {currency}: {value!r}")
    if minor > 10**10:
        raise InvalidPrice(f"too large: {value!r}")
    return int(minor)
