import pytest

from storefront.money import InvalidPrice, parse_major, to_major, whole_major


@pytest.mark.parametrize(
    ("amount", "currency", "shown"),
    [(1250, "EUR", "12.50"), (1250, "JPY", "1250"), (1250, "BHD", "1.250")],
)
def test_prices_use_the_currencys_own_decimals(amount: int, currency: str, shown: str) -> None:
    assert str(to_major(amount, currency)) == shown
    assert parse_major(shown, currency) == amount


def test_a_price_fields_bounds_round_outwards() -> None:
    assert whole_major(1299, "EUR") == 12
    assert whole_major(1201, "EUR", up=True) == 13
    assert whole_major(1200, "EUR", up=True) == 12
    assert whole_major(1299, "JPY", up=True) == 1299


def test_a_price_with_more_decimals_than_the_currency_is_refused() -> None:
    with pytest.raises(InvalidPrice):
        parse_major("12.5", "JPY")
