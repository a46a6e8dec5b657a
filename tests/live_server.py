"""The app on a real HTTP server thread on loopback, for browsers and for timing."""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from typing import TYPE_CHECKING

from flask import Flask
from werkzeug.serving import BaseWSGIServer, make_server

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIApplication, WSGIEnvironment

# Ports Chromium refuses to connect to (net/base/port_util.cc), should the OS hand one out.
UNSAFE_PORTS = {
    1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69, 77, 79, 87, 95, 101,
    102, 103, 104, 109, 110, 111, 113, 115, 117, 119, 123, 135, 137, 139, 143, 161, 179, 389,
    427, 465, 512, 513, 514, 515, 526, 530, 531, 532, 540, 548, 554, 556, 563, 587, 601, 636,
    989, 990, 993, 995, 1719, 1720, 1723, 2049, 3659, 4045, 4190, 5060, 5061, 6000, 6566,
    6665, 6666, 6667, 6668, 6669, 6679, 6697, 10080,
}  # fmt: skip


def _serve(app: WSGIApplication) -> BaseWSGIServer:
    for _ in range(20):
        server = make_server("127.0.0.1", 0, app, threaded=True)
        if server.server_port not in UNSAFE_PORTS:
            return server
        server.server_close()
    raise RuntimeError("no port Chromium accepts")


def _finishing_first(app: Flask) -> WSGIApplication:
    """Each request runs to its end (its work after the response included) before its
    response is written. Werkzeug's server calls close() only after draining the client's
    socket, which with Chromium can wait for seconds, so mail the tests wait for would lag;
    gunicorn calls it as soon as the response is sent."""

    def finished(environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        answer = app(environ, start_response)
        try:
            return list(answer)
        finally:
            getattr(answer, "close", lambda: None)()

    return finished


@contextmanager
def serving(app: Flask, *, finish_first: bool = True) -> Iterator[str]:
    """Serve `app` until the block ends; its address becomes the shop's public one (links
    in mail, single sign-on redirects). Yields that address. `finish_first=False` serves
    it as is, for measuring what a client waits for."""
    server = _serve(_finishing_first(app) if finish_first else app)
    public = replace(app.config["STOREFRONT"], public_url=f"http://127.0.0.1:{server.server_port}")
    app.config.update(STOREFRONT=public, TRUSTED_HOSTS=public.trusted_hosts)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield public.public_url
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
