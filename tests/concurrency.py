"""Run the same unit of work in several threads released together, each in its own
transaction, as several devices or shoppers would."""

from __future__ import annotations

import threading
from collections.abc import Callable

from flask import Flask
from sqlalchemy.orm import Session

from storefront.db import session_factory


def race(app: Flask, work: Callable[[Session], object], threads: int = 8) -> list[BaseException]:
    """The errors raised by `work` (each thread commits when it does not raise)."""
    factory = session_factory(app.extensions["db_engine"], write=True)
    start = threading.Barrier(threads)
    errors: list[BaseException] = []

    def run() -> None:
        start.wait()
        try:
            with factory() as session:
                work(session)
                session.commit()
        except BaseException as error:  # returned to the test, which asserts on them
            errors.append(error)

    workers = [threading.Thread(target=run) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=60)
    return errors
