"""Which language is this article in? Cleaning works for any language; extraction is English only.

Detection is py3langid's (a maintained fork of langid.py: a naive Bayes model over byte
n-grams for 97 languages, bundled with the package, nothing downloaded). strife's models
and lexicons are English, so `non_english_reason` turns a confident non-English verdict
into the reason an article is skipped. Short texts ("Post election rioting - looting,
arson") are given the benefit of the doubt: on the dev files' English notes and snippets
py3langid at this confidence refuses none.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .tuning import TUNING

SAMPLE_CHARS = 5000     # detection reads the start of the article only
UNDETERMINED = "und"    # ISO 639 code for "no linguistic content"
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect(text: str) -> tuple[str, float]:
    """ISO 639-1 code of the text's language and the detector's probability for it;
    ('und', 1.0) when the text has no words."""
    sample = text[:SAMPLE_CHARS]
    if not any(c.isalpha() for c in sample):
        return UNDETERMINED, 1.0
    code, probability = _identifier().classify(sample)
    return code, float(probability)


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's language ('en', 'de', 'ko'), 'und' when it has no words."""
    return detect(text)[0]


def language_name(code: str) -> str:
    """English name of an ISO 639-1 code ('ar' -> 'Arabic'), the code itself when unknown."""
    import pycountry

    found = pycountry.languages.get(alpha_2=code)
    return found.name if found else code


def non_english_reason(text: str) -> str | None:
    """Why the text cannot be read as English ('not English: looks like German (de)'), or None."""
    code, probability = detect(text)
    if code == UNDETERMINED:
        return "no words in the text"
    if code == "en":
        return None
    # English is written in Latin letters: another script is reason enough, however short.
    if not _other_script(text) and (probability < TUNING.language_min_probability
                                    or len(_WORD.findall(text[:SAMPLE_CHARS])) < TUNING.language_min_words):
        return None
    return f"not English: looks like {language_name(code)} ({code}, p={probability:.2f})"


def _other_script(text: str) -> bool:
    """Mostly letters outside the Latin script (Arabic, Cyrillic, Hangul...)."""
    letters = [c for c in text[:SAMPLE_CHARS] if c.isalpha()]
    return sum(1 for c in letters if c > "\u024f") > 0.3 * len(letters)
