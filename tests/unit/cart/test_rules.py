from storefront.cart.rules import allowed_quantity, parse_quantity, stepped
from storefront.messages import Message


def test_quantities_must_be_plain_whole_numbers_from_1_to_20() -> None:
    for raw in ["-1", "0", "1e9", "abc", "2.5", "", None, "21", " 1 0", "0x1", "9999"]:
        assert isinstance(parse_quantity(raw), Message), raw
    assert parse_quantity(" 3 ") == 3
    assert parse_quantity("20") == 20


def test_a_line_holds_what_can_be_sold_and_says_why_when_less() -> None:
    assert allowed_quantity(3, sellable=10).quantity == 3
    assert allowed_quantity(3, sellable=10).reason is None
    capped = allowed_quantity(5, sellable=2)
    assert capped.quantity == 2 and "Only 2 can be bought" in str(capped.reason)
    limit = allowed_quantity(25, sellable=100)
    assert limit.quantity == 20 and "at most 20" in str(limit.reason)
    out = allowed_quantity(1, sellable=0)
    assert out.quantity == 0 and "out of stock" in str(out.reason)


def test_stepper_buttons_move_the_field_by_one() -> None:
    assert stepped("3", "1") == "4"
    assert stepped("3", "-1") == "2"
    assert stepped("3", "7") == "3"
    assert stepped("abc", "1") == "abc"
