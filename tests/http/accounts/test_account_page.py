import json

from flask import Flask, render_template
from flask.testing import FlaskClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from storefront.accounts.models import Account
from storefront.cart.models import Cart, CartLine
from storefront.outbox.models import OutboxMessage
from storefront.wishlist.models import Wishlist, WishlistItem
from tests.conftest import PASSWORD, AuthActions
from tests.factories import make_product
from tests.forms import csrf

NEW = "a brand new passphrase"


def post(client: FlaskClient, path: str, data: dict[str, str], **headers: str):  # type: ignore[no-untyped-def]
    return client.post(path, data={**data, "csrf_token": csrf(client, "/account")}, headers=headers)


def count(session: Session, model: type) -> int:
    """Counted in a transaction of its own: the test's session writes, and on SQLite an
    open write transaction would hold the lock the app needs."""
    total = session.scalar(select(func.count()).select_from(model)) or 0
    session.rollback()
    return total


def test_the_account_page_needs_a_signed_in_shopper(client: FlaskClient) -> None:
    response = client.get("/account")
    assert response.status_code == 302
    assert response.headers["Location"] == "/account/sign-in?next=%2Faccount"


def test_an_htmx_request_without_session_reloads_to_sign_in(client: FlaskClient) -> None:
    token = csrf(client, "/account/sign-in")
    response = client.post(
        "/account/profile", data={"csrf_token": token}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 401 and response.headers["HX-Redirect"] == "/account/sign-in"


def test_the_page_shows_profile_password_data_and_deletion(
    client: FlaskClient, auth: AuthActions
) -> None:
    auth.sign_up(name="Anna Martin")
    response = client.get("/account")
    html = response.text
    assert response.headers["Cache-Control"] == "private, no-store"
    assert "Hello, Anna" in html and "shopper@example.com" in html
    for form_id in ("profile", "password", "delete"):
        assert f'<form id="{form_id}"' in html
    assert 'href="/account/data.json"' in html
    assert " style=" not in html and "<script>" not in html


def test_the_profile_is_saved_with_and_without_htmx(
    client: FlaskClient, auth: AuthActions, session: Session
) -> None:
    auth.sign_up()
    fragment = post(
        client, "/account/profile", {"name": "Anna", "locale": "fr"}, **{"HX-Request": "true"}
    )
    assert fragment.status_code == 200 and "<html" not in fragment.text
    assert "Your profile is saved." in fragment.text and 'value="Anna"' in fragment.text
    account = session.scalars(select(Account)).one()
    assert (account.name, account.locale) == ("Anna", "fr")
    session.rollback()

    page = post(client, "/account/profile", {"name": "Anna M", "locale": ""})
    assert page.status_code == 303 and page.headers["Location"] == "/account"
    assert "Your profile is saved." in client.get("/account").text
    assert "Your profile is saved." not in client.get("/account").text  # shown once


def test_a_refused_profile_is_shown_beside_its_field(
    client: FlaskClient, auth: AuthActions
) -> None:
    auth.sign_up()
    fragment = post(
        client, "/account/profile", {"name": "x" * 200, "locale": "de"}, **{"HX-Request": "true"}
    )
    assert fragment.status_code == 422 and "<html" not in fragment.text
    assert (
        'id="profile-name-error"' in fragment.text and 'id="profile-locale-error"' in fragment.text
    )
    page = post(client, "/account/profile", {"name": "Anna", "locale": "de"})
    assert page.status_code == 422 and "<html" in page.text


def test_changing_the_password_signs_out_the_other_devices(
    app: Flask, client: FlaskClient, auth: AuthActions, session: Session
) -> None:
    auth.sign_up()
    phone = app.test_client()
    AuthActions(phone).sign_in()
    wrong = post(
        client, "/account/password", {"current_password": "nope nope nope", "new_password": NEW}
    )
    assert wrong.status_code == 422 and 'id="password-current_password-error"' in wrong.text
    done = post(
        client,
        "/account/password",
        {"current_password": PASSWORD, "new_password": NEW},
        **{"HX-Request": "true"},
    )
    assert done.status_code == 200 and "Your password is changed" in done.text
    assert client.get("/account").status_code == 200
    assert phone.get("/account").status_code == 302
    assert AuthActions(phone).sign_in(password=NEW).status_code == 303
    assert count(session, OutboxMessage) == 1


def test_the_data_download_holds_the_account_but_no_secret(
    client: FlaskClient, auth: AuthActions
) -> None:
    auth.sign_up(name="Anna")
    response = client.get("/account/data.json")
    assert response.status_code == 200 and response.mimetype == "application/json"
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert response.headers["Cache-Control"] == "private, no-store"
    data = json.loads(response.text)
    assert data["account"]["email"] == "shopper@example.com" and data["account"]["name"] == "Anna"
    assert data["identities"][0]["has_password"] is True
    with client.session_transaction() as cookie_session:
        session_id = cookie_session["_user_id"]
    assert "argon2" not in response.text and session_id not in response.text


def test_the_data_download_needs_a_signed_in_shopper(client: FlaskClient) -> None:
    assert client.get("/account/data.json").status_code == 302


def test_deleting_the_account_takes_its_carts_and_lists(
    app: Flask, client: FlaskClient, auth: AuthActions, session: Session
) -> None:
    auth.sign_up()
    stolen = client.get_cookie("session")
    account = session.scalars(select(Account)).one()
    product = make_product(session)
    cart = Cart(account_id=account.id)
    cart.lines.append(
        CartLine(
            variant_id=product.variants[0].id, quantity=2, unit_price_at_add=4999, currency="EUR"
        )
    )
    wishlist = Wishlist(account_id=account.id, name="Favourites", is_default=True)
    wishlist.items.append(WishlistItem(product_id=product.id))
    session.add_all([cart, wishlist])
    session.commit()

    refused = post(client, "/account/delete", {"confirm_email": "someone@example.com"})
    assert refused.status_code == 422 and 'id="delete-confirm_email-error"' in refused.text
    assert count(session, Account) == 1

    done = post(client, "/account/delete", {"confirm_email": "Shopper@example.com"})
    assert done.status_code == 303 and done.headers["Location"] == "/account/deleted"
    assert "Your account is deleted" in client.get("/account/deleted").text
    for model in (Account, Cart, CartLine, Wishlist, WishlistItem):
        assert count(session, model) == 0, model
    assert client.get("/account").status_code == 302
    assert stolen
    thief = app.test_client()
    thief.set_cookie("session", stolen.value)
    assert thief.get("/account").status_code == 302


def test_deletion_without_csrf_token_changes_nothing(
    client: FlaskClient, auth: AuthActions, session: Session
) -> None:
    auth.sign_up()
    response = client.post("/account/delete", data={"confirm_email": "shopper@example.com"})
    assert response.status_code == 400
    assert count(session, Account) == 1


def header_link(client: FlaskClient, path: str) -> str:
    """The partial as the header would render it on `path`."""
    with client:
        client.get(path)
        return render_template("accounts/partials/header_link.html")


def test_the_header_link_names_the_shopper_or_offers_to_sign_in(
    client: FlaskClient, auth: AuthActions
) -> None:
    anonymous = header_link(client, "/c/running?page=2")
    assert 'href="/account/sign-in?next=/c/running?page%3D2"' in anonymous
    assert ">Sign in<" in anonymous
    auth.sign_up(name="Anna Martin")
    named = header_link(client, "/")
    assert 'href="/account"' in named and ">Anna<" in named
    assert 'aria-label="Anna, your account"' in named
