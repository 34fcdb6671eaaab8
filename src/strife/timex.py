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
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

__all__ = ["Timex", "find_times", "date_of"]


@dataclass(frozen=True)
class Timex:
    text: str  # surface text exactly as in the input
    start: int  # char offset into the text as given
    end: int
    value: str | None  # TimeML-style value; None when it needs a missing anchor
    precision: int  # ACLED scale: 1 day, 2 week, 3 month or vaguer
    kind: str  # 'DATE', 'TIME', 'DURATION' or 'SET'


# ---------------------------------------------------------------------------
# Vocabulary

_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
    "july": 7, "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
}
_MONTH_ABBREVIATIONS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
_WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
    "saturday": 5, "sunday": 6,
}
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
    "a couple of": 2, "couple of": 2,
}
_VAGUE_QUANTITIES = ("several", "a few", "few", "many", "some", "numerous")
_DAY_PARTS = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}
_SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
_QUARTER_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4}


def _cased(words: list[str]) -> str:
    """Alternation of Title-case and UPPER-case forms, longest first.

    Month and weekday names are matched case-sensitively so that the modal "may" or the
    verb "march" never look like months.
    """
    forms = {w.title() for w in words} | {w.upper() for w in words}
    return "|".join(sorted(forms, key=len, reverse=True))


_MONTH = (
    rf"(?:{_cased(list(_MONTHS))}"
    rf"|(?:{_cased(list(_MONTH_ABBREVIATIONS))})(?:\.|\b))"
)
_WEEKDAY = rf"(?:{_cased(list(_WEEKDAYS))})"
_NUMBER_WORD = "|".join(sorted((w.replace(" ", r"\s+") for w in _NUMBER_WORDS), key=len, reverse=True))
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_UNITS_WORDS = "one|two|three|four|five|six|seven|eight|nine"
_NUMBER = rf"(?:\d+(?:\.\d+)?|(?:{_TENS})-(?:{_UNITS_WORDS})|{_NUMBER_WORD})"
_DAY_NUMBER = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d|,\d{3}\b)"
_YEAR = r"(?:1[6-9]\d\d|20\d\d)(?![\d%])"
# "early June", "mid-2011", "the end of March": the modifier belongs to the expression.
_EDGE = r"(?:(?i:early|late|mid|the\s+(?:end|start|beginning|middle)\s+of)[\s-]+)?"
_DAY_PART = r"(?i:morning|afternoon|evening|night)"

# Words that put the rest of the clause in the future ("due" and "plans" are too often
# "due to" = because of and the noun "plans" to count).
_FUTURE_CUE = re.compile(
    r"\b(?:will|'ll|would|shall|should|wo|scheduled|expected\s+to|expects?\s+to|planning|set\s+to|"
    r"upcoming|coming|ahead\s+of|postponed|deadline|next|is\s+to|are\s+to|to\s+be)\b",
    re.IGNORECASE,
)
# "gunmen, suspected to be police agents, ... on 4 August": a belief about who, not a plan.
_BELIEF_TO_BE = re.compile(
    r"\b(?:suspected|believed|thought|said|reported|alleged|presumed|claimed|known|understood|feared)\s+to\s+be\b",
    re.IGNORECASE)
# Named days that are not the weekday of this week ("Black Monday", "Good Friday").
_NAMED_DAY_PREFIX = re.compile(
    r"(?:Black|Bloody|Good|Holy|Ash|Super|Easter|Palm|Cyber|Maundy|Shrove|Fat|Blue)\s+$"
)
# Newspapers and other names that begin with a weekday ("Sunday Times").
_WEEKDAY_NAME_SUFFIX = re.compile(
    r"\s+(?:Times|Telegraph|Mirror|Express|Post|Herald|Tribune|Independent|Observer|Mail|"
    r"Star|Sport|Standard|Nation|Business|Review|Magazine|Edition|School|Prayers?|Mass)\b"
)
_MONTH_CONTEXT_BEFORE = re.compile(
    r"(?i:\b(?:in|since|until|till|by|of|during|from|through|throughout|before|after|"
    r"between|and|or|to|last|next|this|early|late|mid|as\s+of|around|for|on|that|same)[\s-]+)$"
)
# "May" and "March" are also a modal verb, a verb and names: demand a stronger cue.
_AMBIGUOUS_MONTH_CONTEXT_BEFORE = re.compile(
    r"(?i:\b(?:in|since|until|till|during|through|throughout|last|next|this|early|late|"
    r"mid|as\s+of|between|from|before|after)[\s-]+)$"
)


# ---------------------------------------------------------------------------
# Calendar helpers


def _iso_week(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def _month_value(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    """The date, or None when the numbers are not a calendar day (31 June)."""
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _clause_before(text: str, start: int) -> str:
    """The text of the current sentence up to `start` (at most 100 characters)."""
    window = text[max(0, start - 100):start]
    boundary = max(window.rfind(". "), window.rfind("\n"), window.rfind("? "), window.rfind("! "))
    return window[boundary + 1:]


def _future_cued(text: str, start: int) -> bool:
    return _FUTURE_CUE.search(_BELIEF_TO_BE.sub(" ", _clause_before(text, start))) is not None


def _year_for_day(month: int, day: int, published: dt.date, future_cued: bool) -> int | None:
    """Year that puts (month, day) in the closest past of publication (see module doc)."""
    candidates = [
        (year, _safe_date(year, month, day))
        for year in (published.year - 1, published.year, published.year + 1)
    ]
    valid = [(year, date) for year, date in candidates if date is not None]
    if not valid:
        return None
    past = [(year, date) for year, date in valid if date <= published]
    if past and max(past)[1] == published:
        return published.year  # the day of publication itself, whatever the clause plans
    future = [(year, date) for year, date in valid if date > published]
    nearest_future = min(future, key=lambda yd: yd[1]) if future else None
    if nearest_future and (future_cued or (nearest_future[1] - published).days <= 31):
        return nearest_future[0]
    if past:
        return max(past, key=lambda yd: yd[1])[0]
    return nearest_future[0] if nearest_future else None


def _year_for_month(month: int, published: dt.date, future_cued: bool) -> int:
    """Year that puts a bare month in the closest past (the current month counts)."""
    if month == published.month:
        return published.year
    if month > published.month:
        return published.year if future_cued else published.year - 1
    return published.year + 1 if future_cued else published.year


def _quantity(word: str) -> int | float | None:
    """The number a numeral or number word stands for; None for vague ones ("several")."""
    cleaned = re.sub(r"\s+", " ", word.strip().lower())
    if re.fullmatch(r"\d+(?:\.\d+)?", cleaned):
        number = float(cleaned)
        return int(number) if number.is_integer() else number
    if "-" in cleaned:
        tens, units = cleaned.split("-", 1)
        if tens in _NUMBER_WORDS and units in _NUMBER_WORDS:
            return _NUMBER_WORDS[tens] + _NUMBER_WORDS[units]
    return _NUMBER_WORDS.get(cleaned)


def _month_number(word: str) -> int:
    key = word.rstrip(".").lower()
    return _MONTHS.get(key) or _MONTH_ABBREVIATIONS[key]


# ---------------------------------------------------------------------------
# Candidates: a matched span plus how to resolve it once earlier expressions are known


@dataclass
class _Context:
    published: dt.date | None
    last_day: dt.date | None = None  # most recent day-precise date seen so far

    def reference_day(self) -> dt.date | None:
        """Anchor for "two days later", "the previous day": last day-precise date, else publication."""
        return self.last_day or self.published


_Resolution = tuple[str | None, int]


@dataclass(frozen=True)
class _Candidate:
    start: int
    end: int
    kind: str
    resolve: Callable[[_Context], _Resolution] = field(compare=False)


def _day(date: dt.date | None, precision: int = 1) -> _Resolution:
    return (date.isoformat() if date else None, precision)


def _fixed(value: str, precision: int = 3) -> Callable[[_Context], _Resolution]:
    return lambda _ctx: (value, precision)


# Any date will do to learn the precision an expression would have had: precision does
# not depend on the anchor, only the value does.
_ANY_DAY = dt.date(2000, 1, 3)


def _from_published(make: Callable[[dt.date], _Resolution]) -> Callable[[_Context], _Resolution]:
    """Resolver that needs the publication date; value None without it."""

    def resolve(ctx: _Context) -> _Resolution:
        if ctx.published is None:
            return (None, make(_ANY_DAY)[1])
        return make(ctx.published)

    return resolve


def _from_reference(make: Callable[[dt.date], _Resolution]) -> Callable[[_Context], _Resolution]:
    """Resolver that counts from the last day-precise date in the text, else publication."""

    def resolve(ctx: _Context) -> _Resolution:
        reference = ctx.reference_day()
        if reference is None:
            return (None, make(_ANY_DAY)[1])
        return make(reference)

    return resolve


_Builder = Callable[[re.Match[str], str], _Candidate | None]
_RULES: list[tuple[re.Pattern[str], _Builder]] = []


def _single_line(pattern: str) -> str:
    """The pattern with its whitespace classes unable to cross a line break.

    The headline, the dateline and the body are separate lines: a weekday ending the
    headline and the date on the dateline below it are two expressions, not one.
    """
    return pattern.replace(r"[\s-]", r"(?:[^\S\n]|-)").replace(r"\s", r"[^\S\n]")


def _rule(pattern: str, flags: int = 0) -> Callable[[_Builder], _Builder]:
    def register(builder: _Builder) -> _Builder:
        _RULES.append((re.compile(_single_line(pattern), flags), builder))
        return builder

    return register


def _candidate(match: re.Match[str], kind: str, resolve: Callable[[_Context], _Resolution],
               group: int | str = 0) -> _Candidate:
    return _Candidate(match.start(group), match.end(group), kind, resolve)


# ---------------------------------------------------------------------------
# Explicit calendar dates


@_rule(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b")
def _iso_date(match: re.Match[str], text: str) -> _Candidate | None:
    date = _safe_date(int(match["y"]), int(match["m"]), int(match["d"]))
    return _candidate(match, "DATE", lambda _ctx: _day(date)) if date else None


def _numeric_date_reading(first: int, second: int, year: int, published: dt.date | None) -> dt.date | None:
    """Day-first unless impossible, or unless only month-first falls in the week up to publication."""
    day_first = _safe_date(year, second, first)
    month_first = _safe_date(year, first, second)
    if day_first and month_first and published:
        def recent(date: dt.date) -> bool:
            return 0 <= (published - date).days <= 7

        if recent(month_first) and not recent(day_first):
            return month_first
    return day_first or month_first


@_rule(r"(?<![\d/.])(?P<a>\d{1,2})(?P<sep>[/.])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2})(?![\d/]|\.\d)")
def _numeric_date(match: re.Match[str], text: str) -> _Candidate | None:
    year = int(match["y"])
    if len(match["y"]) == 2:
        # Two-digit years: this century unless that is implausibly far in the future.
        year += 2000 if year <= 40 else 1900
    first, second = int(match["a"]), int(match["b"])
    if match["sep"] == "." and len(match["y"]) == 2:
        return None  # "3.5.10" is more often a version or a score than a date
    if _safe_date(year, second, first) is None and _safe_date(year, first, second) is None:
        return None

    def resolve(ctx: _Context) -> _Resolution:
        return _day(_numeric_date_reading(first, second, year, ctx.published))

    return _candidate(match, "DATE", resolve)


def _day_month_resolver(month: int, day: int, year: int | None, text: str, start: int,
                        precision: int = 1) -> Callable[[_Context], _Resolution] | None:
    if year is not None:
        date = _safe_date(year, month, day)
        return (lambda _ctx: _day(date, precision)) if date else None
    if _safe_date(2000, month, day) is None:  # 2000 is a leap year: allows 29 February
        return None
    cued = _future_cued(text, start)

    def resolve(ctx: _Context) -> _Resolution:
        if ctx.published is None:
            return (None, precision)
        resolved_year = _year_for_day(month, day, ctx.published, cued)
        date = _safe_date(resolved_year, month, day) if resolved_year else None
        return _day(date, precision)

    return resolve


_WEEKDAY_PREFIX = rf"(?:{_WEEKDAY},?\s+(?:the\s+)?)?"


@_rule(rf"\b{_WEEKDAY_PREFIX}(?P<mon>{_MONTH})\s+(?:the\s+)?(?P<d>{_DAY_NUMBER})(?:,?\s+(?P<y>{_YEAR}))?")
def _month_day(match: re.Match[str], text: str) -> _Candidate | None:
    day = int(re.match(r"\d+", match["d"]).group())  # type: ignore[union-attr]
    year = int(match["y"]) if match["y"] else None
    resolve = _day_month_resolver(_month_number(match["mon"]), day, year, text, match.start())
    return _candidate(match, "DATE", resolve) if resolve else None


@_rule(rf"\b{_WEEKDAY_PREFIX}(?P<d>{_DAY_NUMBER})\s+(?:of\s+)?(?P<mon>{_MONTH})(?:,?\s+(?P<y>{_YEAR}))?")
def _day_month(match: re.Match[str], text: str) -> _Candidate | None:
    day = int(re.match(r"\d+", match["d"]).group())  # type: ignore[union-attr]
    year = int(match["y"]) if match["y"] else None
    resolve = _day_month_resolver(_month_number(match["mon"]), day, year, text, match.start())
    return _candidate(match, "DATE", resolve) if resolve else None


def _range_resolver(month: int, first: int, last: int, year: int | None, text: str,
                    start: int) -> Callable[[_Context], _Resolution] | None:
    if not first < last:
        return None
    precision = 2 if last - first < 7 else 3
    return _day_month_resolver(month, first, year, text, start, precision)


_RANGE_JOIN = r"\s*(?:-|–|—|and|to|until|through)\s*"


@_rule(rf"\b(?i:(?:between|from)\s+)?(?P<d1>{_DAY_NUMBER}){_RANGE_JOIN}(?P<d2>{_DAY_NUMBER})\s+(?:of\s+)?"
       rf"(?P<mon>{_MONTH})(?:,?\s+(?P<y>{_YEAR}))?")
def _day_range_month(match: re.Match[str], text: str) -> _Candidate | None:
    first, last = (int(re.match(r"\d+", match[g]).group()) for g in ("d1", "d2"))  # type: ignore[union-attr]
    year = int(match["y"]) if match["y"] else None
    resolve = _range_resolver(_month_number(match["mon"]), first, last, year, text, match.start())
    return _candidate(match, "DATE", resolve) if resolve else None


@_rule(rf"\b(?i:(?:between|from)\s+)?(?P<mon>{_MONTH})\s+(?P<d1>{_DAY_NUMBER}){_RANGE_JOIN}"
       rf"(?P<d2>{_DAY_NUMBER})(?:,?\s+(?P<y>{_YEAR}))?")
def _month_day_range(match: re.Match[str], text: str) -> _Candidate | None:
    return _day_range_month(match, text)


@_rule(rf"\b{_EDGE}(?P<mon>{_MONTH})\s+(?:of\s+)?(?P<y>{_YEAR})\b")
def _month_year(match: re.Match[str], text: str) -> _Candidate | None:
    value = _month_value(int(match["y"]), _month_number(match["mon"]))
    return _candidate(match, "DATE", _fixed(value))


@_rule(rf"\b{_EDGE}(?P<mon>{_cased(list(_MONTHS))})\b(?=\s+(?i:of\s+(?P<rel>this|last|next)\s+year))?")
def _bare_month(match: re.Match[str], text: str) -> _Candidate | None:
    month = _month_number(match["mon"])
    before = text[max(0, match.start() - 20):match.start()]
    has_edge = match.start("mon") > match.start()
    context = _AMBIGUOUS_MONTH_CONTEXT_BEFORE if month in (3, 5) else _MONTH_CONTEXT_BEFORE
    if not (has_edge or match["rel"] or context.search(before)):
        return None
    if re.match(r"[^\S\n]+[A-Z][a-z]", text[match.end():]) and not match["rel"]:
        return None  # a name ("June Carter", "August Schmidt")
    relative = match["rel"].lower() if match["rel"] else None
    cued = _future_cued(text, match.start())

    def make(published: dt.date) -> _Resolution:
        if relative is not None:
            year = published.year + {"this": 0, "last": -1, "next": 1}[relative]
        else:
            year = _year_for_month(month, published, cued)
        return (_month_value(year, month), 3)

    return _candidate(match, "DATE", _from_published(make))


@_rule(rf"\b(?i:(?P<rel>last|next|this)\s+)(?P<mon>{_cased(list(_MONTHS))})\b")
def _relative_month(match: re.Match[str], text: str) -> _Candidate | None:
    month = _month_number(match["mon"])
    relative = match["rel"].lower()

    def make(published: dt.date) -> _Resolution:
        if relative == "last":
            year = published.year if month < published.month else published.year - 1
        elif relative == "next":
            year = published.year if month > published.month else published.year + 1
        else:
            year = published.year
        return (_month_value(year, month), 3)

    return _candidate(match, "DATE", _from_published(make))


_YEAR_COUNT_BEFORE = re.compile(
    r"(?i:\b(?:about|around|some|nearly|almost|approximately|roughly|estimated|than|least|"
    r"over|under|only|just)\s+)$"
)
# A capitalised word right before a number may make it part of a name, unless the word
# is one that introduces a year.
_NAME_BEFORE_YEAR = re.compile(
    r"\b(?!(?:The|A|An|This|That|Its|His|Her|Their|In|Since|By|From|Until|Till|Before|After|During|Of|On|And|Through|Throughout|"
    r"Around|Circa|Early|Late|Mid|Summer|Winter|Spring|Autumn|Fall|Christmas|Easter|Ramadan|Class|FY|Q[1-4]|"
    + _cased(list(_MONTHS)) + r")\b)[A-Z][A-Za-z]*[^\S\n]+$"
)
_YEAR_COUNT_AFTER = re.compile(
    r"\s+(?:people|persons|men|women|children|troops|soldiers|fighters|civilians|refugees|"
    r"protesters|demonstrators|residents|families|homes|houses|members|votes|dollars|euros|"
    r"points|units|kilometres|kilometers|km|miles|metres|meters|tonnes|tons|cars|jobs|shares)\b",
    re.IGNORECASE,
)


@_rule(rf"(?<![\w$£€#/.,:-]){_EDGE}(?P<y>{_YEAR})(?![\w/]|[.,:]\d|['’]s\b)")
def _year_alone(match: re.Match[str], text: str) -> _Candidate | None:
    before = text[max(0, match.start() - 20):match.start()]
    has_edge = match.start("y") > match.start()
    if not has_edge and _YEAR_COUNT_BEFORE.search(before):
        return None  # "about 2000 people"
    if _YEAR_COUNT_AFTER.match(text, match.end()):
        return None
    if not has_edge and _NAME_BEFORE_YEAR.search(before) and re.match(r"[^\S\n]+[A-Z]", text[match.end():]):
        return None  # "the Russell 2000 Index": inside a name (but "WWDC 2005" is dated)
    return _candidate(match, "DATE", _fixed(match["y"]))


@_rule(rf"(?<![\w'’-]){_EDGE}(?:(?P<c>1[6-9]|20)(?P<d>\d)0|['’]?(?P<d2>\d)0)['’]?s\b")
def _decade(match: re.Match[str], text: str) -> _Candidate | None:
    if match["c"]:
        return _candidate(match, "DATE", _fixed(f"{match['c']}{match['d']}"))
    digit = int(match["d2"])

    def resolve(ctx: _Context) -> _Resolution:
        # "the 90s": the most recent such decade (a decade later than now is not history yet).
        this_decade = (ctx.published.year if ctx.published else 2000) // 10
        century = this_decade // 10 if digit <= this_decade % 10 else this_decade // 10 - 1
        return (f"{century}{digit}", 3)

    return _candidate(match, "DATE", resolve)


@_rule(r"(?<![\w'’])['’](?P<yy>\d\d)\b(?!['’])")
def _apostrophe_year(match: re.Match[str], text: str) -> _Candidate | None:
    two_digits = int(match["yy"])
    before = text[max(0, match.start() - 12):match.start()]
    if not re.search(rf"(?:\b(?i:since|in|of|from|until|till|by|and|to|during|before|after)|{_MONTH})\s+$", before):
        return None  # "iLife '11" is a product name

    def resolve(ctx: _Context) -> _Resolution:
        this_year = (ctx.published.year if ctx.published else 2000)
        year = this_year // 100 * 100 + two_digits
        return (str(year if year <= this_year else year - 100), 3)

    return _candidate(match, "DATE", resolve)


@_rule(r"\b(?i:(?P<the>the\s+)?(?P<ord>first|second|third|fourth|final|last|1st|2nd|3rd|4th)[\s-]+quarter"
       r"(?:\s+of\s+(?:(?P<y>\d{4})|(?P<rel>this|last|next|the\s+year)(?:\s+year)?))?)\b"
       r"|\b(?P<q>Q[1-4])\s+(?P<qy>\d{4})\b")
def _quarter(match: re.Match[str], text: str) -> _Candidate | None:
    if match["q"]:
        return _candidate(match, "DATE", _fixed(f"{match['qy']}-{match['q']}"))
    ordinal = match["ord"].lower()
    number = {"1st": 1, "2nd": 2, "3rd": 3, "4th": 4, "final": 4}.get(ordinal) or _QUARTER_ORDINALS.get(ordinal)
    if number is None:  # "the last quarter": the quarter before publication
        def make_last(published: dt.date) -> _Resolution:
            year, quarter = published.year, (published.month - 1) // 3
            if quarter == 0:
                year, quarter = year - 1, 4
            return (f"{year}-Q{quarter}", 3)

        return _candidate(match, "DATE", _from_published(make_last))
    if match["y"]:
        return _candidate(match, "DATE", _fixed(f"{match['y']}-Q{number}"))
    relative = (match["rel"] or "").lower()
    cued = _future_cued(text, match.start())

    def make(published: dt.date) -> _Resolution:
        current = (published.month - 1) // 3 + 1
        year: int
        if relative.startswith("last"):
            year = published.year - 1
        elif relative.startswith("next"):
            year = published.year + 1
        elif relative:
            year = published.year
        else:  # the nearest such quarter; ties go to the past unless the clause speaks of the future
            ahead = (number - current) % 4
            behind = (current - number) % 4
            if ahead == 0:
                year = published.year
            elif ahead < behind or (ahead == behind and cued):
                year = published.year + (number < current)
            else:
                year = published.year - (number > current)
        return (f"{year}-Q{number}", 3)

    return _candidate(match, "DATE", _from_published(make))


@_rule(r"\b(?i:(?P<rel>this|last|next|early|late|mid|the)[\s-]+(?P<season>spring|summer|autumn|fall|winter)"
       r"|(?P<season2>spring|summer|autumn|winter)|in\s+the\s+(?P<season3>fall))\b"
       r"(?:\s+(?:of\s+)?(?P<y>\d{4})\b)?")
def _season(match: re.Match[str], text: str) -> _Candidate | None:
    name = (match["season"] or match["season2"] or match["season3"]).lower()
    code = _SEASONS[name]
    if match["season2"] and text[match.start()].isupper() and (
            re.search(r"[A-Z]\w*[^\S\n]+$", text[max(0, match.start() - 20):match.start()])
            or re.match(r"[^\S\n]+[A-Z]", text[match.end():])):
        return None  # part of a name ("Arab Spring", "Winter Olympics")
    if match["y"]:
        return _candidate(match, "DATE", _fixed(f"{match['y']}-{code}"))
    relative = (match["rel"] or "").lower()
    shift = {"last": -1, "next": 1}.get(relative, 0)
    return _candidate(match, "DATE", _from_published(lambda p: (f"{p.year + shift}-{code}", 3)))


# ---------------------------------------------------------------------------
# Weekdays and days relative to publication


def _weekday_date(weekday: int, modifier: str, published: dt.date) -> dt.date:
    """The calendar day a weekday mention points at (see module doc)."""
    back = (published.weekday() - weekday) % 7
    forward = (weekday - published.weekday()) % 7
    if modifier in ("next", "coming", "this coming"):
        return published + dt.timedelta(days=forward or 7)
    if modifier == "this":
        return published + dt.timedelta(days=forward)
    if modifier in ("last", "past", "this past"):
        return published - dt.timedelta(days=back or 7)
    return published - dt.timedelta(days=back)


_DAY_MODIFIER = r"(?i:(?P<mod>this\s+coming|this\s+past|last|next|this|coming|past)\s+)"


@_rule(rf"\b{_DAY_MODIFIER}?(?P<wd>{_WEEKDAY})\b(?:\s+(?P<part>{_DAY_PART})\b)?")
def _weekday(match: re.Match[str], text: str) -> _Candidate | None:
    if _NAMED_DAY_PREFIX.search(text[max(0, match.start() - 10):match.start()]):
        return None
    if not match["part"] and _WEEKDAY_NAME_SUFFIX.match(text, match.end()):
        return None
    weekday = _WEEKDAYS[match["wd"].lower()]
    modifier = re.sub(r"\s+", " ", match["mod"].lower()) if match["mod"] else ""
    part = _DAY_PARTS[match["part"].lower()] if match["part"] else None

    def make(published: dt.date) -> _Resolution:
        date = _weekday_date(weekday, modifier, published)
        return (f"{date.isoformat()}T{part}" if part else date.isoformat(), 1)

    return _candidate(match, "TIME" if part else "DATE", _from_published(make))


@_rule(rf"\b(?P<wd>{_WEEKDAY})s\b|\b(?i:every|each)\s+(?P<wd2>{_WEEKDAY})\b")
def _weekday_set(match: re.Match[str], text: str) -> _Candidate | None:
    weekday = _WEEKDAYS[(match["wd"] or match["wd2"]).lower()]
    return _candidate(match, "SET", _fixed(f"XXXX-WXX-{weekday + 1}"))


_RELATIVE_DAYS = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}


@_rule(rf"\b(?i:(?P<edge>earlier|later|late|early)\s+)?(?P<day>(?i:today|tonight|yesterday|tomorrow))"
       rf"(?:\s+(?P<part>{_DAY_PART}))?\b")
def _relative_day(match: re.Match[str], text: str) -> _Candidate | None:
    word = match["day"].lower()
    offset = _RELATIVE_DAYS[word]
    part = "NI" if word == "tonight" else (_DAY_PARTS[match["part"].lower()] if match["part"] else None)

    def make(published: dt.date) -> _Resolution:
        date = published + dt.timedelta(days=offset)
        return (f"{date.isoformat()}T{part}" if part else date.isoformat(), 1)

    return _candidate(match, "TIME" if part else "DATE", _from_published(make))


@_rule(r"\b(?i:(?P<rel>this|last)\s+(?P<part>morning|afternoon|evening|night)|overnight)\b(?!\s+curfew)")
def _part_of_day(match: re.Match[str], text: str) -> _Candidate | None:
    # "last night" and "overnight" are the night before publication (see module doc).
    if match["part"] is None:
        offset, code = -1, "NI"
    else:
        offset = -1 if match["rel"].lower() == "last" else 0
        code = _DAY_PARTS[match["part"].lower()]

    def make(published: dt.date) -> _Resolution:
        return (f"{(published + dt.timedelta(days=offset)).isoformat()}T{code}", 1)

    return _candidate(match, "TIME", _from_published(make))


_PERIOD_RELATIVE = {"this": 0, "last": -1, "next": 1, "past": -1, "coming": 1, "current": 0}


def _period_value(unit: str, published: dt.date, shift: int) -> _Resolution:
    """Value of the week/month/year/weekend `shift` periods away from publication."""
    if unit == "week":
        return (_iso_week(published + dt.timedelta(weeks=shift)), 2)
    if unit == "weekend":
        saturday = published - dt.timedelta(days=(published.weekday() - 5) % 7)
        if shift >= 0 and published.weekday() < 5:
            saturday += dt.timedelta(days=7)  # "this weekend" on a weekday: the coming one
        return (f"{_iso_week(saturday + dt.timedelta(weeks=max(shift, 0)))}-WE", 2)
    if unit == "month":
        year, month = _shift_month(published.year, published.month, shift)
        return (_month_value(year, month), 3)
    return (str(published.year + shift), 3)


@_rule(r"\b(?i:(?P<edge>(?:earlier|later|early|late|mid)[\s-]+|(?:the\s+)?(?:end|start|beginning|middle)\s+of\s+)?"
       r"(?P<rel>this|last|next|current|coming)\s+(?P<unit>week|weekend|month|year))\b")
def _relative_period(match: re.Match[str], text: str) -> _Candidate | None:
    unit = match["unit"].lower()
    relative = match["rel"].lower()
    # "the last year" is a duration; the longer match of the duration rule takes it.
    shift = _PERIOD_RELATIVE[relative]
    return _candidate(match, "DATE", _from_published(lambda p: _period_value(unit, p, shift)))


@_rule(r"\b(?i:(?:over\s+|during\s+)?the\s+(?:(?P<rel>past|last)\s+)?weekend)\b")
def _the_weekend(match: re.Match[str], text: str) -> _Candidate | None:
    # News usage: "over the weekend" is the most recent weekend on or before publication.
    def make(published: dt.date) -> _Resolution:
        saturday = published - dt.timedelta(days=(published.weekday() - 5) % 7)
        return (f"{_iso_week(saturday)}-WE", 2)

    start = re.search(r"(?i)the", match[0])
    assert start is not None  # the pattern always contains "the"
    return _Candidate(match.start() + start.start(), match.end(), "DATE", _from_published(make))


@_rule(r"\b(?i:the\s+(?:start|beginning|end|middle)\s+of\s+the\s+(?P<unit>year|month|week))\b")
def _edge_of_current_period(match: re.Match[str], text: str) -> _Candidate | None:
    unit = match["unit"].lower()
    return _candidate(match, "DATE", _from_published(lambda p: _period_value(unit, p, 0)))


_UNIT_WORD = r"(?P<unit>days?|weeks?|months?|years?|decades?)"


def _offset_value(reference: dt.date, unit: str, amount: int) -> _Resolution:
    """The day/week/month/year `amount` units away from `reference`."""
    unit = unit.rstrip("s")
    if unit == "day":
        return _day(reference + dt.timedelta(days=amount))
    if unit == "week":
        return _day(reference + dt.timedelta(weeks=amount), 2)
    if unit == "month":
        return (_month_value(*_shift_month(reference.year, reference.month, amount)), 3)
    if unit == "decade":
        return (str((reference.year + 10 * amount) // 10), 3)
    return (str(reference.year + amount), 3)


@_rule(rf"\b(?i:(?P<n>{_NUMBER})\s+{_UNIT_WORD}\s+ago)\b")
def _units_ago(match: re.Match[str], text: str) -> _Candidate | None:
    amount = _quantity(match["n"])
    if not isinstance(amount, int):
        return None
    unit = match["unit"].lower()
    return _candidate(match, "DATE", _from_published(lambda p: _offset_value(p, unit, -amount)))


@_rule(rf"\b(?i:(?P<n>{_NUMBER})\s+{_UNIT_WORD}\s+(?:(?P<dir>earlier|later|previously)\b(?!\s+than\b)"
       r"|(?P<dir2>before|after|prior)\b(?!\s+(?:(?:the|a|an|his|her|its|their|this|that|than|to)\b|[A-Z0-9]))))")
def _units_from_reference(match: re.Match[str], text: str) -> _Candidate | None:
    amount = _quantity(match["n"])
    if not isinstance(amount, int):
        return None
    unit = match["unit"].lower()
    # "two days before the vote" counts from the vote, which is not a date: left to the
    # duration rule; "two days before." counts from the previous date.
    sign = 1 if (match["dir"] or match["dir2"]).lower() in ("later", "after") else -1
    return _candidate(match, "DATE", _from_reference(lambda r: _offset_value(r, unit, sign * amount)))


_NEIGHBOUR_DAY = {
    "previous": -1, "preceding": -1, "before": -1, "prior": -1,
    "following": 1, "next": 1, "after": 1, "same": 0,
}


@_rule(r"\b(?i:the\s+(?P<adj>previous|preceding|following|next|same)\s+(?P<unit>day|week|month|year)"
       r"|the\s+(?P<unit2>day|week|month|year)\s+(?P<adv>before|after|prior)(?=\s*(?:[,.;:)!?\n]|$))"
       r"|(?:that|that\s+same)\s+(?P<unit3>day)"
       r"|(?:(?:earlier|later|late|early)\s+in|(?:start|end|rest|remainder)\s+of)\s+(?P<unit4>the\s+day)"
       r"|(?:end|ended|ending|ends|finish|finished|finishing|close|closed|closing)\s+(?P<unit5>the\s+day))\b"
       r"(?!\s+(?:(?:the|a|an|his|her|its|their|this|that|of|when|as)\b|[A-Z0-9]))")
def _neighbour_period(match: re.Match[str], text: str) -> _Candidate | None:
    word = (match["adj"] or match["adv"] or "same").lower()
    unit = (match["unit"] or match["unit2"] or match["unit3"] or "day").lower()
    shift = _NEIGHBOUR_DAY[word]
    resolve = _from_reference(lambda r: _offset_value(r, unit, shift))
    if match["unit5"]:  # "ended the day": only "the day" is the expression
        return _candidate(match, "DATE", resolve, "unit5")
    return _candidate(match, "DATE", resolve)


# ---------------------------------------------------------------------------
# Clock times


def _clock(hour: int, minute: int, meridiem: str | None) -> str | None:
    if meridiem:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if meridiem.lower().startswith("p") else 0)
    if hour > 24 or minute > 59:
        return None
    return f"{hour:02d}:{minute:02d}"


_MERIDIEM = r"(?P<ap>[ap]\.m\.|[ap]m\b|[AP]M\b|[AP]\.M\.)"
_ZONE = r"(?:\s*(?:\((?:GMT|UTC)[^)]{0,8}\)|(?:GMT|UTC|local\s+time|hrs|hours|EST|EDT|CET|EAT|WAT|CAT)\b))?"
_TIME_DAY = rf"(?:\s+(?:(?P<rd>(?i:today|tonight|yesterday|tomorrow))|(?:on\s+)?(?P<wd>{_WEEKDAY}))\b)?"


def _clock_candidate(match: re.Match[str], clock: str | None) -> _Candidate | None:
    if clock is None:
        return None
    relative_day = match["rd"].lower() if match["rd"] else None
    weekday = _WEEKDAYS[match["wd"].lower()] if match["wd"] else None

    def resolve(ctx: _Context) -> _Resolution:
        if relative_day is None and weekday is None:
            return (f"T{clock}", 3)  # the text gives no day for it
        if ctx.published is None:
            return (None, 1)
        if relative_day is not None:
            date = ctx.published + dt.timedelta(days=_RELATIVE_DAYS[relative_day])
        else:
            date = _weekday_date(weekday, "", ctx.published)  # type: ignore[arg-type]
        return (f"{date.isoformat()}T{clock}", 1)

    return _candidate(match, "TIME", resolve)


@_rule(rf"(?<![\d:.])(?P<h>\d{{1,2}})(?::(?P<m>\d{{2}}))?\s*{_MERIDIEM}{_ZONE}{_TIME_DAY}")
def _clock_meridiem(match: re.Match[str], text: str) -> _Candidate | None:
    return _clock_candidate(match, _clock(int(match["h"]), int(match["m"] or 0), match["ap"]))


@_rule(rf"(?<![\d:.$£€])(?P<h>[01]?\d|2[0-4]):(?P<m>[0-5]\d)(?![\d:])(?!\s*{_MERIDIEM}){_ZONE}{_TIME_DAY}")
def _clock_24h(match: re.Match[str], text: str) -> _Candidate | None:
    return _clock_candidate(match, _clock(int(match["h"]), int(match["m"]), None))


@_rule(rf"(?<![\d:.])(?P<h>[01]\d|2[0-3])(?P<m>[0-5]\d)\s*(?:GMT|UTC|hrs|hours\s+(?:GMT|UTC|local))\b{_TIME_DAY}")
def _clock_military(match: re.Match[str], text: str) -> _Candidate | None:
    return _clock_candidate(match, _clock(int(match["h"]), int(match["m"]), None))


@_rule(r"\b(?i:noon|midday|midnight)\b")
def _named_clock(match: re.Match[str], text: str) -> _Candidate | None:
    clock = "24:00" if match[0].lower() == "midnight" else "12:00"
    return _candidate(match, "TIME", _fixed(f"T{clock}"))


# ---------------------------------------------------------------------------
# Durations, sets and vague references

_DURATION_CODES = {
    "second": ("T", "S"), "minute": ("T", "M"), "hour": ("T", "H"), "day": ("", "D"),
    "week": ("", "W"), "month": ("", "M"), "year": ("", "Y"), "decade": ("", "Y"),
    "century": ("", "Y"), "centurie": ("", "Y"),
}


def _duration_value(amount: int | float | None, unit: str) -> str:
    """TimeML duration: P3D, PT2H, P10Y for a decade, PXY when the amount is vague."""
    unit = unit.lower().rstrip("s")
    time_mark, code = _DURATION_CODES[unit]
    scale = {"decade": 10, "century": 100, "centurie": 100}.get(unit, 1)
    if amount is None:
        return f"P{time_mark}X{'DE' if unit == 'decade' else code}"
    number = amount * scale
    text = str(int(number)) if float(number).is_integer() else str(number)
    return f"P{time_mark}{text}{code}"


_DURATION_UNIT = r"(?P<unit>seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?|centuries|century)"
_APPROXIMATELY = r"(?:(?:nearly|almost|about|around|over|more\s+than|less\s+than|at\s+least|up\s+to|some)\s+)?"
_VAGUE = "|".join(q.replace(" ", r"\s+") for q in _VAGUE_QUANTITIES)


@_rule(rf"\b(?i:(?:the\s+(?:past|last|next|first|coming|previous|following)\s+)?{_APPROXIMATELY}"
       rf"(?P<n>{_NUMBER}|{_VAGUE})(?P<half>\s+and\s+a\s+half)?\s+(?:(?:straight|consecutive|successive|full|more)\s+)?"
       rf"{_DURATION_UNIT})\b(?!\s+(?i:ago|old)\b)")
def _duration(match: re.Match[str], text: str) -> _Candidate | None:
    word = match["n"].lower()
    amount = None if re.sub(r"\s+", " ", word) in _VAGUE_QUANTITIES else _quantity(word)
    if amount is not None and match["half"]:
        amount += 0.5
    unit = match["unit"].lower()
    if unit == "second" and word in ("a", "an"):
        return None  # "a second attack" is an ordinal
    if amount is not None and amount != 1 and not unit.endswith("s") and unit != "century":
        return None  # "five year plan" is caught by the adjective rule
    return _candidate(match, "DURATION", _fixed(_duration_value(amount, unit)))


@_rule(rf"\b(?i:(?:an?\s+)?(?P<n>{_NUMBER})[\s-](?P<unit>second|minute|hour|day|week|month|year|decade|century)"
       r"(?:-long)?)\b(?![\s-]+old\b)")
def _duration_adjective(match: re.Match[str], text: str) -> _Candidate | None:
    amount = _quantity(match["n"])
    if amount is None:
        return None
    if re.match(r"\s", text[match.start("n") + len(match["n"]):]) and match["n"].lower() in ("a", "an"):
        return None  # "a year" alone is handled by the plain duration rule
    return _candidate(match, "DURATION", _fixed(_duration_value(amount, match["unit"])))


@_rule(r"\b(?i:(?:the\s+)?(?:past|last|previous|coming|next)\s+(?P<unit>day|week|month|year|decade|century))\b")
def _past_period(match: re.Match[str], text: str) -> _Candidate | None:
    before = text[max(0, match.start() - 20):match.start()]
    if not match[0].lower().startswith("the") and not re.search(r"(?i:over|during|in|for|throughout)\s+$", before):
        return None  # "last year" is a date, handled by the relative-period rule
    return _candidate(match, "DURATION", _fixed(_duration_value(1, match["unit"])))


@_rule(r"\b(?i:(?:for|over|in|within)\s+(?:the\s+)?(?:recent\s+|just\s+|only\s+|mere\s+)?"
       r"(?P<unit>years|months|weeks|decades|days|hours|minutes))\b")
def _vague_duration(match: re.Match[str], text: str) -> _Candidate | None:
    start = match.start("unit")
    prefix = text[match.start():start].lower()
    if "recent" in prefix:  # "recent years" is the expression; "in just" is not
        start = match.start() + prefix.index("recent")
    return _Candidate(start, match.end(), "DURATION", _fixed(_duration_value(None, match["unit"])))


@_rule(r"\b(?i:(?P<adj>annual|annually|yearly|monthly|weekly|daily|nightly|hourly)"
       r"|(?:every|each|per|a)\s+(?P<unit>day|week|month|year|night|hour))\b")
def _set(match: re.Match[str], text: str) -> _Candidate | None:
    word = (match["adj"] or match["unit"]).lower()
    if match["unit"] and match[0].lower().startswith("a ") and \
            not re.search(r"(?i:\d|times|once|twice)\S*\s+$", text[max(0, match.start() - 15):match.start()]):
        return None  # "a year" is a set only after a rate ("15 a year")
    if word == "daily" and re.search(r"(?i:the|a)\s+$", text[max(0, match.start() - 5):match.start()]):
        return None  # "the daily" is a newspaper
    value = {
        "annual": "P1Y", "annually": "P1Y", "yearly": "P1Y", "year": "P1Y", "monthly": "P1M", "month": "P1M",
        "weekly": "P1W", "week": "P1W", "daily": "P1D", "day": "P1D", "nightly": "P1D", "night": "P1D",
        "hourly": "PT1H", "hour": "PT1H",
    }[word]
    return _candidate(match, "SET", _fixed(value))


_REFERENCES = {
    "now": "PRESENT_REF", "currently": "PRESENT_REF", "at present": "PRESENT_REF",
    "at the moment": "PRESENT_REF", "the time being": "PRESENT_REF", "nowadays": "PRESENT_REF",
    "recently": "PAST_REF", "recent": "PAST_REF", "the past": "PAST_REF",
    "the future": "FUTURE_REF", "soon": "FUTURE_REF", "shortly": "FUTURE_REF",
    "the near future": "FUTURE_REF", "the long term": "FUTURE_REF", "the short term": "FUTURE_REF",
    "the near term": "FUTURE_REF", "the coming days": "FUTURE_REF", "the coming weeks": "FUTURE_REF",
    "the coming months": "FUTURE_REF",
}


@_rule(r"\b(?i:the\s+(?:near\s+)?future|the\s+(?:long|short|near)\s+term|the\s+coming\s+(?:days|weeks|months)"
       r"|the\s+time\s+being|at\s+present|at\s+the\s+moment|nowadays|currently|recently|recent|"
       r"(?:very\s+)?soon|shortly|now|the\s+past)\b(?!-)")
def _reference(match: re.Match[str], text: str) -> _Candidate | None:
    phrase = re.sub(r"\s+", " ", match[0].lower()).removeprefix("very ")
    if phrase == "the past" and re.match(r"\s+(?:\w+\s+)?(?:days?|weeks?|months?|years?|decades?)\b", text[match.end():]):
        return None  # part of a duration ("the past nine days")
    if phrase == "now" and re.match(r"\s+(?:that|than)\b", text[match.end():]):
        return None  # "now that" is a conjunction
    return _candidate(match, "DATE", _fixed(_REFERENCES[phrase]))


# ---------------------------------------------------------------------------
# Selection and resolution


def _all_candidates(text: str) -> Iterator[_Candidate]:
    for pattern, build in _RULES:
        for match in pattern.finditer(text):
            if match.end() == match.start():
                continue
            candidate = build(match, text)
            if candidate is not None:
                yield candidate


def _non_overlapping(candidates: list[_Candidate]) -> list[_Candidate]:
    """Longest candidates first (earlier rules win ties), then text order."""
    ranked = sorted(enumerate(candidates), key=lambda ic: (-(ic[1].end - ic[1].start), ic[1].start, ic[0]))
    chosen: list[_Candidate] = []
    for _, candidate in ranked:
        if all(candidate.end <= kept.start or candidate.start >= kept.end for kept in chosen):
            chosen.append(candidate)
    return sorted(chosen, key=lambda c: c.start)


def _trimmed(text: str, candidate: _Candidate) -> tuple[int, int]:
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
    context = _Context(published)
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
        return _safe_date(int(match[1]), int(match[2]), int(match[3]))
    if match := re.fullmatch(r"(\d{4})-W(\d{2})(-WE)?", value):
        return dt.date.fromisocalendar(int(match[1]), int(match[2]), 6 if match[3] else 1)
    if match := re.fullmatch(r"(\d{4})-(\d{2})", value):
        return _safe_date(int(match[1]), int(match[2]), 1)
    if match := re.fullmatch(r"(\d{4})-Q([1-4])", value):
        return dt.date(int(match[1]), 3 * int(match[2]) - 2, 1)
    if match := re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", value):
        return dt.date(int(match[1]), _SEASON_START_MONTH[match[2]], 1)
    if match := re.fullmatch(r"(\d{4})", value):
        return dt.date(int(match[1]), 1, 1)
    if match := re.fullmatch(r"(\d{3})", value):
        return dt.date(int(match[1]) * 10, 1, 1)
    return None
