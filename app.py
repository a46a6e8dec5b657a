"""The WSGI application: `gunicorn app:app`, `flask --app app ...`."""

import sys

from storefront import create_app
from storefront.config import ConfigError

try:
    app = create_app()
except ConfigError as error:
    sys.exit(f"The shop cannot start: {error}")
