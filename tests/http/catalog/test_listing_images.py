"""A listing's first row is what a phone paints first: its pictures are fetched at once,
the rest only as the shopper scrolls to them."""

import re

from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from storefront.catalog.models import ProductImage
from tests.factories import make_category, make_product


def test_the_first_row_loads_at_once_and_the_rest_lazily(
    client: FlaskClient, session: Session
) -> None:
    tents = make_category(session, "Tents", slug="tents")
    for n in range(5):
        product = make_product(session, f"Tent {n}", category=tents)
        session.add(ProductImage(product=product, path=f"products/tent-{n}.svg", alt=f"Tent {n}"))
    session.commit()
    images = re.findall(r"<img [^>]*>", client.get("/c/tents").text)
    assert len(images) == 5
    assert all('fetchpriority="high"' in i and "lazy" not in i for i in images[:2])
    assert all('loading="lazy"' in i and "fetchpriority" not in i for i in images[2:])
