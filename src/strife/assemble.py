"""Stage: assemble. Event mentions, times, places, counts and actors become Event records.

1. Attach: each time expression, place and count goes to the mention it hangs off in the
   parse (walking up from it to the first trigger or trigger verb). A place that describes
   a person ("Armenians in Karabakh") or is an origin, metonym or distance reference is not
   an event location.
2. Drop historical mentions (dated well before publication) and future ones.
3. Merge mentions of one article that describe the same event: same type, same date (or
   no date of their own) and compatible places. Undated mentions join the event they most
   resemble ("its operation" joins "a military operation").
4. Fill gaps from context: counts stated in sentences without an event of their own
   ("more than 10,000 people had been evacuated") go to the article's main event; events
   without a place take the sentence's, then the article's most-named place (coarser
   precision); events without a date take the publication date (week precision).
"""
from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta

from spacy.tokens import Doc, Span, Token

from . import actors as actors_mod
from . import config, plover
from .actors import ActorsByMention
from .clean import CleanArticle
from .counts import Count, CountsBySentence
from .gazetteer import Gazetteer, GazPlace, distance_km
from .mentions import Mention
from .places import (
    ADMIN_WORDS,
    OFFICE_WORDS,
    ROLE_ADJECTIVE,
    ROLE_METONYM,
    ROLE_ORIGIN,
    ROLE_PLACE,
    ROLE_REFERENCE,
    SETTLEMENT_WORDS,
    PlaceMention,
    containers_named_after,
    country_hints,
    doc_hinted_countries,
    doc_theatres,
    is_direction_without_distance,
    is_street_name,
)
from .record import Actor, Event, Evidence, Location, Plover, Source
from .timex import Timex, date_of

LOCATION_NOUNS = {
    "city", "town", "village", "region", "area", "district", "province", "county", "state",
    "territory", "stronghold", "outskirts", "suburb", "neighbourhood", "neighborhood", "camp",
    "border", "capital", "municipality", "market", "street", "road", "highway", "center", "centre",
    "locality", "zone", "governorate", "division", "upazila", "sub-county", "ward", "island",
    "port", "base", "airport", "valley", "hills", "mountains", "forest", "countryside", "west",
    "east", "north", "south", "part", "parts", "side", "front", "frontline", "near", "vicinity",
    "compound", "square", "campus", "university", "station", "office", "building", "hospital",
    "school", "mosque", "church", "headquarters", "premises", "front", "gate", "town's",
    "country", "constituency", "estate", "slum", "settlement", "location", "sublocation", "sector",
    "commune", "department", "prefecture", "oblast", "raion", "governorate", "neighbourhood", "quarter",
    "district's", "outskirt", "environs", "area's", "crossing", "junction", "bridge", "checkpoint",
}
REPORTING_VERBS = {"say", "claim", "report", "tell", "announce", "state", "confirm", "allege",
                   "accord", "estimate", "put", "add"}
PRONOUNS = {"they", "he", "she", "it", "we"}
# A past-tense report dated a day or two after its publication date is a dating slip in the
# source, not a plan: planned events are caught by their modality (will, plans to, ...).
FUTURE_SLACK_DAYS = 3
KIND_FIELDS = {"killed": "fatalities", "injured": "injured", "arrested": "arrested", "displaced": "displaced"}


@dataclass
class Draft:
    """An event being assembled from one or more mentions."""

    mentions: list[Mention]
    date: date | None = None
    date_precision: int = 1
    explicit_date: bool = False
    place: PlaceMention | None = None
    counts: dict[str, Count] = field(default_factory=dict)
    claimed_by: str | None = None
    lemmas: set[str] = field(default_factory=set)
    fallback_date: date | None = None        # the sentence's or paragraph's date, not attached
    intervened: bool = False                 # arrests or force against a demonstration were reported
    demonstrated: bool = False               # the riot happened at a demonstration told beside it
    doc_text: str = ""
    fallback_precision: int = 1

    @property
    def main(self) -> Mention:
        # a bare casualty report ("two people were killed") never outranks the mention that
        # says what happened ("artillery shelling killed two people")
        return max(self.mentions, key=lambda m: (not m.cues <= {"KILL"}, m.confidence, -m.head))

    @property
    def event_type(self) -> str:
        return self.main.event_type


def assemble(article: CleanArticle, doc: Doc, places: list[PlaceMention], times: list[Timex],
             mentions: list[Mention], counts: CountsBySentence, actors: ActorsByMention,
             gazetteer: Gazetteer) -> list[Event]:
    """The events of one article, main event first, from what the earlier stages found."""
    published = date.fromisoformat(article.published) if article.published else None
    if not mentions:
        return []
    drafts = [_draft(m, doc, places, times) for m in mentions]
    _attach_counts(doc, mentions, drafts, counts)
    drafts = [d for d in drafts if _is_current(d, published)]
    events = _fold_protests_into_riots(_fold_arrests_into_demonstrations(_fold_casualty_reports(_merge(drafts))))
    _orphan_counts(doc, mentions, events, counts)
    salient = _salient_place(doc, places) or _nearby_place(doc, places)
    country = None if salient else _implied_country(doc, places, gazetteer)
    return [_to_event(d, article, doc, places, salient, published, gazetteer, actors, country) for d in _ranked(events)]


# ---- 1. attach --------------------------------------------------------------------------------

def _draft(mention: Mention, doc: Doc, places: list[PlaceMention], times: list[Timex]) -> Draft:
    draft = Draft([mention], doc_text=doc.text, lemmas={doc[i].lemma_.lower() for t in mention.triggers
                                     for i in range(min(t.token, t.end - 1), t.end) if not doc[i].is_stop})
    sent = doc[mention.sent_start].sent
    for timex in times:
        span = doc.char_span(timex.start, timex.end, alignment_mode="expand")
        if span is None or not (sent.start <= span.start < sent.end):
            continue
        day = date_of(timex)
        if day is None or timex.kind not in {"DATE", "TIME"}:
            continue
        if _attaches(span.root, mention) and not draft.explicit_date and not _bounds_a_span(doc, timex) \
                and not _names_a_thing(span, mention):
            draft.date, draft.date_precision, draft.explicit_date = day, timex.precision, True
    if not draft.explicit_date:
        _set_fallback_date(draft, doc, sent, times)
    in_sentence = _places_in(places, sent)
    in_sentence = [p for p in in_sentence if not _beyond(doc[p.token_end - 1])]
    attached = [place for place in in_sentence if not _modifies_actor(doc[place.token_end - 1])
                and _attaches(doc[place.token_end - 1], mention, place=True)]
    # 'from Faridpur municipality (Faridpur Sadar, Dhaka)': where the walk reached only the
    # division, the place the text puts inside it is the better answer.
    # Likewise 'in Garissa [north-eastern Kenya] town', where the walk reached only the country.
    containers = [p for p in attached if p.place.feature != "country"] or attached
    # So does 'Majzar district (Marib)' where the walk reached only Marib (a district: villages
    # inside are too often namesakes of places elsewhere).
    attached += [q for q in in_sentence if q not in attached
                 and any(_holds(p, q) or (q.place.feature == "admin2" and _named_as_container(p, q, doc))
                         for p in containers)
                 and not _is_origin_or_destination(doc[q.token_end - 1])]
    attached = [p for p in attached if not _contains_another(p, attached, doc)] or attached
    # 'a Nairobi-bound bus outside Mandera town', 'raiders from Isiolo': where people came from
    # or were heading is not where they were (but protesters marching to a place protest there)
    attached = _without_origins(attached, doc)
    if attached:
        # "in Mandera near the Somalia border": the finest place named, then a plain place
        # before a facility named after one, then the first
        draft.place = min(attached, key=lambda p: (*_fineness(p, doc), p.start))
    return draft


def _without_origins(places: list[PlaceMention], doc: Doc) -> list[PlaceMention]:
    """The places but those people came from or were bound for; a range ('the area stretching
    from Al Mayadin to Al-Bukamal') keeps both ends."""
    places = [p for p in places if not _fled_to(doc[p.token_end - 1])]
    if any(_after_preposition(doc[p.token_end - 1], {"to"}) for p in places):
        return places
    return [p for p in places if not _is_origin_or_bound(doc[p.token_end - 1])]


# "fled with them into Somalia", "crossed back into Somalia": where attackers went afterwards
FLIGHT_VERBS = {"flee", "cross", "escape", "retreat", "withdraw", "ferry", "smuggle", "vanish", "disappear"}


def _fled_to(token: Token) -> bool:
    prep = _preposition_over(token, {"into", "to", "towards", "toward", "across"}, NOUN_LINKS | {"prep"}, steps=4)
    return prep is not None and prep.head.lemma_.lower() in FLIGHT_VERBS


def _places_in(places: list[PlaceMention], sent: Span) -> list[PlaceMention]:
    """The sentence's resolved literal places (not metonyms, origins or references)."""
    return [p for p in places if p.place is not None and p.role == "place" and p.place.iso3 is not None
            and sent.start <= p.token_start < sent.end]


def _fineness(place: PlaceMention, doc: Doc) -> tuple[bool, bool, int]:
    """Sort key: a plain place before a facility or a road named after one (which may stand
    elsewhere: 'Juba Primary School in Dagahley camp', 'at the Khulna Satkhira highway in Khulna
    city'), then towns before districts before regions."""
    return place.facility, _names_a_road(place, doc), _FEATURE_RANK.get(place.place.feature, 0)


ROAD_NOUNS = {"road", "highway", "bypass", "railway", "expressway", "route"}


def _names_a_road(place: PlaceMention, doc: Doc) -> bool:
    return place.token_end < len(doc) and doc[place.token_end].lower_ in ROAD_NOUNS


def _contains_another(place: PlaceMention, others: list[PlaceMention], doc: Doc) -> bool:
    """'Meherpur city (Meherpur Sadar, Khulna)': Khulna is the division holding Meherpur, named
    to locate it, even where the index also knows a city called Khulna. So is Netrakona in
    'Kalmakanda upazila (Netrakona, Mymensingh)', though the index knows the town Netrakona and
    the upazila Kalmakanda only as an area."""
    return any(_holds(place, other) or _named_as_container(place, other, doc) for other in others if other is not place)


def _named_as_container(container: PlaceMention, place: PlaceMention, doc: Doc) -> bool:
    """Whether `container` is named to locate the town or district `place` ('X upazila (Y, Z)')."""
    if container.token_start <= place.token_start or place.place.iso3 != container.place.iso3 \
            or place.place == container.place or place.facility or place.place.feature not in ("city", "admin2"):
        return False
    outer = doc[container.token_start:container.token_end]
    return bool(containers_named_after(doc[place.token_start:place.token_end], [outer]))


def _holds(container: PlaceMention, place: PlaceMention) -> bool:
    """Whether `container` is the country or first-level area the text's `place` lies in:
    'in Garissa [north-eastern Kenya] town' happened in Garissa."""
    if container.place.feature == "country":
        return place.place.feature != "country" and place.place.iso3 == container.place.iso3
    name = container.place.name.casefold()
    return bool(place.place.admin1) and place.place.admin1.casefold() == name and place.place.name.casefold() != name \
        and place.place.iso3 == container.place.iso3


def _set_fallback_date(draft: Draft, doc: Doc, sent: Span, times: list[Timex]) -> None:
    """The nearest date in the sentence, else the last one earlier in the same paragraph."""
    head_char = doc[draft.mentions[0].head].idx
    dated = [t for t in times if t.kind in {"DATE", "TIME"} and date_of(t) is not None]
    in_sentence = [t for t in dated if sent.start_char <= t.start < sent.end_char
                   and not _in_relative_clause(doc, t, doc[draft.mentions[0].head]) and not _bounds_a_span(doc, t)
                   and not _names_a_thing(doc.char_span(t.start, t.end, alignment_mode="expand"), draft.mentions[0])]
    if in_sentence:
        best = min(in_sentence, key=lambda t: abs(t.start - head_char))
    else:
        para_start = doc.text.rfind("\n\n", 0, sent.start_char)
        earlier = [t for t in dated if para_start < t.start < sent.start_char]
        if not earlier:
            return
        best = earlier[-1]
    draft.fallback_date, draft.fallback_precision = date_of(best), best.precision


def _bounds_a_span(doc: Doc, timex: Timex) -> bool:
    """'unpaid since May', 'closed until March': the start or end of a state of affairs, not
    the day of the event the sentence reports."""
    words = doc.text[:timex.start].split()
    return bool(words) and words[-1].lower() in {"since", "until", "till"}


# Nouns a date may modify and still date the event ('on 2 May morning').
TIME_OF_DAY_NOUNS = {"morning", "afternoon", "evening", "night", "midnight", "noon", "hours", "dawn", "day"}


def _names_a_thing(span: Span | None, mention: Mention) -> bool:
    """'to demand a 2013-2017 bargaining agreement', 'over the 2007 election results', 'in the
    2017 General Election', 'the March 2012 bus station bombing': a date that names a thing is
    not the day of the event (but 'the 2007 riots' dates the riots)."""
    if span is None:
        return False
    root = span.root
    triggers = {i for t in mention.triggers for i in range(t.token, t.end)}
    return root.dep_ in {"nummod", "nmod", "compound"} and root.head.pos_ in {"NOUN", "PROPN"} \
        and root.head.i not in triggers and root.head.lower_ not in TIME_OF_DAY_NOUNS


def _in_trigger_phrase(token: Token, anchors: set[int]) -> bool:
    """True when the token is a trigger noun or sits inside its noun phrase ("the ceasefire
    with Azerbaijan's forces")."""
    node = token
    for _ in range(6):
        if node.i in anchors:
            return node.pos_ in {"NOUN", "PROPN"}
        if node.pos_ in {"VERB", "AUX"} or node.head == node:
            return False
        node = node.head
    return False


def _in_relative_clause(doc: Doc, timex: Timex, trigger: Token) -> bool:
    """True when the time sits in a relative clause that does not hold the trigger."""
    span = doc.char_span(timex.start, timex.end, alignment_mode="expand")
    if span is None:
        return False
    for node in [span.root, *span.root.ancestors]:
        if node.dep_ == "relcl":
            return trigger not in node.subtree and not _in_trigger_phrase(node.head, {trigger.i})
    return False


def _attaches(token: Token, mention: Mention, place: bool = False) -> bool:
    """True when the walk up from `token` reaches one of the mention's anchors.

    For places, the walk stops at a noun that is neither a trigger nor a place noun:
    "ethnic Armenians in Karabakh" describes people, not where the event happened.
    """
    node = token
    for _ in range(12):
        if node.i in mention.anchors:
            return True
        # "a vote to be held on Friday": an infinitive clause has its own time and place
        if node.pos_ in {"VERB", "AUX"} and any(c.dep_ == "aux" and c.lower_ == "to" for c in node.children):
            return False
        # "a politician who vied for the nomination the previous month was killed": a relative
        # clause tells its own time and place
        if node.dep_ == "relcl" and node.pos_ in {"VERB", "AUX"} and not _in_trigger_phrase(node.head, mention.anchors):
            return False  # (but "a ceasefire that went into effect on Wednesday" dates the ceasefire)
        parent = node.head
        if parent == node:
            return False
        if place and parent.pos_ in {"NOUN", "PROPN"} and parent.i not in mention.anchors and (
                parent.lemma_.lower() not in LOCATION_NOUNS and parent.ent_type_ not in {"GPE", "LOC", "FAC"}):
            return False
        if place and node.dep_ == "pobj" and parent.lower_ in {"from", "toward", "towards", "to"} and parent.head.i not in mention.anchors:
            return False
        node = parent
    return False


def _attach_counts(doc: Doc, mentions: list[Mention], drafts: list[Draft], counts: CountsBySentence) -> None:
    """Each count goes to the mention of its sentence it hangs off, else the sentence's first."""
    by_sent: dict[int, list[tuple[Mention, Draft]]] = {}
    for m, d in zip(mentions, drafts):
        by_sent.setdefault(m.sent_start, []).append((m, d))
    for sent_start, pairs in by_sent.items():
        for count in counts.get(sent_start, ()):
            target = next((d for m, d in pairs if _attaches(doc[count.token], m)), None)
            if target is None:
                target = next((d for m, d in pairs if m.event_type != "Strategic developments"
                               or count.kind == "arrested"), pairs[0][1])
            if count.kind not in target.counts:
                target.counts[count.kind] = count
                target.claimed_by = target.claimed_by or claimant(doc[count.token])
    for m, d in zip(mentions, drafts):
        d.claimed_by = d.claimed_by or claimant(doc[m.head])


def claimant(token: Token) -> str | None:
    """Who the text says reported this: "they said killed 200" -> 'separatists' (resolved)."""
    node = token
    for _ in range(10):
        for child in node.children:
            if child.dep_ == "prep" and child.lower_ in {"according"}:
                obj = next((c for gc in child.children for c in [gc] + list(gc.children) if c.dep_ == "pobj"), None)
                if obj is not None:
                    return _phrase(obj)
        if node.lemma_.lower() in REPORTING_VERBS and node.pos_ == "VERB" and node != token:
            subj = next((c for c in node.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
            if subj is not None:
                return _resolve_pronoun(subj) if subj.lower_ in PRONOUNS else _phrase(subj)
        if node.head == node:
            break
        node = node.head
    return None


def _phrase(token: Token) -> str:
    words = [t for t in token.subtree if t.dep_ not in {"det", "punct", "relcl", "prep", "acl"}
             and t.i <= token.i and not (t.dep_ == "poss" and t.lower_ in {"his", "her", "their"})]
    text = " ".join(t.text for t in words).strip()
    return text or token.text


def _resolve_pronoun(pronoun: Token) -> str:
    """The nearest earlier noun phrase in the sentence that a plural/singular pronoun can mean."""
    plural = pronoun.lower_ in {"they", "we"}
    earlier = list(reversed(list(pronoun.sent)[: pronoun.i - pronoun.sent.start]))
    for token in earlier:
        if token.lower_ in actors_mod.PERSON_WORDS and token.pos_ in {"NOUN", "PROPN"}:
            return _phrase(token)
    for token in earlier:
        if token.pos_ in {"NOUN", "PROPN"} and token.dep_ in {"nsubj", "nsubjpass", "dobj", "pobj"}:
            if (token.tag_ in {"NNS", "NNPS"}) == plural or token.pos_ == "PROPN":
                return _phrase(token)
    return pronoun.text


# ---- 2. current events only --------------------------------------------------------------

def _is_current(draft: Draft, published: date | None) -> bool:
    """Historical (long before publication) and future mentions are not current events."""
    day = draft.date or draft.fallback_date
    if day is None or published is None:
        return True
    if (day - published).days > FUTURE_SLACK_DAYS:
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


# ---- 3. merge -------------------------------------------------------------------------------------

def _merge(drafts: list[Draft]) -> list[Draft]:
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


VIOLENT_TYPES = {"Battles", "Explosions/Remote violence", "Violence against civilians", "Riots"}


def _fold_casualty_reports(events: list[Draft]) -> list[Draft]:
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


def _fold_arrests_into_demonstrations(events: list[Draft]) -> list[Draft]:
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


def _fold_protests_into_riots(events: list[Draft]) -> list[Draft]:
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


def _sub_event_type(draft: Draft) -> str:
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


def _orphan_counts(doc: Doc, mentions: list[Mention], events: list[Draft], counts: CountsBySentence) -> None:
    """Counts in sentences with no event of their own go to the article's main violent event."""
    if not events:
        return
    with_mentions = {m.sent_start for m in mentions}
    main = next((e for e in _ranked(events) if e.event_type != "Strategic developments"), events[0])
    for sent in doc.sents:
        if sent.start in with_mentions:
            continue
        for count in counts.get(sent.start, ()):
            if count.kind in main.counts or count.kind == "arrested":
                continue
            main.counts[count.kind] = count
            main.claimed_by = main.claimed_by or claimant(doc[count.token])


def _ranked(events: list[Draft]) -> list[Draft]:
    return sorted(events, key=lambda e: (-e.main.confidence, e.main.head))


# ---- 4. records -----------------------------------------------------------------------------------

def _salient_place(doc: Doc, places: list[PlaceMention]) -> PlaceMention | None:
    """The article's most-named literal place below country level (else the most-named
    country; ties: the earliest), for events with no place of their own."""
    usable = [p for p in places if p.place is not None and p.place.iso3 and p.role == "place"
              and _usable_fallback(doc, p) and not _is_origin_or_destination(doc[p.token_end - 1])]
    finer = [p for p in usable if p.place.feature != "country"]
    usable = finer or usable
    if not usable:
        return None
    counts: dict[object, int] = {}
    for p in usable:
        key = p.place.geonameid or p.place.name
        counts[key] = counts.get(key, 0) + 1
    return max(usable, key=lambda p: (counts[p.place.geonameid or p.place.name], -p.start))


def _nearby_place(doc: Doc, places: list[PlaceMention]) -> PlaceMention | None:
    """With no literal place, a town the text ties the event to otherwise: a road's end ('blocked
    the Voi-Taveta road'), a town's institution ('Kisii University students', 'the Kitui
    mayor'), where the people came from ('youths from Othaya'), a distance anchor; or a
    county's institution ('Kisii county government employees'). It is closer than the
    country's centre, and reported as near it (precision 2; a county's at its seat, precision 3)."""
    usable = [p for p in places if p.place is not None and p.place.iso3
              and (p.place.feature in ("city", "admin2") or p.place.feature == "admin1" and p.role == ROLE_METONYM)
              and (p.role in (ROLE_REFERENCE, ROLE_ORIGIN, ROLE_METONYM) and not _names_a_people(doc, p)
                   or p.role == ROLE_PLACE and _is_origin_or_destination(doc[p.token_end - 1]))
              and not _beyond(doc[p.token_end - 1]) and not is_street_name(doc[p.token_start:p.token_end])]
    return usable[0] if usable else None


def _names_a_people(doc: Doc, place: PlaceMention) -> bool:
    """'Kisii youths' may be a people; 'the Kisii county government', 'the Kisii governor' is the place."""
    after = doc[place.token_end] if place.token_end < len(doc) else None
    return place.text in country_hints() and not (after is not None and after.lower_ in ADMIN_WORDS | OFFICE_WORDS)


def _implied_country(doc: Doc, places: list[PlaceMention], gazetteer: Gazetteer) -> GazPlace | None:
    """The country an article with no usable place is about: the places it names (not as
    origins or destinations), its demonyms ("a Kenyan village" counts more than "Ethiopian
    raiders"), then names tied to one country (data/country_hints.tsv)."""
    votes: dict[str, float] = {}
    for p in places:
        if p.place is not None and p.place.iso3 and p.role != ROLE_ADJECTIVE \
                and not _is_origin_or_destination(doc[p.token_end - 1]) and not _beyond(doc[p.token_end - 1]):
            votes[p.place.iso3] = votes.get(p.place.iso3, 0) + 2
    for token in doc:
        if token.pos_ in {"ADJ", "PROPN", "NOUN"} and token.text[:1].isupper():
            iso = gazetteer.country_of_demonym(token.text)
            if iso:
                weight = _demonym_weight(token.head)
                if weight:
                    votes[iso] = votes.get(iso, 0) + weight
    if not votes:
        for iso in doc_hinted_countries(doc):
            votes[iso] = votes.get(iso, 0) + 1
    if not votes:
        return None
    best = max(votes, key=lambda iso: votes[iso])
    # 'the OSCE SMM observed explosions near Bohuslavske': a village the index lacks, in the
    # conflict theatre the text is tied to, is nearer the theatre's centre than the country's
    theatre = next((t for t in doc_theatres(doc, gazetteer) if t.iso3 == best), None)
    return theatre or gazetteer.country(best)


# "near the Ethiopian border", "outside the US embassy": the event is on the other side;
# "the US dollar exchange rate": the world's reserve currency names no place (but protests
# over "the Lebanese pound" are in Lebanon)
BEYOND_NOUNS = {"border", "frontier", "embassy", "consulate", "high commission", "dollar", "dollars"}
# "attack Kenyan civilians": the victims are where the attack happened, the raiders may not be
VICTIM_NOUNS = {"civilian", "villager", "resident", "fisherman", "herder", "herdsman", "farmer", "people", "family",
                "citizen", "child", "woman", "man", "student", "trader", "worker"}


def _beyond(token: Token) -> bool:
    """"near the Ethiopian border", "near the Somalia border": the country across the border
    is not where the event happened; nor is the country of "the US dollar"."""
    doc = token.doc
    following = doc[token.i + 1] if token.i + 1 < len(doc) else None
    if following is not None and token.i + 2 < len(doc) and doc[token.i + 2].lower_ in SETTLEMENT_WORDS:
        return False  # a name, a word, a settlement word: 'in Mandera border town' is Mandera
    if token.dep_ == "pobj" and token.head.lower_ == "with" and token.head.head.lemma_.lower() in BEYOND_NOUNS:
        return True  # 'near the border with Somalia'
    if token.dep_ == "dobj" and token.head.lemma_.lower() == "border":
        return True  # 'the town of Mandera bordering Somalia'
    return (token.head.lemma_.lower() in BEYOND_NOUNS and token.dep_ in {"amod", "compound", "nmod"}) or (
        following is not None and following.lemma_.lower() in BEYOND_NOUNS and following.pos_ != "VERB")


# "Somali refugees", "a Jamaican cleric": people named by a nationality they may live far from
ABROAD_NOUNS = {"refugee", "migrant", "immigrant", "exile", "asylum", "diplomat", "ambassador", "tourist",
                "national", "cleric", "expatriate", "diaspora"}
# "Ethiopian raiders", "Somali bandits": people who cross borders to strike
RAIDER_NOUNS = {"raider", "bandit", "rustler", "attacker", "assailant", "gunman", "tribesman", "militiaman"}
# "Kenyan police officers": a country's police work in that country (its troops may not)
POLICE_NOUNS = {"police", "policeman", "policemen", "officer", "constable"}


def _demonym_weight(head: Token) -> float:
    lemma = head.lemma_.lower()
    if lemma in BEYOND_NOUNS or lemma in ABROAD_NOUNS:
        return 0
    if lemma in RAIDER_NOUNS:
        return 0.5  # 'Ethiopian raiders shot two Kenyan herders': raiders cross borders, victims are at home
    if lemma in LOCATION_NOUNS:
        return 3
    return 2 if lemma in VICTIM_NOUNS or lemma in POLICE_NOUNS else 1


def _is_origin_or_destination(token: Token) -> bool:
    """"raiders from Sudan", "ferried to Somalia", "fled into Uganda", "a Nairobi-bound bus"."""
    return _is_origin_or_bound(token) or _after_preposition(token, {"into", "to", "towards", "toward"})


def _is_origin_or_bound(token: Token) -> bool:
    """"raiders from Sudan", "a Nairobi-bound bus", "the Somalia-based group"."""
    doc = token.doc
    if _names_a_base(token) or (token.i + 2 < len(doc) and doc[token.i + 1].text == "-"
                                and doc[token.i + 2].lower_ == "bound"):
        return True
    return _after_preposition(token, {"from"}) and not _taken_from(token)


# "seized from their home in Mandera": people taken from a place were there.
TAKING_VERBS = {"seize", "abduct", "kidnap", "snatch", "drag", "take", "evict", "grab", "pull", "remove"}


def _taken_from(token: Token) -> bool:
    prep = _preposition_over(token, {"from"})
    return prep is not None and prep.head.lemma_.lower() in TAKING_VERBS


def _after_preposition(token: Token, prepositions: set[str]) -> bool:
    return _preposition_over(token, prepositions) is not None


# The links a place name's noun phrase may climb to reach its preposition ('in Mandera town').
NOUN_LINKS = frozenset({"compound", "pobj", "appos"})


def _preposition_over(token: Token, prepositions: set[str], through: frozenset[str] = NOUN_LINKS,
                      steps: int = 3) -> Token | None:
    """The preposition among `prepositions` whose object the token's phrase is, if any."""
    node = token
    for _ in range(steps):
        if node.dep_ == "pobj" and node.head.lower_ in prepositions:
            return node.head
        if node.dep_ not in through:
            return None
        node = node.head
    return None


def _location(draft: Draft, doc: Doc, places: list[PlaceMention], salient: PlaceMention | None,
              country: GazPlace | None, gazetteer: Gazetteer) -> Location | None:
    found = _place_and_precision(draft, doc, places, salient, country)
    if found is None:
        return None
    place, precision = found
    if place.feature == "country":
        # 'shot dead 10 people in central Kenya ... in the central town of Siakago': the town the
        # article names in that country is closer than the country's centre
        finer = salient if salient is not None and salient.place.feature != "country" else _nearby_place(doc, places)
        if finer is not None and finer.place.iso3 == place.iso3:
            place, precision = finer.place, 2 if finer.place.feature in ("city", "admin2") else 3
    # An event that names only a county or province is put, as ACLED codes it, at the town the
    # area is named after ('in Narok County' -> Narok town), still with geo_precision 3.
    seat = gazetteer.seat_of(place)
    if seat is not None:
        return _loc(seat, 3)
    if place.feature == "country" and place.iso3 and (capital := gazetteer.capital_of(place.iso3)) is not None:
        return _at_capital(place, capital)
    return _loc(place, precision)


def _at_capital(country: GazPlace, capital: GazPlace) -> Location:
    """An event the text ties to a country only: the country, at its capital's point, precision 3.

    ACLED codes an event known only at a region's level at the region's capital; the country's
    centre is a point where nothing happens. The name stays the country's: the text says no more.
    """
    return Location(name=country.name, country=country.country, iso3=country.iso3, latitude=capital.latitude,
                    longitude=capital.longitude, geo_precision=3, geonameid=country.geonameid, admin1=None)


def _place_and_precision(draft: Draft, doc: Doc, places: list[PlaceMention], salient: PlaceMention | None,
                         country: GazPlace | None) -> tuple[GazPlace, int] | None:
    sent = doc[draft.main.sent_start].sent
    near = _undistanced_reference(places, sent, doc)
    if draft.place is not None:
        if draft.place.place.feature in {"admin1", "region", "country"}:
            if near is not None and near.place.iso3 == draft.place.place.iso3:
                return near.place, 2  # 'shelled positions west of Rafah (Rafah, North Sinai)': near Rafah
            return draft.place.place, 3
        # a village the index lacks, put in the district the text names: the containing area
        return draft.place.place, 2 if draft.place.approximate else 1
    in_sentence = [p for p in _places_in(places, sent) if _usable_fallback(doc, p)]
    in_sentence = [p for p in in_sentence if not _contains_another(p, in_sentence, doc)] or in_sentence
    # with only origins left, a town people came from is near the event, but a country they came
    # from is across a border from it ('police battled raiders from Ethiopia'; but they 'crossed
    # into Kenya', where the fight was)
    in_sentence = _without_origins(in_sentence, doc) or [
        p for p in in_sentence if p.place.feature != "country" or not _is_origin_or_bound(doc[p.token_end - 1])]
    in_sentence = _in_main_country(in_sentence, places, doc)
    if near is not None and all(_FEATURE_RANK.get(p.place.feature, 0) >= 2 for p in in_sentence):
        return near.place, 2
    if in_sentence:
        best = min(in_sentence, key=lambda p: (*_fineness(p, doc), abs(p.token_start - draft.main.head)))
        return best.place, 2 if best.place.feature == "city" else 3
    if salient is not None:
        return salient.place, 2 if salient.place.feature == "city" else 3
    if country is not None:
        return country, 3
    return None


def _undistanced_reference(places: list[PlaceMention], sent: Span, doc: Doc) -> PlaceMention | None:
    """A town the sentence places the event in a direction from with no distance ('west of
    Rafah', 'north of the town of Sinjar'): the event is near it. With a distance ('200 km west
    of the capital') the town is only a landmark."""
    return next((p for p in places if p.role == ROLE_REFERENCE and p.place is not None
                 and p.place.feature in ("city", "admin2") and sent.start <= p.token_start < sent.end
                 and is_direction_without_distance(doc[p.token_start:p.token_end], sent)), None)


def _in_main_country(candidates: list[PlaceMention], places: list[PlaceMention], doc: Doc) -> list[PlaceMention]:
    """Of places a sentence names without tying them to the event, not one the article names
    alone in its country: 'bombs in Sonaimuri upazila (Noakhali, Chittagong), after a quarrel in
    New York' happened in Bangladesh. A country naming an actor ('members of Somalia's al
    Shabaab') does not count for its country."""
    if len({p.place.iso3 for p in candidates}) < 2:
        return candidates
    counts = Counter(p.place.iso3 for p in places if p.place is not None and p.role != ROLE_ADJECTIVE
                     and _usable_fallback(doc, p))
    return [p for p in candidates if counts[p.place.iso3] > 1] or candidates


_FEATURE_RANK = {"city": 0, "admin2": 1, "region": 2, "admin1": 2, "country": 3}


def _usable_fallback(doc: Doc, place: PlaceMention) -> bool:
    """A place may stand in for an event's own when nothing better is known, unless it is
    a country naming an actor ("Azerbaijan's forces"): "Kisumu students rioted" happened in
    Kisumu, but "Kenyan police" may be anywhere in Kenya."""
    if _beyond(doc[place.token_end - 1]) or _names_a_base(doc[place.token_end - 1]):
        return False
    return place.place.feature != "country" or not _modifies_actor(doc[place.token_end - 1])


# Armed actors whose base ('the Somalia-based group') says nothing of where they struck.
ARMED_GROUP_NOUNS = {"group", "militia", "militant", "insurgent", "rebel", "fighter", "faction", "jihadist",
                     "terrorist", "organisation", "organization", "outfit", "gang"}


def _names_a_base(token: Token) -> bool:
    """"the Somalia-based group": where an armed group is based is not where it struck (but
    'Nairobi-based journalists' protest where they work)."""
    doc = token.doc
    if not (token.i + 2 < len(doc) and doc[token.i + 1].text == "-" and doc[token.i + 2].lower_ == "based"):
        return False
    return any(t.lemma_.lower() in ARMED_GROUP_NOUNS for t in doc[token.i + 3:token.i + 6])


def _modifies_actor(token: Token) -> bool:
    """"Azerbaijan's forces", "Kenyan police": a country naming an actor is no location."""
    if token.dep_ in {"nsubj", "nsubjpass", "dobj", "dative"}:
        return True  # "Azerbaijan launched", "talks with Azerbaijan": an actor, not a place
    if token.dep_ == "pobj" and token.head.lower_ in {"with", "between", "against", "by", "for"}:
        return True
    return token.dep_ in {"poss", "compound", "amod", "nmod"} and token.head.pos_ in {"NOUN", "PROPN"} and (
        token.head.lemma_.lower() not in LOCATION_NOUNS)


def _loc(p: GazPlace, precision: int) -> Location:
    if p.feature == "country":
        precision = 3
    return Location(name=p.name, country=p.country, iso3=p.iso3, latitude=p.latitude, longitude=p.longitude,
                    geo_precision=precision, geonameid=p.geonameid, admin1=p.admin1)


def _to_event(draft: Draft, article: CleanArticle, doc: Doc, places: list[PlaceMention],
              salient: PlaceMention | None, published: date | None, gazetteer: Gazetteer,
              actors: ActorsByMention, country: GazPlace | None = None) -> Event:
    main = draft.main
    sub_event_type = _sub_event_type(draft)
    sent = doc[main.sent_start].sent
    evidence = Evidence(sent.text.strip(), sent.start_char + _lstrip(sent.text), sent.start_char + len(sent.text.rstrip()))
    location = _location(draft, doc, places, salient, country, gazetteer)
    iso = location.iso3 if location else None
    day, precision = draft.date, draft.date_precision
    if day is None:
        day, precision = draft.fallback_date, draft.fallback_precision
    if day is None:
        day, precision = published, 2
    killed = draft.counts.get("killed")
    a1, a2 = _actors(actors[main.head], iso, gazetteer)
    return Event(
        event_id=_event_id(article.id, evidence.start, main.event_type, sub_event_type),
        article_id=article.id,
        event_type=main.event_type,
        sub_event_type=sub_event_type,
        evidence=evidence,
        plover=Plover(*plover.OF_SUB_EVENT[sub_event_type]) if sub_event_type != main.sub_event_type else main.plover,
        date=day.isoformat() if day else None,
        time_precision=precision if day else 3,
        actor1=a1,
        actor2=a2,
        location=location,
        fatalities=killed.low if killed else 0,
        fatalities_low=killed.low if killed else None,
        fatalities_high=killed.high if killed else None,
        injured=_value(draft, "injured"),
        displaced=_value(draft, "displaced"),
        arrested=_value(draft, "arrested"),
        claimed_by=draft.claimed_by,
        confidence=main.confidence,
        sources=[Source(article.id, article.url, article.source, article.published)],
    )


def _value(draft: Draft, kind: str) -> int | None:
    count = draft.counts.get(kind)
    return count.low if count else None


def _actors(choice: actors_mod.ActorChoice, iso: str | None, gazetteer: Gazetteer) -> tuple[Actor | None, Actor | None]:
    def country_name(code: str) -> str | None:
        place = gazetteer.country(code)
        return place.name if place else None

    a1 = actors_mod.make_actor(choice.actor1, choice.country1 or iso, country_name) if choice.actor1 else None
    a2 = actors_mod.make_actor(choice.actor2, choice.country2 or iso, country_name) if choice.actor2 else None
    return a1, a2


def _event_id(article_id: str, start: int, event_type: str, sub: str) -> str:
    digest = hashlib.sha1(f"{article_id}\x1f{start}\x1f{event_type}\x1f{sub}".encode()).hexdigest()
    return f"ev-{digest[:16]}"


def _lstrip(text: str) -> int:
    return len(text) - len(text.lstrip())


def _km(a: GazPlace, b: GazPlace) -> float:
    return distance_km(a.latitude, a.longitude, b.latitude, b.longitude)
