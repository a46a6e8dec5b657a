"""Rate limits on the forms that guess passwords or send mail: per address and per email."""

from __future__ import annotations

from collections.abc import Callable
from typing import ParamSpec, TypeVar

from flask import current_app, request

from storefront.accounts.rules import normalise_email
from storefront.extensions import limiter

P = ParamSpec("P")
R = TypeVar("R")


def _email_key() -> str:
    """Per email as typed, so rotating IP addresses does not buy more guesses at one account."""
    return "email:" + normalise_email(request.form.get("email", ""))[:254]


def _sign_in_limit() -> str:
    return str(current_app.config["STOREFRONT"].sign_in_limit)


def _password_reset_limit() -> str:
    return str(current_app.config["STOREFRONT"].password_reset_limit)


def _per_ip_and_email(limit: Callable[[], str]) -> Callable[[Callable[P, R]], Callable[P, R]]:
    by_ip = limiter.limit(limit, methods=["POST"])
    by_email = limiter.limit(limit, key_func=_email_key, methods=["POST"])

    def decorate(view: Callable[P, R]) -> Callable[P, R]:
        return by_ip(by_email(view))

    return decorate


# Only POSTs count; reading the form is free. Limits come from Config, so tests can set them low.
sign_in = _per_ip_and_email(_sign_in_limit)
password_reset = _per_ip_and_email(_password_reset_limit)
sign_up = limiter.limit(_sign_in_limit, methods=["POST"])
