"""Geocoding chain with fakes, and the offline gazetteer: names, ambiguity, spellings, postcodes."""

from __future__ import annotations

import pytest

from storefront.stores import geo
from storefront.stores.gazetteer import Gazetteer, Place, default_gazetteer, normalise

LYON = Place("Lyon", "Auvergne-Rhône-Alpes", "FR", 45.75, 4.85)


class FakeGeocoder:
    def __init__(self, places: list[Place] | None = None, fails: bool = False) -> None:
        self.places, self.fails = places or [], fails
        self.asked: list[str] = []

    def locate(self, query: str) -> list[Place]:
        self.asked.append(query)
        if self.fails:
            raise TimeoutError("no answer in 2 s")
        return self.places


def test_chain_uses_the_first_answer() -> None:
    first, second = FakeGeocoder([LYON]), FakeGeocoder([Place("X", "", "FR", 0, 0)])
    assert geo.ChainGeocoder([first, second]).locate("Lyon") == [LYON]
    assert second.asked == []


def test_chain_falls_back_on_failure_and_on_no_answer() -> None:
    failing, empty, last = FakeGeocoder(fails=True), FakeGeocoder(), FakeGeocoder([LYON])
    assert geo.ChainGeocoder([failing, empty, last]).locate("Lyon") == [LYON]
    assert failing.asked == empty.asked == ["Lyon"]


def test_default_chain_is_offline() -> None:
    chain = geo.make_geocoder("")
    assert [type(g) for g in chain.geocoders] == [geo.GazetteerGeocoder]
    assert chain.locate("Lyon")[0].country == "FR"


def test_configured_service_goes_first() -> None:
    chain = geo.make_geocoder("nominatim", "cairn-tests")
    assert isinstance(chain.geocoders[0], geo.GeopyGeocoder)
    assert isinstance(chain.geocoders[-1], geo.GazetteerGeocoder)


def test_resolve_suggests_near_spellings_when_unknown() -> None:
    chain = geo.ChainGeocoder([FakeGeocoder(), geo.GazetteerGeocoder()])
    found = geo.resolve(chain, "Lyonn")
    assert found.found is None and "Lyon" in found.suggestions


def test_distance() -> None:
    assert geo.distance_km(48.8534, 2.3488, 45.7491, 4.8479) == pytest.approx(392, abs=3)
    assert geo.distance_km(45.0, 4.0, 45.0, 4.0) == 0


@pytest.mark.parametrize(
    ("name", "key"),
    [("Saint-Étienne", "saint etienne"), ("St Étienne", "saint etienne"), ("L'Haÿ", "l hay")],
)
def test_normalise(name: str, key: str) -> None:
    assert normalise(name) == key


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return default_gazetteer()


def test_city(gazetteer: Gazetteer) -> None:
    (lyon,) = gazetteer.lookup("lyon").places
    assert (lyon.name, lyon.country) == ("Lyon", "FR")
    assert lyon.lat == pytest.approx(45.75, abs=0.05)


def test_ambiguous_name_home_countries_first(gazetteer: Gazetteer) -> None:
    places = gazetteer.lookup("Paris").places
    assert places[0].country == "FR" and places[0].population > 1_000_000
    assert any(p.country == "US" and p.admin == "Texas" for p in places)


def test_many_namesakes(gazetteer: Gazetteer) -> None:
    assert len(gazetteer.lookup("Saint-Julien").places) > 2


def test_local_spellings(gazetteer: Gazetteer) -> None:
    assert gazetteer.lookup("Bruxelles").places[0].country == "BE"
    assert gazetteer.lookup("genève").places[0].country == "CH"


def test_unknown_name_suggests(gazetteer: Gazetteer) -> None:
    found = gazetteer.lookup("Marseile")
    assert found.places == [] and "Marseille" in found.suggestions
    assert gazetteer.lookup("qqqqqqqq").suggestions == []


@pytest.mark.parametrize(
    ("code", "country", "city"),
    [("69003", "FR", "Lyon"), ("F-75001", "FR", "Paris"), ("CH-1000", "CH", "Lausanne"),
     ("B-1000", "BE", "Bruxelles"), ("L-1111", "LU", "Luxembourg")],
)  # fmt: skip
def test_postcodes(gazetteer: Gazetteer, code: str, country: str, city: str) -> None:
    place = gazetteer.lookup(code).places[0]
    assert (place.kind, place.country, place.name) == ("postcode", country, city)


def test_four_digit_postcode_may_be_in_several_countries(gazetteer: Gazetteer) -> None:
    assert {p.country for p in gazetteer.lookup("1000").places} >= {"BE", "CH"}


def test_every_french_department_has_postcodes(gazetteer: Gazetteer) -> None:
    departments = {code[:2] for code in gazetteer.by_postcode if len(code) == 5}
    assert {"01", "13", "20", "69", "75", "95"} <= departments
