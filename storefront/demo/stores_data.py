"""Demo stores at real city locations in France and its neighbours, and one warehouse."""

from __future__ import annotations

from dataclasses import dataclass

from storefront.importing import Row

CITY = "Mon-Sat 10:00-19:30"
LATE_THURSDAY = "Mon-Wed 10:00-19:30; Thu 10:00-21:00; Fri-Sat 10:00-19:30"
SUNDAYS = "Mon-Sat 10:00-20:00; Sun 11:00-19:00"
MALL = "Mon-Sat 09:30-20:00"
SMALL_TOWN = "Mon 14:00-19:00; Tue-Sat 10:00-12:30,13:30-19:00"
MOUNTAIN = "Mon-Sat 08:30-12:30,14:00-19:30; Sun 08:30-12:30"
BELGIUM = "Mon-Sat 10:00-18:30"
SWITZERLAND = "Mon-Wed 09:00-19:00; Thu 09:00-21:00; Fri 09:00-19:00; Sat 09:00-18:00"
LUXEMBOURG = "Mon-Fri 10:00-19:00; Sat 09:00-18:00"
WAREHOUSE_HOURS = "Mon-Fri 06:00-21:00; Sat 07:00-13:00"

TIMEZONES = {
    "FR": "Europe/Paris",
    "BE": "Europe/Brussels",
    "CH": "Europe/Zurich",
    "LU": "Europe/Luxembourg",
}
DIALLING = {
    "FR": "+33 {a} {b} {c} {d} 00",
    "BE": "+32 2 {b}{a} {c} {d}",
    "CH": "+41 {a}2 {b}{a} {c} {d}",
    "LU": "+352 {b} {c} {d}",
}
CLOSURES = {
    "FR": "2026-12-24 10:00-17:00 Christmas Eve; 2026-12-25 closed Christmas Day; "
    "2026-12-31 10:00-17:00 New Year's Eve; 2027-01-01 closed New Year's Day; "
    "2027-05-01 closed Labour Day",
    "BE": "2026-12-25 closed Christmas Day; 2027-01-01 closed New Year's Day; "
    "2027-07-21 closed National Day",
    "CH": "2026-12-25 closed Christmas Day; 2026-12-26 closed St Stephen's Day; "
    "2027-01-01 closed New Year's Day; 2027-08-01 closed Swiss National Day",
    "LU": "2026-12-25 closed Christmas Day; 2026-12-26 closed St Stephen's Day; "
    "2027-01-01 closed New Year's Day; 2027-06-23 closed National Day",
}
EXTRA_CLOSURES = {
    "STR-KLE": "2026-12-26 closed St Stephen's Day (Alsace)",
    "MLH-PJE": "2026-12-26 closed St Stephen's Day (Alsace)",
    "MTZ-MUS": "2026-12-26 closed St Stephen's Day (Moselle)",
    "GNB-GPL": "2027-01-12 closed Stocktaking",
    "LIL-EUR": "2027-02-03 14:00-19:30 Refit, opening in the afternoon",
}
FLAGSHIP = ("pickup", "kiosk", "repair")
MOUNTAIN_SERVICES = ("pickup", "repair", "rental")
RENTAL = MOUNTAIN_SERVICES
PICKUP = ("pickup",)
PICKUP_REPAIR = ("pickup", "repair")
CARRIES = {"L": 0.3, "M": 0.2, "S": 0.12}  # share of the catalog a store keeps on its shelves


@dataclass(frozen=True)
class DemoStore:
    code: str
    name: str
    address: str
    postcode: str
    city: str
    country: str
    latitude: float
    longitude: float
    hours: str
    services: tuple[str, ...]
    size: str  # L, M or S


STORES = (
    DemoStore("PAR-RIV", "Paris Rivoli", "120 rue de Rivoli",
              "75001", "Paris", "FR", 48.8606, 2.3439, SUNDAYS, FLAGSHIP, "L"),
    DemoStore("PAR-MTP", "Paris Montparnasse", "12 rue de l'Arrivée",
              "75015", "Paris", "FR", 48.8421, 2.3219, LATE_THURSDAY, FLAGSHIP, "L"),
    DemoStore("PAR-BAS", "Paris Bastille", "4 rue du Faubourg Saint-Antoine",
              "75011", "Paris", "FR", 48.8532, 2.3711, CITY, PICKUP_REPAIR, "M"),
    DemoStore("PAR-WAG", "Paris Wagram", "52 avenue de Wagram",
              "75017", "Paris", "FR", 48.8800, 2.2978, CITY, PICKUP, "M"),
    DemoStore("PAR-ITA", "Paris Italie", "30 avenue d'Italie",
              "75013", "Paris", "FR", 48.8303, 2.3556, SUNDAYS, PICKUP, "M"),
    DemoStore("PUT-DEF", "La Défense", "15 parvis de la Défense",
              "92800", "Puteaux", "FR", 48.8920, 2.2360, MALL, FLAGSHIP, "L"),
    DemoStore("LYS-PDI", "Lyon Part-Dieu", "17 rue du Docteur Bouchut",
              "69003", "Lyon", "FR", 45.7606, 4.8593, LATE_THURSDAY, FLAGSHIP, "L"),
    DemoStore("LYS-CON", "Lyon Confluence", "112 cours Charlemagne",
              "69002", "Lyon", "FR", 45.7410, 4.8177, MALL, PICKUP_REPAIR, "M"),
    DemoStore("MRS-VPT", "Marseille Vieux-Port", "10 quai du Port",
              "13002", "Marseille", "FR", 43.2965, 5.3698, CITY, FLAGSHIP, "L"),
    DemoStore("MRS-VAL", "Marseille La Valentine", "Route de la Sablière",
              "13011", "Marseille", "FR", 43.2936, 5.4833, MALL, PICKUP, "M"),
    DemoStore("LIL-EUR", "Lille Euralille", "1 place François Mitterrand",
              "59000", "Lille", "FR", 50.6372, 3.0710, LATE_THURSDAY, FLAGSHIP, "L"),
    DemoStore("BOD-STC", "Bordeaux Sainte-Catherine", "45 rue Sainte-Catherine",
              "33000", "Bordeaux", "FR", 44.8378, -0.5742, CITY, FLAGSHIP, "L"),
    DemoStore("MRG-SOL", "Mérignac Soleil", "Avenue de la Somme",
              "33700", "Mérignac", "FR", 44.8386, -0.6436, MALL, PICKUP, "M"),
    DemoStore("TLS-CAP", "Toulouse Capitole", "5 rue du Taur",
              "31000", "Toulouse", "FR", 43.6045, 1.4440, LATE_THURSDAY, FLAGSHIP, "L"),
    DemoStore("BLG-AER", "Blagnac Aéroconstellation", "2 allée Émile Zola",
              "31700", "Blagnac", "FR", 43.6470, 1.3790, MALL, PICKUP, "S"),
    DemoStore("NTE-COM", "Nantes Commerce", "2 place du Commerce",
              "44000", "Nantes", "FR", 47.2130, -1.5580, CITY, FLAGSHIP, "L"),
    DemoStore("SHB-ATL", "Atlantis", "Boulevard Salvador Allende",
              "44800", "Saint-Herblain", "FR", 47.2240, -1.6330, MALL, PICKUP, "M"),
    DemoStore("STR-KLE", "Strasbourg Kléber", "1 place Kléber",
              "67000", "Strasbourg", "FR", 48.5833, 7.7458, LATE_THURSDAY, FLAGSHIP, "L"),
    DemoStore("NCE-MAS", "Nice Masséna", "12 avenue Jean Médecin",
              "06000", "Nice", "FR", 43.7009, 7.2683, SUNDAYS, PICKUP_REPAIR, "M"),
    DemoStore("MPL-ODY", "Montpellier Odysseum", "2 place de Lisbonne",
              "34000", "Montpellier", "FR", 43.6045, 3.9200, MALL, FLAGSHIP, "L"),
    DemoStore("RNS-COL", "Rennes Colombia", "Centre Colombia, place du Colombier",
              "35000", "Rennes", "FR", 48.1040, -1.6780, CITY, PICKUP_REPAIR, "M"),
    DemoStore("GNB-GPL", "Grenoble Grand'Place", "55 Grand'Place",
              "38100", "Grenoble", "FR", 45.1580, 5.7320, MALL, MOUNTAIN_SERVICES, "L"),
    DemoStore("DIJ-TOI", "Dijon Toison d'Or", "Route de Langres",
              "21000", "Dijon", "FR", 47.3530, 5.0560, MALL, PICKUP, "M"),
    DemoStore("ANN-COU", "Annecy Courier", "10 rue de la Gare",
              "74000", "Annecy", "FR", 45.9020, 6.1220, CITY, MOUNTAIN_SERVICES, "M"),
    DemoStore("CHX-CTR", "Chamonix Mont-Blanc", "45 rue Joseph Vallot",
              "74400", "Chamonix-Mont-Blanc", "FR", 45.9237, 6.8694, MOUNTAIN, RENTAL, "S"),
    DemoStore("CFE-JAU", "Clermont-Ferrand Jaude", "Centre Jaude, place de Jaude",
              "63000", "Clermont-Ferrand", "FR", 45.7772, 3.0820, CITY, PICKUP_REPAIR, "M"),
    DemoStore("TUF-NAT", "Tours Nationale", "70 rue Nationale",
              "37000", "Tours", "FR", 47.3930, 0.6880, SMALL_TOWN, PICKUP, "S"),
    DemoStore("RHE-VES", "Reims Vesle", "5 rue de Vesle",
              "51100", "Reims", "FR", 49.2540, 4.0300, SMALL_TOWN, PICKUP, "S"),
    DemoStore("MTZ-MUS", "Metz Muse", "Rue de la Gare",
              "57000", "Metz", "FR", 49.1100, 6.1780, MALL, PICKUP, "M"),
    DemoStore("NCY-STS", "Nancy Saint-Sébastien", "Place des Vosges",
              "54000", "Nancy", "FR", 48.6880, 6.1800, CITY, PICKUP, "M"),
    DemoStore("URO-DOC", "Rouen Docks 76", "Boulevard Ferdinand de Lesseps",
              "76000", "Rouen", "FR", 49.4470, 1.0730, MALL, PICKUP_REPAIR, "M"),
    DemoStore("CFR-STJ", "Caen Saint-Jean", "60 rue Saint-Jean",
              "14000", "Caen", "FR", 49.1810, -0.3630, SMALL_TOWN, PICKUP, "S"),
    DemoStore("BES-SIA", "Brest Siam", "30 rue de Siam",
              "29200", "Brest", "FR", 48.3880, -4.4880, SMALL_TOWN, PICKUP, "S"),
    DemoStore("ANE-FOC", "Angers Foch", "14 boulevard Foch",
              "49100", "Angers", "FR", 47.4700, -0.5520, CITY, PICKUP, "S"),
    DemoStore("ORL-ARC", "Orléans Place d'Arc", "Rue Alsace-Lorraine",
              "45000", "Orléans", "FR", 47.9070, 1.9040, CITY, PICKUP, "S"),
    DemoStore("LIG-STM", "Limoges Saint-Martial", "Centre Saint-Martial",
              "87000", "Limoges", "FR", 45.8330, 1.2590, SMALL_TOWN, PICKUP, "S"),
    DemoStore("PGF-ARA", "Perpignan Arago", "Place Arago",
              "66000", "Perpignan", "FR", 42.6990, 2.8950, CITY, PICKUP, "S"),
    DemoStore("TLN-MAY", "Toulon Mayol", "Rue du Docteur Fontan",
              "83000", "Toulon", "FR", 43.1200, 5.9370, MALL, PICKUP, "M"),
    DemoStore("QXB-ALP", "Allées Provençales", "Avenue Giuseppe Verdi",
              "13100", "Aix-en-Provence", "FR", 43.5260, 5.4460, LATE_THURSDAY, PICKUP_REPAIR, "M"),
    DemoStore("EBU-CTD", "Centre Deux", "Rue des Docteurs Charcot",
              "42000", "Saint-Étienne", "FR", 45.4400, 4.3950, CITY, PICKUP, "S"),
    DemoStore("BSN-GRA", "Besançon Granvelle", "Promenade Granvelle",
              "25000", "Besançon", "FR", 47.2370, 6.0240, SMALL_TOWN, PICKUP, "S"),
    DemoStore("MLH-PJE", "Mulhouse Porte Jeune", "Place Porte Jeune",
              "68100", "Mulhouse", "FR", 47.7470, 7.3370, CITY, PICKUP, "S"),
    DemoStore("PUF-BOS", "Pau Bosquet", "Cours Bosquet",
              "64000", "Pau", "FR", 43.2950, -0.3700, SMALL_TOWN, MOUNTAIN_SERVICES, "S"),
    DemoStore("BIQ-BAY", "Bayonne Thiers", "Rue Thiers",
              "64100", "Bayonne", "FR", 43.4930, -1.4750, CITY, PICKUP_REPAIR, "S"),
    DemoStore("AVN-CSU", "Avignon Cap Sud", "Avenue de Fontcouverte",
              "84000", "Avignon", "FR", 43.9220, 4.8480, MALL, PICKUP, "S"),
    DemoStore("BRU-LOU", "Brussels Louise", "Avenue Louise 20",
              "1050", "Brussels", "BE", 50.8330, 4.3600, BELGIUM, FLAGSHIP, "L"),
    DemoStore("BRU-WOL", "Woluwe", "Rue Saint-Lambert 200",
              "1200", "Brussels", "BE", 50.8460, 4.4270, BELGIUM, PICKUP, "M"),
    DemoStore("ANR-MEI", "Antwerp Meir", "Meir 50",
              "2000", "Antwerp", "BE", 51.2180, 4.4080, BELGIUM, PICKUP_REPAIR, "M"),
    DemoStore("GNE-VEL", "Ghent Veldstraat", "Veldstraat 40",
              "9000", "Ghent", "BE", 51.0520, 3.7220, BELGIUM, PICKUP, "S"),
    DemoStore("LGG-GUI", "Liège Guillemins", "Place des Guillemins 2",
              "4000", "Liège", "BE", 50.6240, 5.5670, BELGIUM, PICKUP, "M"),
    DemoStore("NAM-FER", "Namur Rue de Fer", "Rue de Fer 20",
              "5000", "Namur", "BE", 50.4660, 4.8650, BELGIUM, PICKUP, "S"),
    DemoStore("GVA-RIV", "Geneva Rive", "Rue de Rive 8",
              "1204", "Geneva", "CH", 46.2020, 6.1500, SWITZERLAND, FLAGSHIP, "L"),
    DemoStore("LSN-FLO", "Lausanne Flon", "Voie du Chariot 4",
              "1003", "Lausanne", "CH", 46.5210, 6.6300, SWITZERLAND, PICKUP_REPAIR, "M"),
    DemoStore("LUX-KIR", "Luxembourg Kirchberg", "Avenue J.F. Kennedy 45",
              "L-1855", "Luxembourg", "LU", 49.6290, 6.1680, LUXEMBOURG, PICKUP, "M"),
)  # fmt: skip
WAREHOUSE = DemoStore("WH-SQF", "Central warehouse", "ZAC de Chesnes, rue du Lemand",
                      "38070", "Saint-Quentin-Fallavier", "FR", 45.6436, 5.1128,
                      WAREHOUSE_HOURS, (), "L")  # fmt: skip


def store_rows() -> list[Row]:
    """Store lines in the format of a store import file (hours and closures as text)."""
    rows = []
    for index, store in enumerate((*STORES, WAREHOUSE)):
        closures = "; ".join(
            filter(None, (CLOSURES[store.country], EXTRA_CLOSURES.get(store.code)))
        )
        rows.append(
            {
                "code": store.code,
                "name": store.name,
                "kind": "warehouse" if store is WAREHOUSE else "shop",
                "address": store.address,
                "postcode": store.postcode,
                "city": store.city,
                "country": store.country,
                "latitude": store.latitude,
                "longitude": store.longitude,
                "timezone": TIMEZONES[store.country],
                "phone": _phone(store, index),
                "services": list(store.services),
                "hours": store.hours,
                "closures": "" if store is WAREHOUSE else closures,
            }
        )
    return rows


def _phone(store: DemoStore, index: int) -> str:
    """A made-up number in the country's format (French area digit from the postcode)."""
    area = {"7": 1, "9": 1, "6": 4, "1": 4, "3": 5, "4": 2, "5": 3, "2": 3, "8": 5}
    digit = area.get(store.postcode[0], 1) if store.country == "FR" else 2
    parts = {"a": digit, "b": 40 + index % 50, "c": 10 + index, "d": 20 + index % 70}
    return DIALLING[store.country].format(**parts)
