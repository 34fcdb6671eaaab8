"""Facts about a parsed article that several stages ask for, computed once per Doc.

They live in one typed record on the `Doc._.strife_memo` extension (no string-keyed
`user_data`): each field starts empty and is filled by the function that owns it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc

EXTENSION = "strife_memo"


@dataclass
class DocMemo:
    lowercase_words: frozenset[str] | None = None       # place_names.lowercase_words
    hinted_countries: list[str] | None = None           # place_hints.doc_hinted_countries
    sentence_words: dict[int, set[str]] = field(default_factory=dict)    # event_triggers, by sentence start
    kind_mentions: dict[int, list[Any]] = field(default_factory=dict)    # actors, by sentence start
    named_mentions: dict[tuple, list[Any]] = field(default_factory=dict)  # actor_roles, by (sentence, lexicon)
    sports_report: bool | None = None                   # event_triggers.is_sports_report
    raiders_about: bool | None = None                   # event_triggers.raiders_about
    peace_process: bool | None = None                   # event_triggers.is_peace_process


if not Doc.has_extension(EXTENSION):
    Doc.set_extension(EXTENSION, default=None)


def memo(doc: Doc) -> DocMemo:
    """The article's memo, created on first use."""
    found = getattr(doc._, EXTENSION)
    if found is None:
        found = DocMemo()
        setattr(doc._, EXTENSION, found)
    return found
