"""Language from a chosen cookie or the browser; prices and dates formatted per locale."""

from __future__ import annotations

from flask import Flask, abort, current_app, redirect, request
from flask_babel import format_currency, get_locale, gettext
from werkzeug.wrappers import Response

from storefront.extensions import babel
from storefront.messages import Message
from storefront.money import to_major
from storefront.redirects import safe_next

LANGUAGE_COOKIE = "lang"


def select_locale() -> str:
    config = current_app.config["STOREFRONT"]
    chosen = request.cookies.get(LANGUAGE_COOKIE, "")
    if chosen in config.languages:
        return chosen
    return request.accept_languages.best_match(config.languages) or config.default_locale


def translate(message: Message) -> str:
    return gettext(message.text, **message.params)


def format_money(amount: int, currency: str) -> str:
    return format_currency(to_major(amount, currency), currency)


def init_app(app: Flask) -> None:
    babel.init_app(
        app,
        locale_selector=select_locale,
        default_translation_directories=str(app.root_path + "/translations"),
    )
    app.jinja_env.filters["money"] = format_money
    app.jinja_env.filters["translate"] = translate
    app.add_url_rule("/language", "language", choose_language, methods=["POST"])
    app.jinja_env.globals["current_locale"] = lambda: str(get_locale())


def choose_language() -> Response:
    language = request.form.get("language", "")
    config = current_app.config["STOREFRONT"]
    if language not in config.languages:
        abort(400, description=gettext("Choose one of the offered languages."))
    response = redirect(safe_next(request.form.get("next")), code=303)
    response.set_cookie(
        LANGUAGE_COOKIE,
        language,
        max_age=60 * 60 * 24 * 365,
        httponly=True,
        samesite="Lax",
        secure=config.secure_cookies,
    )
    return response
