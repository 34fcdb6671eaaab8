"""How the command line reports a skipped article: one line with its id and reason, and
with `--verbose` the traceback of the fault that stopped it (an ArticleError's detail)."""
from __future__ import annotations

import sys

from .errors import BadInputError

VERBOSE_HELP = "with each skipped article, print the traceback of the fault that stopped it"


def skipped_line(item: str, reason: str, detail: str | None = None, verbose: bool = False) -> str:
    line = f"strife: skipped {item}: {reason}"
    if verbose and detail:
        line += "\n" + detail.rstrip()
    return line


def say_skipped(error: BadInputError, verbose: bool = False, write=None) -> None:
    """Report one skipped article on stderr (or through `write`, a progress bar's writer)."""
    text = skipped_line(error.item, error.reason, getattr(error, "detail", None), verbose)
    if write is None:
        print(text, file=sys.stderr)
    else:
        write(text)
