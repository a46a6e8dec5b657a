"""The confirm form as a page shows it again: the contact fields and the idempotency key."""

from __future__ import annotations

from flask import request
from flask_login import current_user

from storefront.pickup.checkout import CONTACT_FIELDS, new_key, valid_key
from storefront.pickup.reservation import Contact


def prefilled() -> dict[str, str]:
    """As posted, else the account's name and email, else empty."""
    if request.method == "POST" and "email" in request.form:
        return {name: request.form.get(name, "")[:300] for name in CONTACT_FIELDS}
    if current_user.is_authenticated:
        account = current_user.account
        return {"name": account.name, "email": account.email, "phone": ""}
    return dict.fromkeys(CONTACT_FIELDS, "")


def posted_contact() -> Contact:
    """The details as `prefilled` has them, cleaned; the service that takes them checks them."""
    form = prefilled()
    return Contact.cleaned(form["name"], form["email"], form["phone"])


def idempotency_key() -> str:
    """The posted key, kept while the page is shown again after a refusal; else a new one."""
    posted = request.form.get("idempotency_key", "")
    return posted if valid_key(posted) else new_key()
