"""Single sign-on settings and rules, without Flask or a database."""

from __future__ import annotations

import time

import pytest
from joserfc import jwt
from joserfc.jwk import KeySet, RSAKey

from storefront.accounts import rules, tokens
from storefront.config import Config, OidcProvider

ENV = {
    "STOREFRONT_INSTANCE": "/tmp/storefront-sso-rules",
    "SECRET_KEY": "k",
    "STOREFRONT_PUBLIC_URL": "https://shop.example",
    "STOREFRONT_OIDC_PROVIDERS": "retailer, my-idp",
    "STOREFRONT_OIDC_RETAILER_ISSUER": "https://id.retailer.example/",
    "STOREFRONT_OIDC_RETAILER_CLIENT_ID": "shop",
    "STOREFRONT_OIDC_RETAILER_CLIENT_SECRET": "s3cret",
    "STOREFRONT_OIDC_RETAILER_DISPLAY_NAME": "Cairn ID",
    "STOREFRONT_OIDC_MY_IDP_ISSUER": "http://localhost:4011",
    "STOREFRONT_OIDC_MY_IDP_CLIENT_ID": "shop2",
    "STOREFRONT_OIDC_MY_IDP_SCOPES": "openid email",
}


def test_providers_come_from_the_environment() -> None:
    config = Config.from_env(ENV)
    assert config.oidc_providers == (
        OidcProvider("retailer", "https://id.retailer.example", "shop", "s3cret", "Cairn ID"),
        OidcProvider("my-idp", "http://localhost:4011", "shop2", "", "My-Idp", ("openid", "email")),
    )
    assert config.local_accounts and config.oidc_provider("my-idp") is config.oidc_providers[1]
    assert Config.from_env({**ENV, "STOREFRONT_OIDC_PROVIDERS": ""}).oidc_providers == ()


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"STOREFRONT_OIDC_RETAILER_ISSUER": "http://id.retailer.example"}, "https"),
        ({"STOREFRONT_OIDC_RETAILER_ISSUER": ""}, "https"),
        ({"STOREFRONT_OIDC_RETAILER_CLIENT_ID": ""}, "CLIENT_ID is required"),
        ({"STOREFRONT_OIDC_MY_IDP_SCOPES": "email profile"}, "must include openid"),
        ({"STOREFRONT_OIDC_PROVIDERS": "retailer,Retailer"}, "twice"),
        ({"STOREFRONT_OIDC_PROVIDERS": "re tailer"}, "is not a name"),
        ({"STOREFRONT_OIDC_PROVIDERS": "", "STOREFRONT_LOCAL_ACCOUNTS": "0"}, "nobody could"),
    ],
)
def test_a_mistake_in_the_settings_stops_the_start_with_its_reason(
    changes: dict[str, str], reason: str
) -> None:
    with pytest.raises(ValueError, match=reason):
        Config.from_env({**ENV, **changes})


def test_local_accounts_can_be_turned_off() -> None:
    assert not Config.from_env({**ENV, "STOREFRONT_LOCAL_ACCOUNTS": "0"}).local_accounts


@pytest.mark.parametrize(
    ("claim", "expected"),
    [("fr-FR", "fr"), ("fr_CA", "fr"), ("EN", "en"), ("de-DE", None), ("", None), (None, None)],
)
def test_the_locale_claim_becomes_one_of_our_languages(claim: str | None, expected: str) -> None:
    assert rules.locale_from_claim(claim, ("en", "fr")) == expected


def test_the_last_way_in_cannot_be_removed() -> None:
    assert rules.can_remove_sign_in_method(1).ok
    refused = rules.can_remove_sign_in_method(0)
    assert not refused.ok and refused.reason is not None
    assert "only way to sign in" in refused.reason.text


def test_only_asymmetric_algorithms_are_accepted() -> None:
    assert tokens.usable_algorithms(["none", "HS256", "RS256", "ES256"]) == ["RS256", "ES256"]
    assert tokens.usable_algorithms(None) == ["RS256"]
    assert tokens.usable_algorithms(["none"]) == ["RS256"]


KEY = RSAKey.generate_key(2048, parameters={"kid": "k1"})
KEYS = KeySet.import_key_set({"keys": [KEY.as_dict(private=False)]})
EVENT = {tokens.BACKCHANNEL_EVENT: {}}


def logout_token(**changes: object) -> str:
    claims = {"iss": "https://id", "aud": "shop", "iat": int(time.time()), "jti": "j1"}
    claims |= {"sub": "anna", "events": EVENT} | changes
    claims = {k: v for k, v in claims.items() if v is not None}
    return jwt.encode({"alg": "RS256", "kid": "k1", "typ": "logout+jwt"}, claims, KEY)


def check(raw: str) -> dict[str, object]:
    return tokens.validate_logout_token(
        raw, KEYS, issuer="https://id", client_id="shop", algorithms=["RS256"]
    )


def test_a_logout_token_as_the_spec_describes_it_passes() -> None:
    assert check(logout_token())["sub"] == "anna"
    assert check(logout_token(sub=None, sid="s1"))["sid"] == "s1"


@pytest.mark.parametrize(
    "changes",
    [
        {"nonce": "n"},
        {"events": {"other": {}}},
        {"events": {tokens.BACKCHANNEL_EVENT: "yes"}},
        {"sub": None},
        {"iat": int(time.time()) - 3600},
        {"iat": None},
        {"jti": None},
        {"aud": "other"},
        {"iss": "https://other"},
        {"exp": int(time.time()) - 3600},
    ],
)
def test_a_logout_token_missing_what_the_spec_asks_is_refused(changes: dict[str, object]) -> None:
    with pytest.raises(tokens.TokenRefused):
        check(logout_token(**changes))


def test_an_id_token_passed_off_as_a_logout_token_is_refused() -> None:
    raw = jwt.encode({"alg": "RS256", "kid": "k1", "typ": "JWT"}, {}, KEY)
    with pytest.raises(tokens.TokenRefused):
        check(raw)
    other_key = RSAKey.generate_key(2048, parameters={"kid": "k9"})
    with pytest.raises(tokens.UnknownKey):
        check(jwt.encode({"alg": "RS256", "kid": "k9"}, {"iss": "https://id"}, other_key))
