"""What every time rule shares: month, weekday and number words, date arithmetic, and the
candidate and resolution types the rules build (see `strife.timex` for the conventions).
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
    "july": 7, "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
}

_MONTH_ABBREVIATIONS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}

WEEKDAYS = {
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

VAGUE_QUANTITIES = ("several", "a few", "few", "many", "some", "numerous")

DAY_PARTS = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}

SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}

QUARTER_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4}


def cased(words: list[str]) -> str:
    """Alternation of Title-case and UPPER-case forms, longest first.

    Month and weekday names are matched case-sensitively so that the modal "may" or the
    verb "march" never look like months.
    """
    forms = {w.title() for w in words} | {w.upper() for w in words}
    return "|".join(sorted(forms, key=len, reverse=True))

MONTH = (
    rf"(?:{cased(list(MONTHS))}"
    rf"|(?:{cased(list(_MONTH_ABBREVIATIONS))})(?:\.|\b))"
)

WEEKDAY = rf"(?:{cased(list(WEEKDAYS))})"

_NUMBER_WORD = "|".join(sorted((w.replace(" ", r"\s+") for w in _NUMBER_WORDS), key=len, reverse=True))

_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"

_UNITS_WORDS = "one|two|three|four|five|six|seven|eight|nine"

NUMBER = rf"(?:\d+(?:\.\d+)?|(?:{_TENS})-(?:{_UNITS_WORDS})|{_NUMBER_WORD})"

DAY_NUMBER = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d|,\d{3}\b)"

YEAR = r"(?:1[6-9]\d\d|20\d\d)(?![\d%])"

# "early June", "mid-2011", "the end of March": the modifier belongs to the expression.
EDGE = r"(?:(?i:early|late|mid|the\s+(?:end|start|beginning|middle)\s+of)[\s-]+)?"

DAY_PART = r"(?i:morning|afternoon|evening|night)"

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
NAMED_DAY_PREFIX = re.compile(
    r"(?:Black|Bloody|Good|Holy|Ash|Super|Easter|Palm|Cyber|Maundy|Shrove|Fat|Blue)\s+$"
)

# Newspapers and other names that begin with a weekday ("Sunday Times").
WEEKDAY_NAME_SUFFIX = re.compile(
    r"\s+(?:Times|Telegraph|Mirror|Express|Post|Herald|Tribune|Independent|Observer|Mail|"
    r"Star|Sport|Standard|Nation|Business|Review|Magazine|Edition|School|Prayers?|Mass)\b"
)

MONTH_CONTEXT_BEFORE = re.compile(
    r"(?i:\b(?:in|since|until|till|by|of|during|from|through|throughout|before|after|"
    r"between|and|or|to|last|next|this|early|late|mid|as\s+of|around|for|on|that|same)[\s-]+)$"
)

# "May" and "March" are also a modal verb, a verb and names: demand a stronger cue.
AMBIGUOUS_MONTH_CONTEXT_BEFORE = re.compile(
    r"(?i:\b(?:in|since|until|till|during|through|throughout|last|next|this|early|late|"
    r"mid|as\s+of|between|from|before|after)[\s-]+)$"
)


def iso_week(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def month_value(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def safe_date(year: int, month: int, day: int) -> dt.date | None:
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


def has_future_cue(text: str, start: int) -> bool:
    return _FUTURE_CUE.search(_BELIEF_TO_BE.sub(" ", _clause_before(text, start))) is not None


def year_for_day(month: int, day: int, published: dt.date, future_cued: bool) -> int | None:
    """Year that puts (month, day) in the closest past of publication (see module doc)."""
    candidates = [
        (year, safe_date(year, month, day))
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


def year_for_month(month: int, published: dt.date, future_cued: bool) -> int:
    """Year that puts a bare month in the closest past (the current month counts)."""
    if month == published.month:
        return published.year
    if month > published.month:
        return published.year if future_cued else published.year - 1
    return published.year + 1 if future_cued else published.year


def quantity(word: str) -> int | float | None:
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


def month_number(word: str) -> int:
    key = word.rstrip(".").lower()
    return MONTHS.get(key) or _MONTH_ABBREVIATIONS[key]


@dataclass
class Context:
    published: dt.date | None
    last_day: dt.date | None = None  # most recent day-precise date seen so far

    def reference_day(self) -> dt.date | None:
        """Anchor for "two days later", "the previous day": last day-precise date, else publication."""
        return self.last_day or self.published

Resolution = tuple[str | None, int]


@dataclass(frozen=True)
class Candidate:
    start: int
    end: int
    kind: str
    resolve: Callable[[Context], Resolution] = field(compare=False)


def day_value(date: dt.date | None, precision: int = 1) -> Resolution:
    return (date.isoformat() if date else None, precision)


def fixed(value: str, precision: int = 3) -> Callable[[Context], Resolution]:
    return lambda _ctx: (value, precision)

# Any date will do to learn the precision an expression would have had: precision does
# not depend on the anchor, only the value does.
_ANY_DAY = dt.date(2000, 1, 3)


def from_published(make: Callable[[dt.date], Resolution]) -> Callable[[Context], Resolution]:
    """Resolver that needs the publication date; value None without it."""

    def resolve(ctx: Context) -> Resolution:
        if ctx.published is None:
            return (None, make(_ANY_DAY)[1])
        return make(ctx.published)

    return resolve


def from_reference(make: Callable[[dt.date], Resolution]) -> Callable[[Context], Resolution]:
    """Resolver that counts from the last day-precise date in the text, else publication."""

    def resolve(ctx: Context) -> Resolution:
        reference = ctx.reference_day()
        if reference is None:
            return (None, make(_ANY_DAY)[1])
        return make(reference)

    return resolve



Builder = Callable[[re.Match[str], str], Candidate | None]
Rule = tuple[re.Pattern[str], Builder]


def _single_line(pattern: str) -> str:
    """The pattern with its whitespace classes unable to cross a line break.

    The headline, the dateline and the body are separate lines: a weekday ending the
    headline and the date on the dateline below it are two expressions, not one.
    """
    return pattern.replace(r"[\s-]", r"(?:[^\S\n]|-)").replace(r"\s", r"[^\S\n]")


def rule_registry(rules: list[Rule]) -> Callable[..., Callable[[Builder], Builder]]:
    """A decorator `rule(pattern)` that appends each builder, with its pattern, to `rules`;
    each rule module keeps its own list, in file order (earlier rules win ties)."""

    def rule(pattern: str, flags: int = 0) -> Callable[[Builder], Builder]:
        def register(builder: Builder) -> Builder:
            rules.append((re.compile(_single_line(pattern), flags), builder))
            return builder

        return register

    return rule


def make_candidate(match: re.Match[str], kind: str, resolve: Callable[[Context], Resolution],
                   group: int | str = 0) -> Candidate:
    return Candidate(match.start(group), match.end(group), kind, resolve)
