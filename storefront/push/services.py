"""Subscribing a browser to a topic, and queueing a notification to every subscriber."""

from __future__ import annotations

import base64
import binascii
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import delete, select
from sqlalchemy.orm import Session, sessionmaker

from storefront import db
from storefront.messages import N_, FieldErrors, Message
from storefront.outbox import services as outbox
from storefront.push.models import PushSubscription

PUSH = "push"  # OutboxMessage.channel


def _key(value: Any, size: int) -> str:
    """A base64url key of `size` bytes, as browsers give them."""
    text = str(value or "")
    try:
        raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError):
        raw = b""
    if len(raw) != size:
        raise FieldErrors.on("subscription", Message(N_("This browser sent no usable push key.")))
    return text


def subscribe(session: Session, topic: str, subscription: object) -> None:
    """Keep `subscription` (the browser's PushSubscription.toJSON()) for `topic`; subscribing
    again from the same browser changes nothing."""
    if not isinstance(subscription, Mapping):
        subscription = {}
    endpoint = str(subscription.get("endpoint") or "")
    parts = urlsplit(endpoint)
    if parts.scheme not in ("https", "http") or not parts.netloc or len(endpoint) > 1000:
        raise FieldErrors.on("subscription", Message(N_("This browser sent no push address.")))
    keys = subscription.get("keys")
    if not isinstance(keys, Mapping):
        keys = {}
    values = {
        "topic": topic,
        "endpoint": endpoint,
        "p256dh": _key(keys.get("p256dh"), 65),
        "auth": _key(keys.get("auth"), 16),
    }
    session.execute(db.insert(session, PushSubscription).values(values).on_conflict_do_nothing())


def notify(
    session: Session, topic: str, template: str, params: Mapping[str, Any], *, locale: str
) -> None:
    """Queue `template` (a composer registered for the push channel) to every browser
    subscribed to `topic`, once per browser."""
    for found in session.scalars(select(PushSubscription).where(PushSubscription.topic == topic)):
        outbox.queue(
            session,
            found.endpoint,
            template,
            locale=locale,
            params={**params, "keys": {"p256dh": found.p256dh, "auth": found.auth}},
            dedupe_key=f"push-{template}-{topic}-{found.id}",
            channel=PUSH,
        )


def forget(writers: sessionmaker[Session], endpoint: str) -> None:
    """The push service says `endpoint` is gone: no topic sends there again."""
    with writers() as session, session.begin():
        session.execute(delete(PushSubscription).where(PushSubscription.endpoint == endpoint))
