"""The one event record shared by every stage, the store, the API and the exports.

Field names and shapes follow ../SCHEMA.md (ACLED and UCDP GED names where they exist).
`Event.to_dict()` is the JSON record users script against; `Event.from_dict()` reads it back.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any

EVENT_TYPES: dict[str, tuple[str, ...]] = {
    "Battles": ("Armed clash", "Government regains territory", "Non-state actor overtakes territory"),
    "Explosions/Remote violence": (
        "Chemical weapon", "Air/drone strike", "Suicide bomb", "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED", "Grenade",
    ),
    "Violence against civilians": ("Sexual violence", "Attack", "Abduction/forced disappearance"),
    "Protests": ("Peaceful protest", "Protest with intervention", "Excessive force against protesters"),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": (
        "Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
        "Headquarters or base established", "Looting/property destruction",
        "Non-violent transfer of territory", "Other",
    ),
}
SUB_EVENT_PARENT = {sub: parent for parent, subs in EVENT_TYPES.items() for sub in subs}

ACTOR_TYPES = (
    "State forces", "Rebel groups", "Political militias", "Identity militias",
    "Rioters", "Protesters", "Civilians", "External/Other forces",
)
# ACLED's inter codes 1-8, in the order above.
ACTOR_TYPE_CODE = {name: i + 1 for i, name in enumerate(ACTOR_TYPES)}


@dataclass(frozen=True)
class Plover:
    type: str
    mode: str | None = None


@dataclass(frozen=True)
class Actor:
    name: str
    type: str | None = None
    country: str | None = None  # ISO3


@dataclass(frozen=True)
class Location:
    name: str
    country: str | None = None
    iso3: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int = 1
    geonameid: int | None = None
    admin1: str | None = None


@dataclass(frozen=True)
class Evidence:
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Source:
    article_id: str
    url: str | None = None
    source: str | None = None
    published: str | None = None


@dataclass
class Event:
    event_id: str
    article_id: str
    event_type: str
    sub_event_type: str
    evidence: Evidence
    plover: Plover | None = None
    date: str | None = None
    time_precision: int = 1
    actor1: Actor | None = None
    actor2: Actor | None = None
    location: Location | None = None
    fatalities: int = 0
    fatalities_low: int | None = None
    fatalities_high: int | None = None
    injured: int | None = None
    displaced: int | None = None
    arrested: int | None = None
    claimed_by: str | None = None
    confidence: float = 0.5
    sources: list[Source] = field(default_factory=list)

    # Column order of the JSON record (SCHEMA.md).
    FIELD_ORDER = (
        "event_id", "article_id", "event_type", "sub_event_type", "plover", "date",
        "time_precision", "actor1", "actor2", "location", "fatalities", "fatalities_low",
        "fatalities_high", "injured", "displaced", "arrested", "claimed_by", "evidence",
        "confidence", "sources",
    )

    def to_dict(self) -> dict[str, Any]:
        raw = asdict(self)
        return {key: raw[key] for key in self.FIELD_ORDER}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Event":
        def sub(kind, value):
            return kind(**value) if isinstance(value, dict) else value

        known = {f.name for f in fields(cls)}
        kwargs = {k: v for k, v in data.items() if k in known}
        kwargs["evidence"] = sub(Evidence, data["evidence"])
        for key, kind in (("plover", Plover), ("actor1", Actor), ("actor2", Actor), ("location", Location)):
            kwargs[key] = sub(kind, data.get(key))
        kwargs["sources"] = [sub(Source, s) for s in data.get("sources") or []]
        return cls(**kwargs)


@dataclass
class Article:
    """One input article, before or after cleaning."""

    id: str
    text: str | None = None
    html: str | None = None
    published: str | None = None  # ISO date
    title: str | None = None
    url: str | None = None
    source: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)
