from storefront.catalog.models import Variant
from storefront.catalog.variants import choose_variant


def variants() -> list[Variant]:
    specs = [("42", "Red"), ("43", "Red"), ("42", "Blue")]
    return [
        Variant(id=i, sku=f"S{i}", size=size, colour=colour, price_amount=1000, position=i)
        for i, (size, colour) in enumerate(specs)
    ]


def test_the_page_opens_on_the_first_variant_in_stock() -> None:
    choice = choose_variant(variants(), sellable={2})
    assert choice.variant.sku == "S2"


def test_an_exact_size_and_colour_wins_and_sku_overrides_both() -> None:
    vs = variants()
    assert choose_variant(vs, set(), size="43", colour="Red").variant.sku == "S1"
    assert choose_variant(vs, set(), sku="S2", size="43").variant.sku == "S2"


def test_a_size_missing_in_the_colour_keeps_the_size_and_changes_the_colour() -> None:
    choice = choose_variant(variants(), set(), size="43", colour="Blue")
    assert (choice.variant.size, choice.variant.colour) == ("43", "Red")


def test_options_say_which_combinations_exist_and_are_in_stock() -> None:
    choice = choose_variant(variants(), sellable={0}, size="42", colour="Red")
    sizes = {o.value: (o.selected, o.exists, o.in_stock) for o in choice.sizes}
    colours = {o.value: (o.selected, o.exists, o.in_stock) for o in choice.colours}
    assert sizes == {"42": (True, True, True), "43": (False, True, False)}
    assert colours == {"Blue": (False, True, False), "Red": (True, True, True)}
