"""Training event models: from the team's corpus (the default model) or a user's own coded data.

Coded data comes as ACLED's export CSV (header names matched case-insensitively: `notes`,
`event_type`, `sub_event_type`, `country`...) or as strife's gold JSONL (`{"id", "text",
"gold": {"event_type", "sub_event_type", ...}}`). A row with an empty text or a type outside
ACLED's codebook is reported (file, line, reason) and left out; the rest trains.

The default model is trained on `data/event_corpus/*.jsonl`, written by the team (see its
README), and kept in the cache under a name that carries a hash of the corpus, the rule
modules and the feature settings, so a change to any of them rebuilds it.
"""
from __future__ import annotations

import csv
import json
import os
import random
import shutil
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass
from importlib import resources
from pathlib import Path

from . import config
from .articles import json_lines
from .errors import BadInputError, ModelError, UsageError
from .event_model import (
    NO_EVENT,
    EventModel,
    FeatureSettings,
    Labelled,
    examples_from,
    fingerprint,
)
from .record import EVENT_TYPES, SUB_EVENT_PARENT
from .tuning import TUNING

CORPUS_PACKAGE = "strife.data.event_corpus"
RULE_MODULES = ("events.py", "event_triggers.py", "event_typing.py", "event_modality.py", "event_words.py",
                "event_model.py", "actors.py", "actor_names.py", "mentions.py",
                "data/actors.tsv", "data/actor_groups.tsv")   # the rule features read the actor vocabulary
NO_EVENT_TYPES = {"", "none", "no event", "null"}
# How far a model's verdicts override the rules (see events.decide).
TRAINED_DECISION = {"reject": TUNING.trained_model_reject, "override": TUNING.trained_model_override,
                    "accept": TUNING.trained_model_accept}
DEFAULT_DECISION = {"reject": TUNING.default_model_reject, "override": TUNING.default_model_override,
                    "accept": TUNING.default_model_accept}


# ---- reading coded data -------------------------------------------------------------------------


def label_of(event_type: str | None, sub_event_type: str | None) -> str:
    """The model's label for a coded row: its sub-event type, NO_EVENT for a non-event; a
    ValueError naming what is wrong otherwise."""
    etype = (event_type or "").strip()
    sub = (sub_event_type or "").strip()
    if etype.lower() in NO_EVENT_TYPES:
        return NO_EVENT
    if etype not in EVENT_TYPES:
        raise ValueError(f"unknown event_type {etype!r}")
    if sub not in SUB_EVENT_PARENT:
        raise ValueError(f"unknown sub_event_type {sub!r}")
    if SUB_EVENT_PARENT[sub] != etype:
        raise ValueError(f"sub_event_type {sub!r} is not a kind of {etype!r}")
    return sub


def read_coded(paths: Iterable[str]) -> tuple[list[Labelled], list[BadInputError]]:
    """Coded rows from ACLED CSV exports and gold JSONL files, and the rows left out."""
    rows: list[Labelled] = []
    skipped: list[BadInputError] = []
    for path in paths:
        reader = _read_csv if path.lower().endswith((".csv", ".tsv")) else _read_jsonl
        for item in reader(Path(path)):
            (skipped if isinstance(item, BadInputError) else rows).append(item)
    return rows, skipped


def _read_csv(path: Path) -> Iterator[Labelled | BadInputError]:
    try:
        handle = path.open(encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror}") from exc
    with handle:
        header = handle.readline()
        handle.seek(0)
        delimiter = max(",;\t", key=header.count)     # the header says how the export was written
        reader = csv.DictReader(handle, delimiter=delimiter)
        columns = {(name or "").strip().lower(): name for name in reader.fieldnames or []}
        missing = [c for c in ("notes", "event_type", "sub_event_type") if c not in columns]
        if missing:
            raise UsageError(f"{path}: not an ACLED export (no {', '.join(missing)} column)")
        for number, row in enumerate(reader, start=2):
            get = lambda key: (row.get(columns.get(key, ""), "") or "").strip()  # noqa: E731
            yield _labelled(f"{path.name}:{number}", get("notes"), get("event_type"), get("sub_event_type"),
                            get("country"), str(path), coded_actors(get))


def _read_jsonl(path: Path) -> Iterator[Labelled | BadInputError]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror}") from exc
    except UnicodeDecodeError as exc:
        raise UsageError(f"{path}: not UTF-8 text") from exc
    for entry in json_lines(lines, path.name):
        if isinstance(entry, BadInputError):
            yield entry
            continue
        item, obj = entry
        if not isinstance(obj, dict):
            yield BadInputError(item, "not a JSON object")
            continue
        gold = obj.get("gold") if isinstance(obj.get("gold"), dict) else obj
        location = gold.get("location") if isinstance(gold.get("location"), dict) else {}
        yield _labelled(item, obj.get("text") or obj.get("notes"), gold.get("event_type"), gold.get("sub_event_type"),
                        location.get("country") or gold.get("country"), str(path),
                        coded_actors(lambda key: str(gold.get(key) if gold.get(key) is not None else "").strip()))


ACTOR_COLUMNS = (("actor1", "inter1"), ("assoc_actor_1", "inter1"), ("actor2", "inter2"), ("assoc_actor_2", "inter2"))


def coded_actors(get) -> tuple[tuple[str, str], ...]:
    """(name, type code) of a coded row's actors; ACLED joins associated actors with ';'."""
    return tuple((name.strip(), get(inter)) for column, inter in ACTOR_COLUMNS
                 for name in get(column).split(";") if name.strip())


def _labelled(item: str, text, event_type, sub_event_type, country, source: str,
              actors: tuple[tuple[str, str], ...] = ()) -> Labelled | BadInputError:
    if not isinstance(text, str) or not text.strip():
        return BadInputError(item, "empty text")
    try:
        label = label_of(event_type, sub_event_type)
    except ValueError as exc:
        return BadInputError(item, str(exc))
    return Labelled(text.strip(), label, source, str(country or ""), actors)


def team_corpus() -> list[Labelled]:
    """The corpus the team wrote (data/event_corpus/*.jsonl)."""
    rows = []
    folder = resources.files(CORPUS_PACKAGE)
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".jsonl"):
            continue
        for line in entry.read_text(encoding="utf-8").splitlines():
            if line.strip():
                obj = json.loads(line)
                rows.append(Labelled(obj["text"], label_of(obj["event_type"], obj["sub_event_type"]),
                                     f"team:{entry.name}", obj.get("style", "")))
    return rows


# ---- splits and reports --------------------------------------------------------------------------


def holdout(rows: list[Labelled], by: str, share: float = 0.2, seed: int = 7) -> tuple[list[Labelled], list[Labelled]]:
    """(train, test): `random` keeps out `share` of the rows; `country` keeps out whole
    countries, the smallest first, until about `share` of the rows are out."""
    if by == "random":
        order = list(range(len(rows)))
        random.Random(seed).shuffle(order)
        cut = int(len(rows) * share)
        out = set(order[:cut])
        return [r for i, r in enumerate(rows) if i not in out], [r for i, r in enumerate(rows) if i in out]
    if by == "country":
        sizes = Counter(r.group for r in rows)
        if len(sizes) < 2:
            raise UsageError("--holdout-by country needs rows from at least two countries")
        held: set[str] = set()
        for country, size in sorted(sizes.items(), key=lambda kv: (kv[1], kv[0])):
            if sum(sizes[c] for c in held) >= share * len(rows):
                break
            if len(held) < len(sizes) - 1:
                held.add(country)
        return [r for r in rows if r.group not in held], [r for r in rows if r.group in held]
    raise UsageError(f"--holdout-by: {by!r} (use country or random)")


@dataclass
class Report:
    rows: int
    accuracy: float            # sub-event type (or no event)
    type_accuracy: float       # event type (or no event)
    per_class_f1: dict[str, float]
    confusions: list[tuple[str, str, int]]   # (gold, predicted, count), worst first

    def lines(self) -> list[str]:
        out = [f"held-out rows: {self.rows}", f"event type accuracy: {self.type_accuracy:.3f}",
               f"sub-event type accuracy: {self.accuracy:.3f}", "per-class F1:"]
        out += [f"  {f1:.3f}  {label}" for label, f1 in sorted(self.per_class_f1.items(), key=lambda kv: kv[1])]
        if self.confusions:
            out.append("worst confusions (gold -> predicted: rows):")
            out += [f"  {g} -> {p}: {n}" for g, p, n in self.confusions]
        return out


def report(gold: list[str], predicted: list[str], worst: int = 8) -> Report:
    parent = lambda label: SUB_EVENT_PARENT.get(label, NO_EVENT)  # noqa: E731
    n = len(gold)
    f1 = {}
    for label in sorted(set(gold)):
        tp = sum(g == p == label for g, p in zip(gold, predicted, strict=True))
        fp = sum(p == label != g for g, p in zip(gold, predicted, strict=True))
        fn = sum(g == label != p for g, p in zip(gold, predicted, strict=True))
        f1[label] = round(2 * tp / (2 * tp + fp + fn), 4) if tp else 0.0
    confusions = Counter((g, p) for g, p in zip(gold, predicted, strict=True) if g != p)
    return Report(n, round(sum(g == p for g, p in zip(gold, predicted, strict=True)) / n, 4) if n else 0.0,
                  round(sum(parent(g) == parent(p) for g, p in zip(gold, predicted, strict=True)) / n, 4) if n else 0.0,
                  f1, [(g, p, c) for (g, p), c in confusions.most_common(worst)])


# ---- training ------------------------------------------------------------------------------------


def train(nlp, rows: list[Labelled], description: str, settings: FeatureSettings = FeatureSettings(),
          progress: Callable[[int], None] | None = None, decision: dict | None = None) -> EventModel:
    """A model from coded rows; `decision` says how far its verdicts override the rules
    (TRAINED_DECISION for a team's own codebook, DEFAULT_DECISION for the team corpus)."""
    from .events import find_candidates

    examples = examples_from(nlp, find_candidates, rows, progress)
    return EventModel.fit(examples, [r.label for r in rows], description, settings, decision or TRAINED_DECISION)


def predict(nlp, model: EventModel, rows: list[Labelled]) -> list[str]:
    """What the model says each row's main candidate is (the same reading as training)."""
    from .events import find_candidates

    return [d.label for d in model.decide(examples_from(nlp, find_candidates, rows))]


def default_model_dir(settings: FeatureSettings = FeatureSettings()) -> Path:
    package = Path(__file__).parent
    parts = [json.dumps(asdict(settings), sort_keys=True)]
    parts += [(package / name).read_text(encoding="utf-8") for name in RULE_MODULES]
    folder = resources.files(CORPUS_PACKAGE)
    parts += [e.read_text(encoding="utf-8") for e in sorted(folder.iterdir(), key=lambda e: e.name)
              if e.name.endswith(".jsonl")]
    cache = Path(config.get("cache_dir")).expanduser()
    return cache / f"event-model-{fingerprint(*parts)}"


def default_model(nlp) -> EventModel:
    """The model trained on the team's corpus, built into the cache on first use."""
    folder = default_model_dir()
    if folder.exists():
        try:
            return EventModel.load(folder)
        except ModelError:
            pass   # a half-written cache entry: build it again
    rows = team_corpus()
    counts = Counter(r.label for r in rows)
    model = train(nlp, rows, f"the strife team corpus (data/event_corpus, {len(rows)} texts, "
                             f"{len(counts) - (NO_EVENT in counts)} sub-event types and {counts[NO_EVENT]} non-events)",
                  decision=DEFAULT_DECISION)
    tmp = folder.with_name(f"{folder.name}.tmp-{os.getpid()}")
    model.save(tmp)
    try:
        tmp.rename(folder)        # atomic; another process may have built it first
    except OSError:
        shutil.rmtree(tmp, ignore_errors=True)
    return EventModel.load(folder)


def load_event_model(setting: str, nlp) -> EventModel | None:
    """The event model a setting names: '' or 'rules' for none (the rules alone), 'default'
    for the model trained on the team corpus, else a folder `strife train` wrote."""
    name = setting.strip()
    if name.lower() in ("", "rules"):
        return None
    if name.lower() == "default":
        return default_model(nlp)
    return EventModel.load(Path(name).expanduser())


def main() -> int:
    """`python -m strife.event_training`: build the default model into the cache."""
    from .nlp import build_nlp

    folder = default_model_dir()
    default_model(build_nlp(None))
    print(f"event model: {folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
