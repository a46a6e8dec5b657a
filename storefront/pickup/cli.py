"""Operator commands for pickups, safe to run every minute: `flask --app app pickups ...`."""

from __future__ import annotations

from flask.cli import AppGroup

pickups_cli = AppGroup("pickups", help="Click & collect orders.")
