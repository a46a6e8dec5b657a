"""The store locator page, `GET /stores` (endpoint "stores.index", added by stores.wiring)."""

from __future__ import annotations

from typing import Any

from flask import current_app, url_for
from flask import request as http_request
from werkzeug.wrappers import Response

from storefront import clock, db
from storefront.htmx import render_view
from storefront.stores import locator
from storefront.stores.geo import Geocoder


def _store_map(found: locator.Search) -> dict[str, Any] | None:
    """The map's settings and markers, or None when no tile server is configured."""
    config = current_app.config["STOREFRONT"]
    if not config.map_tiles:
        return None
    stores = [
        {
            "name": result.store.name,
            "lat": result.store.latitude,
            "lon": result.store.longitude,
            "url": url_for("stores.store", slug=result.store.slug),
        }
        for result in found.results
    ]
    return {"tiles": config.map_tiles, "attribution": config.map_attribution, "stores": stores}


def index() -> Response:
    geocoder: Geocoder = current_app.extensions["stores_geocoder"]
    try:
        found = locator.search(db.session(), geocoder, http_request.args.to_dict(), clock.now())
    except locator.BadInput as exc:
        found = locator.Search(query=http_request.args.get("q", "")[:120], error=str(exc))
    return render_view(
        "stores/index.html",
        "stores/partials/results.html",
        status=400 if found.error else 200,
        search=found,
        store_map=_store_map(found),
    )
