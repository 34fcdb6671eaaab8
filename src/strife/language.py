"""Is this article in English? A cheap check that runs before the parse.

strife's models and lexicons are English: a French or Arabic article would be mis-coded,
so it is reported as skipped instead. The check counts letters outside the Latin script and
English function words; short texts are given the benefit of the doubt.
"""
from __future__ import annotations

import re
import unicodedata

ENGLISH_FUNCTION_WORDS = frozenset("""
the a an of in on at to for from by with and or but is are was were be been has have had
that this these those it its they their he she his her we our not no as said after before
""".split())
# Function words of the languages most often met in conflict news, to tell "not English" from
# telegraphic English ("Post election rioting - looting, arson").
FOREIGN_FUNCTION_WORDS = {
    "French": "le la les des du un une et est dans pour par sur avec au aux qui que ont été selon",
    "Spanish": "el la los las del un una y es en por con para que se al según fueron",
    "Portuguese": "o a os as do da dos das um uma e em por com para que no na foram segundo",
    "German": "der die das und ist im mit von zu den dem ein eine nicht auf für sich wurde",
    "Italian": "il lo la gli le del della un una e è nel con per che sono stati secondo",
    "Swahili": "na wa ya kwa katika ni za la kuwa hiyo siku watu",
    "Indonesian": "yang dan di ke dari ini itu dengan untuk pada adalah tidak oleh",
    "Turkish": "ve bir bu da de ile için olarak olan gibi",
    "Dutch": "de het een en van in is op te dat met voor zijn werd",
}
# Particles that also start names in English news (Al Shabaab, El Salvador, Da Nang) do not count.
NAME_PARTICLES = frozenset("al el la le de da do del di il lo a o e van der bin".split())
_FOREIGN = {lang: frozenset(words.split()) - NAME_PARTICLES for lang, words in FOREIGN_FUNCTION_WORDS.items()}
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
MIN_WORDS = 12


def non_english_reason(text: str) -> str | None:
    """Why the text is not English ('mostly Arabic script', ...), or None when it may be."""
    sample = text[:5000]
    letters = [c for c in sample if c.isalpha()]
    if not letters:
        return "no words in the text"
    foreign = [c for c in letters if not _is_latin(c)]
    if len(foreign) > 0.3 * len(letters):
        return f"not English: mostly {_script(foreign)} script"
    words = [w.lower() for w in _WORD.findall(sample)]
    if len(words) < MIN_WORDS:
        return None
    english = sum(1 for w in words if w in ENGLISH_FUNCTION_WORDS) / len(words)
    if english >= 0.08:
        return None
    lang, foreign = max(((lang, sum(1 for w in words if w in stop) / len(words)) for lang, stop in _FOREIGN.items()),
                        key=lambda pair: pair[1])
    if foreign >= 0.1 and foreign > english:
        return f"not English: looks like {lang} ({foreign:.0%} {lang} function words, {english:.0%} English)"
    return None


def _is_latin(char: str) -> bool:
    if char < "\u0250":  # Basic Latin to Latin Extended-B: the common case, no name lookup
        return True
    return "LATIN" in unicodedata.name(char, "")


def _script(chars: list[str]) -> str:
    counts: dict[str, int] = {}
    for c in chars[:500]:
        name = unicodedata.name(c, "UNKNOWN").split(" ")[0].title()
        counts[name] = counts.get(name, 0) + 1
    return max(counts, key=counts.get)
