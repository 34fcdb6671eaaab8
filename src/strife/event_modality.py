"""Modality of a trigger: asserted, or negated, hypothetical, future, habitual, denied or
in the background of another event. Only asserted triggers become mentions.
"""
from __future__ import annotations

from spacy.tokens import Span, Token

from .event_words import (
    ASSAULTED_ADJECTIVES,
    BACKGROUND_MARKERS,
    DURATIONS,
    FUTURE_HEADS,
    MODAL_AUX,
    PROTESTERS_SAY,
    SINGLE_CUES,
    SUBORDINATE_MARKS,
)
from .mentions import Trigger


def trigger_lemma(token: Token) -> str:
    lemma = token.lemma_.lower()
    if token.pos_ == "ADJ" and token.lower_ in ASSAULTED_ADJECTIVES:
        return ASSAULTED_ADJECTIVES[token.lower_]
    return {"protestors": "protester", "tyres": "tyre", "talks": "talk", "arms": "arm",
            "streets": "street", "stones": "stone"}.get(token.lower_, lemma)


def is_used(token: Token) -> bool:
    """A weapon word names an event when it hits, lands, explodes or is fired."""
    if token.pos_ == "VERB":
        return True
    if token.head.lower_ == "over" and token.head.head.lemma_.lower() in {"run", "drive", "step"}:
        return True  # "a lorry drove over a buried bomb"
    verbs = {"hit", "strike", "land", "explode", "fire", "kill", "wound", "injure", "launch", "rain", "cause", "target",
             "detonate", "go", "fall", "target", "damage", "destroy", "shell", "attack", "pound"}
    near = [token.head, token.head.head] + list(token.head.children) + list(token.children)
    if any(t.lemma_.lower() in verbs for t in near):
        return True
    return token.lower_ in {"shelling", "bombardment"} or any(
        c.lower_ in {"attack", "fire", "strike", "barrage"} for c in token.rights)


def under_background(token: Token, sent: Span) -> bool:
    """True when a background preposition ("following X", "despite X") governs the token."""
    if any(c.dep_ == "amod" and c.lower_ in {"prior", "previous", "earlier"} for c in token.children):
        return True  # "against the prior assault on journalists": another, earlier event
    node = token
    for _ in range(12):
        if node.lower_ in BACKGROUND_MARKERS and node != token and (node.dep_ in {"prep", "mark", "advmod", "pcomp"} or (
                node.lower_ == "following" and node.dep_ in {"advcl", "acl"})):  # 'following' parsed as a verb
            return True
        # "relatives of a boy killed by gunmen marched to the police station":
        # a relative clause tells the past of a person, not this event
        if node.dep_ == "relcl" and node.head.pos_ in {"NOUN", "PROPN"} and trigger_lemma(node.head) not in SINGLE_CUES \
                and any(c.dep_ in {"auxpass", "nsubjpass"} for c in node.children):
            return True
        # "a protest against the league for exploding crude bombs": the reason, not the event
        if node.dep_ == "pcomp" and node.head.lower_ in {"for", "over"}:
            return True
        # "protested after 32 sheep were killed": the marker is a child of the clause verb
        if node.pos_ in {"VERB", "AUX"} and any(
                c.dep_ == "mark" and c.lower_ in BACKGROUND_MARKERS for c in node.children):
            return True
        if node.head == node or node.dep_ == "ROOT":
            return False
        node = node.head
    return False


def is_asserted(token: Token, trigger: Trigger) -> bool:
    """False for negated, hypothetical, future, denied or rumoured mentions."""
    if _negated(token):
        return False
    node, depth = token, 0
    while depth < 8:
        if any(c.dep_ == "aux" and c.lower_ in MODAL_AUX for c in node.children) and node.pos_ in {"VERB", "AUX"}:
            return False
        if any(c.dep_ == "mark" and c.lower_ in {"if", "unless", "whether"} for c in node.children):
            return False
        if node != token and node.lemma_.lower() in FUTURE_HEADS and node.pos_ in {"VERB", "NOUN", "AUX", "ADJ"} and not (
                trigger.cue in {"PROTEST", "RIOT"} and node.lemma_.lower() in PROTESTERS_SAY) and not _feared_dead(node):
            return False
        # "did not fire", "refused to attack"; but "shelled the positions, with no fatalities
        # reported" negates the fatalities only
        if node != token and node.pos_ == "VERB" and any(c.dep_ == "neg" for c in node.children) and token.dep_ in {
                "xcomp", "ccomp", "dobj"}:
            return False
        if node == token and _habitual_or_stopped(token):
            return False
        if any(c.lemma_.lower() in {"possible", "potential", "planned", "threatened", "rumoured", "rumored",
                                    "alleged", "feared", "looming", "imminent", "future"}
               and c.dep_ == "amod" for c in node.children) and node.i == token.i:
            return False
        # "after Azerbaijan launched its operation": a subordinate clause keeps its own mood.
        if any(c.dep_ == "mark" and c.lower_ in SUBORDINATE_MARKS for c in node.children):
            break
        if node.head == node or _dash_between(node, node.head):
            break
        node, depth = node.head, depth + 1
    return True


def _dash_between(a: Token, b: Token) -> bool:
    """'Students demonstrated over the delay - many were expected to sit exams': a spaced dash
    ends a clause, whatever the parser hangs on the words after it."""
    lo, hi = sorted((a.i, b.i))
    return any(t.text in {"-", "–", "—"} and t.whitespace_ and t.doc[t.i - 1].whitespace_
               for t in a.doc[lo + 1:hi])


def _feared_dead(node: Token) -> bool:
    """"Four officers are feared dead": a toll not yet confirmed, not a hypothetical event."""
    return node.lemma_.lower() == "fear" and any(c.lower_ in {"dead", "killed"} for c in node.children)


def _habitual_or_stopped(token: Token) -> bool:
    """"The town has seen sporadic fighting", "offensives have paused": no single event."""
    head = token.head
    if token.dep_ == "dobj" and head.lemma_.lower() in {"see", "witness", "experience"} and any(
            c.dep_ == "aux" and c.lemma_ == "have" for c in head.children):
        return True
    # "where the two sides have fought on and off for months"
    if token.pos_ == "VERB" and any(c.dep_ == "aux" and c.lower_ in {"have", "has", "'ve"} for c in token.children) and any(
            (t.lower_ == "for" and any(g.lemma_.lower() in DURATIONS for g in t.children)) or t.lower_ == "since"
            or t.lower_ in {"repeatedly", "regularly", "often"} for t in token.subtree):
        return True
    # "earlier truces had broken down": plural agreements are a history, not an event
    if token.pos_ == "NOUN" and token.tag_ == "NNS" and token.lemma_.lower() in {"truce", "ceasefire", "agreement", "accord"}:
        return True
    return token.dep_ in {"nsubj", "nsubjpass"} and head.lemma_.lower() in {
        "pause", "halt", "stop", "end", "cease", "subside", "ease", "decline", "wane", "abate"}


def _negated(token: Token) -> bool:
    if any(c.dep_ == "neg" for c in token.children):
        return True
    # "Nobody was killed", "no one was hurt", "no shots were fired", "no one was injured or detained"
    subjects_of = [token] + ([token.head] if token.dep_ == "conj" else [])
    for c in (c for t in subjects_of for c in t.children):
        if c.dep_ in {"nsubj", "nsubjpass"} and (c.lower_ in {"nobody", "none", "noone"} or any(
                d.dep_ == "det" and d.lower_ == "no" for d in c.children)):
            return True
    # "no attack", "no clashes were reported"
    return any(c.dep_ == "det" and c.lower_ in {"no"} for c in token.children)


