"""Checkout for pickup: store, slot, contact details, review and confirm."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("pickup", __name__)
