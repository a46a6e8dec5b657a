"""The built-in offline gazetteer: cities and postcodes shipped in data/gazetteer.tsv.gz."""

from __future__ import annotations

import difflib
import gzip
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Literal

DATA = Path(__file__).resolve().parent / "data" / "gazetteer.tsv.gz"
# The retailer's countries: their places come first when a name is shared with another country.
HOME_COUNTRIES = ("FR", "BE", "CH", "LU")
# Postcodes: "75001", "F-75001", "1000", "B-1000", "CH-1000", "L-1111".
POSTCODE = re.compile(r"^(?:(F|FR|B|BE|CH|L|LU)[- ]?)?(\d{4,5})$", re.IGNORECASE)
PREFIX_COUNTRY = {"F": "FR", "FR": "FR", "B": "BE", "BE": "BE", "CH": "CH", "L": "LU", "LU": "LU"}
SAINTS = {"st": "saint", "ste": "sainte", "sts": "saints"}

PlaceKind = Literal["city", "postcode"]


@dataclass(frozen=True)
class Place:
    """A point a shopper can search from; admin is the region, canton or state ("" if none)."""

    name: str
    admin: str
    country: str
    lat: float
    lon: float
    kind: PlaceKind = "city"
    population: int = 0
    postcode: str = ""
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Lookup:
    """What a query matched: places best first (more than one: ambiguous), else suggestions."""

    places: list[Place] = field(default_factory=list)
    suggestions: list[str] = field(default_factory=list)


def normalise(name: str) -> str:
    """Fold accents, case, hyphens and apostrophes, and "St"/"Ste": how shoppers type names."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    words = re.sub(r"[^\w]+", " ", text).split()
    return " ".join(SAINTS.get(w, w) for w in words)


@dataclass
class Gazetteer:
    """Places indexed by normalised name and by postcode, loaded once per process."""

    by_name: dict[str, list[Place]]
    by_postcode: dict[str, list[Place]]
    display: dict[str, str]  # normalised name -> the spelling of its most populous place

    @classmethod
    def from_rows(cls, places: list[Place]) -> Gazetteer:
        by_name: dict[str, list[Place]] = defaultdict(list)
        by_postcode: dict[str, list[Place]] = defaultdict(list)
        for place in places:
            if place.kind == "postcode":
                by_postcode[place.postcode].append(place)
            else:
                for name in (place.name, *place.aliases):
                    by_name[normalise(name)].append(place)
        for place in places:  # villages too small for the city list, known by a postcode
            if place.kind == "postcode" and normalise(place.name) not in by_name:
                by_name[normalise(place.name)].append(replace(place, kind="city", postcode=""))
        for key, found in by_name.items():
            by_name[key] = _distinct(sorted(found, key=_rank))
        display = {key: found[0].name for key, found in by_name.items()}
        return cls(dict(by_name), dict(by_postcode), display)

    def lookup(self, query: str) -> Lookup:
        match = POSTCODE.match(query.strip())
        if match:
            return Lookup(places=self._postcode(match.group(1), match.group(2)))
        key = normalise(query)
        if not key:
            return Lookup()
        if key in self.by_name:
            return Lookup(places=self.by_name[key])
        return Lookup(suggestions=self.suggest(key))

    def _postcode(self, prefix: str | None, code: str) -> list[Place]:
        country = PREFIX_COUNTRY.get(prefix.upper()) if prefix else None
        found = self.by_postcode.get(code, [])
        if country:
            found = [p for p in found if p.country == country]
        return sorted(found, key=_rank)

    def suggest(self, key: str, limit: int = 3) -> list[str]:
        """Near spellings; names starting with the same letter are tried first, being fast."""
        same_start = [name for name in self.by_name if name[:1] == key[:1]]
        close = difflib.get_close_matches(key, same_start, n=limit, cutoff=0.75)
        if not close:
            close = difflib.get_close_matches(key, list(self.by_name), n=limit, cutoff=0.75)
        return [self.display[name] for name in close]


def _rank(place: Place) -> tuple[bool, int]:
    return (place.country not in HOME_COUNTRIES, -place.population)


def _distinct(places: list[Place]) -> list[Place]:
    """Drop a namesake within ~5 km of a bigger one (GeoNames lists some places twice)."""
    kept: list[Place] = []
    for place in places:
        if not any(
            k.country == place.country
            and abs(k.lat - place.lat) < 0.05
            and abs(k.lon - place.lon) < 0.07
            for k in kept
        ):
            kept.append(place)
    return kept


def read_rows(path: Path = DATA) -> list[Place]:
    places = []
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            if line.startswith("#"):
                continue
            kind, name, admin, country, lat, lon, population, postcode, aliases = line.rstrip(
                "\n"
            ).split("\t")
            places.append(
                Place(
                    name=name,
                    admin=admin,
                    country=country,
                    lat=float(lat),
                    lon=float(lon),
                    kind="postcode" if kind == "postcode" else "city",
                    population=int(population),
                    postcode=postcode,
                    aliases=tuple(aliases.split("|")) if aliases else (),
                )
            )
    return places


@cache
def default_gazetteer() -> Gazetteer:
    """Loaded on first use (about 0.1 s) and kept: the file never changes while running."""
    return Gazetteer.from_rows(read_rows())
