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
from datetime import date

from spacy.tokens import Doc

from . import plover
from .actor_names import make_actor
from .actor_roles import ActorChoice, ActorsByMention
from .assemble_attach import Draft, attach_counts, make_draft
from .assemble_location import (
    event_location,
    implied_country,
    nearby_place,
    salient_place,
)
from .assemble_merge import (
    fold_arrests_into_demonstrations,
    fold_casualty_reports,
    fold_protests_into_riots,
    is_current,
    merge,
    orphan_counts,
    ranked,
    sub_event_type_of,
)
from .clean import CleanArticle
from .counts import CountsBySentence
from .gazetteer import Gazetteer, GazPlace
from .mentions import Mention
from .places import PlaceMention
from .record import Actor, Event, Evidence, Plover, Source
from .timex import Timex


def assemble(article: CleanArticle, doc: Doc, places: list[PlaceMention], times: list[Timex],
             mentions: list[Mention], counts: CountsBySentence, actors: ActorsByMention,
             gazetteer: Gazetteer) -> list[Event]:
    """The events of one article, main event first, from what the earlier stages found."""
    published = date.fromisoformat(article.published) if article.published else None
    if not mentions:
        return []
    drafts = [make_draft(m, doc, places, times) for m in mentions]
    attach_counts(doc, mentions, drafts, counts)
    drafts = [d for d in drafts if is_current(d, published)]
    events = fold_protests_into_riots(fold_arrests_into_demonstrations(fold_casualty_reports(merge(drafts))))
    orphan_counts(doc, mentions, events, counts)
    salient = salient_place(doc, places) or nearby_place(doc, places)
    country = None if salient else implied_country(doc, places, gazetteer)
    return [_to_event(d, article, doc, places, salient, published, gazetteer, actors, country) for d in ranked(events)]


def _to_event(draft: Draft, article: CleanArticle, doc: Doc, places: list[PlaceMention],
              salient: PlaceMention | None, published: date | None, gazetteer: Gazetteer,
              actors: ActorsByMention, country: GazPlace | None = None) -> Event:
    main = draft.main
    sub_event_type = sub_event_type_of(draft)
    sent = doc[main.sent_start].sent
    evidence = Evidence(sent.text.strip(), sent.start_char + _lstrip(sent.text), sent.start_char + len(sent.text.rstrip()))
    location = event_location(draft, doc, places, salient, country, gazetteer)
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


def _actors(choice: ActorChoice, iso: str | None, gazetteer: Gazetteer) -> tuple[Actor | None, Actor | None]:
    def country_name(code: str) -> str | None:
        place = gazetteer.country(code)
        return place.name if place else None

    a1 = make_actor(choice.actor1, choice.country1 or iso, country_name, iso) if choice.actor1 else None
    a2 = make_actor(choice.actor2, choice.country2 or iso, country_name, iso) if choice.actor2 else None
    return a1, a2


def _event_id(article_id: str, start: int, event_type: str, sub: str) -> str:
    digest = hashlib.sha1(f"{article_id}\x1f{start}\x1f{event_type}\x1f{sub}".encode()).hexdigest()
    return f"ev-{digest[:16]}"


def _lstrip(text: str) -> int:
    return len(text) - len(text.lstrip())
