"""The templates' generic formatting filters: times, dates, countries, distances."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from babel import Locale
from babel.dates import format_date
from flask import Flask
from flask_babel import format_decimal, get_locale


def store_time(moment: datetime | None) -> str:
    """Local wall-clock time as 24-hour HH:MM, as shops in our countries display it."""
    return moment.strftime("%H:%M") if moment else ""


def store_local(moment: datetime, timezone: str) -> datetime:
    """A stored UTC instant on the store's wall clock."""
    return moment.astimezone(ZoneInfo(timezone))


def store_weekday(day: date) -> str:
    return format_date(day, "EEEE", locale=str(get_locale()))


def store_date(day: date, style: str = "d MMMM") -> str:
    return format_date(day, style, locale=str(get_locale()))


def first_upper(text: str) -> str:
    """Jinja's ``capitalize`` lowers the rest ("24 december"); this only raises the first
    letter, for French weekdays that start a line ("Mardi")."""
    return text[:1].upper() + text[1:]


def store_country(code: str) -> str:
    """The country's name in the shopper's language (FR: "France", in French "France")."""
    return str(Locale.parse(str(get_locale())).territories.get(code.upper(), code))


def km(distance: float) -> str:
    return format_decimal(distance, format="#,##0.0" if distance < 100 else "#,##0")


FILTERS = (store_time, store_local, store_weekday, store_date, first_upper, store_country, km)


def init_app(app: Flask) -> None:
    for template_filter in FILTERS:
        app.add_template_filter(template_filter)
