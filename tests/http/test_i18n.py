from flask import Flask
from flask.testing import FlaskClient

from storefront.i18n import translate
from storefront.pickup.rules import OrderStatus, can_move
from tests.forms import csrf_in
from tests.http.conftest import Catalog


def test_language_follows_the_browser(client: FlaskClient, catalog: Catalog) -> None:
    html = client.get("/p/trail-runner", headers={"Accept-Language": "fr-FR,fr;q=0.9"}).text
    assert '<html lang="fr">' in html
    assert "89,99\xa0€" in html or "89,99\u202f€" in html
    assert "Rechercher" in html


def test_the_switcher_remembers_a_choice_and_only_redirects_on_site(
    client: FlaskClient, catalog: Catalog
) -> None:
    token = csrf_in(client.get("/").text)
    response = client.post(
        "/language", data={"language": "fr", "next": "//evil.example/x", "csrf_token": token}
    )
    assert response.status_code == 303 and response.headers["Location"] == "/"
    html = client.get("/c/running", headers={"Accept-Language": "en"}).text
    assert '<html lang="fr">' in html
    response = client.post(
        "/language", data={"language": "en", "next": "/c/running", "csrf_token": token}
    )
    assert response.headers["Location"] == "/c/running"


def test_an_unknown_language_is_refused(client: FlaskClient) -> None:
    token = csrf_in(client.get("/").text)
    response = client.post("/language", data={"language": "xx", "csrf_token": token})
    assert response.status_code == 400
    assert "Choose one of the offered languages" in response.text


def test_a_message_inside_a_message_is_translated_too(app: Flask) -> None:
    refused = can_move(OrderStatus.READY, OrderStatus.PREPARING).reason
    assert refused is not None
    expected = "Cette commande est «\xa0Prête à retirer\xa0» et ne peut plus changer."
    with app.test_request_context(headers={"Accept-Language": "fr"}):
        assert translate(refused) == expected
