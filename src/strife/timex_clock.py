"""Time rules for clock times, durations, sets ('every week') and vague references ('recently').
"""
from __future__ import annotations

import datetime as dt
import re

from .timex_calendar import (
    NUMBER,
    VAGUE_QUANTITIES,
    WEEKDAY,
    WEEKDAYS,
    Candidate,
    Context,
    Resolution,
    Rule,
    fixed,
    make_candidate,
    quantity,
    rule_registry,
)
from .timex_dates import RELATIVE_DAYS, weekday_date

RULES: list[Rule] = []
rule = rule_registry(RULES)


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

_TIME_DAY = rf"(?:\s+(?:(?P<rd>(?i:today|tonight|yesterday|tomorrow))|(?:on\s+)?(?P<wd>{WEEKDAY}))\b)?"


def _clock_candidate(match: re.Match[str], clock: str | None) -> Candidate | None:
    if clock is None:
        return None
    relative_day = match["rd"].lower() if match["rd"] else None
    weekday = WEEKDAYS[match["wd"].lower()] if match["wd"] else None

    def resolve(ctx: Context) -> Resolution:
        if relative_day is None and weekday is None:
            return (f"T{clock}", 3)  # the text gives no day for it
        if ctx.published is None:
            return (None, 1)
        if relative_day is not None:
            date = ctx.published + dt.timedelta(days=RELATIVE_DAYS[relative_day])
        else:
            date = weekday_date(weekday, "", ctx.published)  # type: ignore[arg-type]
        return (f"{date.isoformat()}T{clock}", 1)

    return make_candidate(match, "TIME", resolve)


@rule(rf"(?<![\d:.])(?P<h>\d{{1,2}})(?::(?P<m>\d{{2}}))?\s*{_MERIDIEM}{_ZONE}{_TIME_DAY}")
def _clock_meridiem(match: re.Match[str], text: str) -> Candidate | None:
    return _clock_candidate(match, _clock(int(match["h"]), int(match["m"] or 0), match["ap"]))


@rule(rf"(?<![\d:.$£€])(?P<h>[01]?\d|2[0-4]):(?P<m>[0-5]\d)(?![\d:])(?!\s*{_MERIDIEM}){_ZONE}{_TIME_DAY}")
def _clock_24h(match: re.Match[str], text: str) -> Candidate | None:
    return _clock_candidate(match, _clock(int(match["h"]), int(match["m"]), None))


@rule(rf"(?<![\d:.])(?P<h>[01]\d|2[0-3])(?P<m>[0-5]\d)\s*(?:GMT|UTC|hrs|hours\s+(?:GMT|UTC|local))\b{_TIME_DAY}")
def _clock_military(match: re.Match[str], text: str) -> Candidate | None:
    return _clock_candidate(match, _clock(int(match["h"]), int(match["m"]), None))


@rule(r"\b(?i:noon|midday|midnight)\b")
def _named_clock(match: re.Match[str], text: str) -> Candidate | None:
    clock = "24:00" if match[0].lower() == "midnight" else "12:00"
    return make_candidate(match, "TIME", fixed(f"T{clock}"))

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

_VAGUE = "|".join(q.replace(" ", r"\s+") for q in VAGUE_QUANTITIES)


@rule(rf"\b(?i:(?:the\s+(?:past|last|next|first|coming|previous|following)\s+)?{_APPROXIMATELY}"
       rf"(?P<n>{NUMBER}|{_VAGUE})(?P<half>\s+and\s+a\s+half)?\s+(?:(?:straight|consecutive|successive|full|more)\s+)?"
       rf"{_DURATION_UNIT})\b(?!\s+(?i:ago|old)\b)")
def _duration(match: re.Match[str], text: str) -> Candidate | None:
    word = match["n"].lower()
    amount = None if re.sub(r"\s+", " ", word) in VAGUE_QUANTITIES else quantity(word)
    if amount is not None and match["half"]:
        amount += 0.5
    unit = match["unit"].lower()
    if unit == "second" and word in ("a", "an"):
        return None  # "a second attack" is an ordinal
    if amount is not None and amount != 1 and not unit.endswith("s") and unit != "century":
        return None  # "five year plan" is caught by the adjective rule
    return make_candidate(match, "DURATION", fixed(_duration_value(amount, unit)))


@rule(rf"\b(?i:(?:an?\s+)?(?P<n>{NUMBER})[\s-](?P<unit>second|minute|hour|day|week|month|year|decade|century)"
       r"(?:-long)?)\b(?![\s-]+old\b)")
def _duration_adjective(match: re.Match[str], text: str) -> Candidate | None:
    amount = quantity(match["n"])
    if amount is None:
        return None
    if re.match(r"\s", text[match.start("n") + len(match["n"]):]) and match["n"].lower() in ("a", "an"):
        return None  # "a year" alone is handled by the plain duration rule
    return make_candidate(match, "DURATION", fixed(_duration_value(amount, match["unit"])))


@rule(r"\b(?i:(?:the\s+)?(?:past|last|previous|coming|next)\s+(?P<unit>day|week|month|year|decade|century))\b")
def _past_period(match: re.Match[str], text: str) -> Candidate | None:
    before = text[max(0, match.start() - 20):match.start()]
    if not match[0].lower().startswith("the") and not re.search(r"(?i:over|during|in|for|throughout)\s+$", before):
        return None  # "last year" is a date, handled by the relative-period rule
    return make_candidate(match, "DURATION", fixed(_duration_value(1, match["unit"])))


@rule(r"\b(?i:(?:for|over|in|within)\s+(?:the\s+)?(?:recent\s+|just\s+|only\s+|mere\s+)?"
       r"(?P<unit>years|months|weeks|decades|days|hours|minutes))\b")
def _vague_duration(match: re.Match[str], text: str) -> Candidate | None:
    start = match.start("unit")
    prefix = text[match.start():start].lower()
    if "recent" in prefix:  # "recent years" is the expression; "in just" is not
        start = match.start() + prefix.index("recent")
    return Candidate(start, match.end(), "DURATION", fixed(_duration_value(None, match["unit"])))


@rule(r"\b(?i:(?P<adj>annual|annually|yearly|monthly|weekly|daily|nightly|hourly)"
       r"|(?:every|each|per|a)\s+(?P<unit>day|week|month|year|night|hour))\b")
def _set(match: re.Match[str], text: str) -> Candidate | None:
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
    return make_candidate(match, "SET", fixed(value))

_REFERENCES = {
    "now": "PRESENT_REF", "currently": "PRESENT_REF", "at present": "PRESENT_REF",
    "at the moment": "PRESENT_REF", "the time being": "PRESENT_REF", "nowadays": "PRESENT_REF",
    "recently": "PAST_REF", "recent": "PAST_REF", "the past": "PAST_REF",
    "the future": "FUTURE_REF", "soon": "FUTURE_REF", "shortly": "FUTURE_REF",
    "the near future": "FUTURE_REF", "the long term": "FUTURE_REF", "the short term": "FUTURE_REF",
    "the near term": "FUTURE_REF", "the coming days": "FUTURE_REF", "the coming weeks": "FUTURE_REF",
    "the coming months": "FUTURE_REF",
}


@rule(r"\b(?i:the\s+(?:near\s+)?future|the\s+(?:long|short|near)\s+term|the\s+coming\s+(?:days|weeks|months)"
       r"|the\s+time\s+being|at\s+present|at\s+the\s+moment|nowadays|currently|recently|recent|"
       r"(?:very\s+)?soon|shortly|now|the\s+past)\b(?!-)")
def _reference(match: re.Match[str], text: str) -> Candidate | None:
    phrase = re.sub(r"\s+", " ", match[0].lower()).removeprefix("very ")
    if phrase == "the past" and re.match(r"\s+(?:\w+\s+)?(?:days?|weeks?|months?|years?|decades?)\b", text[match.end():]):
        return None  # part of a duration ("the past nine days")
    if phrase == "now" and re.match(r"\s+(?:that|than)\b", text[match.end():]):
        return None  # "now that" is a conjunction
    return make_candidate(match, "DATE", fixed(_REFERENCES[phrase]))
