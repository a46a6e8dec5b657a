"""The emails accounts send, queued in the outbox in the recipient's language."""

from __future__ import annotations

from typing import Any

from flask_babel import get_locale
from sqlalchemy.orm import Session

from storefront.accounts.models import Account
from storefront.accounts.rules import RESET_LIFETIME, first_name
from storefront.messages import N_
from storefront.outbox import services as outbox
from storefront.outbox.rendering import from_params


def _locale_for(account: Account) -> str:
    """The language the person chose on their account, else the one they are browsing in."""
    return account.locale or str(get_locale())


def _queue(
    session: Session,
    account: Account,
    template: str,
    dedupe_key: str | None = None,
    **values: Any,
) -> None:
    """Queue `template` with `values` (JSON) for the account; it is written when sent."""
    outbox.queue(
        session,
        account.email,
        template,
        locale=_locale_for(account),
        params={"name": first_name(account.name), **values},
        dedupe_key=dedupe_key,
    )


COMPOSERS = {
    "password_reset": from_params(N_("Reset your Cairn password")),
    "password_changed": from_params(N_("Your Cairn password was changed")),
}


def queue_password_reset(session: Session, account: Account, link: str, reset_id: int) -> None:
    minutes = int(RESET_LIFETIME.total_seconds() // 60)
    _queue(
        session,
        account,
        "password_reset",
        dedupe_key=f"password-reset-{reset_id}",
        link=link,
        minutes=minutes,
    )


def queue_password_changed(session: Session, account: Account, reset_link: str) -> None:
    """Told by email, so that a change the owner did not make does not go unnoticed."""
    _queue(
        session,
        account,
        "password_changed",
        reset_link=reset_link,
    )
