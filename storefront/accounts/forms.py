"""What an account form shows: the values typed, errors by field, a confirmation."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from flask import request

from storefront.messages import Message


@dataclass(frozen=True)
class Form:
    """`id` prefixes the wrapper's and the fields' ids, so several forms share a page."""

    id: str
    values: Mapping[str, str] = field(default_factory=dict)
    errors: Mapping[str, Message] = field(default_factory=dict)
    notice: str | None = None


def posted(form_id: str, names: Iterable[str], errors: Mapping[str, Message] | None = None) -> Form:
    """The form as posted, to show again. Passwords are never among `names`: a page must
    not send a password back."""
    return Form(form_id, {name: request.form.get(name, "") for name in names}, errors or {})
