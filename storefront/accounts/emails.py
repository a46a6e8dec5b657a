"""The emails accounts send, rendered in the recipient's language and queued in the outbox."""

from __future__ import annotations

from typing import Any

from flask import current_app
from flask_babel import force_locale, get_locale, gettext
from sqlalchemy.orm import Session

from storefront.accounts.models import Account
from storefront.accounts.rules import RESET_LIFETIME, first_name
from storefront.messages import N_
from storefront.outbox import services as outbox


def _locale_for(account: Account) -> str:
    """The language the person chose on their account, else the one they are browsing in."""
    return account.locale or str(get_locale())


def _queue(
    session: Session,
    account: Account,
    template: str,
    subject: str,  # marked with N_, translated here in the recipient's language
    dedupe_key: str | None = None,
    **context: Any,
) -> None:
    locale = _locale_for(account)
    # Rendered in an app context of its own, so that what the page cached for its own
    # language (translations on `g`) neither leaks into the email nor picks up the email's
    # language; and without context processors, which query for pages, not for email.
    with current_app.app_context(), force_locale(locale):
        translated = gettext(subject)
        context = {"name": first_name(account.name), "subject": translated, **context}
        text, html = (
            current_app.jinja_env.get_template(f"emails/{template}.{kind}").render(context)
            for kind in ("txt", "html")
        )
    outbox.queue(session, account.email, translated, text, html, dedupe_key=dedupe_key)


def queue_password_reset(session: Session, account: Account, link: str, reset_id: int) -> None:
    minutes = int(RESET_LIFETIME.total_seconds() // 60)
    _queue(
        session,
        account,
        "password_reset",
        N_("Reset your Cairn password"),
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
        N_("Your Cairn password was changed"),
        reset_link=reset_link,
    )
