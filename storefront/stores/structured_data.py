"""schema.org Store markup for a store page, as JSON safe to embed in a script tag."""

from __future__ import annotations

import json
from typing import Any

from flask import url_for
from markupsafe import Markup

from storefront.stores.models import Store

DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def store_json_ld(store: Store) -> Markup:
    """Weekly hours and the upcoming exceptional days; a day closed all day is written as
    opening and closing at midnight, as schema.org's own examples do."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "SportingGoodsStore",
        "name": f"Cairn {store.name}",
        "url": url_for("stores.store", slug=store.slug, _external=True),
        "address": {
            "@type": "PostalAddress",
            "streetAddress": store.address,
            "postalCode": store.postcode,
            "addressLocality": store.city,
            "addressCountry": store.country,
        },
        "geo": {
            "@type": "GeoCoordinates",
            "latitude": store.latitude,
            "longitude": store.longitude,
        },
        "openingHoursSpecification": [
            {
                "@type": "OpeningHoursSpecification",
                "dayOfWeek": f"https://schema.org/{DAYS[h.weekday]}",
                "opens": h.opens.strftime("%H:%M"),
                "closes": h.closes.strftime("%H:%M"),
            }
            for h in store.hours
        ],
        "specialOpeningHoursSpecification": [
            {
                "@type": "OpeningHoursSpecification",
                "validFrom": c.day.isoformat(),
                "validThrough": c.day.isoformat(),
                "opens": c.opens.strftime("%H:%M") if c.opens else "00:00",
                "closes": c.closes.strftime("%H:%M") if c.closes else "00:00",
            }
            for c in store.closures
        ],
    }
    if store.phone:
        data["telephone"] = store.phone
    encoded = json.dumps(data, ensure_ascii=False)
    # "</script>" inside a string would end the element: escape the characters HTML reads.
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        encoded = encoded.replace(char, escape)
    return Markup(encoded)
