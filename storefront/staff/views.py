"""The store team's pickup board: prepare, mark ready, find by code, hand over."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("staff", __name__, url_prefix="/staff")
