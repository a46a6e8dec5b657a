"""Scan in the store: a barcode read by the phone's camera (or typed) opens its product
with the variant chosen, and so my store's stock of it."""

from __future__ import annotations

from flask import Blueprint, redirect, request, url_for
from werkzeug.wrappers import Response

from storefront import db
from storefront.browse import queries
from storefront.catalog import gtin
from storefront.htmx import render_page
from storefront.messages import N_, Message

bp = Blueprint("scan", __name__)
MAX_TYPED = 40


@bp.get("/scan")
def index() -> Response:
    """A code that is not a product answers the scan page again, saying why, ready for the
    next try: like a search with no results, it is not an error of the page."""
    raw = request.args.get("code")
    if raw is None:
        return render_page("catalog/scan.html")
    typed = raw.strip()[:MAX_TYPED]
    try:
        code = gtin.parse(typed)
    except ValueError:
        problem = Message(
            N_("“%(code)s” is not a barcode number: type the 8 to 14 digits under the bars."),
            code=typed[:20],
        )
        return render_page("catalog/scan.html", problem=problem, typed=typed)
    found = queries.variant_by_gtin(db.session(), code)
    if found is None:
        problem = Message(N_("Barcode %(code)s is not a product sold here."), code=code)
        return render_page("catalog/scan.html", problem=problem, typed=code)
    return redirect(url_for("catalog.product", slug=found.slug, sku=found.sku), 303)
