import pytest
from flask import Flask
from flask.testing import FlaskClient


@pytest.fixture
def other(app: Flask) -> FlaskClient:
    """A second browser: another shopper."""
    return app.test_client()
