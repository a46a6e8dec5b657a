"""Kiosk services: a link pairs one screen once, the credential is what recognises it, and
revoking ends it; only hashes are stored."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy.orm import Session

from storefront.kiosk import services
from storefront.kiosk.models import Kiosk
from tests.factories import make_store

NOON = datetime(2026, 12, 7, 12, 0, tzinfo=UTC)


def test_pairing_gives_a_credential_that_recognises_only_this_kiosk(session: Session) -> None:
    store = make_store(session)
    new = services.start_pairing(session, store, now=NOON)
    other = services.start_pairing(session, store, now=NOON)

    credential = services.pair(session, new.token, now=NOON + timedelta(minutes=1))

    kiosk = services.recognise(session, credential.kiosk_id, credential.secret)
    assert kiosk is not None and kiosk.id == new.kiosk.id and kiosk.name == "Kiosk 1"
    assert other.kiosk.name == "Kiosk 2"
    assert services.recognise(session, credential.kiosk_id, credential.secret + "x") is None
    assert services.recognise(session, other.kiosk.id, credential.secret) is None  # unpaired
    stored = session.get(Kiosk, credential.kiosk_id)
    assert stored is not None
    assert new.token not in (stored.pairing_hash, stored.credential_hash)
    assert credential.secret not in (stored.pairing_hash, stored.credential_hash)


def test_a_link_pairs_once(session: Session) -> None:
    new = services.start_pairing(session, make_store(session), now=NOON)
    services.pair(session, new.token, now=NOON)

    with pytest.raises(services.KioskError, match="already used"):
        services.pair(session, new.token, now=NOON)


def test_an_expired_link_pairs_nothing(session: Session) -> None:
    new = services.start_pairing(session, make_store(session), now=NOON)

    with pytest.raises(services.KioskError, match="expired"):
        services.pair(session, new.token, now=NOON + timedelta(minutes=15))
    assert session.get(Kiosk, new.kiosk.id).paired_at is None  # type: ignore[union-attr]


def test_a_revoked_kiosk_is_not_recognised_and_its_link_is_unknown(session: Session) -> None:
    store = make_store(session)
    new = services.start_pairing(session, store, now=NOON)
    credential = services.pair(session, new.token, now=NOON)

    services.revoke(services.owned(session, store.id, new.kiosk.id), now=NOON)

    assert services.recognise(session, credential.kiosk_id, credential.secret) is None
    with pytest.raises(services.UnknownPairing):
        services.pairing_kiosk(session, new.token)


def test_another_stores_kiosk_is_unknown(session: Session) -> None:
    lyon, paris = make_store(session), make_store(session, "Paris Rivoli")
    new = services.start_pairing(session, lyon, now=NOON)

    with pytest.raises(services.KioskNotFound):
        services.owned(session, paris.id, new.kiosk.id)
