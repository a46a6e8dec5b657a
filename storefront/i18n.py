"""Language from a chosen cookie or the browser; prices and dates formatted per locale."""

from __future__ import annotations

from flask import Flask, current_app, request
from flask_babel import format_currency, get_locale

from storefront.extensions import babel
from storefront.money import to_major

LANGUAGE_COOKIE = "lang"


def select_locale() -> str:
    languages = current_app.config["STOREFRONT"].languages
    chosen = request.cookies.get(LANGUAGE_COOKIE)
    if chosen in languages:
        return chosen  # type: ignore[return-value]
    best = request.accept_languages.best_match(languages)
    return best or current_app.config["STOREFRONT"].default_locale  # type: ignore[no-any-return]


def format_money(amount: int, currency: str) -> str:
    return format_currency(to_major(amount, currency), currency)


def init_app(app: Flask) -> None:
    babel.init_app(
        app,
        locale_selector=select_locale,
        default_translation_directories=str(app.root_path + "/translations"),
    )
    app.jinja_env.filters["money"] = format_money
    app.jinja_env.globals["current_locale"] = lambda: str(get_locale())
