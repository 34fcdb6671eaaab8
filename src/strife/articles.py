"""Reading articles: files, folders, JSON lines and standard input (SCHEMA.md, "Input").

Pure readers: each yields `Article` records or `BadInputError`s, never stops a batch on one
bad item, and never prints. The CLI decides what to say about the errors.
"""
from __future__ import annotations

import json
import re
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Any, Iterable, Iterator

from .errors import BadInputError, UsageError
from .record import Article

TEXT_SUFFIXES = {".txt": "text", ".html": "html", ".htm": "html"}
JSONL_SUFFIXES = {".jsonl", ".ndjson", ".json"}
KNOWN_KEYS = {"id", "text", "html", "published", "title", "url", "source"}
MAX_BYTES = 50 * 1024 * 1024

ReadResult = Article | BadInputError
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")

_MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august",
     "september", "october", "november", "december"], start=1)}
_MONTHS.update({k[:3]: v for k, v in list(_MONTHS.items())})
_MONTHS["sept"] = 9


def parse_published(value: str) -> str:
    """The ISO date (YYYY-MM-DD) of a publication date written in a common way.

    Accepts ISO dates and date-times, 2023/09/21, 21 September 2023, September 21, 2023.
    Raises UsageError for anything else (an impossible date such as 2023-02-30 included).
    """
    text = value.strip()
    try:
        return _parse_date_text(text).isoformat()
    except ValueError as exc:
        raise UsageError(
            f"unknown date {value!r}: write it as YYYY-MM-DD (e.g. 2023-09-21)") from exc


def _parse_date_text(text: str) -> date:
    iso = re.fullmatch(r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})([T ].*)?", text)
    if iso:
        if iso.group(4):
            datetime.fromisoformat(text.replace("Z", "+00:00").replace("/", "-"))
        return date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
    words = re.fullmatch(r"(\d{1,2})\s+([A-Za-z]+)\.?,?\s+(\d{4})", text)
    if words and words.group(2).lower() in _MONTHS:
        return date(int(words.group(3)), _MONTHS[words.group(2).lower()], int(words.group(1)))
    words = re.fullmatch(r"([A-Za-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})", text)
    if words and words.group(1).lower() in _MONTHS:
        return date(int(words.group(3)), _MONTHS[words.group(1).lower()], int(words.group(2)))
    raise ValueError(text)


def check_size(raw: bytes, item: str) -> None:
    """BadInputError when a file's bytes are empty or over MAX_BYTES."""
    if not raw.strip():
        raise BadInputError(item, "empty input")
    if len(raw) > MAX_BYTES:
        raise BadInputError(item, f"too large ({len(raw)} bytes; the limit is {MAX_BYTES})")


def decode_text(raw: bytes, item: str) -> str:
    """The text of a file's bytes, or BadInputError when it is empty, binary or not UTF-8."""
    check_size(raw, item)
    if b"\x00" in raw[:8192]:
        raise BadInputError(item, "binary file (contains NUL bytes), not an article")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise BadInputError(item, f"not valid UTF-8 (bad byte at offset {exc.start})") from exc
    if not text.strip():
        raise BadInputError(item, "empty input (whitespace only)")
    return text


def article_from_file(path: Path, published: str | None = None) -> Article:
    kind = TEXT_SUFFIXES.get(path.suffix.lower())
    if kind is None:
        raise BadInputError(str(path), f"unknown file type {path.suffix!r} (expected .txt, .html, .htm or .jsonl)")
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise BadInputError(str(path), f"cannot read: {exc.strerror}") from exc
    text = decode_text(raw, path.name)
    return Article(id=path.name, published=published, **{kind: text})


def article_from_json(obj: object, item: str, published: str | None = None) -> Article:
    """An Article from one decoded JSON line; BadInputError naming `item` when malformed."""
    if not isinstance(obj, dict):
        raise BadInputError(item, "a JSON line must be an object with 'id' and 'text' or 'html'")
    art_id = obj.get("id")
    if not isinstance(art_id, (str, int)) or isinstance(art_id, bool) or not str(art_id).strip():
        raise BadInputError(item, "missing or invalid 'id' (a non-empty string)")
    if _CONTROL.search(str(art_id)):
        raise BadInputError(item, "invalid 'id': it holds control characters")
    broken = _not_unicode(obj)
    if broken:
        raise BadInputError(item, f"'{broken}' holds a lone surrogate (\\ud800-\\udfff): not valid Unicode text")
    name = f"{item} (id {art_id})"
    text, html = obj.get("text"), obj.get("html")
    if (text is None) == (html is None):
        raise BadInputError(name, "needs exactly one of 'text' or 'html'")
    body = text if text is not None else html
    if not isinstance(body, str):
        raise BadInputError(name, f"'{'text' if text is not None else 'html'}' must be a string")
    if not body.strip():
        raise BadInputError(name, "empty article text")
    pub = obj.get("published")
    if pub is not None:
        if not isinstance(pub, str):
            raise BadInputError(name, "'published' must be an ISO date string")
        try:
            pub = parse_published(pub)
        except UsageError as exc:
            raise BadInputError(name, str(exc)) from exc
    for key in ("title", "url", "source"):
        if obj.get(key) is not None and not isinstance(obj[key], str):
            raise BadInputError(name, f"'{key}' must be a string")
    return Article(
        id=str(art_id), text=text, html=html, published=pub or published,
        title=obj.get("title"), url=obj.get("url"), source=obj.get("source"),
        meta={k: v for k, v in obj.items() if k not in KNOWN_KEYS},
    )


def _not_unicode(obj: dict) -> str | None:
    """The first key of a JSON object whose key or value cannot be written as UTF-8 (JSON's
    \\ud800 escapes decode to lone surrogates, which no store or model can take)."""
    for key, value in obj.items():
        try:
            key.encode("utf-8")
            (value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)).encode("utf-8")
        except (UnicodeEncodeError, TypeError, ValueError):
            return key.encode("utf-8", "replace").decode("utf-8")
    return None


def json_lines(lines: Iterable[str | bytes], origin: str) -> Iterator[tuple[str, Any] | BadInputError]:
    """(item, parsed value) for each non-blank JSON line, `item` being "origin:line"; a
    malformed line (not UTF-8, not JSON, nested past the parser's depth) becomes its
    BadInputError and the lines after it are still read."""
    for number, line in enumerate(lines, start=1):
        item = f"{origin}:{number}"
        if isinstance(line, bytes):
            try:
                line = line.decode("utf-8")
            except UnicodeDecodeError as exc:
                yield BadInputError(item, f"not valid UTF-8 (bad byte at column {exc.start + 1})")
                continue
        if not line.strip():
            continue
        try:
            yield item, json.loads(line)
        except json.JSONDecodeError as exc:
            yield BadInputError(item, f"malformed JSON ({exc.msg} at column {exc.colno})")
        except RecursionError:
            yield BadInputError(item, "malformed JSON (nested too deeply to read)")


def articles_from_jsonl(lines: Iterable[str], origin: str, published: str | None = None) -> Iterator[ReadResult]:
    seen: set[str] = set()
    for entry in json_lines(lines, origin):
        if isinstance(entry, BadInputError):
            yield entry
            continue
        item, obj = entry
        try:
            article = article_from_json(obj, item, published)
        except BadInputError as exc:
            yield exc
            continue
        if article.id in seen:
            yield BadInputError(item, f"duplicate id {article.id!r} in this input")
            continue
        seen.add(article.id)
        yield article


def _jsonl_file(path: Path, published: str | None) -> Iterator[ReadResult]:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        yield BadInputError(str(path), f"cannot read: {exc.strerror}")
        return
    try:
        check_size(raw, path.name)
    except BadInputError as exc:
        yield exc
        return
    yield from articles_from_jsonl(jsonl_byte_lines(raw), path.name, published)


def jsonl_byte_lines(raw: bytes) -> list[bytes]:
    """The lines of a JSON-lines file, split as bytes: each is decoded on its own (a bad byte
    is its line's error), and a U+2028 inside a JSON string does not end a line."""
    return raw.removeprefix(b"\xef\xbb\xbf").splitlines()


def _one_path(path: Path, published: str | None) -> Iterator[ReadResult]:
    if path.suffix.lower() in JSONL_SUFFIXES:
        yield from _jsonl_file(path, published)
        return
    try:
        yield article_from_file(path, published)
    except BadInputError as exc:
        yield exc


def _folder_files(folder: Path) -> list[Path]:
    wanted = set(TEXT_SUFFIXES) | JSONL_SUFFIXES
    return sorted(p for p in folder.rglob("*")
                  if p.is_file() and p.suffix.lower() in wanted and not p.name.startswith("."))


def _stdin(published: str | None) -> Iterator[ReadResult]:
    raw = sys.stdin.buffer.read()
    if raw.removeprefix(b"\xef\xbb\xbf").lstrip().startswith(b"{"):
        try:
            check_size(raw, "stdin")
        except BadInputError as exc:
            yield exc
            return
        yield from articles_from_jsonl(jsonl_byte_lines(raw), "stdin", published)
        return
    try:
        text = decode_text(raw, "stdin")
    except BadInputError as exc:
        yield exc
        return
    if text.lstrip()[:100].lower().startswith(("<!doctype", "<html")):
        yield Article(id="stdin", html=text, published=published)
    else:
        yield Article(id="stdin", text=text, published=published)


def read_inputs(inputs: Iterable[str], published: str | None = None) -> Iterator[ReadResult]:
    """Every article named by `inputs` (files, folders, JSONL files, '-'), in order.

    `published` (ISO) is used for articles that carry no date of their own.
    """
    for name in inputs:
        if name == "-":
            yield from _stdin(published)
            continue
        path = Path(name)
        if path.is_dir():
            files = _folder_files(path)
            if not files:
                yield BadInputError(name, "folder holds no .txt, .html or .jsonl files")
            for file in files:
                yield from _one_path(file, published)
        elif path.exists():
            yield from _one_path(path, published)
        else:
            yield BadInputError(name, "no such file or folder")
