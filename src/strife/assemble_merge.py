"""Assembly, steps 2-3: current events only, and mentions of one happening merged into one event
(casualty reports, arrests at a protest, a protest that turned into a riot).
"""
from __future__ import annotations

from datetime import date, timedelta

from spacy.tokens import Doc

from . import config
from .assemble_attach import Draft, claimant
from .assemble_words import VIOLENT_TYPES
from .counts import CountsBySentence
from .gazetteer import GazPlace, distance_km
from .mentions import Mention
from .tuning import TUNING


def is_current(draft: Draft, published: date | None) -> bool:
    """Historical (long before publication) and future mentions are not current events."""
    day = draft.date or draft.fallback_date
    if day is None or published is None:
        return True
    if (day - published).days > TUNING.future_slack_days:
        return False
    precision = draft.date_precision if draft.date else draft.fallback_precision
    return (published - _last_day_of(day, precision)).days <= config.get_int("historical_days")


def _last_day_of(day: date, precision: int) -> date:
    """The latest day a date of this precision may mean: 'in January' may be the 31st."""
    if precision == 2:
        return day + timedelta(days=6)
    if precision >= 3:
        following = date(day.year + (day.month == 12), day.month % 12 + 1, 1)
        return following - timedelta(days=1)
    return day


def merge(drafts: list[Draft]) -> list[Draft]:
    """One draft per event: dated mentions first, then undated ones join the likeliest."""
    events: list[Draft] = []
    for d in [d for d in drafts if d.explicit_date]:
        same = next((e for e in events if _compatible(e, d) and e.date == d.date), None)
        if same:
            _absorb(same, d)
        else:
            events.append(d)
    for d in [d for d in drafts if not d.explicit_date]:
        candidates = [e for e in events if _compatible(e, d)]
        if candidates:
            best = max(candidates, key=lambda e: (len(e.lemmas & d.lemmas) * 2 + len(e.mentions), -events.index(e)))
            _absorb(best, d)
        else:
            events.append(d)
    return events


def fold_casualty_reports(events: list[Draft]) -> list[Draft]:
    """"Two people were killed", said on its own after the shelling was described, is the
    toll of that shelling, not a new attack: fold it into the nearest earlier violent event."""
    kept: list[Draft] = []
    for draft in sorted(events, key=lambda d: d.mentions[0].head):
        casualty_only = all(m.cues <= {"KILL"} for m in draft.mentions)
        earlier = [e for e in kept if e.event_type in VIOLENT_TYPES]
        if casualty_only and earlier:
            _absorb_counts(earlier[-1], draft)
        else:
            kept.append(draft)
    return kept


def fold_arrests_into_demonstrations(events: list[Draft]) -> list[Draft]:
    """Arrests reported in a story about a protest or riot are part of it (ACLED codes the
    demonstration, with intervention), not a separate event."""
    demos = [e for e in events if e.event_type in {"Protests", "Riots"}]
    if not demos:
        return events
    kept = []
    for draft in events:
        target = None
        if draft.main.sub_event_type == "Arrests":
            target = next((d for d in demos if d.date is None or draft.date is None
                           or abs((d.date - draft.date).days) <= 1), None)
        if target is None:
            kept.append(draft)
            continue
        _absorb_counts(target, draft)
        # "a protest against the prior arrest of members" tells a reason, not an intervention
        target.intervened = target.intervened or not _only_background(draft)
    return kept


def fold_protests_into_riots(events: list[Draft]) -> list[Draft]:
    """A protest and a riot on the same day and at the same place are one demonstration that
    turned violent ("members clashed with police during their demonstration. Police fired
    tear gas to disperse the demonstrators"): ACLED codes one Riots event."""
    # a riot told only as the reason for a protest ("against the prior assault") is another event
    riots = [e for e in events if e.event_type == "Riots" and not _only_background(e)]
    protests = [e for e in events if e.event_type == "Protests"]
    kept = []
    for draft in events:
        if draft in riots and "victims_protester" in draft.main.kinds:
            # a group that attacks the demonstrators intervenes in their protest (ACLED)
            target = next((p for p in protests if _same_happening(p, draft)), None)
            if target is not None:
                _absorb_counts(target, draft)
                target.intervened = True
                continue
        elif draft in protests:
            target = next((r for r in riots if "victims_protester" not in r.main.kinds
                           and _same_happening(r, draft)), None)
            if target is not None:
                _absorb_counts(target, draft)
                target.demonstrated = True
                continue
        kept.append(draft)
    return kept


def _only_background(draft: Draft) -> bool:
    """Told only as a reason or a past ("against the prior arrest", "following the assault")."""
    return all(t.background for m in draft.mentions for t in m.triggers)


def _same_happening(a: Draft, b: Draft) -> bool:
    day_a, day_b = a.date or a.fallback_date, b.date or b.fallback_date
    if day_a and day_b and day_a != day_b:
        return False
    return _near(a, b) is not False


def _near(a: Draft, b: Draft) -> bool | None:
    """Whether two drafts' places are within 25 km or one holds the other; None when either has none."""
    if a.place and b.place and a.place.place and b.place.place:
        return _km(a.place.place, b.place.place) <= 25 or _contains(a.place.place, b.place.place)
    return None


def sub_event_type_of(draft: Draft) -> str:
    """The sub-event type of a merged event: a riot told with demonstrators is a violent
    demonstration, a protest with arrests one with intervention."""
    main = draft.main
    doc_text = draft.doc_text
    main_paragraph = doc_text.rfind("\n\n", 0, main.sent_char)
    demonstrated = [m for m in draft.mentions if m.sub_event_type == "Violent demonstration"
                    and doc_text.rfind("\n\n", 0, m.sent_char) != main_paragraph]
    if main.event_type == "Riots" and demonstrated:
        # a later paragraph tells the same riot as a demonstration (news, not one-line notes)
        return "Violent demonstration"
    if main.sub_event_type == "Mob violence" and draft.demonstrated:
        return "Violent demonstration"
    if main.sub_event_type == "Peaceful protest" and draft.intervened:
        return "Protest with intervention"
    return main.sub_event_type


def _compatible(a: Draft, b: Draft) -> bool:
    if a.event_type != b.event_type:
        # "9 people were hurt in two clashes" names no one: it can be
        # the riot or the battle told before it.
        weak = all(m.weak for m in a.mentions) or all(m.weak for m in b.mentions)
        if not (weak and {a.event_type, b.event_type} <= VIOLENT_TYPES):
            return False
    near = _near(a, b)
    if near is not None:
        return near
    if "killed" in a.counts and "killed" in b.counts and a.explicit_date and b.explicit_date:
        return a.counts["killed"].low == b.counts["killed"].low
    return True


def _contains(a: GazPlace, b: GazPlace) -> bool:
    """True when one place is a region that holds the other (same country, region feature)."""
    coarse = {"country", "admin1", "admin2", "region"}
    return a.iso3 == b.iso3 and (a.feature in coarse or b.feature in coarse) and _km(a, b) <= 150


def _absorb(into: Draft, other: Draft) -> None:
    into.mentions.extend(other.mentions)
    into.lemmas |= other.lemmas
    if into.date is None and other.date is not None:
        into.date, into.date_precision, into.explicit_date = other.date, other.date_precision, other.explicit_date
    if into.fallback_date is None:
        into.fallback_date, into.fallback_precision = other.fallback_date, other.fallback_precision
    if other.place and (into.place is None or _finer(other.place.place, into.place.place)):
        into.place = other.place
    for kind, count in other.counts.items():
        mine = into.counts.get(kind)
        if mine is None or (kind == "killed" and count.low > mine.low and mine.low == 0):
            into.counts[kind] = count
            into.claimed_by = into.claimed_by or other.claimed_by
    into.claimed_by = into.claimed_by or other.claimed_by


def _absorb_counts(into: Draft, other: Draft) -> None:
    """Take another draft's counts (and claimant) where this one has none."""
    for kind, count in other.counts.items():
        if kind not in into.counts:
            into.counts[kind] = count
            into.claimed_by = into.claimed_by or other.claimed_by


def _finer(a: GazPlace | None, b: GazPlace | None) -> bool:
    order = {"city": 0, "admin2": 1, "region": 2, "admin1": 2, "country": 3}
    if a is None:
        return False
    return b is None or order.get(a.feature, 0) < order.get(b.feature, 0)


def orphan_counts(doc: Doc, mentions: list[Mention], events: list[Draft], counts: CountsBySentence) -> None:
    """Counts in sentences with no event of their own go to the article's main violent event."""
    if not events:
        return
    with_mentions = {m.sent_start for m in mentions}
    main = next((e for e in ranked(events) if e.event_type != "Strategic developments"), events[0])
    for sent in doc.sents:
        if sent.start in with_mentions:
            continue
        for count in counts.get(sent.start, ()):
            if count.kind in main.counts or count.kind == "arrested":
                continue
            main.counts[count.kind] = count
            main.claimed_by = main.claimed_by or claimant(doc[count.token])


def ranked(events: list[Draft]) -> list[Draft]:
    return sorted(events, key=lambda e: (-e.main.confidence, e.main.head))


def _km(a: GazPlace, b: GazPlace) -> float:
    return distance_km(a.latitude, a.longitude, b.latitude, b.longitude)
