"""Mail is rendered when it is sent: each template's composer (registered by its domain)
turns the queued parameters into a subject, the template's values and attachments, and
the templates of templates/emails/ are rendered in the recipient's language."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from flask import Flask
from flask_babel import force_locale, gettext
from sqlalchemy.orm import Session

from storefront.outbox.models import OutboxMessage
from storefront.outbox.services import Attachment

COMPOSERS = "outbox_composers"  # app.extensions key: template name -> Composer


@dataclass(frozen=True)
class Letter:
    """What one email says: its subject (marked with N_, translated when rendered) with
    the values it names, what the templates are given, and the files to attach."""

    subject: str
    values: Mapping[str, Any]
    subject_values: Mapping[str, Any] = field(default_factory=dict)
    attachments: Sequence[Attachment] = ()


# Reads what the email is about (an order, an alert) as it is when the mail is sent; None
# when that is gone, and there is nothing left to send.
Composer = Callable[[Session, Mapping[str, Any]], Letter | None]


@dataclass(frozen=True)
class Rendered:
    subject: str
    text_body: str
    html_body: str
    attachments: Sequence[Attachment]


def from_params(subject: str) -> Composer:
    """A composer for mail whose parameters are all its template needs."""
    return lambda session, params: Letter(subject, params)


def register(app: Flask, composers: Mapping[str, Composer]) -> None:
    app.extensions.setdefault(COMPOSERS, {}).update(composers)


def render(app: Flask, session: Session, message: OutboxMessage) -> Rendered | None:
    """The message in its recipient's language (the shop's default when that is not one
    the shop speaks). An app context of its own keeps a page's cached translations and
    money format out of the email, and context processors out of the rendering."""
    assert message.template is not None
    config = app.config["STOREFRONT"]
    locale = message.locale if message.locale in config.languages else config.default_locale
    compose: Composer = app.extensions[COMPOSERS][message.template]
    with app.app_context(), force_locale(locale):
        letter = compose(session, message.params or {})
        if letter is None:
            return None
        subject = gettext(letter.subject, **letter.subject_values)
        if message.channel == "push":
            return _notification(subject, letter)
        text, html = (
            app.jinja_env.get_template(f"emails/{message.template}.{kind}").render(
                subject=subject, **letter.values
            )
            for kind in ("txt", "html")
        )
    return Rendered(subject, text, html, letter.attachments)


def _notification(title: str, letter: Letter) -> Rendered:
    """A push notification: its title is the letter's subject; `values` give the body (a
    message marked with N_ and its values) and the page a tap opens."""
    values = dict(letter.values)
    body = gettext(values.pop("body"), **values.pop("body_values", {}))
    payload = json.dumps({"title": title, "body": body, "url": values["url"]})
    return Rendered(title, payload, "", ())


def renderer(app: Flask) -> Callable[[Session, OutboxMessage], Rendered | None]:
    """`render` bound to the app, as delivery takes it."""
    return lambda session, message: render(app, session, message)
