"""Pickup services queue email as they change orders, and email renders templates: tests
that touch the database run in an app context, as a request or a command would."""

from collections.abc import Iterator

import pytest


@pytest.fixture(autouse=True)
def _app_context(request: pytest.FixtureRequest) -> Iterator[None]:
    if "session" not in request.fixturenames:
        yield
        return
    with request.getfixturevalue("app").app_context():
        yield
