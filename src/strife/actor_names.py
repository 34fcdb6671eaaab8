"""Actor vocabulary and names: the lexicon the actors stage matches, and ACLED-style names.

Three sources, all data:
- data/actors.tsv: words for kinds of actor ("police", "gunmen", "protesters") with a name
  pattern ("Police Forces of {country}");
- data/actor_groups.tsv: named actors of the world's conflicts with type, country and the
  ways news writes them ("al-shabaab|al shabab");
- a model folder's actors.tsv, written by `strife train` from a team's own coded events.

An alias written in lower case matches case-insensitively (on the word or its lemma); one
with a capital letter matches exactly as written ("IS", "NPA"). Bad rows of a dictionary are
reported with their line and reason, and the rest is loaded.

Naming follows ACLED: the country in a pattern is ACLED's name for it ("Military Forces of
the Philippines", "Protesters (Democratic Republic of Congo)", data/actor_countries.tsv),
and state forces acting outside their own country are External/Other forces.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Callable, Iterable

from .errors import BadInputError
from .record import ACTOR_TYPE_CODE, Actor

KIND_OF_TYPE = {
    "State forces": "state", "Rebel groups": "rebel", "Political militias": "armed", "Identity militias": "armed",
    "Rioters": "rioter", "Protesters": "protester", "Civilians": "civilian", "External/Other forces": "external",
}
ISO3 = re.compile(r"^[A-Z]{3}$")


@dataclass(frozen=True)
class LexiconEntry:
    phrase: tuple[str, ...]
    type: str
    name: str
    kind: str
    country: str | None = None   # ISO3 of a named group's home country


@dataclass
class Lexicon:
    """Phrases to entries: `words` matched in lower case (or by lemma), `cased` exactly."""

    words: dict[tuple[str, ...], LexiconEntry] = field(default_factory=dict)
    cased: dict[tuple[str, ...], LexiconEntry] = field(default_factory=dict)
    errors: list[BadInputError] = field(default_factory=list)
    branches: dict[tuple[str, str], LexiconEntry] = field(default_factory=dict)   # (group, ISO3) -> branch

    @property
    def longest(self) -> int:
        return max((len(p) for table in (self.words, self.cased) for p in table), default=1)

    def add(self, alias: str, entry: LexiconEntry) -> None:
        phrase = alias_tokens(alias)
        if not phrase:
            return
        if any(c.isupper() for c in alias):
            self.cased.setdefault(phrase, entry)
        else:
            self.words.setdefault(phrase, entry)

    def extended(self, other: "Lexicon") -> "Lexicon":
        """This lexicon with `other`'s phrases added; `other` wins where both name a phrase."""
        return Lexicon({**self.words, **other.words}, {**self.cased, **other.cased}, [*self.errors, *other.errors],
                       {**self.branches, **other.branches})

    def branch(self, entry: LexiconEntry, iso: str | None) -> LexiconEntry:
        """A transnational group's branch in a country: "Islamic State" in Iraq is "Islamic
        State (Iraq)", when the dictionary has a row "Islamic State (...)" for that country."""
        return self.branches.get((entry.name, iso), entry) if iso and entry.country is None else entry


@lru_cache(maxsize=1)
def _tokenizer():
    import spacy
    return spacy.blank("en").tokenizer


@lru_cache(maxsize=4096)
def alias_tokens(alias: str) -> tuple[str, ...]:
    """An alias split the way the parser splits text ("al-shabaab" -> al, -, shabaab)."""
    words = tuple(t.text for t in _tokenizer()(alias.strip()) if not t.is_space)
    return words if any(c.isupper() for c in alias) else tuple(w.lower() for w in words)


def _rows(text: str) -> Iterable[tuple[int, dict]]:
    lines = [(n, line) for n, line in enumerate(text.splitlines(), 1) if line.strip() and not line.startswith("#")]
    if not lines:
        return
    header = lines[0][1].split("\t")
    for n, line in lines[1:]:
        values = line.split("\t")
        yield n, dict(zip(header, values)) if len(values) == len(header) else {"_bad": f"{len(values)} fields, not {len(header)}"}


def read_kind_words(text: str) -> Lexicon:
    """data/actors.tsv: phrase, type, name pattern, kind."""
    lex = Lexicon()
    for n, row in _rows(text):
        if "_bad" in row or row.get("type") not in ACTOR_TYPE_CODE:
            lex.errors.append(BadInputError(f"line {n}", row.get("_bad") or f"unknown actor type {row.get('type')!r}"))
            continue
        phrase = tuple(row["phrase"].split())
        lex.words.setdefault(phrase, LexiconEntry(phrase, row["type"], row["name"], row["kind"]))
    return lex


def read_groups(text: str, source: str = "actor_groups.tsv") -> Lexicon:
    """A named-actor dictionary: name, type, country (ISO3 or empty), aliases (|-separated),
    and optionally kind ('party': parties and their wings, not armed sides for typing)."""
    lex = Lexicon()
    for n, row in _rows(text):
        problem = row.get("_bad") or _group_problem(row)
        if problem:
            lex.errors.append(BadInputError(f"{source} line {n}", problem))
            continue
        country = row["country"].strip() or None
        kind = (row.get("kind") or "").strip() or KIND_OF_TYPE[row["type"]]
        aliases = [a.strip() for a in row["aliases"].split("|") if a.strip()]
        for alias in aliases:
            entry = LexiconEntry(alias_tokens(alias), row["type"], row["name"].strip(), kind, country)
            lex.add(alias, entry)
        if country and "(" in row["name"]:
            family = row["name"].split("(")[0].strip()
            lex.branches.setdefault((family, country), entry)
    return lex


def _group_problem(row: dict) -> str | None:
    if not (row.get("name") or "").strip():
        return "no name"
    if row.get("type") not in KIND_OF_TYPE:
        return f"unknown actor type {row.get('type')!r}"
    if (row.get("country") or "").strip() and not ISO3.match(row["country"].strip()):
        return f"country {row['country']!r} is not an ISO3 code"
    if not any(a.strip() for a in (row.get("aliases") or "").split("|")):
        return "no aliases"
    if (row.get("kind") or "").strip() not in ("", "party", *KIND_OF_TYPE.values()):
        return f"unknown kind {row['kind']!r}"
    return None


def _data(name: str) -> str:
    return resources.files("strife").joinpath(f"data/{name}").read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def kind_words() -> Lexicon:
    return read_kind_words(_data("actors.tsv"))


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    """The team's words for kinds of actor plus its dictionary of named actors."""
    return kind_words().extended(read_groups(_data("actor_groups.tsv")))


@lru_cache(maxsize=8)
def lexicon_for(model_dir: str | None) -> Lexicon:
    """The default lexicon, plus the actor list `strife train` wrote into a model folder."""
    path = Path(model_dir) / "actors.tsv" if model_dir and model_dir.strip().lower() not in ("rules", "default") else None
    if path is None or not path.is_file():
        return default_lexicon()
    return default_lexicon().extended(read_groups(path.read_text(encoding="utf-8"), str(path)))


@lru_cache(maxsize=1)
def acled_countries() -> dict[str, tuple[str, bool]]:
    """ISO3 -> (ACLED's name of the country, whether "of" takes "the")."""
    return {row["iso3"]: (row["name"], row["the"] == "yes") for _, row in _rows(_data("actor_countries.tsv"))
            if "_bad" not in row}


def country_label(iso: str, fallback: Callable[[str], str | None]) -> tuple[str | None, bool]:
    return acled_countries().get(iso) or (fallback(iso), False)


def make_actor(entry: LexiconEntry, iso: str | None, country_name: Callable[[str], str | None],
               event_iso: str | None = None) -> Actor:
    """An Actor from a lexicon entry: the pattern's {country} filled with ACLED's name."""
    entry = default_lexicon().branch(entry, event_iso)
    name = entry.name
    iso = entry.country if entry.country and "{country}" not in name else iso
    if "{country}" in name:
        cname, the = country_label(iso, country_name) if iso else (None, False)
        if cname:
            name = name.replace("of {country}", f"of the {cname}" if the else f"of {cname}").replace("{country}", cname)
        else:
            name = name.replace(" of {country}", "").replace(" ({country})", "").replace("{country}", "").strip()
    actor_type = entry.type
    if actor_type == "State forces" and iso and event_iso and iso != event_iso:
        actor_type = "External/Other forces"  # ACLED: state forces active outside their own country
    return Actor(name=name, type=actor_type, country=iso)


# Names that are ACLED's patterns for kinds of actor, filled from the text and the place:
# the words in data/actors.tsv already stand for them.
PATTERN_NAME = re.compile(r"^(Military Forces of|Police Forces of|Government of|Protesters|Rioters|Civilians|"
                          r"Unidentified|Private Security Forces)\b|\b(Ethnic|Communal|Clan) Militia\b")
PERIOD_SUFFIX = re.compile(r"\s*\((?:\d{4}-(?:\d{4})?|-\d{4})\).*$")
TYPE_OF_CODE = {str(code): name for name, code in ACTOR_TYPE_CODE.items()}


def aliases_of(name: str) -> list[str]:
    """How news may write a coded actor: "NPA: New People's Army" -> NPA, new people's army."""
    bare = PERIOD_SUFFIX.sub("", name).strip()
    short, _, full = bare.partition(": ") if ": " in bare else ("", "", bare)
    full = re.sub(r"\s*\([^)]*\)\s*$", "", full).strip()   # "Islamic State (Iraq)" is written "Islamic State"
    out = [full.lower()] if len(full) > 3 else []
    if short and len(short) >= 2:
        out.append(short)
    return out


def trained_actor_list(coded: Iterable[tuple[str, str]]) -> tuple[str, int]:
    """A model folder's actors.tsv from coded (name, type) pairs: named actors only (not
    ACLED's patterns such as "Rioters (Kenya)"), each with its most frequent type."""
    types: dict[str, Counter] = {}
    for name, code in coded:
        actor_type = TYPE_OF_CODE.get(str(code).strip(), str(code).strip())
        if name and actor_type in KIND_OF_TYPE and not PATTERN_NAME.search(name):
            types.setdefault(name, Counter())[actor_type] += 1
    lines = ["# Actors read by `strife train` from a team's coded events; one row per coded name.",
             "name\ttype\tcountry\taliases\tnote\tkind"]
    taken: set[str] = set()
    for name, counts in sorted(types.items(), key=lambda kv: -sum(kv[1].values())):
        aliases = [a for a in aliases_of(name) if a.lower() not in taken]
        taken.update(a.lower() for a in aliases)
        if aliases and "\t" not in name:
            lines.append(f"{name}\t{counts.most_common(1)[0][0]}\t\t{'|'.join(aliases)}\tcoded {sum(counts.values())} times\t")
    return "\n".join(lines) + "\n", len(lines) - 2
