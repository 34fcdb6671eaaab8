"""The types the events stage hands on: a Trigger (a word that names a happening) and a
Mention (the triggers of one sentence that describe one happening, typed).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .record import Plover


@dataclass(frozen=True)
class Trigger:
    token: int          # index of the head word in the Doc
    end: int            # token index one past the trigger phrase
    cue: str
    background: bool    # under "following", "despite", "after", ...


@dataclass
class Mention:
    """One event mention: the triggers of one sentence that describe one happening."""

    sent_start: int                  # token index where its sentence starts
    triggers: list[Trigger]
    event_type: str = ""
    sub_event_type: str = ""
    plover: Plover | None = None
    confidence: float = 0.5
    anchors: set[int] = field(default_factory=set)   # tokens that times and places attach to
    weak: bool = False      # no actor named around it: "two separate clashes" (type is a guess)
    kinds: set[str] = field(default_factory=set)   # the actor facts it was typed from (actors.kinds_in)

    @property
    def cues(self) -> set[str]:
        return {t.cue for t in self.triggers}

    sent_char: int = 0                # character offset where its sentence starts

    @property
    def head(self) -> int:
        return self.triggers[0].token


