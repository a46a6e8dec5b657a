from collections.abc import Iterator

import pytest
from flask import Flask


@pytest.fixture
def request_context(app: Flask) -> Iterator[None]:
    """Services that compose email render templates in the shopper's language."""
    with app.test_request_context("/", headers={"Accept-Language": "en"}):
        yield
