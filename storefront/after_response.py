"""Work a request leaves for after its response is sent: the shopper does not wait for it,
and how long a page takes tells a stranger nothing (whether an email has an account)."""

from __future__ import annotations

from collections.abc import Callable

from flask import Flask, g
from flask_babel import force_locale, get_locale
from werkzeug.wrappers import Response

Job = Callable[[], None]


def later(job: Job) -> None:
    """Run `job` once this request's response is sent, in an app context of its own and
    the request's language."""
    g.setdefault("after_response", []).append(job)


def _run(app: Flask, jobs: list[Job], locale: str) -> None:
    for job in jobs:
        with app.app_context(), force_locale(locale):
            try:
                job()
            except Exception:  # the response is gone: log it, and run the next job
                app.logger.exception("Work after the response failed")


def init_app(app: Flask) -> None:
    """Registered before every other `after_request` hook, so it runs last and sees the
    jobs the others leave (Flask runs them in reverse order)."""

    @app.after_request
    def _run_once_sent(response: Response) -> Response:
        jobs = g.pop("after_response", None)
        if jobs:
            locale = str(get_locale())
            response.call_on_close(lambda: _run(app, jobs, locale))
        return response
