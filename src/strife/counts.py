"""Stage: counts. How many were killed, injured, arrested or displaced, read from one sentence.

Two layers, so the first can be tested on a string:
- `parse_quantity(words)` turns a number phrase into a (low, high) range: "more than 10,000",
  "two hundred", "dozens", "at least 27", "1.5 million", "20 to 30", "a dozen".
- `find_counts(sent)` finds the phrases a casualty, arrest or displacement word governs in a
  parsed sentence and returns `Count`s; the assemble stage decides which event they belong to.

ACLED's rules for vague numbers: "several"/"a few"/"some" = 3, "dozens" = 12, "scores" = 20,
"hundreds" = 100, "thousands" = 1000; the lowest credible figure is the count.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

UNITS = {
    "zero": 0, "no": 0, "none": 0, "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4,
    "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11,
    "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "single": 1, "lone": 1, "both": 2,
    "couple": 2, "pair": 2,
}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
        "eighty": 80, "ninety": 90}
SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000,
          "m": 1_000_000, "mn": 1_000_000, "k": 1000, "dozen": 12}
VAGUE = {"several": 3, "few": 3, "some": 3, "many": 3, "multiple": 3, "dozens": 12,
         "scores": 20, "hundreds": 100, "thousands": 1000, "tens": 10, "numerous": 3}
LOWER_BOUND = {"at least", "more than", "over", "above", "in excess of", "upwards of", "nearly",
               "almost", "around", "about", "some", "roughly", "approximately", "an estimated",
               "as many as", "up to", "fewer than", "less than", "under"}
UPPER_ONLY = {"up to", "as many as", "fewer than", "less than", "under", "nearly", "almost"}


def parse_quantity(text: str) -> tuple[int, int | None] | None:
    """(low, high) for a number phrase, high None when open-ended; None when not a number.

    "at least 27" -> (27, None); "20 to 30" -> (20, 30); "up to 30" -> (30, 30);
    "two hundred" -> (200, 200); "dozens" -> (12, None).
    """
    digits_range = re.fullmatch(r"\s*(\d+)\s*[–-]\s*(\d+)\s*", text)
    if digits_range:
        low, high = int(digits_range.group(1)), int(digits_range.group(2))
        return (low, high) if low <= high else None
    words = re.sub(r"(?<=\d),(?=\d{3}\b)", "", text.lower().replace("-", " ")).split()
    words = [w.strip(".,;:()") for w in words if w.strip(".,;:()")]
    if not words:
        return None
    qualifier = _leading_qualifier(words)
    words = words[len(qualifier.split()):] if qualifier else words
    range_parts = _split_range(words)
    if range_parts:
        low, high = (_value(part) for part in range_parts)
        if low is not None and high is not None and low <= high:
            return low, high
        return None
    value = _value(words)
    if value is None:
        vague = _vague(words)
        return (vague, None) if vague is not None else None
    if qualifier in UPPER_ONLY:
        return value, value
    if qualifier:
        return value, None
    return value, value


def _leading_qualifier(words: list[str]) -> str:
    for size in (4, 3, 2, 1):
        phrase = " ".join(words[:size])
        if phrase in LOWER_BOUND and len(words) > size:
            return phrase
    return ""


def _split_range(words: list[str]) -> tuple[list[str], list[str]] | None:
    for sep in ("to", "and", "or"):
        if sep in words:
            i = words.index(sep)
            if 0 < i < len(words) - 1 and (words[0] != "between" or i > 1):
                left = words[1:i] if words[0] == "between" else words[:i]
                return left, words[i + 1:]
    if len(words) == 1 and re.fullmatch(r"\d+[–-]\d+", words[0]):
        a, b = re.split(r"[–-]", words[0])
        return [a], [b]
    return None


def _value(words: list[str]) -> int | None:
    """The integer a phrase of digits and number words spells, or None."""
    total, current, seen = 0, 0, False
    for word in words:
        if re.fullmatch(r"\d+(\.\d+)?", word):
            current += float(word)
            seen = True
        elif word in UNITS and (word not in {"a", "an", "no"} or len(words) > 1 or word == "no"):
            current += UNITS[word]
            seen = True
        elif word in TENS:
            current += TENS[word]
            seen = True
        elif word in SCALES:
            scale = SCALES[word]
            current = (current or 1) * scale
            if scale >= 1000:
                total, current = total + current, 0
            seen = True
        elif word in {"and", "of"}:
            continue
        else:
            return None
    return int(total + current) if seen else None


def _vague(words: list[str]) -> int | None:
    if words[0] in {"a", "an"} and len(words) >= 2:
        words = words[1:]
    if words and words[0] in VAGUE and all(w in {"of"} for w in words[1:]):
        return VAGUE[words[0]]
    if words in (["few"], ["handful"], ["number"]):
        return 3
    return None


# ---- counts in a parsed sentence --------------------------------------------------------

KIND_WORDS = {
    "killed": {"kill", "die", "dead", "death", "slay", "slain", "murder", "massacre", "execute",
               "behead", "lynch", "fatality", "body", "corpse", "toll", "perish", "life", "shoot dead",
               "assassinate", "deceased", "casualty"},
    "injured": {"injure", "wound", "hurt", "injury", "maim", "injured", "wounded", "hospitalise",
                "hospitalize"},
    "arrested": {"arrest", "detain", "apprehend", "nab", "detention", "custody", "round", "jail",
                 "imprison", "capture"},
    "displaced": {"displace", "evacuate", "flee", "fled", "displacement", "homeless", "uproot",
                  "refugee", "evacuee", "evict"},
}
_KIND_OF_LEMMA = {lemma: kind for kind, lemmas in KIND_WORDS.items() for lemma in lemmas}
PEOPLE_NOUNS = {"people", "person", "persons", "civilian", "civilians", "soldier", "soldiers",
                "villager", "villagers", "man", "men", "woman", "women", "child", "children",
                "resident", "residents", "member", "members", "fighter", "fighters", "militant",
                "militants", "policeman", "policemen", "officer", "officers", "protester",
                "protesters", "student", "students", "worker", "workers", "individual",
                "individuals", "troops", "rebel", "rebels", "suspect", "suspects", "activist",
                "activists", "family", "families", "supporter", "supporters", "others", "other",
                "boy", "boys", "girl", "girls", "farmer", "farmers", "herder", "herders", "pupil",
                "pupils", "police", "personnel", "assailant", "assailants", "attacker", "attackers",
                "gunman", "gunmen", "passenger", "passengers", "worshipper", "worshippers",
                "leader", "leaders", "youth", "youths", "teenager", "teenagers", "trader",
                "traders", "driver", "drivers", "guard", "guards", "insurgent", "insurgents"}


TOLL_VERBS = {"rise", "reach", "stand", "climb", "increase", "hit", "jump", "be", "mount", "top", "surpass"}


@dataclass(frozen=True)
class Count:
    kind: str          # 'killed' | 'injured' | 'arrested' | 'displaced'
    low: int
    high: int | None
    token: int         # index in the Doc of the word that carries the count (verb or noun)
    text: str          # the number phrase as written


def count_kind(token: Token) -> str | None:
    """Which count a word introduces ('killed', 'injured', ...), or None."""
    lemma = token.lemma_.lower()
    if lemma == "shoot" and any(c.lower_ == "dead" for c in token.children):
        return "killed"
    kind = _KIND_OF_LEMMA.get(lemma) or _KIND_OF_LEMMA.get(token.lower_)
    if kind == "arrested" and lemma == "round" and not any(c.lower_ == "up" for c in token.children):
        return None
    if lemma in {"body", "life", "toll", "casualty", "death"} and token.pos_ not in {"NOUN", "PROPN"}:
        return None
    if kind == "arrested" and lemma == "capture" and token.pos_ != "VERB":
        return None
    return kind


CountsBySentence = dict[int, list[Count]]   # sentence start token -> the counts it states


def counts_by_sentence(doc: Doc) -> CountsBySentence:
    """Stage: counts. The counts each sentence of a parsed article states."""
    return {sent.start: counts for sent in doc.sents if (counts := find_counts(sent))}


def find_counts(sent: Span) -> list[Count]:
    """Every count of people killed, injured, arrested or displaced that `sent` states."""
    found: dict[tuple[str, int], Count] = {}
    for token in sent:
        kind = count_kind(token)
        if kind is None or _is_negated(token):
            continue
        for phrase_head in _counted_nouns(token, kind):
            quantity = _quantity_of(phrase_head)
            if quantity is None:
                continue
            low, high, text = quantity
            key = (kind, phrase_head.i)
            if key not in found:
                found[key] = Count(kind, low, high, token.i, text)
    return _sum_conjuncts(list(found.values()), sent)


def _is_negated(token: Token) -> bool:
    return any(c.dep_ == "neg" for c in token.children)


def _counted_nouns(token: Token, kind: str) -> list[Token]:
    """The noun phrases (or bare numbers) whose size a count word reports."""
    heads: list[Token] = []
    deps_verb = {"dobj", "nsubjpass", "nsubj", "attr", "npadvmod", "oprd", "meta"}
    if token.pos_ in {"VERB", "AUX"} or token.tag_ in {"VBN", "VBD"}:
        for child in token.children:
            if child.dep_ in deps_verb and not (child.dep_ == "nsubj" and _is_transitive_agent(token, kind)):
                heads.append(child)
        # "12 people killed", "five dead": the count word modifies the noun.
        if token.dep_ in {"acl", "amod", "relcl"} and token.head.pos_ in {"NOUN", "PROPN", "NUM", "PRON"}:
            heads.append(token.head)
        # "killing at least 12": the number hangs off the verb directly.
        heads.extend(c for c in token.children if c.pos_ == "NUM" and c.dep_ in {"dobj", "npadvmod", "nummod"})
    elif token.pos_ == "ADJ":
        # "five (people) dead": the adjective follows or modifies the counted noun.
        if token.dep_ in {"amod", "acomp"}:
            heads.append(token.head)
        heads.extend(c for c in token.children if c.pos_ in {"NUM", "NOUN"})
        if token.dep_ in {"acomp"}:
            heads.extend(c for c in token.head.children if c.dep_ in {"nsubj", "nsubjpass"})
    else:
        # nouns: "the death toll rose to 15", "15 deaths", "12 bodies"
        heads.append(token)
        verb = token.head
        if token.lemma_.lower() in {"toll", "death", "casualty", "fatality"} and verb.lemma_.lower() in TOLL_VERBS:
            for child in verb.children:
                if child.dep_ in {"prep"}:
                    heads.extend(c for c in child.children if c.dep_ == "pobj")
                if child.dep_ in {"attr", "dobj"} and child != token:
                    heads.append(child)
    more = []
    for head in heads:
        more.extend(c for c in head.children if c.dep_ == "conj")
    return heads + more


def _is_transitive_agent(token: Token, kind: str) -> bool:
    """In "gunmen killed 12", the subject is the killer; in "12 died" it is the dead."""
    if token.lemma_.lower() in {"die", "perish", "flee", "fled"}:
        return False
    if not any(c.dep_ in {"dobj", "ccomp", "xcomp", "dative"} for c in token.children):
        return False  # "2 people shot dead during raid": nothing else was killed, so they were
    if any(c.dep_ == "auxpass" for c in token.children):
        return False
    # "48 people killed", "eleven wounded": a bare participle is passive.
    if token.tag_ == "VBN" and not any(c.dep_ == "aux" and c.lemma_ == "have" for c in token.children):
        return False
    return True


def _quantity_of(head: Token) -> tuple[int, int | None, str] | None:
    """The size of a counted noun phrase: its number, "a man" = 1, a bare number."""
    if head.lower_ in {"nobody", "none", "noone"} or any(
            c.dep_ == "det" and c.lower_ == "no" for c in head.children):
        return 0, 0, "no " + head.text
    if head.pos_ == "NUM" or head.like_num:
        phrase = _number_phrase(head)
        parsed = parse_quantity(phrase)
        return (parsed[0], parsed[1], phrase) if parsed else None
    if head.pos_ not in {"NOUN", "PROPN", "PRON"}:
        return None
    numbers = [c for c in head.children if c.dep_ in {"nummod", "quantmod"} or (c.like_num and c.dep_ != "compound")]
    if numbers:
        phrase = _number_phrase(numbers[0])
        parsed = parse_quantity(phrase)
        return (parsed[0], parsed[1], phrase) if parsed else None
    # "dozens of people", "hundreds of families": the vague number is the head.
    if head.lower_ in VAGUE or head.lower_ in {"dozen", "handful", "couple"}:
        parsed = parse_quantity(" ".join(t.text for t in head.lefts if t.dep_ in {"det", "quantmod", "advmod", "amod"}) + " " + head.text)
        return (parsed[0], parsed[1], head.text) if parsed else None
    if head.lower_ in PEOPLE_NOUNS or head.lemma_.lower() in PEOPLE_NOUNS:
        det = [c for c in head.children if c.dep_ == "det"]
        if det and det[0].lower_ in {"a", "an", "one"} and head.tag_ in {"NN", "NNP"}:
            return 1, 1, det[0].text
        amods = [c for c in head.children if c.dep_ == "amod" and c.lower_ in VAGUE]
        if amods:
            return VAGUE[amods[0].lower_], None, amods[0].text
    if head.lower_ in {"one", "someone", "somebody"}:
        return 1, 1, head.text
    return None


def _number_phrase(num: Token) -> str:
    """The whole number phrase around a number token: qualifiers, digits and scale words."""
    doc = num.doc
    start, end = num.i, num.i + 1
    while start > 0 and doc[start - 1].like_num:
        start -= 1
    while end < len(doc) and (doc[end].like_num or doc[end].lower_ in SCALES or (
            doc[end].lower_ in {"to", "-", "–"} and end + 1 < len(doc) and doc[end + 1].like_num)):
        end += 1
    phrase = doc[start:end].text
    # "more than", "at least", "between": qualifiers up to three words before the number.
    for size in (3, 2, 1):
        before = doc[max(0, start - size):start].text.lower()
        if before in LOWER_BOUND or before == "between":
            return f"{before} {phrase}"
    return phrase


def _sum_conjuncts(counts: list[Count], sent: Span) -> list[Count]:
    """One total per kind and word: "two soldiers and three militants were killed" = 5."""
    by_key: dict[tuple[str, int], list[Count]] = {}
    for count in counts:
        by_key.setdefault((count.kind, count.token), []).append(count)
    merged = []
    for (kind, token), group in by_key.items():
        low = sum(c.low for c in group)
        high = None if any(c.high is None for c in group) else sum(c.high for c in group)
        merged.append(Count(kind, low, high, token, " + ".join(c.text for c in group)))
    return sorted(merged, key=lambda c: c.token)
