"""`flask --app app staff add EMAIL STORE`: give an account a role at a store."""

from __future__ import annotations

from flask.cli import AppGroup

staff_cli = AppGroup("staff", help="Store team accounts.")
