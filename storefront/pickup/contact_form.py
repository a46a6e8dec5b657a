"""The contact fields an order needs, as a form shows them: as posted, else the account's."""

from __future__ import annotations

from flask import request
from flask_login import current_user

from storefront.pickup.checkout import CONTACT_FIELDS


def prefilled() -> dict[str, str]:
    """As posted, else the account's name and email, else empty."""
    if request.method == "POST" and "email" in request.form:
        return {name: request.form.get(name, "")[:300] for name in CONTACT_FIELDS}
    if current_user.is_authenticated:
        account = current_user.account
        return {"name": account.name, "email": account.email, "phone": ""}
    return dict.fromkeys(CONTACT_FIELDS, "")
