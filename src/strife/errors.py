"""Every error strife raises on purpose, in one catalogue.

Library code raises these; only the edges (the CLI, the HTTP API) turn them into
messages and exit codes. Each message says what was wrong and, where it can, how to fix it.
"""
from __future__ import annotations


class StrifeError(Exception):
    """Base class: anything strife raises deliberately."""


class BadInputError(StrifeError):
    """An article or input file cannot be read as an article.

    `item` names the input (file name, JSONL id or line number) so a batch can report it
    and carry on with the rest.
    """

    def __init__(self, item: str, reason: str):
        super().__init__(f"{item}: {reason}")
        self.item = item
        self.reason = reason


class UsageError(StrifeError):
    """A command-line or API argument is malformed (an unknown date format, say)."""


class GazetteerMissingError(StrifeError):
    """The place index has not been built and cannot be built here."""


class ModelMissingError(StrifeError):
    """The spaCy model named in the settings is not installed."""
