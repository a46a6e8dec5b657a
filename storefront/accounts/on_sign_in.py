"""What signing in does besides starting the session: the steps `create_app` lists, run in
that order inside the sign-in's transaction, while this browser's guest cookie is still
readable (the cart and wishlist merge, my store, guest orders joining the account)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from flask import Flask, current_app
from flask_login import login_user

from storefront.accounts.sessions import SignedIn

Step = Callable[[SignedIn], None]


def init_app(app: Flask, steps: Sequence[Step]) -> None:
    app.extensions["on_sign_in"] = tuple(steps)


def sign_in(user: SignedIn, *, remember: bool = False) -> None:
    """Flask-Login's sign-in, then each step; the caller commits."""
    login_user(user, remember=remember)
    for step in current_app.extensions["on_sign_in"]:
        step(user)
