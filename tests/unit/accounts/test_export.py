import json

import pytest
from sqlalchemy.orm import Session

from storefront.accounts import export, resets, services
from storefront.accounts import sessions as sign_in_sessions
from tests.conftest import PASSWORD


@pytest.mark.usefixtures("request_context")
def test_the_export_holds_everything_but_secrets(session: Session) -> None:
    identity = services.sign_up(session, "anna@example.com", PASSWORD, name="Anna")
    signed_in = sign_in_sessions.start(
        session, identity.account, identity_id=identity.id, user_agent="Firefox"
    )
    resets.request_password_reset(session, "anna@example.com", link_for=lambda t: f"/r/{t}")
    session.commit()

    data = export.export_data(session, identity.account_id, sections={})

    assert data["account"]["email"] == "anna@example.com" and data["account"]["name"] == "Anna"
    assert data["identities"] == [
        {
            "issuer": "local",
            "subject": "anna@example.com",
            "has_password": True,
            "created_at": data["identities"][0]["created_at"],
        }
    ]
    assert data["sign_in_sessions"][0]["user_agent"] == "Firefox"
    assert len(data["password_resets"]) == 1
    assert data["emails"][0]["kind"] == "password_reset"
    text = json.dumps(data)  # everything serialises, timestamps as ISO 8601 in UTC
    assert "+00:00" in data["account"]["created_at"]
    assert "argon2" not in text and signed_in.get_id() not in text and "token" not in text


def test_other_domains_add_their_sections(session: Session) -> None:
    account_id = services.sign_up(session, "anna@example.com", PASSWORD).account_id
    sections = {"cart": lambda s, a: {"account": a, "lines": []}}
    data = export.export_data(session, account_id, sections=sections)
    assert data["cart"] == {"account": account_id, "lines": []}
