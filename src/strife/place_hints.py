"""Which countries a document points at: hint words (demonyms, forces, parties) and theatres.
"""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from spacy.tokens import Doc

from strife.doc_memo import memo
from strife.gazetteer import Gazetteer, GazPlace


@lru_cache(maxsize=1)
def country_hints() -> dict[str, str]:
    """data/country_hints.tsv: names (parties, leaders, peoples) tied to one country -> ISO3."""
    text = resources.files("strife").joinpath("data/country_hints.tsv").read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")][1:]
    return {hint: iso for hint, iso in rows}


@lru_cache(maxsize=1)
def _hint_patterns() -> list[tuple[re.Pattern, str]]:
    # "Kibakis election" (an apostrophe lost in transmission) is still Kibaki's
    return [(re.compile(rf"(?<![\w-]){re.escape(hint)}(?:'?s)?(?![\w-])", 0 if hint[:1].isupper() else re.IGNORECASE), iso)
            for hint, iso in country_hints().items()]


def hinted_countries(text: str) -> list[str]:
    """ISO3 codes of the country hints found in a text, once per hint."""
    return [iso for pattern, iso in _hint_patterns() if pattern.search(text)]


@lru_cache(maxsize=1)
def _theatre_patterns() -> list[tuple[re.Pattern, str]]:
    text = resources.files("strife").joinpath("data/theatre_hints.tsv").read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")][1:]
    return [(re.compile(rf"(?<![\w-]){re.escape(hint)}(?![\w-])", 0 if hint[:1].isupper() else re.IGNORECASE), region)
            for hint, region in rows]


def doc_theatres(doc: Doc, gazetteer: Gazetteer) -> tuple[GazPlace, ...]:
    """The conflict regions the text's theatre hints point to ('OSCE SMM' -> Donbas)."""
    found = []
    for pattern, region in _theatre_patterns():
        if pattern.search(doc.text):
            found += [p for p in gazetteer.candidates(region)[:1] if p.feature == "region" and p not in found]
    return tuple(found)


def doc_hinted_countries(doc: Doc) -> list[str]:
    """hinted_countries of a parsed text, scanned once (places and assembly both ask)."""
    m = memo(doc)
    if m.hinted_countries is None:
        m.hinted_countries = hinted_countries(doc.text)
    return m.hinted_countries
