"""What every wishlist view shares: the events it sends and how it reads the form."""

from __future__ import annotations

from flask import request

from storefront.redirects import safe_next

CHANGED = "wishlist-changed"  # the header count re-fetches itself
MERGED = "wishlist-merged"  # so do open wishlist pages, after an undo or redo
CART_CHANGED = "cart-changed"


def back(default: str) -> str:
    """Where a plain form returns: its `next` when that is a path on this site."""
    target = request.form.get("next")
    return safe_next(target) if target else default
