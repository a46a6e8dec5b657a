"""Many shoppers at once, each its own transaction: threads of this process, or processes
each with an app and an engine of their own on the same database (SQLite file or
PostgreSQL), released together. Outcomes are counted by name: "ok" or the error raised."""

from __future__ import annotations

import multiprocessing
import queue
import threading
from collections import Counter
from collections.abc import Callable, Sequence

from flask import Flask
from sqlalchemy.orm import Session

from storefront.config import Config
from storefront.db import session_factory
from storefront.shopper import Owner
from tests.concurrency import race
from tests.conftest import make_app

Work = Callable[[Session, Owner], object]


def contest(
    app: Flask, config: Config, work: Work, owners: Sequence[Owner], *, processes: int = 1
) -> Counter[str]:
    """Run `work` once per owner, all at once: in threads, or spread over `processes`."""
    if processes <= 1:
        return _in_threads(app, work, owners)
    return _in_processes(config, work, owners, processes)


def _in_threads(app: Flask, work: Work, owners: Sequence[Owner]) -> Counter[str]:
    waiting: queue.SimpleQueue[Owner] = queue.SimpleQueue()
    for owner in owners:
        waiting.put(owner)

    def one(session: Session) -> None:
        with app.app_context():
            work(session, waiting.get_nowait())

    errors = race(app, one, threads=len(owners))
    outcomes = Counter(type(error).__name__ for error in errors)
    outcomes["ok"] = len(owners) - len(errors)
    return +outcomes


def _in_processes(
    config: Config, work: Work, owners: Sequence[Owner], processes: int
) -> Counter[str]:
    context = multiprocessing.get_context("fork")
    start = context.Barrier(processes)
    results = context.Queue()
    workers = [
        context.Process(target=_child, args=(config, work, owners[n::processes], start, results))
        for n in range(processes)
    ]
    for worker in workers:
        worker.start()
    outcomes: Counter[str] = Counter()
    for _ in workers:
        outcomes.update(results.get(timeout=120))
    for worker in workers:
        worker.join(timeout=30)
        assert worker.exitcode == 0
    return outcomes


def _child(
    config: Config,
    work: Work,
    owners: Sequence[Owner],
    start: threading.Barrier,
    results: multiprocessing.Queue[list[str]],
) -> None:
    """A process as a gunicorn worker is: its own app, engine and connections."""
    app = make_app(config)
    factory = session_factory(app.extensions["db_engine"], write=True)
    outcomes: list[str] = []
    lock = threading.Lock()
    go = threading.Barrier(len(owners))

    def one(owner: Owner) -> None:
        go.wait()
        try:
            with app.app_context(), factory() as session:
                work(session, owner)
                session.commit()
            outcome = "ok"
        except Exception as error:  # counted by name, like the threads' errors
            outcome = type(error).__name__
        with lock:
            outcomes.append(outcome)

    threads = [threading.Thread(target=one, args=(owner,)) for owner in owners]
    start.wait()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    results.put(outcomes)
    app.extensions["db_engine"].dispose()
