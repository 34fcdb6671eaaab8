"""Errors the store raises; they extend the catalogue in strife.errors."""
from __future__ import annotations

from ..errors import StrifeError


class StoreError(StrifeError):
    """The database cannot be opened, reached or used (bad URL, server down, newer schema)."""


class NotFoundError(StrifeError):
    """A record asked for by id is not in the store."""

    def __init__(self, kind: str, key: str):
        super().__init__(f"no {kind} with id {key!r} in the store")
        self.kind = kind
        self.key = key
