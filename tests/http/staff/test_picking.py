"""The order page tells the associate where on this store's shelves to pick each item."""

import re
from datetime import timedelta

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from storefront.inventory import movements
from storefront.shopper import Owner
from storefront.stores.models import StoreKind
from tests.conftest import AuthActions
from tests.factories import make_product, make_store, set_stock
from tests.http.staff.conftest import Stores
from tests.http.staff.orders import NOON, place_order


def shelf_by_item(html: str) -> dict[str, str]:
    """Item name -> the shelf told beside it, "" when none, row by row of the order's lines."""
    cells = re.findall(r"<tr><td>(.*?)</td>", html)
    found = {}
    for cell in cells:
        name = cell.split("<")[0].strip()
        shelf = re.search(r'staff-lines__shelf">Shelf: ([^<]*)<', cell)
        found[name] = shelf.group(1) if shelf else ""
    return found


def test_each_line_shows_where_this_store_keeps_it(
    client: FlaskClient, session: Session, ana: AuthActions, stores: Stores
) -> None:
    movements.set_location(session, stores.lyon.id, stores.boots.id, "Aisle 3, bay 2")
    movements.set_location(session, stores.paris.id, stores.boots.id, "Rayon P")
    movements.set_location(session, stores.paris.id, stores.socks.id, "Rayon Q")
    session.commit()

    html = client.get(f"/staff/LYON1/orders/{stores.order.number}").text

    assert shelf_by_item(html) == {"Hiking boots": "Aisle 3, bay 2", "Wool socks": ""}
    assert "Rayon" not in html


def test_a_line_sent_from_the_warehouse_has_no_shelf_here(
    app: Flask, client: FlaskClient, session: Session, ana: AuthActions, stores: Stores
) -> None:
    warehouse = make_store(session, "Warehouse", code="WH", kind=StoreKind.WAREHOUSE)
    tent = make_product(session, "Tent", variants=[{"price_amount": 30000}]).variants[0]
    set_stock(session, warehouse, tent, 4, location="Zone C, rack 14")
    set_stock(session, stores.lyon, tent, 0, location="Aisle 9, bay 1")
    session.commit()
    friday = NOON + timedelta(days=4)  # after the warehouse's transfer days
    order = place_order(
        app, session, stores.lyon, [(tent, 1)], Owner(guest_token="c" * 32), starts_at=friday
    )
    assert [line.source_store_id for line in order.lines] == [warehouse.id]

    html = client.get(f"/staff/LYON1/orders/{order.number}").text

    assert shelf_by_item(html) == {"Tent": ""}
    assert "Zone C" not in html and "Aisle 9" not in html
