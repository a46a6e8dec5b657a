"""The store manager's kiosks, in the staff area: pair a new screen, rename, idle time, revoke."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Blueprint, abort, request, url_for
from sqlalchemy.orm import Session
from werkzeug.wrappers import Response

from storefront import clock, db
from storefront.htmx import render_page, see_other
from storefront.kiosk import services
from storefront.kiosk.models import Kiosk
from storefront.messages import FieldErrors
from storefront.security import personal
from storefront.staff.access import staff_at_store
from storefront.staff.models import MANAGER
from storefront.stores.models import Store

bp = personal(Blueprint("kiosk_staff", __name__, url_prefix="/staff/<store_code>/kiosks"))
MAX_FIELD = 200


def _list(store: Store, status: int = 200, **context: Any) -> Response:
    kiosks = services.kiosks_of(db.session(), store.id)
    return render_page(
        "kiosk/manage.html", status, store=store, kiosks=kiosks, now=clock.now(), **context
    )


@bp.get("")
@staff_at_store(MANAGER)
def index(store: Store) -> Response:
    return _list(store)


@bp.post("")
@staff_at_store(MANAGER)
def start_pairing(store: Store) -> Response:
    """The link is on this answer only: it is not kept anywhere it could be read back."""
    session = db.session()
    new = services.start_pairing(session, store, now=clock.now())
    session.commit()
    link = url_for("kiosk_pairing.show", token=new.token, _external=True)
    return _list(store, new_link=link, new_kiosk=new.kiosk)


def _change(store: Store, kiosk_id: int, change: Callable[[Session, Kiosk], object]) -> Response:
    """One change to one of the store's kiosks; bad input answers the list with the message
    beside its field, and changes nothing."""
    session = db.session()
    try:
        change(session, services.owned(session, store.id, kiosk_id))
    except services.KioskNotFound:
        abort(404)
    except FieldErrors as error:
        session.rollback()
        typed = {name: request.form.get(name, "")[:MAX_FIELD] for name in error.errors}
        return _list(store, 422, problem_kiosk=kiosk_id, errors=error.errors, typed=typed)
    session.commit()
    return see_other(url_for("kiosk_staff.index", store_code=store.code))


@bp.post("/<int:kiosk_id>/name")
@staff_at_store(MANAGER)
def rename(store: Store, kiosk_id: int) -> Response:
    raw = request.form.get("name", "")[:MAX_FIELD]
    return _change(store, kiosk_id, lambda session, kiosk: services.rename(kiosk, raw))


@bp.post("/<int:kiosk_id>/idle")
@staff_at_store(MANAGER)
def idle(store: Store, kiosk_id: int) -> Response:
    raw = request.form.get("idle_seconds", "")[:MAX_FIELD]
    return _change(store, kiosk_id, lambda session, kiosk: services.set_idle_seconds(kiosk, raw))


@bp.post("/<int:kiosk_id>/revoke")
@staff_at_store(MANAGER)
def revoke(store: Store, kiosk_id: int) -> Response:
    now = clock.now()
    return _change(store, kiosk_id, lambda session, kiosk: services.revoke(kiosk, now=now))
