"""Which variant a product page shows, and how its size and colour pickers look."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from storefront.catalog.models import Variant
from storefront.catalog.rules import size_key


@dataclass(frozen=True)
class Option:
    value: str
    selected: bool
    exists: bool  # a variant with this value and the other chosen attribute exists
    in_stock: bool  # ...and it can be sold; out-of-stock options stay selectable


@dataclass(frozen=True)
class VariantChoice:
    variant: Variant
    sizes: list[Option]
    colours: list[Option]
    chosen: bool  # the shopper picked this variant (a size, a colour or a SKU), not the page


def choose_variant(
    variants: Sequence[Variant],
    sellable: Collection[int],
    *,
    sku: str | None = None,
    size: str | None = None,
    colour: str | None = None,
) -> VariantChoice:
    """The variant the shopper asked for, or the closest one that exists.

    Asking for a size the chosen colour does not come in keeps the size and changes the
    colour, because shoppers pick their size first; with nothing asked, the first variant
    in stock is shown so the page opens on something that can be bought. A product sold in
    one version only has nothing to choose, so its variant never counts as chosen.
    """
    by_sku = {v.sku: v for v in variants}
    chosen = by_sku.get(sku or "")
    if chosen is None:
        ranked = sorted(
            variants,
            key=lambda v: (
                v.size != size if size else False,
                v.colour != colour if colour else False,
                v.id not in sellable,
                v.position,
            ),
        )
        chosen = ranked[0]

    def options(attribute: str, other: str) -> list[Option]:
        values = sorted(
            {getattr(v, attribute) for v in variants} - {None},
            key=size_key if attribute == "size" else str.casefold,
        )
        result = []
        for value in values:
            matches = [
                v
                for v in variants
                if getattr(v, attribute) == value and getattr(v, other) == getattr(chosen, other)
            ]
            result.append(
                Option(
                    value=value,
                    selected=getattr(chosen, attribute) == value,
                    exists=bool(matches),
                    in_stock=any(v.id in sellable for v in matches),
                )
            )
        return result

    asked = chosen.sku == sku or bool(size or colour)
    return VariantChoice(
        variant=chosen,
        sizes=options("size", "colour"),
        colours=options("colour", "size"),
        chosen=asked and len(variants) > 1,
    )
