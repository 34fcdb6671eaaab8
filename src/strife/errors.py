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


class ArticleError(BadInputError):
    """One article tripped a fault in a stage: reported with its id, the stage and the reason.

    `detail` holds the traceback of an unexpected exception (shown with `--verbose`); the
    batch goes on with the other articles.
    """

    def __init__(self, item: str, stage: str, reason: str, detail: str | None = None):
        super().__init__(item, f"{stage}: {reason}")
        self.stage = stage
        self.detail = detail


class UsageError(StrifeError):
    """A command-line or API argument is malformed (an unknown date format, say)."""


class GazetteerMissingError(StrifeError):
    """The place index has not been built and cannot be built here."""


class ModelMissingError(StrifeError):
    """The spaCy model named in the settings is not installed."""


class ModelError(StrifeError):
    """An event model folder is missing, truncated, foreign or from an incompatible version,
    or the coded data cannot train one (fewer than two classes)."""


def writable(text: str) -> str:
    """`text` with anything UTF-8 cannot carry (lone surrogates) escaped: safe to send or print."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")
