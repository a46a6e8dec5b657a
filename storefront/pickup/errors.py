"""What can go wrong in click & collect, with the message the shopper or staff member sees."""

from __future__ import annotations

from collections.abc import Sequence

from storefront.messages import N_, DomainError, Message


class PickupError(DomainError):
    """A click & collect step refused."""


class NotFound(PickupError):
    def __init__(self) -> None:
        super().__init__(Message(N_("We could not find this order.")))


class Refused(PickupError):
    """A rule said no; the message is the rule's reason."""


class InsufficientStock(PickupError):
    """Some lines cannot be reserved any more; `names` lists them for the message."""

    def __init__(self, names: Sequence[str]) -> None:
        self.names = tuple(names)
        super().__init__(
            Message(
                N_("Sorry, no longer available in the quantity you chose: %(names)s."),
                names=", ".join(self.names),
            )
        )
