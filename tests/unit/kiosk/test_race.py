"""Screens racing on one pairing link: exactly one is paired, the others are told the link
was used; on SQLite and on PostgreSQL (run with STOREFRONT_DATABASE_URL set)."""

from flask import Flask
from sqlalchemy import select
from sqlalchemy.orm import Session

from storefront import clock
from storefront.kiosk import services
from storefront.kiosk.models import Kiosk
from tests.concurrency import race
from tests.factories import make_store

SCREENS = 6


def test_screens_racing_on_one_link_pair_only_one(app: Flask, session: Session) -> None:
    new = services.start_pairing(session, make_store(session), now=clock.now())
    session.commit()

    errors = race(app, lambda own: services.pair(own, new.token, now=clock.now()), SCREENS)

    assert len(errors) == SCREENS - 1
    assert all(isinstance(e, services.KioskError) and "already used" in str(e) for e in errors)
    session.expire_all()
    assert session.scalar(select(Kiosk.credential_hash)) is not None
