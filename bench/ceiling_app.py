"""The ceiling: what a category page costs on this stack when it does almost nothing.

One indexed SQLite query for 24 rows and one Jinja template compiled once, rendering 24
cards (a link, an image with its size, a title, a price, a small form). `make bench`
serves it with gunicorn beside the shop and measures both with the same load generator,
so the shop's figures read as a fraction of what Flask itself can do on this machine.

Run by gunicorn: `gunicorn --chdir bench ceiling_app:app`, with CEILING_DB naming a file
that `build` made.
"""

from __future__ import annotations

import os
import sqlite3
import threading

from flask import Flask
from jinja2 import Environment

CATEGORIES = 10
PAGE = 24

TEMPLATE = Environment(autoescape=True).from_string(
    """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{ category }}</title></head>
<body><main><h1>{{ category }}</h1><div class="grid">
{% for sku, slug, title, price in products %}<article class="card">
<a href="/p/{{ slug }}"><img src="/media/{{ slug }}.svg" alt="{{ title }}" width="400" height="400">
<h2>{{ title }}</h2></a><p class="price">€{{ "%.2f"|format(price / 100) }}</p>
<form method="post" action="/cart/lines"><input type="hidden" name="sku" value="{{ sku }}">
<button type="submit">Add to cart</button></form></article>
{% endfor %}</div></main></body></html>"""
)

QUERY = "SELECT sku, slug, title, price FROM product WHERE category = ? ORDER BY title LIMIT ?"


def build(path: str, products: int) -> None:
    """A catalog of `products` rows spread over CATEGORIES categories, indexed as queried."""
    with sqlite3.connect(path) as db:
        db.execute(
            "CREATE TABLE product (sku TEXT PRIMARY KEY, slug TEXT, title TEXT,"
            " price INTEGER, category TEXT)"
        )
        db.execute("CREATE INDEX product_by_category ON product (category, title)")
        db.executemany(
            "INSERT INTO product VALUES (?, ?, ?, ?, ?)",
            (
                (f"SKU-{n:05}", f"product-{n}", f"Product {n}", 1000 + n, f"c{n % CATEGORIES}")
                for n in range(products)
            ),
        )


app = Flask(__name__)
_local = threading.local()


def _connection() -> sqlite3.Connection:
    if not hasattr(_local, "db"):
        _local.db = sqlite3.connect(os.environ["CEILING_DB"])
    return _local.db  # type: ignore[no-any-return]


@app.get("/c/<category>")
def category(category: str) -> str:
    products = _connection().execute(QUERY, (category, PAGE)).fetchall()
    return TEMPLATE.render(category=category, products=products)
