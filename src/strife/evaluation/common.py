"""Shared helpers for the evaluation modules: reading gold files, sampling, distances."""
from __future__ import annotations

import json
from pathlib import Path

from ..errors import UsageError


def read_gold(path: str | Path, limit: int | None = None) -> list[dict]:
    """The rows of a gold JSONL file; with `limit`, N rows spread evenly over the file."""
    try:
        lines = [line for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]
    except OSError as exc:
        raise UsageError(f"cannot read gold file {path}: {exc.strerror}") from exc
    rows = [json.loads(line) for line in lines]
    if limit is not None and 0 < limit < len(rows):
        rows = [rows[int(i * len(rows) / limit)] for i in range(limit)]
    return rows


def share(hits: int, total: int) -> float:
    return round(hits / total, 4) if total else 0.0


def macro_f1(pairs: list[tuple[str | None, str | None]]) -> float:
    """Macro-averaged F1 over the gold labels of (gold, predicted) pairs."""
    labels = {g for g, _ in pairs if g is not None}
    scores = []
    for label in labels:
        tp = sum(1 for g, p in pairs if g == label and p == label)
        fp = sum(1 for g, p in pairs if g != label and p == label)
        fn = sum(1 for g, p in pairs if g == label and p != label)
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        scores.append(2 * prec * rec / (prec + rec) if prec + rec else 0.0)
    return round(sum(scores) / len(scores), 4) if scores else 0.0


def events_or_none(pipeline, row: dict) -> list:
    """The pipeline's events for a gold row; a row strife refuses (BadInputError) has none."""
    from ..errors import BadInputError
    from ..record import Article

    try:
        return pipeline.process(Article(id=row["id"], text=row["text"], published=row.get("published"))).events
    except BadInputError:
        return []
