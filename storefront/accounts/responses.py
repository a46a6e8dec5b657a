"""How account views answer: a page, or its form's partial to htmx."""

from __future__ import annotations

from flask import Response, request

from storefront.accounts.forms import Form
from storefront.htmx import render_view
from storefront.redirects import safe_next


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
