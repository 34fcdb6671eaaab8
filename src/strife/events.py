"""Stage: events. Find event mentions in a parsed article and type them (ACLED + PLOVER).

How it reads a sentence:
1. Triggers: words and phrases that name a kind of happening ("clashes", "airstrike",
   "protesters gathered", "arrested", "ceasefire"), each with a cue (BATTLE, AIRSTRIKE,
   PROTEST, ...) from the lexicon in `event_words.py`.
2. Modality: a trigger that is negated ("did not attack"), hypothetical or future
   ("threatened to attack", "plans to march", "would mediate talks"), or reported as
   denied or rumoured is dropped here; historical ones are dropped by date at assembly.
3. Clusters: triggers of one sentence describe one event, except those under a
   background preposition ("following the offensive", "despite the ceasefire", "after
   Azerbaijan launched its operation"), which refer to other events, and agreements and
   other strategic developments, which are events of their own.
4. Typing: ACLED's hierarchy over a cluster's cues and the kinds of actors involved
   (protesters who throw stones riot; gunmen who kill villagers commit violence against
   civilians; an airstrike during a ground battle is one Battles event).
5. Decision: with an event model (`event_model.py`), every cluster is a candidate, typed or
   not, and the model decides on each from its sentence and the rule features above.
"""
from __future__ import annotations

from spacy.tokens import Doc, Span

from .actors import kinds_in
from .event_modality import is_asserted
from .event_model import NO_EVENT, Decision, EventModel, example_of
from .event_triggers import find_triggers
from .event_typing import anchor_tokens, done_by_state, set_type, type_mention
from .event_words import ACTOR_KINDS, CAUSE_CUES, EVENT_CUES, STANDALONE_CUES
from .mentions import Mention, Trigger


def find_mentions(doc: Doc, model: EventModel | None = None) -> list[Mention]:
    """Every asserted event mention in the article, in text order, typed: by the rules alone,
    or by `model` deciding over the rules' candidates."""
    if model is None:
        return find_candidates(doc, untyped=False)
    candidates = find_candidates(doc)
    decisions = model.decide([example_of(m, doc) for m in candidates])
    return [m for m, d in zip(candidates, decisions, strict=True) if decide(m, d, model)]


def find_candidates(doc: Doc, untyped: bool = True) -> list[Mention]:
    """The rules' candidates, in text order: the mentions they typed and (with `untyped`) the
    clusters of asserted triggers they could not type (event_type empty), with actor kinds."""
    sentences = [(sent, [t for t in find_triggers(sent) if is_asserted(doc[t.token], t)]) for sent in doc.sents]
    context = _paragraph_cues(doc, sentences)
    candidates: list[Mention] = []
    for sent, triggers in sentences:
        clusters = [(c, True) for c in cluster_triggers(triggers, doc)]
        if untyped and triggers and not clusters:
            clusters = [(triggers, False)]   # mere colour (tear gas alone): no event to the rules, a candidate
        for cluster, typable in clusters:
            mention = Mention(sent.start, cluster, sent_char=sent.start_char)
            if not (typable and type_mention(mention, doc, sent, context.get(sent.start, set()))):
                if not untyped:
                    continue
                mention.kinds = kinds_in(sent, mention, doc)
            mention.anchors = anchor_tokens(mention, doc)
            candidates.append(mention)
    return candidates


def decide(mention: Mention, decision: Decision, model: EventModel) -> bool:
    """Apply the model's decision to a candidate; False when it is no event.

    A typed mention is dropped when the model is sure enough it is none, and retyped when the
    model is sure enough of another sub-type; an untyped candidate becomes an event when the
    model is sure enough of its sub-type (the model's thresholds, from `tuning.py`)."""
    typed = bool(mention.sub_event_type)
    if decision.label == NO_EVENT:
        return typed and decision.probability < model.reject
    if typed and decision.label == mention.sub_event_type:
        mention.confidence = round((mention.confidence + decision.probability) / 2, 2)
        return True
    threshold = model.override if typed else model.accept
    if decision.probability < threshold:
        return typed
    set_type(mention, decision.label)
    mention.weak = not mention.kinds & ACTOR_KINDS
    mention.confidence = round((0.5 + decision.probability) / 2, 2)
    return True


def _paragraph_cues(doc: Doc, sentences: list[tuple[Span, list[Trigger]]]) -> dict[int, set[str]]:
    """Cues of the foreground triggers of each sentence's paragraph, keyed by sentence start.

    A protest whose paragraph also tells of burning tyres or tear gas was no peaceful one.
    """
    by_paragraph: dict[int, set[str]] = {}
    paragraph_of: dict[int, int] = {}
    for sent, triggers in sentences:
        para = doc.text.rfind("\n\n", 0, sent.start_char)
        paragraph_of[sent.start] = para
        by_paragraph.setdefault(para, set()).update(
            t.cue for t in triggers if not t.background and not done_by_state(doc[t.token], t.cue))
    return {start: by_paragraph[para] for start, para in paragraph_of.items()}


def cluster_triggers(triggers: list[Trigger], doc: Doc) -> list[list[Trigger]]:
    """Group one sentence's triggers into the events they describe."""
    main: list[Trigger] = []
    clusters: list[list[Trigger]] = []
    for trig in triggers:
        if trig.cue in STANDALONE_CUES:
            _join_same_cue(clusters, trig)
        elif trig.background:
            clusters.append([trig])
        else:
            main.append(trig)
    if main and {t.cue for t in main} <= {"KILL"}:
        # "ten people were killed following clashes": the deaths belong to the clashes
        cause = next((c for c in clusters if {t.cue for t in c} & CAUSE_CUES), None)
        if cause is not None:
            cause.extend(main)
            main = []
    if main:
        clusters.insert(0, main)
    # a background cluster of mere colour (tear gas alone) is no event
    return [c for c in clusters if {t.cue for t in c} & EVENT_CUES]


def _join_same_cue(clusters: list[list[Trigger]], trig: Trigger) -> None:
    for cluster in clusters:
        if cluster[0].cue == trig.cue:
            cluster.append(trig)
            return
    clusters.append([trig])


