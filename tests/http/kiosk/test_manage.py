"""The store manager's kiosks: pair from the staff area, rename, idle time, revoke; only
for the store they manage."""

import re

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from storefront.kiosk.models import Kiosk
from storefront.staff.models import MANAGER, STAFF
from storefront.stores.models import Store
from tests.conftest import AuthActions
from tests.forms import csrf_in
from tests.http.conftest import Catalog
from tests.http.kiosk.conftest import add_role, pair

STAFF_LINK = re.compile(r"<code[^>]*>http://localhost(/kiosk/pair/[\w-]+)</code>")


def _kiosk(session: Session) -> tuple[int, str, int, object]:
    """The one kiosk's id, name, idle seconds and revocation, read without holding the
    database (SQLite's writers wait for readers)."""
    session.rollback()
    kiosk = session.scalars(select(Kiosk)).one()
    found = (kiosk.id, kiosk.name, kiosk.idle_seconds, kiosk.revoked_at)
    session.rollback()
    return found


def _post(client: FlaskClient, path: str, **data: str) -> object:
    token = csrf_in(client.get("/staff/LYON1/kiosks").text)
    return client.post(path, data={"csrf_token": token, **data})


def test_a_manager_pairs_a_screen_from_the_staff_area(
    app: Flask, client: FlaskClient, ana: AuthActions
) -> None:
    board = client.get("/staff/LYON1").text
    page = client.get("/staff/LYON1/kiosks")
    made = client.post("/staff/LYON1/kiosks", data={"csrf_token": csrf_in(page.text)})
    link = STAFF_LINK.search(made.text)
    assert link, made.text
    screen = app.test_client()

    paired = pair(screen, link[1])

    assert 'href="/staff/LYON1/kiosks"' in board
    assert "It works once, for 15 minutes." in made.text
    assert paired.status_code == 303 and screen.get("/kiosk").status_code == 200
    listed = client.get("/staff/LYON1/kiosks").text
    assert "Kiosk 1" in listed and "In service since" in listed
    assert link[1] not in listed  # shown once, never again


def test_rename_and_idle_time_with_bad_input_refused(
    client: FlaskClient, session: Session, ana: AuthActions, screen: FlaskClient
) -> None:
    kiosk_id = _kiosk(session)[0]
    base = f"/staff/LYON1/kiosks/{kiosk_id}"

    blank = _post(client, f"{base}/name", name="   ")
    too_short = _post(client, f"{base}/idle", idle_seconds="5")
    not_a_number = _post(client, f"{base}/idle", idle_seconds="1e3")

    assert blank.status_code == 422 and "Give the kiosk a name" in blank.text
    for answer in (too_short, not_a_number):
        assert answer.status_code == 422
        assert "Enter a whole number of seconds from 30 to 900." in answer.text
    assert 'value="1e3"' in not_a_number.text  # what was typed stays, beside its message
    assert _kiosk(session)[1:3] == ("Kiosk 1", 90)

    renamed = _post(client, f"{base}/name", name="  Entrance   screen ")
    timed = _post(client, f"{base}/idle", idle_seconds="45")

    assert renamed.status_code == 303 and timed.status_code == 303
    assert _kiosk(session)[1:3] == ("Entrance screen", 45)
    assert 'data-idle-seconds="45"' in screen.get("/kiosk/home").text


def test_a_revoked_kiosk_asks_for_staff(
    client: FlaskClient, session: Session, ana: AuthActions, screen: FlaskClient
) -> None:
    assert screen.get("/kiosk/home").status_code == 200

    revoked = _post(client, f"/staff/LYON1/kiosks/{_kiosk(session)[0]}/revoke")

    assert revoked.status_code == 303
    answer = screen.get("/kiosk/home")
    assert answer.status_code == 403 and "Please ask a member of staff" in answer.text
    assert "Revoked on" in client.get("/staff/LYON1/kiosks").text


def test_plain_staff_and_other_stores_cannot_manage_these_kiosks(
    client: FlaskClient,
    session: Session,
    auth: AuthActions,
    catalog: Catalog,
    paris: Store,
    screen: FlaskClient,
) -> None:
    kiosk_id = _kiosk(session)[0]
    add_role(session, "leo@example.com", catalog.store, STAFF)
    add_role(session, "zoe@example.com", paris, MANAGER)
    paths = [
        f"/staff/LYON1/kiosks/{kiosk_id}/name",
        f"/staff/LYON1/kiosks/{kiosk_id}/revoke",
        # Through Zoé's own store, with Lyon's kiosk id:
        f"/staff/PARIS1/kiosks/{kiosk_id}/name",
        f"/staff/PARIS1/kiosks/{kiosk_id}/idle",
        f"/staff/PARIS1/kiosks/{kiosk_id}/revoke",
    ]

    for email in ("leo@example.com", "zoe@example.com"):
        auth.sign_in(email)
        token = auth.csrf_token()
        assert client.get("/staff/LYON1/kiosks").status_code == 404
        assert client.post("/staff/LYON1/kiosks", data={"csrf_token": token}).status_code == 404
        for path in paths if email.startswith("zoe") else paths[:2]:
            data = {"csrf_token": token, "name": "Mine now", "idle_seconds": "300"}
            assert client.post(path, data=data).status_code == 404, (email, path)
        auth.sign_out()

    assert _kiosk(session)[1:] == ("Kiosk 1", 90, None)
    assert screen.get("/kiosk/home").status_code == 200
