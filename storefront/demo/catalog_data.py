"""Demo catalog lines, built deterministically: product i is the same whatever the count."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from storefront.catalog import gtin
from storefront.demo.families import COLOURS, EDITIONS, FAMILIES, MODELS, Family
from storefront.importing import Row, slugify

GTIN_PREFIX = "3760"  # GS1 France range, made-up company; 8 digits of product and variant
PROMOTION_SHARE = 0.18


@dataclass(frozen=True)
class ImageSpec:
    path: str  # under media/, as ProductImage.path
    shape: str
    colour: str  # hex
    seed: int


@dataclass
class DemoCatalog:
    rows: list[Row] = field(default_factory=list)
    images: list[ImageSpec] = field(default_factory=list)
    skus_by_product: dict[str, list[str]] = field(default_factory=dict)
    shape_of: dict[str, str] = field(default_factory=dict)  # product key -> shape
    category_of: dict[str, str] = field(default_factory=dict)  # product key -> category path


def product_key(index: int) -> str:
    return f"demo-{index:05d}"


def build_catalog(count: int) -> DemoCatalog:
    """Catalog lines for ``count`` products, in the format of a catalog import file.

    Families are dealt in a fixed weighted rotation and each product draws from its own
    seeded generator, so ``--products 2000`` extends the default 420 rather than
    reshuffling it, and a second load finds every SKU unchanged.
    """
    rotation = [i for i, fam in enumerate(FAMILIES) for _ in range(fam.weight)]
    random.Random("storefront-demo").shuffle(rotation)
    seen = [0] * len(FAMILIES)
    catalog = DemoCatalog()
    for index in range(count):
        family_index = rotation[index % len(rotation)]
        _add_product(catalog, index, FAMILIES[family_index], seen[family_index])
        seen[family_index] += 1
    return catalog


def _add_product(catalog: DemoCatalog, index: int, family: Family, nth: int) -> None:
    rng = random.Random(f"storefront-demo:{index}")
    model = MODELS[nth % len(MODELS)] + EDITIONS[(nth // len(MODELS)) % len(EDITIONS)]
    brand = rng.choice(family.brands)
    title = f"{brand} {model} {family.noun}"
    key = product_key(index)
    price, compare_at = _prices(rng, family)
    start = rng.randrange(len(family.sizes) - family.span + 1)
    sizes = family.sizes[start : start + family.span]
    colours = rng.sample(family.colours, k=min(len(family.colours), rng.choice((1, 1, 2, 2, 3))))
    description = _description(rng, family, model)
    catalog.skus_by_product[key] = []
    catalog.shape_of[key] = family.shape
    catalog.category_of[key] = family.category
    position = 0
    for colour in colours:
        image = f"products/{key}-{slugify(colour)}.svg"
        catalog.images.append(ImageSpec(image, family.shape, COLOURS[colour], index))
        for size in sizes:
            sku = f"{family.code}-{index:05d}-{slugify(colour)[:4].upper()}"
            sku += f"-{slugify(size).upper()}" if size else ""
            body = f"{GTIN_PREFIX}{index * 100 + position:08d}"
            catalog.rows.append(
                {
                    "sku": sku,
                    "product": key,
                    "title": title,
                    "category": family.category,
                    "brand": brand,
                    "description": description,
                    "price": price,
                    "compare_at_price": compare_at,
                    "currency": "EUR",
                    "gtin": body + str(gtin.check_digit(body)),
                    "size": size,
                    "colour": colour,
                    "image": image,
                }
            )
            catalog.skus_by_product[key].append(sku)
            position += 1


def _prices(rng: random.Random, family: Family) -> tuple[str, str]:
    """Shelf prices as shops set them: 89.99 below 300 EUR, 1299.00 above; some on promotion."""
    low, high = family.price
    euros = round(low + (high - low) * rng.random() ** 1.6)
    price = _shelf(euros)
    if rng.random() >= PROMOTION_SHARE:
        return price, ""
    return price, _shelf(round(euros * rng.uniform(1.15, 1.45)) + 1)


def _shelf(euros: int) -> str:
    if euros >= 300:
        return f"{round(euros, -1) - 1}.00"
    return f"{max(euros, 10) - 1}.99"


def _description(rng: random.Random, family: Family, model: str) -> str:
    features = rng.sample(family.features, k=min(2, len(family.features)))
    return f"The {model} is a {family.noun} made for {family.use}. " + " ".join(features)
