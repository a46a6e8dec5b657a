"""Geocoding behind one small protocol, and distances: the only module that imports geopy."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from geopy.distance import great_circle

from storefront.stores.gazetteer import Gazetteer, Place, default_gazetteer, normalise

log = logging.getLogger(__name__)

MAX_QUERY = 120  # longer than any place name or postcode: refused before any lookup
TIMEOUT_SECONDS = 2.0

__all__ = ["Geocoder", "Place", "Resolution", "distance_km", "make_geocoder", "resolve"]


class Geocoder(Protocol):
    def locate(self, query: str) -> list[Place]:
        """Places matching the query, best first; [] when unknown; raises on an outage."""
        ...


@dataclass(frozen=True)
class Resolution:
    """The outcome of a search: places (more than one: ambiguous) or near spellings."""

    query: str
    places: list[Place] = field(default_factory=list)
    suggestions: list[str] = field(default_factory=list)

    @property
    def found(self) -> Place | None:
        return self.places[0] if self.places else None

    @property
    def ambiguous(self) -> bool:
        return len(self.places) > 1


class GazetteerGeocoder:
    """The offline gazetteer: always there, no network, answers in well under a millisecond."""

    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        self._gazetteer = gazetteer

    @property
    def gazetteer(self) -> Gazetteer:
        if self._gazetteer is None:
            self._gazetteer = default_gazetteer()
        return self._gazetteer

    def locate(self, query: str) -> list[Place]:
        return self.gazetteer.lookup(query).places

    def suggest(self, query: str) -> list[str]:
        return self.gazetteer.suggest(normalise(query))


class GeopyGeocoder:
    """An online geocoder an operator opted into; errors propagate so the chain falls back."""

    def __init__(self, service: str, user_agent: str, timeout: float = TIMEOUT_SECONDS) -> None:
        from geopy.geocoders import get_geocoder_for_service

        self._geocoder = get_geocoder_for_service(service)(user_agent=user_agent, timeout=timeout)

    def locate(self, query: str) -> list[Place]:
        found = self._geocoder.geocode(query, exactly_one=False, limit=5) or []
        return [
            Place(
                name=location.address.split(",")[0],
                admin=", ".join(location.address.split(",")[1:3]).strip(),
                country="",
                lat=location.latitude,
                lon=location.longitude,
            )
            for location in found
        ]


class ChainGeocoder:
    """Ask each geocoder in turn; the first non-empty answer wins, a failure moves on."""

    def __init__(self, geocoders: Sequence[Geocoder]) -> None:
        self.geocoders = list(geocoders)

    def locate(self, query: str) -> list[Place]:
        for geocoder in self.geocoders:
            try:
                places = geocoder.locate(query)
            except Exception as exc:  # a timeout or an outage must not break the locator
                log.warning("geocoder %s failed: %s", type(geocoder).__name__, exc)
                continue
            if places:
                return places
        return []


def make_geocoder(service: str = "", user_agent: str = "cairn-storefront") -> ChainGeocoder:
    """The offline gazetteer, preceded by a geopy service (e.g. "nominatim") if configured."""
    chain: list[Geocoder] = []
    if service:
        chain.append(GeopyGeocoder(service, user_agent))
    chain.append(GazetteerGeocoder())
    return ChainGeocoder(chain)


def resolve(geocoder: Geocoder, query: str) -> Resolution:
    """Locate a typed place; when nothing matches, suggest near spellings from the gazetteer."""
    query = query.strip()
    places = geocoder.locate(query)
    if places:
        return Resolution(query, places=places)
    suggester = next(
        (g for g in getattr(geocoder, "geocoders", [geocoder]) if isinstance(g, GazetteerGeocoder)),
        None,
    )
    return Resolution(query, suggestions=suggester.suggest(query) if suggester else [])


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance: within 0.5 % of geodesic, and several times faster to rank with."""
    return float(great_circle((lat1, lon1), (lat2, lon2)).km)
