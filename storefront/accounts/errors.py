"""The refusal every account service raises: field names mapped to what to do instead."""

from __future__ import annotations

from collections.abc import Mapping

from storefront.messages import Decision, Message

FORM = ""  # errors about the whole form rather than one field


class AccountError(Exception):
    def __init__(self, errors: Mapping[str, Message]) -> None:
        super().__init__(", ".join(f"{field or 'form'}: {msg}" for field, msg in errors.items()))
        self.errors = dict(errors)

    @classmethod
    def on(cls, field: str, message: Message) -> AccountError:
        return cls({field: message})


def refuse_unless(decisions: Mapping[str, Decision]) -> None:
    """Raise one error carrying every refused field, so a form shows them all at once."""
    errors = {field: d.reason for field, d in decisions.items() if not d.ok and d.reason}
    if errors:
        raise AccountError(errors)
