"""How account views answer: a page or its form's partial, redirects htmx can follow."""

from __future__ import annotations

from typing import Any

from flask import Response, current_app, redirect, request, url_for

from storefront.accounts.forms import Form
from storefront.htmx import render_view
from storefront.redirects import safe_next


def see_other(target: str) -> Response:
    """A redirect after a POST. htmx would follow a 3xx and swap the page into the form,
    so it gets HX-Redirect instead, which loads the whole page."""
    if request.headers.get("HX-Request") == "true":
        return Response(status=200, headers={"HX-Redirect": target})
    return redirect(target, code=303)  # type: ignore[return-value]


def external_url(endpoint: str, **values: Any) -> str:
    """An absolute link for an email: from STOREFRONT_PUBLIC_URL when set, because the
    Host header of a request is whatever its sender chose to write there."""
    public = current_app.config["STOREFRONT"].public_url
    if public:
        return public + url_for(endpoint, **values)
    return url_for(endpoint, _external=True, **values)


def requested_next() -> str:
    """Where to go after signing in, if the link asked for somewhere on this site."""
    return safe_next(request.values.get("next")) if request.values.get("next") else ""


def form_page(name: str, form: Form, status: int | None = None, **context: object) -> Response:
    """accounts/<name>.html for a browser, accounts/partials/<name>_form.html for htmx;
    422 when the form has errors, so htmx swaps it and tests can tell."""
    return render_view(
        f"accounts/{name}.html",
        f"accounts/partials/{name}_form.html",
        status or (422 if form.errors else 200),
        form=form,
        next=requested_next(),
        **context,
    )
