"""How a subscribe request is answered: a sentence the page shows beside the button."""

from __future__ import annotations

from flask import Response, jsonify, request
from sqlalchemy.orm import Session

from storefront.i18n import translate
from storefront.messages import FieldErrors
from storefront.push import services


def said(message: str, status: int = 200) -> Response:
    response = jsonify(message=message)
    response.status_code = status
    return response


def subscribed(session: Session, topic: str, done: str) -> Response:
    """Keep the request's PushSubscription (its JSON body) for `topic` and say `done`, or
    say why the browser's subscription cannot be used, changing nothing."""
    try:
        services.subscribe(session, topic, request.get_json(silent=True))
    except FieldErrors as refused:
        session.rollback()
        return said(translate(refused.errors["subscription"]), 422)
    session.commit()
    return said(done)
