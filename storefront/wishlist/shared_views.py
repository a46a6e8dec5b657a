"""A list shared read-only by its link, and that link as a QR code to show in a store."""

from __future__ import annotations

import io

import segno
from flask import abort, make_response, render_template, url_for
from werkzeug.wrappers import Response

from storefront import db
from storefront.wishlist import queries


def shared(token: str) -> Response:
    found = queries.shared_list(db.session(), token) or abort(404)
    return make_response(render_template("wishlist/shared.html", shared=found, token=token))


def shared_qr(token: str) -> Response:
    """The link as a QR code, drawn here: no outside service ever sees the token."""
    if queries.shared_list(db.session(), token) is None:
        abort(404)
    code = segno.make(url_for("wishlist.shared", token=token, _external=True), error="m")
    svg = io.BytesIO()
    # A viewBox and no fixed size: the page draws it as large as the phone allows.
    code.save(svg, kind="svg", border=4, dark="#000", light="#fff", omitsize=True)
    return Response(svg.getvalue(), mimetype="image/svg+xml")
