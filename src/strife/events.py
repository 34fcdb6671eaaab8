"""Stage: events. Find event mentions in a parsed article and type them (ACLED + PLOVER).

How it reads a sentence:
1. Triggers: words and phrases that name a kind of happening ("clashes", "airstrike",
   "protesters gathered", "arrested", "ceasefire"), each with a cue (BATTLE, AIRSTRIKE,
   PROTEST, ...) from the lexicon below.
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
"""
from __future__ import annotations

from spacy.tokens import Doc, Span

from .event_modality import is_asserted
from .event_triggers import find_triggers
from .event_typing import anchor_tokens, done_by_state, type_mention
from .event_words import CAUSE_CUES, EVENT_CUES, STANDALONE_CUES
from .mentions import Mention, Trigger


def find_mentions(doc: Doc) -> list[Mention]:
    """Every asserted event mention in the article, in text order, typed."""
    sentences = [(sent, [t for t in find_triggers(sent) if is_asserted(doc[t.token], t)]) for sent in doc.sents]
    context = _paragraph_cues(doc, sentences)
    mentions: list[Mention] = []
    for sent, triggers in sentences:
        for cluster in cluster_triggers(triggers, doc):
            mention = Mention(sent.start, cluster, sent_char=sent.start_char)
            if type_mention(mention, doc, sent, context.get(sent.start, set())):
                mention.anchors = anchor_tokens(mention, doc)
                mentions.append(mention)
    return mentions


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


