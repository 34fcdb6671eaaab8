"""Time expressions in news text: find them and resolve them to calendar values.

`find_times(text, published)` returns every time expression (TIMEX) in the text, in
text order and without overlaps, each with a TimeML-style value:

* calendar values: day ``2023-09-21``, ISO week ``2023-W38``, weekend ``2023-W38-WE``,
  month ``2023-09``, quarter ``2023-Q3``, season ``2023-SU``, year ``2023``, decade ``199``;
* times of day: ``2023-09-21T21:00``, ``2023-09-20TNI`` (part of a day), or a bare clock
  time ``T21:00`` when the text gives no day for it;
* durations ``P3D``/``PT2H``/``PXY``, sets ``P1W`` and the vague ``PAST_REF``,
  ``PRESENT_REF``, ``FUTURE_REF``.

`precision` uses ACLED's time-precision scale: 1 the day is known, 2 the week (or a
range of at most a week) is known, 3 a month or anything vaguer, including values that
are not calendar dates at all (durations, sets, references, bare clock times).

Resolution conventions (news reporting is mostly about the recent past):

* A weekday on its own ("on Tuesday", "Tuesday's attack") is the most recent such day on
  or before publication: never after it and never more than 6 days before it. Only
  "next"/"coming"/"this coming"/"this" move it forward; "last"/"this past" is strictly
  before publication.
* A day and month without a year ("on September 20") gets the year that puts it in the
  closest past of the publication date, except that a date at most 31 days after
  publication, or any date with a future cue earlier in its sentence ("will", "should",
  "scheduled", "expected to", "next", ...), takes the closest future year. Months alone ("in March")
  follow the same rule at month level (the publication month counts as past) but only a
  future cue moves them forward.
* "overnight" and "last night" are the night before publication: value
  ``<published - 1 day>TNI`` (kind TIME, precision 1).
* "N days earlier/later", "one day earlier", "the previous day", "the same day" count
  from the most recent day-precise date before them in the text (an explicit date, a
  weekday, "yesterday"...), else from publication. "N days ago" counts from publication.
* Ranges ("between 19 and 21 September", "19-21 September") are one TIMEX whose value is
  the first day; precision 2 if the range spans at most 7 days, else 3. Ranges of years
  ("from 2009 to 2011") are left as separate years.
* Numeric dates "20/09/2023" are day-first unless that is impossible, or unless only the
  month-first reading falls within the week up to publication.
* Without a publication date, everything that needs it (weekdays, "yesterday",
  "last week", dates without a year...) gets value None; absolute dates still resolve.
  The wall clock is never consulted.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

from . import timex_clock, timex_dates
from .timex_calendar import Candidate, Context, Rule, safe_date

__all__ = ["Timex", "find_times", "date_of"]


@dataclass(frozen=True)
class Timex:
    text: str  # surface text exactly as in the input
    start: int  # char offset into the text as given
    end: int
    value: str | None  # TimeML-style value; None when it needs a missing anchor
    precision: int  # ACLED scale: 1 day, 2 week, 3 month or vaguer
    kind: str  # 'DATE', 'TIME', 'DURATION' or 'SET'


# Date rules first, then clock times, durations and references: earlier rules win ties.
RULES: tuple[Rule, ...] = (*timex_dates.RULES, *timex_clock.RULES)


def _all_candidates(text: str) -> Iterator[Candidate]:
    for pattern, build in RULES:
        for match in pattern.finditer(text):
            if match.end() == match.start():
                continue
            candidate = build(match, text)
            if candidate is not None:
                yield candidate


def _non_overlapping(candidates: list[Candidate]) -> list[Candidate]:
    """Longest candidates first (earlier rules win ties), then text order."""
    ranked = sorted(enumerate(candidates), key=lambda ic: (-(ic[1].end - ic[1].start), ic[1].start, ic[0]))
    chosen: list[Candidate] = []
    for _, candidate in ranked:
        if all(candidate.end <= kept.start or candidate.start >= kept.end for kept in chosen):
            chosen.append(candidate)
    return sorted(chosen, key=lambda c: c.start)


def _trimmed(text: str, candidate: Candidate) -> tuple[int, int]:
    """Offsets without surrounding whitespace or a trailing comma."""
    start, end = candidate.start, candidate.end
    while end > start and text[end - 1] in " \t\n,":
        end -= 1
    while start < end and text[start] in " \t\n":
        start += 1
    return start, end

# A day, possibly with a part of the day or a clock time ("2023-09-20TNI").
_DAY_VALUE = re.compile(r"\d{4}-\d{2}-\d{2}(?:T|$)")


def find_times(text: str, published: dt.date | None) -> list[Timex]:
    """Every time expression in `text`, in text order, non-overlapping, resolved against `published`."""
    context = Context(published)
    found: list[Timex] = []
    for candidate in _non_overlapping(list(_all_candidates(text))):
        value, precision = candidate.resolve(context)
        start, end = _trimmed(text, candidate)
        found.append(Timex(text[start:end], start, end, value, precision, candidate.kind))
        if candidate.kind in ("DATE", "TIME") and value and precision == 1 and _DAY_VALUE.match(value):
            context.last_day = dt.date.fromisoformat(value[:10])
    return found

_SEASON_START_MONTH = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


def date_of(t: Timex) -> dt.date | None:
    """Representative calendar day of a DATE/TIME value: the first day of a week, month,
    quarter, season, year or decade (Saturday for a weekend); None for anything else."""
    if t.kind not in ("DATE", "TIME") or not t.value:
        return None
    value = t.value
    if match := re.match(r"(\d{4})-(\d{2})-(\d{2})(?:T|$)", value):
        return safe_date(int(match[1]), int(match[2]), int(match[3]))
    if match := re.fullmatch(r"(\d{4})-W(\d{2})(-WE)?", value):
        return dt.date.fromisocalendar(int(match[1]), int(match[2]), 6 if match[3] else 1)
    if match := re.fullmatch(r"(\d{4})-(\d{2})", value):
        return safe_date(int(match[1]), int(match[2]), 1)
    if match := re.fullmatch(r"(\d{4})-Q([1-4])", value):
        return dt.date(int(match[1]), 3 * int(match[2]) - 2, 1)
    if match := re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", value):
        return dt.date(int(match[1]), _SEASON_START_MONTH[match[2]], 1)
    if match := re.fullmatch(r"(\d{4})", value):
        return dt.date(int(match[1]), 1, 1)
    if match := re.fullmatch(r"(\d{3})", value):
        return dt.date(int(match[1]) * 10, 1, 1)
    return None
