"""Confirming a checkout: the order placed, or the checkout shown again saying why not."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.orm import Session

from storefront.messages import FieldErrors
from storefront.pickup.checkout import Checkout
from storefront.pickup.errors import PickupError
from storefront.pickup.models import PickupOrder
from storefront.pickup.reservation import HoldLost


def place_or_refuse(
    session: Session, place: Callable[[], PickupOrder], shown_again: Callable[..., Checkout]
) -> PickupOrder | Checkout:
    """The order `place()` made, or, rolled back, the checkout as it now is saying why not:
    bad details beside their fields, a hold that ran out in the picker, any other refusal
    above the page. `shown_again(errors=..., message=...)` builds that checkout only after
    the rollback, so it shows what is left; the caller commits an order."""
    try:
        return place()
    except FieldErrors as refused:
        session.rollback()
        return shown_again(errors=refused.errors, message=refused.message)
    except HoldLost as lost:
        session.rollback()
        return shown_again().refused(lost.message)
    except PickupError as refused:
        session.rollback()
        return shown_again(message=refused.message)
