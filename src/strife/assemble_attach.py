"""Assembly, step 1: one draft event per mention, with the times, places and counts that hang
off it in the parse, and who claims the counts.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Doc, Span, Token

from . import actors as actors_mod
from .assemble_words import (
    ARMED_GROUP_NOUNS,
    BEYOND_NOUNS,
    FEATURE_RANK,
    FLIGHT_VERBS,
    LOCATION_NOUNS,
    NOUN_LINKS,
    PRONOUNS,
    REPORTING_VERBS,
    ROAD_NOUNS,
    TAKING_VERBS,
    TIME_OF_DAY_NOUNS,
)
from .counts import Count, CountsBySentence
from .mentions import Mention
from .place_spans import containers_named_after
from .place_words import (
    SETTLEMENT_WORDS,
)
from .places import PlaceMention
from .timex import Timex, date_of


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


def make_draft(mention: Mention, doc: Doc, places: list[PlaceMention], times: list[Timex]) -> Draft:
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
    in_sentence = places_in(places, sent)
    in_sentence = [p for p in in_sentence if not beyond(doc[p.token_end - 1])]
    attached = [place for place in in_sentence if not modifies_actor(doc[place.token_end - 1])
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
                 and not is_origin_or_destination(doc[q.token_end - 1])]
    attached = [p for p in attached if not contains_another(p, attached, doc)] or attached
    # 'a Nairobi-bound bus outside Mandera town', 'raiders from Isiolo': where people came from
    # or were heading is not where they were (but protesters marching to a place protest there)
    attached = without_origins(attached, doc)
    if attached:
        # "in Mandera near the Somalia border": the finest place named, then a plain place
        # before a facility named after one, then the first
        draft.place = min(attached, key=lambda p: (*fineness(p, doc), p.start))
    return draft


def without_origins(places: list[PlaceMention], doc: Doc) -> list[PlaceMention]:
    """The places but those people came from or were bound for; a range ('the area stretching
    from Al Mayadin to Al-Bukamal') keeps both ends."""
    places = [p for p in places if not _fled_to(doc[p.token_end - 1])]
    if any(_after_preposition(doc[p.token_end - 1], {"to"}) for p in places):
        return places
    return [p for p in places if not is_origin_or_bound(doc[p.token_end - 1])]


def _fled_to(token: Token) -> bool:
    prep = _preposition_over(token, {"into", "to", "towards", "toward", "across"}, NOUN_LINKS | {"prep"}, steps=4)
    return prep is not None and prep.head.lemma_.lower() in FLIGHT_VERBS


def places_in(places: list[PlaceMention], sent: Span) -> list[PlaceMention]:
    """The sentence's resolved literal places (not metonyms, origins or references)."""
    return [p for p in places if p.place is not None and p.role == "place" and p.place.iso3 is not None
            and sent.start <= p.token_start < sent.end]


def fineness(place: PlaceMention, doc: Doc) -> tuple[bool, bool, int]:
    """Sort key: a plain place before a facility or a road named after one (which may stand
    elsewhere: 'Juba Primary School in Dagahley camp', 'at the Khulna Satkhira highway in Khulna
    city'), then towns before districts before regions."""
    return place.facility, _names_a_road(place, doc), FEATURE_RANK.get(place.place.feature, 0)


def _names_a_road(place: PlaceMention, doc: Doc) -> bool:
    return place.token_end < len(doc) and doc[place.token_end].lower_ in ROAD_NOUNS


def contains_another(place: PlaceMention, others: list[PlaceMention], doc: Doc) -> bool:
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


def attach_counts(doc: Doc, mentions: list[Mention], drafts: list[Draft], counts: CountsBySentence) -> None:
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


def beyond(token: Token) -> bool:
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


def is_origin_or_destination(token: Token) -> bool:
    """"raiders from Sudan", "ferried to Somalia", "fled into Uganda", "a Nairobi-bound bus"."""
    return is_origin_or_bound(token) or _after_preposition(token, {"into", "to", "towards", "toward"})


def is_origin_or_bound(token: Token) -> bool:
    """"raiders from Sudan", "a Nairobi-bound bus", "the Somalia-based group"."""
    doc = token.doc
    if names_a_base(token) or (token.i + 2 < len(doc) and doc[token.i + 1].text == "-"
                                and doc[token.i + 2].lower_ == "bound"):
        return True
    return _after_preposition(token, {"from"}) and not _taken_from(token)


def _taken_from(token: Token) -> bool:
    prep = _preposition_over(token, {"from"})
    return prep is not None and prep.head.lemma_.lower() in TAKING_VERBS


def _after_preposition(token: Token, prepositions: set[str]) -> bool:
    return _preposition_over(token, prepositions) is not None


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


def names_a_base(token: Token) -> bool:
    """"the Somalia-based group": where an armed group is based is not where it struck (but
    'Nairobi-based journalists' protest where they work)."""
    doc = token.doc
    if not (token.i + 2 < len(doc) and doc[token.i + 1].text == "-" and doc[token.i + 2].lower_ == "based"):
        return False
    return any(t.lemma_.lower() in ARMED_GROUP_NOUNS for t in doc[token.i + 3:token.i + 6])


def modifies_actor(token: Token) -> bool:
    """"Azerbaijan's forces", "Kenyan police": a country naming an actor is no location."""
    if token.dep_ in {"nsubj", "nsubjpass", "dobj", "dative"}:
        return True  # "Azerbaijan launched", "talks with Azerbaijan": an actor, not a place
    if token.dep_ == "pobj" and token.head.lower_ in {"with", "between", "against", "by", "for"}:
        return True
    return token.dep_ in {"poss", "compound", "amod", "nmod"} and token.head.pos_ in {"NOUN", "PROPN"} and (
        token.head.lemma_.lower() not in LOCATION_NOUNS)
