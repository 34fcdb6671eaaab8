"""Score `strife.timex.find_times` against TimeML-annotated news (MEANTIME rows).

Each row is a dict with keys ``id``, ``text``, ``published`` (ISO date or None) and
``times``: a list of ``{text, start, end, type, value}`` gold TIMEX3 annotations.

What counts:

* Recognition counts gold expressions of every TimeML type (DATE, TIME, DURATION, SET);
  the ``timex_date_*`` keys repeat recall for gold DATE expressions alone.
* A prediction matches a gold expression when their spans overlap (``timex_f1``) or
  are identical (``timex_f1_strict``). Matching is one-to-one: each gold expression takes
  the unmatched overlapping prediction with the largest overlap.
* MEANTIME annotates only the headline, dateline and first few sentences, so precision
  counts only predictions that start before the end of the last gold annotation of their
  document (``timex_precision``). ``timex_precision_sentence`` widens that window to the
  end of the sentence holding the last gold annotation (stricter, since the rest of that
  sentence is annotated too).
* ``timex_value_accuracy``: among gold DATE expressions that were recognised (overlap),
  the share whose predicted value equals the gold value exactly.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from strife.timex import Timex, find_times


@dataclass
class _Tally:
    docs: int = 0
    gold: int = 0
    predicted: int = 0
    predicted_sentence: int = 0
    matched: int = 0
    matched_strict: int = 0
    gold_dates: int = 0
    matched_dates: int = 0
    correct_values: int = 0


def _ratio(numerator: int, denominator: int) -> float:
    return numerator / denominator if denominator else 0.0


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def _overlap(gold: dict, predicted: Timex) -> int:
    return min(gold["end"], predicted.end) - max(gold["start"], predicted.start)


def match_gold(gold_times: list[dict], predicted: list[Timex]) -> dict[int, Timex]:
    """Gold index -> matched prediction, one-to-one, by largest span overlap."""
    pairs = sorted(
        ((_overlap(g, p), gi, pi) for gi, g in enumerate(gold_times) for pi, p in enumerate(predicted)
         if _overlap(g, p) > 0),
        reverse=True,
    )
    matches: dict[int, Timex] = {}
    used: set[int] = set()
    for _, gold_index, predicted_index in pairs:
        if gold_index not in matches and predicted_index not in used:
            matches[gold_index] = predicted[predicted_index]
            used.add(predicted_index)
    return matches


_SENTENCE_END = re.compile(r"[.!?](?=\s)|\n")


def _sentence_end_after(text: str, offset: int) -> int:
    """End of the sentence that contains `offset` (end of text if none)."""
    found = _SENTENCE_END.search(text, offset)
    return found.end() if found else len(text)


def _published(row: dict) -> dt.date | None:
    return dt.date.fromisoformat(row["published"][:10]) if row.get("published") else None


def _tally_row(row: dict, tally: _Tally) -> None:
    gold_times: list[dict] = row["times"]
    predicted = find_times(row["text"], _published(row))
    last_gold_end = max((g["end"] for g in gold_times), default=0)
    sentence_end = _sentence_end_after(row["text"], last_gold_end)
    in_window = [p for p in predicted if p.start < last_gold_end]
    matches = match_gold(gold_times, predicted)

    tally.docs += 1
    tally.gold += len(gold_times)
    tally.predicted += len(in_window)
    tally.predicted_sentence += sum(1 for p in predicted if p.start < sentence_end)
    tally.matched += len(matches)
    for gold_index, prediction in matches.items():
        gold = gold_times[gold_index]
        if (gold["start"], gold["end"]) == (prediction.start, prediction.end):
            tally.matched_strict += 1
        if gold["type"] == "DATE":
            tally.matched_dates += 1
            tally.correct_values += prediction.value == gold["value"]
    tally.gold_dates += sum(1 for g in gold_times if g["type"] == "DATE")


def score(rows: Iterable[dict]) -> dict[str, float]:
    """Recognition P/R/F1 (overlap and strict) and DATE value accuracy over MEANTIME-style rows."""
    tally = _Tally()
    for row in rows:
        _tally_row(row, tally)
    # A prediction outside the window can still match gold only if it starts before the
    # last gold end, so matched <= predicted holds for the overlap count.
    precision = _ratio(tally.matched, tally.predicted)
    recall = _ratio(tally.matched, tally.gold)
    precision_strict = _ratio(tally.matched_strict, tally.predicted)
    recall_strict = _ratio(tally.matched_strict, tally.gold)
    precision_sentence = _ratio(tally.matched, tally.predicted_sentence)
    return {
        "timex_docs": float(tally.docs),
        "timex_gold": float(tally.gold),
        "timex_predicted": float(tally.predicted),
        "timex_precision": precision,
        "timex_recall": recall,
        "timex_f1": _f1(precision, recall),
        "timex_precision_strict": precision_strict,
        "timex_recall_strict": recall_strict,
        "timex_f1_strict": _f1(precision_strict, recall_strict),
        "timex_precision_sentence": precision_sentence,
        "timex_f1_sentence": _f1(precision_sentence, recall),
        "timex_date_recall": _ratio(tally.matched_dates, tally.gold_dates),
        "timex_value_accuracy": _ratio(tally.correct_values, tally.matched_dates),
    }
