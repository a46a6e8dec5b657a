"""Store import: stores upserted by code, with their hours and closures."""

from __future__ import annotations

import math
import re
import zoneinfo
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

from babel import Locale
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from storefront.importing import (
    Fields,
    ImportResult,
    LineError,
    Row,
    Rows,
    as_text,
    assign_changed,
    first_seen,
    slugify,
)
from storefront.stores.hours_syntax import SpecialDay, WeeklyPeriod, parse_closures, parse_hours
from storefront.stores.models import OpeningHours, Store, StoreClosure, StoreKind

STORE_FIELDS = frozenset(
    {"code", "name", "address", "postcode", "city", "country", "latitude", "longitude"}
    | {"timezone", "kind", "phone", "services", "hours", "closures"}
)
CODE = re.compile(r"^[A-Za-z0-9_-]+$")
PHONE = re.compile(r"^\+?[0-9 ().-]*$")
SERVICE = re.compile(r"^[a-z][a-z0-9-]*$")


@dataclass(frozen=True)
class StoreLine:
    line: int
    values: dict[str, Any]  # Store columns, slug included
    hours: list[WeeklyPeriod]
    closures: list[SpecialDay]


def store_slug(city: str, name: str) -> str:
    """Store URLs carry the city: ("Lyon", "Part-Dieu") and ("Lyon", "Lyon Part-Dieu") both
    give "lyon-part-dieu", ("Chamonix-Mont-Blanc", "Chamonix") gives "chamonix-mont-blanc"."""
    city_slug, name_slug = slugify(city), slugify(name)
    if name_slug == city_slug or name_slug.startswith(f"{city_slug}-"):
        return name_slug
    if city_slug.startswith(f"{name_slug}-"):
        return city_slug
    return f"{city_slug}-{name_slug}".strip("-")


@cache
def _countries() -> frozenset[str]:
    codes = Locale("en").territories
    return frozenset(code for code in codes if isinstance(code, str) and code.isalpha())


def parse_country(raw: Any) -> str:
    code = as_text(raw).upper()
    if len(code) != 2 or code not in _countries():
        raise ValueError(f"{code!r} is not an ISO 3166 alpha-2 country code")
    return code


@cache
def _timezones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())  # reads the tz database: once


def parse_timezone(raw: Any) -> str:
    name = as_text(raw)
    if name not in _timezones():
        raise ValueError(f"{name!r} is not a time zone such as Europe/Paris")
    return name


def parse_kind(raw: Any) -> StoreKind:
    try:
        return StoreKind(as_text(raw).casefold())
    except ValueError:
        raise ValueError("must be shop or warehouse") from None


def coordinate(limit: float) -> Callable[[Any], float]:
    def parse(raw: Any) -> float:
        try:
            value = float(as_text(raw).replace(",", "."))
        except ValueError:
            raise ValueError("not a number") from None
        if not math.isfinite(value) or abs(value) > limit:
            raise ValueError(f"must be between -{limit:g} and {limit:g}")
        return value

    return parse


def parse_services(raw: Any) -> list[str]:
    """A JSON list, or "pickup|kiosk" text as a CSV cell holds it."""
    items = raw if isinstance(raw, list) else as_text(raw).split("|")
    services = [as_text(item).casefold() for item in items]
    services = [service for service in services if service]
    if bad := [service for service in services if not SERVICE.match(service)]:
        raise ValueError(f"{bad[0]!r}: services are words like pickup, kiosk, repair")
    return list(dict.fromkeys(services))


def joined(raw: Any) -> str:
    """Hours and closures: one string, or (in JSON) a list of entries."""
    return "; ".join(as_text(item) for item in raw) if isinstance(raw, list) else as_text(raw)


def read_store(line: int, row: Row, errors: list[LineError]) -> StoreLine | None:
    fields = Fields(line, row, errors)
    code = fields.text("code", required=True, max_length=32)
    if code and not CODE.match(code):
        fields.error("code", "use letters, digits, - and _ only")
    phone = fields.text("phone", max_length=32)
    if not PHONE.match(phone):
        fields.error("phone", "use digits, spaces and + ( ) . - only")
    values: dict[str, Any] = {
        "code": code,
        "name": fields.text("name", required=True, max_length=160),
        "address": fields.text("address", required=True),
        "postcode": fields.text("postcode", required=True, max_length=16),
        "city": fields.text("city", required=True, max_length=120),
        "country": fields.value("country", parse_country, required=True),
        "latitude": fields.value("latitude", coordinate(90), required=True),
        "longitude": fields.value("longitude", coordinate(180), required=True),
        "timezone": fields.value("timezone", parse_timezone, required=True),
        "kind": fields.value("kind", parse_kind) or StoreKind.SHOP,
        "phone": phone,
        "services": fields.value("services", parse_services) or [],
    }
    values["slug"] = store_slug(values["city"], values["name"])[:120]
    hours = fields.value("hours", lambda raw: parse_hours(joined(raw))) or []
    closures = fields.value("closures", lambda raw: parse_closures(joined(raw))) or []
    return StoreLine(line, values, hours, closures) if fields.ok else None


def import_stores(session: Session, rows: Rows) -> ImportResult:
    """Create or update stores by code, with their weekly hours and exceptional days.

    The slug is derived from city and name each time, so a renamed store gets the new URL;
    two stores that would share one are refused rather than silently suffixed. A store's
    hours and closures are replaced by the file's (empty means none); closures are matched
    by day so an unchanged day keeps its row.
    """
    result = ImportResult()
    lines: list[StoreLine] = []
    for number, row in rows:
        result.note_unknown(row, STORE_FIELDS)
        if (line := read_store(number, row, result.errors)) is not None:
            lines.append(line)
    first_seen([(x.line, x.values["code"]) for x in lines], result.errors, "code")
    query = select(Store).options(selectinload(Store.hours), selectinload(Store.closures))
    stores = {store.code: store for store in session.scalars(query)}
    owners = {store.slug: f"store {store.code}" for store in stores.values()}
    for line in lines:
        slug, code = line.values["slug"], line.values["code"]
        owner = owners.setdefault(slug, f"line {line.line}")
        if owner not in (f"store {code}", f"line {line.line}"):
            reason = f"its URL slug {slug} (from city and name) is already {owner}'s"
            result.errors.append(LineError(line.line, "name", reason))
    if result.errors:
        return result
    for line in lines:
        store = stores.get(line.values["code"])
        if store is None:
            store = Store(hours=[], closures=[])
            session.add(store)
        changed = assign_changed(store, line.values)
        changed = _set_hours(store, line.hours) or changed
        changed = _set_closures(store, line.closures) or changed
        result.tally("created" if store.id is None else "updated" if changed else "unchanged")
    session.flush()
    return result


def _set_hours(store: Store, periods: list[WeeklyPeriod]) -> bool:
    current = sorted((h.weekday, h.opens, h.closes) for h in store.hours)
    if current == [(p.weekday, p.opens, p.closes) for p in periods]:
        return False
    store.hours = [OpeningHours(weekday=p.weekday, opens=p.opens, closes=p.closes) for p in periods]
    return True


def _set_closures(store: Store, days: list[SpecialDay]) -> bool:
    """Update closures in place by day: (store, day) is unique, so a delete-and-insert of
    the same day could collide within one flush."""
    current = sorted((c.day, c.opens, c.closes, c.reason) for c in store.closures)
    if current == [(d.day, d.opens, d.closes, d.reason) for d in days]:
        return False
    by_day = {closure.day: closure for closure in store.closures}
    wanted = {day.day for day in days}
    for gone in [c for c in store.closures if c.day not in wanted]:
        store.closures.remove(gone)
    for day in days:
        closure = by_day.get(day.day)
        if closure is None:
            store.closures.append(
                StoreClosure(day=day.day, opens=day.opens, closes=day.closes, reason=day.reason)
            )
        else:
            closure.opens, closure.closes, closure.reason = day.opens, day.closes, day.reason
    return True
