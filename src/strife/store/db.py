"""One connection interface over SQLite (sqlite3) and PostgreSQL (psycopg 3).

SQL is written once with `?` placeholders and portable types; `Dialect` says how each
backend spells the few things that differ. Rows come back as mappings (`row["col"]`).
"""
from __future__ import annotations

import sqlite3
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence

import psycopg
from psycopg.rows import dict_row

from .. import config
from .errors import StoreError

DEFAULT_DB = "strife.db"
DB_ENV = "STRIFE_DB"
# One writer at a time on PostgreSQL: merging reads what earlier articles wrote.
WRITE_LOCK_KEY = 0x57F1FE


@dataclass(frozen=True)
class Dialect:
    name: str
    blob: str
    float: str
    serial_key: str  # an integer primary key numbered by the database, in insert order

    def sql(self, text: str) -> str:
        return text.replace("?", "%s") if self.name == "postgresql" else text


SQLITE = Dialect("sqlite", blob="BLOB", float="DOUBLE PRECISION", serial_key="INTEGER PRIMARY KEY AUTOINCREMENT")
POSTGRESQL = Dialect("postgresql", blob="BYTEA", float="DOUBLE PRECISION", serial_key="BIGSERIAL PRIMARY KEY")


def resolve_url(url: str | None) -> str:
    """The database URL to use: the one given, else $STRIFE_DB, else ./strife.db."""
    return url or config.get("db") or DEFAULT_DB


def is_postgresql(url: str) -> bool:
    return url.startswith(("postgresql://", "postgres://"))


def sqlite_path(url: str) -> str:
    return url[len("sqlite:///"):] if url.startswith("sqlite:///") else url


class Connection:
    """A database connection that speaks `?` SQL on either backend."""

    def __init__(self, raw: Any, dialect: Dialect):
        self.raw = raw
        self.dialect = dialect

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        try:
            return self.raw.execute(self.dialect.sql(sql), tuple(params))
        except (sqlite3.Error, psycopg.Error) as exc:
            raise StoreError(f"database error: {exc}") from exc

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        rows = [tuple(r) for r in rows]
        if not rows:
            return
        try:
            if self.dialect.name == "postgresql":
                with self.raw.cursor() as cur:
                    cur.executemany(self.dialect.sql(sql), rows)
            else:
                self.raw.executemany(sql, rows)
        except (sqlite3.Error, psycopg.Error) as exc:
            raise StoreError(f"database error: {exc}") from exc

    def all(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        return list(self.execute(sql, params).fetchall())

    def one(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self.execute(sql, params).fetchone()

    @contextmanager
    def transaction(self) -> Iterator["Connection"]:
        """A write transaction: committed on success, rolled back on any exception."""
        if self.dialect.name == "postgresql":
            with self.raw.transaction():
                self.execute("SELECT pg_advisory_xact_lock(?)", (WRITE_LOCK_KEY,))
                yield self
            return
        self.execute("BEGIN IMMEDIATE")
        try:
            yield self
        except BaseException:
            self.raw.execute("ROLLBACK")
            raise
        self.execute("COMMIT")

    def close(self) -> None:
        self.raw.close()


def connect(url: str) -> Connection:
    """A connection to the database at `url` (a PostgreSQL URL or an SQLite file path)."""
    if is_postgresql(url):
        return _connect_postgresql(url)
    return _connect_sqlite(sqlite_path(url))


def _connect_sqlite(path: str) -> Connection:
    if path != ":memory:" and not Path(path).parent.exists():
        raise StoreError(f"cannot open {path}: folder {Path(path).parent} does not exist")
    try:
        # Each thread uses its own connection (Store keeps them thread-local); the check is off
        # only so that Store.close() can close them all from one thread.
        raw = sqlite3.connect(path, isolation_level=None, timeout=30, check_same_thread=False)
        raw.row_factory = sqlite3.Row
        # SQLite's own LOWER folds ASCII only; filters match any case in every script, as on PostgreSQL.
        raw.create_function("lower", 1, _lower, deterministic=True)
        raw.execute("PRAGMA journal_mode=WAL")
        raw.execute("PRAGMA synchronous=NORMAL")
        raw.execute("PRAGMA foreign_keys=ON")
    except sqlite3.Error as exc:
        raise StoreError(f"cannot open SQLite database {path}: {exc}") from exc
    return Connection(raw, SQLITE)


def _lower(value: Any) -> Any:
    return value.lower() if isinstance(value, str) else value


def _connect_postgresql(url: str) -> Connection:
    try:
        raw = psycopg.connect(url, autocommit=True, row_factory=dict_row, connect_timeout=10)
    except psycopg.Error as exc:
        raise StoreError(f"cannot connect to PostgreSQL at {_redact(url)}: {exc}") from exc
    return Connection(raw, POSTGRESQL)


def _redact(url: str) -> str:
    """The URL without its password, for messages."""
    head, sep, tail = url.partition("@")
    if not sep or ":" not in head.split("//", 1)[-1]:
        return url
    scheme, _, creds = head.partition("//")
    return f"{scheme}//{creds.split(':', 1)[0]}:***@{tail}"
