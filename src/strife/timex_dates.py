"""Time rules for calendar dates: explicit and numeric dates, months, years, seasons,
weekdays, relative days and periods, offsets ('three days ago', 'two days later').
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from .timex_calendar import (
    AMBIGUOUS_MONTH_CONTEXT_BEFORE,
    DAY_NUMBER,
    DAY_PART,
    DAY_PARTS,
    EDGE,
    MONTH,
    MONTH_CONTEXT_BEFORE,
    MONTHS,
    NAMED_DAY_PREFIX,
    NUMBER,
    QUARTER_ORDINALS,
    SEASONS,
    WEEKDAY,
    WEEKDAY_NAME_SUFFIX,
    WEEKDAYS,
    YEAR,
    Candidate,
    Context,
    Resolution,
    Rule,
    cased,
    day_value,
    fixed,
    from_published,
    from_reference,
    has_future_cue,
    iso_week,
    make_candidate,
    month_number,
    month_value,
    quantity,
    rule_registry,
    safe_date,
    shift_month,
    year_for_day,
    year_for_month,
)

RULES: list[Rule] = []
rule = rule_registry(RULES)


@rule(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b")
def _iso_date(match: re.Match[str], text: str) -> Candidate | None:
    date = safe_date(int(match["y"]), int(match["m"]), int(match["d"]))
    return make_candidate(match, "DATE", lambda _ctx: day_value(date)) if date else None


def _numeric_date_reading(first: int, second: int, year: int, published: dt.date | None) -> dt.date | None:
    """Day-first unless impossible, or unless only month-first falls in the week up to publication."""
    day_first = safe_date(year, second, first)
    month_first = safe_date(year, first, second)
    if day_first and month_first and published:
        def recent(date: dt.date) -> bool:
            return 0 <= (published - date).days <= 7

        if recent(month_first) and not recent(day_first):
            return month_first
    return day_first or month_first


@rule(r"(?<![\d/.])(?P<a>\d{1,2})(?P<sep>[/.])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2})(?![\d/]|\.\d)")
def _numeric_date(match: re.Match[str], text: str) -> Candidate | None:
    year = int(match["y"])
    if len(match["y"]) == 2:
        # Two-digit years: this century unless that is implausibly far in the future.
        year += 2000 if year <= 40 else 1900
    first, second = int(match["a"]), int(match["b"])
    if match["sep"] == "." and len(match["y"]) == 2:
        return None  # "3.5.10" is more often a version or a score than a date
    if safe_date(year, second, first) is None and safe_date(year, first, second) is None:
        return None

    def resolve(ctx: Context) -> Resolution:
        return day_value(_numeric_date_reading(first, second, year, ctx.published))

    return make_candidate(match, "DATE", resolve)


def _day_month_resolver(month: int, day: int, year: int | None, text: str, start: int,
                        precision: int = 1) -> Callable[[Context], Resolution] | None:
    if year is not None:
        date = safe_date(year, month, day)
        return (lambda _ctx: day_value(date, precision)) if date else None
    if safe_date(2000, month, day) is None:  # 2000 is a leap year: allows 29 February
        return None
    cued = has_future_cue(text, start)

    def resolve(ctx: Context) -> Resolution:
        if ctx.published is None:
            return (None, precision)
        resolved_year = year_for_day(month, day, ctx.published, cued)
        date = safe_date(resolved_year, month, day) if resolved_year else None
        return day_value(date, precision)

    return resolve

_WEEKDAY_PREFIX = rf"(?:{WEEKDAY},?\s+(?:the\s+)?)?"


@rule(rf"\b{_WEEKDAY_PREFIX}(?P<mon>{MONTH})\s+(?:the\s+)?(?P<d>{DAY_NUMBER})(?:,?\s+(?P<y>{YEAR}))?")
def _month_day(match: re.Match[str], text: str) -> Candidate | None:
    day = int(re.match(r"\d+", match["d"]).group())  # type: ignore[union-attr]
    year = int(match["y"]) if match["y"] else None
    resolve = _day_month_resolver(month_number(match["mon"]), day, year, text, match.start())
    return make_candidate(match, "DATE", resolve) if resolve else None


@rule(rf"\b{_WEEKDAY_PREFIX}(?P<d>{DAY_NUMBER})\s+(?:of\s+)?(?P<mon>{MONTH})(?:,?\s+(?P<y>{YEAR}))?")
def _day_month(match: re.Match[str], text: str) -> Candidate | None:
    day = int(re.match(r"\d+", match["d"]).group())  # type: ignore[union-attr]
    year = int(match["y"]) if match["y"] else None
    resolve = _day_month_resolver(month_number(match["mon"]), day, year, text, match.start())
    return make_candidate(match, "DATE", resolve) if resolve else None


def _range_resolver(month: int, first: int, last: int, year: int | None, text: str,
                    start: int) -> Callable[[Context], Resolution] | None:
    if not first < last:
        return None
    precision = 2 if last - first < 7 else 3
    return _day_month_resolver(month, first, year, text, start, precision)

_RANGE_JOIN = r"\s*(?:-|–|—|and|to|until|through)\s*"


@rule(rf"\b(?i:(?:between|from)\s+)?(?P<d1>{DAY_NUMBER}){_RANGE_JOIN}(?P<d2>{DAY_NUMBER})\s+(?:of\s+)?"
       rf"(?P<mon>{MONTH})(?:,?\s+(?P<y>{YEAR}))?")
def _day_range_month(match: re.Match[str], text: str) -> Candidate | None:
    first, last = (int(re.match(r"\d+", match[g]).group()) for g in ("d1", "d2"))  # type: ignore[union-attr]
    year = int(match["y"]) if match["y"] else None
    resolve = _range_resolver(month_number(match["mon"]), first, last, year, text, match.start())
    return make_candidate(match, "DATE", resolve) if resolve else None


@rule(rf"\b(?i:(?:between|from)\s+)?(?P<mon>{MONTH})\s+(?P<d1>{DAY_NUMBER}){_RANGE_JOIN}"
       rf"(?P<d2>{DAY_NUMBER})(?:,?\s+(?P<y>{YEAR}))?")
def _month_day_range(match: re.Match[str], text: str) -> Candidate | None:
    return _day_range_month(match, text)


@rule(rf"\b{EDGE}(?P<mon>{MONTH})\s+(?:of\s+)?(?P<y>{YEAR})\b")
def _month_year(match: re.Match[str], text: str) -> Candidate | None:
    value = month_value(int(match["y"]), month_number(match["mon"]))
    return make_candidate(match, "DATE", fixed(value))


@rule(rf"\b{EDGE}(?P<mon>{cased(list(MONTHS))})\b(?=\s+(?i:of\s+(?P<rel>this|last|next)\s+year))?")
def _bare_month(match: re.Match[str], text: str) -> Candidate | None:
    month = month_number(match["mon"])
    before = text[max(0, match.start() - 20):match.start()]
    has_edge = match.start("mon") > match.start()
    context = AMBIGUOUS_MONTH_CONTEXT_BEFORE if month in (3, 5) else MONTH_CONTEXT_BEFORE
    if not (has_edge or match["rel"] or context.search(before)):
        return None
    if re.match(r"[^\S\n]+[A-Z][a-z]", text[match.end():]) and not match["rel"]:
        return None  # a name ("June Carter", "August Schmidt")
    relative = match["rel"].lower() if match["rel"] else None
    cued = has_future_cue(text, match.start())

    def make(published: dt.date) -> Resolution:
        if relative is not None:
            year = published.year + {"this": 0, "last": -1, "next": 1}[relative]
        else:
            year = year_for_month(month, published, cued)
        return (month_value(year, month), 3)

    return make_candidate(match, "DATE", from_published(make))


@rule(rf"\b(?i:(?P<rel>last|next|this)\s+)(?P<mon>{cased(list(MONTHS))})\b")
def _relative_month(match: re.Match[str], text: str) -> Candidate | None:
    month = month_number(match["mon"])
    relative = match["rel"].lower()

    def make(published: dt.date) -> Resolution:
        if relative == "last":
            year = published.year if month < published.month else published.year - 1
        elif relative == "next":
            year = published.year if month > published.month else published.year + 1
        else:
            year = published.year
        return (month_value(year, month), 3)

    return make_candidate(match, "DATE", from_published(make))

_YEAR_COUNT_BEFORE = re.compile(
    r"(?i:\b(?:about|around|some|nearly|almost|approximately|roughly|estimated|than|least|"
    r"over|under|only|just)\s+)$"
)

# A capitalised word right before a number may make it part of a name, unless the word
# is one that introduces a year.
_NAME_BEFORE_YEAR = re.compile(
    r"\b(?!(?:The|A|An|This|That|Its|His|Her|Their|In|Since|By|From|Until|Till|Before|After|During|Of|On|And|Through|Throughout|"
    r"Around|Circa|Early|Late|Mid|Summer|Winter|Spring|Autumn|Fall|Christmas|Easter|Ramadan|Class|FY|Q[1-4]|"
    + cased(list(MONTHS)) + r")\b)[A-Z][A-Za-z]*[^\S\n]+$"
)

_YEAR_COUNT_AFTER = re.compile(
    r"\s+(?:people|persons|men|women|children|troops|soldiers|fighters|civilians|refugees|"
    r"protesters|demonstrators|residents|families|homes|houses|members|votes|dollars|euros|"
    r"points|units|kilometres|kilometers|km|miles|metres|meters|tonnes|tons|cars|jobs|shares)\b",
    re.IGNORECASE,
)


@rule(rf"(?<![\w$£€#/.,:-]){EDGE}(?P<y>{YEAR})(?![\w/]|[.,:]\d|['’]s\b)")
def _year_alone(match: re.Match[str], text: str) -> Candidate | None:
    before = text[max(0, match.start() - 20):match.start()]
    has_edge = match.start("y") > match.start()
    if not has_edge and _YEAR_COUNT_BEFORE.search(before):
        return None  # "about 2000 people"
    if _YEAR_COUNT_AFTER.match(text, match.end()):
        return None
    if not has_edge and _NAME_BEFORE_YEAR.search(before) and re.match(r"[^\S\n]+[A-Z]", text[match.end():]):
        return None  # "the Russell 2000 Index": inside a name (but "WWDC 2005" is dated)
    return make_candidate(match, "DATE", fixed(match["y"]))


@rule(rf"(?<![\w'’-]){EDGE}(?:(?P<c>1[6-9]|20)(?P<d>\d)0|['’]?(?P<d2>\d)0)['’]?s\b")
def _decade(match: re.Match[str], text: str) -> Candidate | None:
    if match["c"]:
        return make_candidate(match, "DATE", fixed(f"{match['c']}{match['d']}"))
    digit = int(match["d2"])

    def resolve(ctx: Context) -> Resolution:
        # "the 90s": the most recent such decade (a decade later than now is not history yet).
        this_decade = (ctx.published.year if ctx.published else 2000) // 10
        century = this_decade // 10 if digit <= this_decade % 10 else this_decade // 10 - 1
        return (f"{century}{digit}", 3)

    return make_candidate(match, "DATE", resolve)


@rule(r"(?<![\w'’])['’](?P<yy>\d\d)\b(?!['’])")
def _apostrophe_year(match: re.Match[str], text: str) -> Candidate | None:
    two_digits = int(match["yy"])
    before = text[max(0, match.start() - 12):match.start()]
    if not re.search(rf"(?:\b(?i:since|in|of|from|until|till|by|and|to|during|before|after)|{MONTH})\s+$", before):
        return None  # "iLife '11" is a product name

    def resolve(ctx: Context) -> Resolution:
        this_year = (ctx.published.year if ctx.published else 2000)
        year = this_year // 100 * 100 + two_digits
        return (str(year if year <= this_year else year - 100), 3)

    return make_candidate(match, "DATE", resolve)


@rule(r"\b(?i:(?P<the>the\s+)?(?P<ord>first|second|third|fourth|final|last|1st|2nd|3rd|4th)[\s-]+quarter"
       r"(?:\s+of\s+(?:(?P<y>\d{4})|(?P<rel>this|last|next|the\s+year)(?:\s+year)?))?)\b"
       r"|\b(?P<q>Q[1-4])\s+(?P<qy>\d{4})\b")
def _quarter(match: re.Match[str], text: str) -> Candidate | None:
    if match["q"]:
        return make_candidate(match, "DATE", fixed(f"{match['qy']}-{match['q']}"))
    ordinal = match["ord"].lower()
    number = {"1st": 1, "2nd": 2, "3rd": 3, "4th": 4, "final": 4}.get(ordinal) or QUARTER_ORDINALS.get(ordinal)
    if number is None:  # "the last quarter": the quarter before publication
        def make_last(published: dt.date) -> Resolution:
            year, quarter = published.year, (published.month - 1) // 3
            if quarter == 0:
                year, quarter = year - 1, 4
            return (f"{year}-Q{quarter}", 3)

        return make_candidate(match, "DATE", from_published(make_last))
    if match["y"]:
        return make_candidate(match, "DATE", fixed(f"{match['y']}-Q{number}"))
    relative = (match["rel"] or "").lower()
    cued = has_future_cue(text, match.start())

    def make(published: dt.date) -> Resolution:
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

    return make_candidate(match, "DATE", from_published(make))


@rule(r"\b(?i:(?P<rel>this|last|next|early|late|mid|the)[\s-]+(?P<season>spring|summer|autumn|fall|winter)"
       r"|(?P<season2>spring|summer|autumn|winter)|in\s+the\s+(?P<season3>fall))\b"
       r"(?:\s+(?:of\s+)?(?P<y>\d{4})\b)?")
def _season(match: re.Match[str], text: str) -> Candidate | None:
    name = (match["season"] or match["season2"] or match["season3"]).lower()
    code = SEASONS[name]
    if match["season2"] and text[match.start()].isupper() and (
            re.search(r"[A-Z]\w*[^\S\n]+$", text[max(0, match.start() - 20):match.start()])
            or re.match(r"[^\S\n]+[A-Z]", text[match.end():])):
        return None  # part of a name ("Arab Spring", "Winter Olympics")
    if match["y"]:
        return make_candidate(match, "DATE", fixed(f"{match['y']}-{code}"))
    relative = (match["rel"] or "").lower()
    shift = {"last": -1, "next": 1}.get(relative, 0)
    return make_candidate(match, "DATE", from_published(lambda p: (f"{p.year + shift}-{code}", 3)))


def weekday_date(weekday: int, modifier: str, published: dt.date) -> dt.date:
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


@rule(rf"\b{_DAY_MODIFIER}?(?P<wd>{WEEKDAY})\b(?:\s+(?P<part>{DAY_PART})\b)?")
def _weekday(match: re.Match[str], text: str) -> Candidate | None:
    if NAMED_DAY_PREFIX.search(text[max(0, match.start() - 10):match.start()]):
        return None
    if not match["part"] and WEEKDAY_NAME_SUFFIX.match(text, match.end()):
        return None
    weekday = WEEKDAYS[match["wd"].lower()]
    modifier = re.sub(r"\s+", " ", match["mod"].lower()) if match["mod"] else ""
    part = DAY_PARTS[match["part"].lower()] if match["part"] else None

    def make(published: dt.date) -> Resolution:
        date = weekday_date(weekday, modifier, published)
        return (f"{date.isoformat()}T{part}" if part else date.isoformat(), 1)

    return make_candidate(match, "TIME" if part else "DATE", from_published(make))


@rule(rf"\b(?P<wd>{WEEKDAY})s\b|\b(?i:every|each)\s+(?P<wd2>{WEEKDAY})\b")
def _weekday_set(match: re.Match[str], text: str) -> Candidate | None:
    weekday = WEEKDAYS[(match["wd"] or match["wd2"]).lower()]
    return make_candidate(match, "SET", fixed(f"XXXX-WXX-{weekday + 1}"))

RELATIVE_DAYS = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}


@rule(rf"\b(?i:(?P<edge>earlier|later|late|early)\s+)?(?P<day>(?i:today|tonight|yesterday|tomorrow))"
       rf"(?:\s+(?P<part>{DAY_PART}))?\b")
def _relative_day(match: re.Match[str], text: str) -> Candidate | None:
    word = match["day"].lower()
    offset = RELATIVE_DAYS[word]
    part = "NI" if word == "tonight" else (DAY_PARTS[match["part"].lower()] if match["part"] else None)

    def make(published: dt.date) -> Resolution:
        date = published + dt.timedelta(days=offset)
        return (f"{date.isoformat()}T{part}" if part else date.isoformat(), 1)

    return make_candidate(match, "TIME" if part else "DATE", from_published(make))


@rule(r"\b(?i:(?P<rel>this|last)\s+(?P<part>morning|afternoon|evening|night)|overnight)\b(?!\s+curfew)")
def _part_of_day(match: re.Match[str], text: str) -> Candidate | None:
    # "last night" and "overnight" are the night before publication (see module doc).
    if match["part"] is None:
        offset, code = -1, "NI"
    else:
        offset = -1 if match["rel"].lower() == "last" else 0
        code = DAY_PARTS[match["part"].lower()]

    def make(published: dt.date) -> Resolution:
        return (f"{(published + dt.timedelta(days=offset)).isoformat()}T{code}", 1)

    return make_candidate(match, "TIME", from_published(make))

_PERIOD_RELATIVE = {"this": 0, "last": -1, "next": 1, "past": -1, "coming": 1, "current": 0}


def _period_value(unit: str, published: dt.date, shift: int) -> Resolution:
    """Value of the week/month/year/weekend `shift` periods away from publication."""
    if unit == "week":
        return (iso_week(published + dt.timedelta(weeks=shift)), 2)
    if unit == "weekend":
        saturday = published - dt.timedelta(days=(published.weekday() - 5) % 7)
        if shift >= 0 and published.weekday() < 5:
            saturday += dt.timedelta(days=7)  # "this weekend" on a weekday: the coming one
        return (f"{iso_week(saturday + dt.timedelta(weeks=max(shift, 0)))}-WE", 2)
    if unit == "month":
        year, month = shift_month(published.year, published.month, shift)
        return (month_value(year, month), 3)
    return (str(published.year + shift), 3)


@rule(r"\b(?i:(?P<edge>(?:earlier|later|early|late|mid)[\s-]+|(?:the\s+)?(?:end|start|beginning|middle)\s+of\s+)?"
       r"(?P<rel>this|last|next|current|coming)\s+(?P<unit>week|weekend|month|year))\b")
def _relative_period(match: re.Match[str], text: str) -> Candidate | None:
    unit = match["unit"].lower()
    relative = match["rel"].lower()
    # "the last year" is a duration; the longer match of the duration rule takes it.
    shift = _PERIOD_RELATIVE[relative]
    return make_candidate(match, "DATE", from_published(lambda p: _period_value(unit, p, shift)))


@rule(r"\b(?i:(?:over\s+|during\s+)?the\s+(?:(?P<rel>past|last)\s+)?weekend)\b")
def _the_weekend(match: re.Match[str], text: str) -> Candidate | None:
    # News usage: "over the weekend" is the most recent weekend on or before publication.
    def make(published: dt.date) -> Resolution:
        saturday = published - dt.timedelta(days=(published.weekday() - 5) % 7)
        return (f"{iso_week(saturday)}-WE", 2)

    start = re.search(r"(?i)the", match[0])
    assert start is not None  # the pattern always contains "the"
    return Candidate(match.start() + start.start(), match.end(), "DATE", from_published(make))


@rule(r"\b(?i:the\s+(?:start|beginning|end|middle)\s+of\s+the\s+(?P<unit>year|month|week))\b")
def _edge_of_current_period(match: re.Match[str], text: str) -> Candidate | None:
    unit = match["unit"].lower()
    return make_candidate(match, "DATE", from_published(lambda p: _period_value(unit, p, 0)))

_UNIT_WORD = r"(?P<unit>days?|weeks?|months?|years?|decades?)"


def _offset_value(reference: dt.date, unit: str, amount: int) -> Resolution:
    """The day/week/month/year `amount` units away from `reference`."""
    unit = unit.rstrip("s")
    if unit == "day":
        return day_value(reference + dt.timedelta(days=amount))
    if unit == "week":
        return day_value(reference + dt.timedelta(weeks=amount), 2)
    if unit == "month":
        return (month_value(*shift_month(reference.year, reference.month, amount)), 3)
    if unit == "decade":
        return (str((reference.year + 10 * amount) // 10), 3)
    return (str(reference.year + amount), 3)


@rule(rf"\b(?i:(?P<n>{NUMBER})\s+{_UNIT_WORD}\s+ago)\b")
def _units_ago(match: re.Match[str], text: str) -> Candidate | None:
    amount = quantity(match["n"])
    if not isinstance(amount, int):
        return None
    unit = match["unit"].lower()
    return make_candidate(match, "DATE", from_published(lambda p: _offset_value(p, unit, -amount)))


@rule(rf"\b(?i:(?P<n>{NUMBER})\s+{_UNIT_WORD}\s+(?:(?P<dir>earlier|later|previously)\b(?!\s+than\b)"
       r"|(?P<dir2>before|after|prior)\b(?!\s+(?:(?:the|a|an|his|her|its|their|this|that|than|to)\b|[A-Z0-9]))))")
def _units_from_reference(match: re.Match[str], text: str) -> Candidate | None:
    amount = quantity(match["n"])
    if not isinstance(amount, int):
        return None
    unit = match["unit"].lower()
    # "two days before the vote" counts from the vote, which is not a date: left to the
    # duration rule; "two days before." counts from the previous date.
    sign = 1 if (match["dir"] or match["dir2"]).lower() in ("later", "after") else -1
    return make_candidate(match, "DATE", from_reference(lambda r: _offset_value(r, unit, sign * amount)))

_NEIGHBOUR_DAY = {
    "previous": -1, "preceding": -1, "before": -1, "prior": -1,
    "following": 1, "next": 1, "after": 1, "same": 0,
}


@rule(r"\b(?i:the\s+(?P<adj>previous|preceding|following|next|same)\s+(?P<unit>day|week|month|year)"
       r"|the\s+(?P<unit2>day|week|month|year)\s+(?P<adv>before|after|prior)(?=\s*(?:[,.;:)!?\n]|$))"
       r"|(?:that|that\s+same)\s+(?P<unit3>day)"
       r"|(?:(?:earlier|later|late|early)\s+in|(?:start|end|rest|remainder)\s+of)\s+(?P<unit4>the\s+day)"
       r"|(?:end|ended|ending|ends|finish|finished|finishing|close|closed|closing)\s+(?P<unit5>the\s+day))\b"
       r"(?!\s+(?:(?:the|a|an|his|her|its|their|this|that|of|when|as)\b|[A-Z0-9]))")
def _neighbour_period(match: re.Match[str], text: str) -> Candidate | None:
    word = (match["adj"] or match["adv"] or "same").lower()
    unit = (match["unit"] or match["unit2"] or match["unit3"] or "day").lower()
    shift = _NEIGHBOUR_DAY[word]
    resolve = from_reference(lambda r: _offset_value(r, unit, shift))
    if match["unit5"]:  # "ended the day": only "the day" is the expression
        return make_candidate(match, "DATE", resolve, "unit5")
    return make_candidate(match, "DATE", resolve)
