"""schema.org Product markup for search engines, as JSON safe to embed in a script tag."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from flask import url_for
from markupsafe import Markup

from storefront.money import to_major

if TYPE_CHECKING:
    from storefront.browse.queries import ProductPage

IN_STOCK = "https://schema.org/InStock"
OUT_OF_STOCK = "https://schema.org/OutOfStock"


def product_json_ld(page: ProductPage) -> Markup:
    product, variant = page.product, page.choice.variant
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Product",
        "name": product.name,
        "description": product.description,
        "sku": variant.sku,
        "url": url_for("catalog.product", slug=product.slug, _external=True),
        "image": [url_for("media", filename=i.path, _external=True) for i in product.images],
        "offers": {
            "@type": "Offer",
            "price": str(to_major(variant.price_amount, variant.currency)),
            "priceCurrency": variant.currency,
            "availability": IN_STOCK if page.availability.online > 0 else OUT_OF_STOCK,
        },
    }
    if variant.gtin:
        data["gtin"] = variant.gtin
    if product.brand:
        data["brand"] = {"@type": "Brand", "name": product.brand.name}
    encoded = json.dumps(data, ensure_ascii=False)
    # "</script>" inside a string would end the element: escape the characters HTML reads.
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        encoded = encoded.replace(char, escape)
    return Markup(encoded)
