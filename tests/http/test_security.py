from flask.testing import FlaskClient


def test_every_page_sends_a_strict_content_security_policy(client: FlaskClient) -> None:
    for path in ("/", "/search", "/does-not-exist"):
        headers = client.get(path).headers
        policy = headers["Content-Security-Policy"]
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy
        assert "frame-ancestors 'none'" in policy
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_pages_carry_no_inline_script_or_style(client: FlaskClient) -> None:
    html = client.get("/search").text
    assert "<script>" not in html and " style=" not in html and "<style" not in html


def test_a_post_without_csrf_token_is_refused_and_changes_nothing(client: FlaskClient) -> None:
    response = client.post("/language", data={"language": "fr", "next": "/"})
    assert response.status_code == 400
    assert "lang=" not in response.headers.get("Set-Cookie", "")


def test_htmx_requests_get_errors_in_the_notification_area(client: FlaskClient) -> None:
    response = client.post("/cart/lines", data={"variant_id": "1"}, headers={"HX-Request": "true"})
    assert response.status_code == 400
    assert response.headers["HX-Retarget"] == "#cart-toast"
    assert response.text.lstrip().startswith('<div id="cart-toast"')
    assert "reload it and try again" in response.text and "<html" not in response.text
    missing = client.get("/p/nothing", headers={"HX-Request": "true"})
    assert missing.status_code == 404 and "no longer available" in missing.text
