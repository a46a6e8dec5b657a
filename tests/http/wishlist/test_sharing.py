import re

from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from storefront.wishlist.models import Wishlist
from tests.http.conftest import Catalog
from tests.http.wishlist.conftest import post


def shared_list(client: FlaskClient, session: Session, catalog: Catalog) -> tuple[int, str]:
    post(client, f"/wishlist/heart/{catalog.shoe.id}", on=1)
    list_id = session.scalar(select(Wishlist.id))
    session.commit()
    assert list_id is not None
    post(client, f"/wishlist/lists/{list_id}/share")
    page = client.get("/wishlist").text
    match = re.search(r'value="http://localhost/wishlist/shared/([\w-]+)"', page)
    assert match is not None
    return list_id, match[1]


def test_a_shared_list_is_readable_by_anyone_with_the_link_and_read_only(
    client: FlaskClient, other: FlaskClient, session: Session, catalog: Catalog
) -> None:
    _, token = shared_list(client, session, catalog)
    assert len(token) == 32
    page = other.get(f"/wishlist/shared/{token}")
    assert page.status_code == 200 and page.mimetype == "text/html"
    assert "Trail runner" in page.text
    assert 'action="/wishlist/items' not in page.text and 'action="/wishlist/lists' not in page.text
    assert f'src="/wishlist/shared/{token}/qr.svg"' in page.text
    assert page.headers["X-Robots-Tag"] == "noindex"
    assert other.get_cookie("guest") is None


def test_the_qr_code_is_an_svg_drawn_on_the_server(
    client: FlaskClient, other: FlaskClient, session: Session, catalog: Catalog
) -> None:
    _, token = shared_list(client, session, catalog)
    qr = other.get(f"/wishlist/shared/{token}/qr.svg")
    assert qr.status_code == 200 and qr.mimetype == "image/svg+xml"
    assert b'<svg xmlns="http://www.w3.org/2000/svg" viewBox=' in qr.data


def test_a_revoked_or_unknown_link_is_not_found(
    client: FlaskClient, other: FlaskClient, session: Session, catalog: Catalog
) -> None:
    list_id, token = shared_list(client, session, catalog)
    post(client, f"/wishlist/lists/{list_id}/unshare")
    assert other.get(f"/wishlist/shared/{token}").status_code == 404
    assert other.get(f"/wishlist/shared/{token}/qr.svg").status_code == 404
    assert other.get("/wishlist/shared/not-a-real-token").status_code == 404
    assert other.get(f"/wishlist/shared/{'x' * 300}").status_code == 404
