"""Language from a chosen cookie or the browser; prices and dates formatted per locale."""

from __future__ import annotations

from functools import lru_cache

from babel.numbers import format_currency as babel_format_currency
from babel.numbers import get_currency_symbol
from babel.support import Translations
from flask import Flask, abort, current_app, g, redirect, request
from flask_babel import get_locale, get_translations, gettext
from werkzeug.wrappers import Response

from storefront.extensions import babel
from storefront.messages import Message
from storefront.money import to_major, whole_major
from storefront.redirects import safe_next

LANGUAGE_COOKIE = "lang"


def select_locale() -> str:
    config = current_app.config["STOREFRONT"]
    chosen = request.cookies.get(LANGUAGE_COOKIE, "")
    if chosen in config.languages:
        return chosen
    return request.accept_languages.best_match(config.languages) or config.default_locale


def translate(message: Message) -> str:
    """A parameter may itself be a Message (a status name), translated the same way."""
    params = {
        name: translate(value) if isinstance(value, Message) else value
        for name, value in message.params.items()
    }
    return gettext(message.text, **params)


def _request_translations() -> Translations:
    """Flask-Babel looks its catalog up again on every call; a listing page makes hundreds."""
    if "translations" not in g:
        g.translations = get_translations()
    return g.translations


def _gettext(text: str) -> str:
    return _request_translations().ugettext(text)


def _ngettext(singular: str, plural: str, number: int) -> str:
    return _request_translations().ungettext(singular, plural, number)


def format_money(amount: int, currency: str) -> str:
    if "locale" not in g:
        g.locale = str(get_locale())
    return _format_money(amount, currency, g.locale)


@lru_cache(maxsize=4096)
def _format_money(amount: int, currency: str, locale: str) -> str:
    return babel_format_currency(to_major(amount, currency), currency, locale=locale)


def currency_symbol(currency: str) -> str:
    return get_currency_symbol(currency, locale=str(get_locale()))


def init_app(app: Flask) -> None:
    babel.init_app(
        app,
        locale_selector=select_locale,
        default_translation_directories=str(app.root_path + "/translations"),
    )
    app.jinja_env.install_gettext_callables(_gettext, _ngettext, newstyle=True)  # type: ignore[attr-defined]
    app.jinja_env.filters["money"] = format_money
    app.jinja_env.filters["major"] = to_major
    app.jinja_env.filters["whole_major"] = whole_major
    app.jinja_env.filters["currency_symbol"] = currency_symbol
    app.jinja_env.globals["shop_currency"] = app.config["STOREFRONT"].default_currency
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
