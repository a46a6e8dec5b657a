"""Which order actions the store team is offered."""

import pytest

from storefront.pickup import rules
from storefront.pickup.rules import OrderStatus


@pytest.mark.parametrize(
    ("status", "offered"),
    [
        (OrderStatus.PLACED, {"preparing", "ready", "missing"}),
        (OrderStatus.PREPARING, {"ready", "missing"}),
        (OrderStatus.READY, {"hand-over"}),
        (OrderStatus.COLLECTED, set()),
        (OrderStatus.CANCELLED, set()),
    ],
)
def test_staff_are_offered_only_the_actions_the_order_allows(
    status: OrderStatus, offered: set[str]
) -> None:
    assert rules.staff_actions(status) == offered
    for action in rules.staff_actions(status) - {rules.StaffAction.REPORT_MISSING}:
        assert rules.can_move(status, rules.STAFF_MOVES[action]).ok
