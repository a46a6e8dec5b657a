"""Messages for the shopper decided outside Flask, translated only when shown.

Rules return ``Message(N_("… %(value)s …"), value=…)``; ``N_`` only marks the text for
extraction, and the ``translate`` template filter looks it up in the shopper's language.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


def N_(text: str) -> str:
    return text


@dataclass(frozen=True)
class Message:
    text: str
    params: dict[str, Any] = field(default_factory=dict)

    def __init__(self, text: str, **params: Any) -> None:
        object.__setattr__(self, "text", text)
        object.__setattr__(self, "params", params)

    def __str__(self) -> str:
        return self.text % self.params if self.params else self.text


@dataclass(frozen=True)
class Decision:
    """A rule's verdict: allowed, or refused with the reason to show the shopper."""

    ok: bool
    reason: Message | None = None

    @classmethod
    def allow(cls) -> Decision:
        return cls(True)

    @classmethod
    def refuse(cls, reason: Message) -> Decision:
        return cls(False, reason)


class DomainError(Exception):
    """A use case refused: `message` says why, in words the shopper or staff member sees."""

    def __init__(self, message: Message) -> None:
        super().__init__(str(message))
        self.message = message


FORM = ""  # errors about the whole form rather than one field


class FieldErrors(DomainError):
    """Refused because of what was entered: `errors` maps each field to what to do instead,
    so a form shows every problem beside its field at once."""

    def __init__(self, errors: Mapping[str, Message]) -> None:
        super().__init__(Message(N_("Check the details you entered.")))
        self.errors = dict(errors)

    @classmethod
    def on(cls, field: str, message: Message) -> FieldErrors:
        return cls({field: message})


def refuse_unless(decisions: Mapping[str, Decision]) -> None:
    """Raise one FieldErrors carrying every refused field."""
    errors = {name: d.reason for name, d in decisions.items() if not d.ok and d.reason}
    if errors:
        raise FieldErrors(errors)
