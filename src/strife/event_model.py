"""The learned event decision: for each candidate the rules propose, no event or one of ACLED's
25 sub-event types (the event type follows from the sub-type).

A candidate is a sentence with asserted triggers (`events.find_candidates`): either a mention
the rules typed, or one they could not type. The model reads two kinds of features:

* the candidate's sentence as text: word 1-2-grams and character 2-5-grams (TF-IDF);
* the rule features: each trigger's cue and lemma, the actor kinds around it, the type the
  rules gave (or that they gave none), whether it is background or has no actor.

and a multinomial logistic regression turns them into a probability per label, so the
confidence comes from the model. Modality stays a filter before the model (negated,
hypothetical and future triggers are never candidates).

A model lives in a folder: `model.joblib` (the vectorisers and the classifier) and
`model.json` (format version, strife version, feature settings, what it was trained on, label
counts). Loading a folder written by another format version is a clear `ModelError`.
"""
from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from spacy.tokens import Doc

from .errors import ModelError
from .mentions import Mention
from .record import SUB_EVENT_PARENT

FORMAT_VERSION = 1
NO_EVENT = "None"
MODEL_FILE, META_FILE = "model.joblib", "model.json"


@dataclass(frozen=True)
class FeatureSettings:
    word_ngrams: tuple[int, int] = (1, 2)
    char_ngrams: tuple[int, int] = (2, 5)
    min_df: int = 2
    rule_weight: float = 1.0       # scale of the rule features against the text features
    c: float = 8.0                 # inverse regularisation of the logistic regression
    max_iter: int = 3000

    @classmethod
    def from_dict(cls, data: dict) -> FeatureSettings:
        return cls(**{k: tuple(v) if isinstance(v, list) else v for k, v in data.items()})


@dataclass(frozen=True)
class Example:
    """One candidate as the model sees it."""

    text: str
    rules: tuple[str, ...]


@dataclass
class Decision:
    label: str          # a sub-event type, or NO_EVENT
    probability: float

    @property
    def event_type(self) -> str | None:
        return SUB_EVENT_PARENT.get(self.label)


def example_of(mention: Mention, doc: Doc) -> Example:
    """The features of a candidate: its sentence and what the rules know of it."""
    sent = doc[mention.sent_start].sent
    rules = [f"cue={t.cue}" for t in mention.triggers]
    rules += [f"lemma={doc[t.token].lemma_.lower()}" for t in mention.triggers]
    rules += [f"kind={k}" for k in sorted(mention.kinds)]
    if mention.sub_event_type:
        rules += [f"rule_sub={mention.sub_event_type}", f"rule_type={mention.event_type}"]
    else:
        rules.append("rule_sub=none")
    if any(t.background for t in mention.triggers):
        rules.append("background")
    if mention.weak:
        rules.append("weak")
    return Example(sent.text.strip(), tuple(sorted(set(rules))))


def bare_example(doc: Doc) -> Example:
    """A text with no candidate at all: its first sentence, with no rule features."""
    first = next(iter(doc.sents), None)
    return Example((first.text if first is not None else doc.text).strip(), ("no_candidate",))


def main_example(doc: Doc, candidates: Sequence[Mention]) -> Example:
    """The candidate a one-event text is about: the rules' main typed mention, else the first
    candidate, else the text itself."""
    typed = [m for m in candidates if m.sub_event_type]
    if typed:
        return example_of(max(typed, key=lambda m: m.confidence), doc)
    return example_of(candidates[0], doc) if candidates else bare_example(doc)


def _identity(tokens):
    return tokens


class EventModel:
    """Vectorisers and classifier, with what they were trained on."""

    def __init__(self, parts: dict, meta: dict):
        self.parts = parts
        self.meta = meta
        self.labels: list[str] = list(parts["classifier"].classes_)
        # thresholds of events.decide: drop a typed mention, retype it, accept an untyped one
        self.reject, self.override, self.accept = (float(meta["decision"][k]) for k in ("reject", "override", "accept"))

    # ---- training

    @classmethod
    def fit(cls, examples: Sequence[Example], labels: Sequence[str], description: str,
            settings: FeatureSettings = FeatureSettings(), decision: dict | None = None) -> EventModel:
        from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
        from sklearn.linear_model import LogisticRegression

        counts = Counter(labels)
        if len(counts) < 2:
            raise ModelError(f"training needs at least 2 classes; the data has {len(counts)} ({', '.join(counts)})")
        parts = {
            "words": TfidfVectorizer(ngram_range=settings.word_ngrams, min_df=settings.min_df, sublinear_tf=True,
                                     lowercase=True),
            "chars": TfidfVectorizer(analyzer="char_wb", ngram_range=settings.char_ngrams, min_df=settings.min_df,
                                     sublinear_tf=True, lowercase=True),
            "rules": CountVectorizer(analyzer=_identity, binary=True),
        }
        matrix = _features(parts, examples, settings, fit=True)
        classifier = LogisticRegression(C=settings.c, max_iter=settings.max_iter)
        classifier.fit(matrix, list(labels))
        parts["classifier"] = classifier
        meta = {
            "format_version": FORMAT_VERSION, "strife_version": _strife_version(),
            "features": asdict(settings), "trained_on": description, "examples": len(labels),
            "label_counts": dict(sorted(counts.items())),
            "decision": dict(decision or {"reject": 0.5, "override": 0.0, "accept": 0.5}),
        }
        return cls(parts, meta)

    # ---- use

    def decide(self, examples: Sequence[Example]) -> list[Decision]:
        if not examples:
            return []
        settings = FeatureSettings.from_dict(self.meta["features"])
        probabilities = self.parts["classifier"].predict_proba(_features(self.parts, examples, settings))
        out = []
        for row in probabilities:
            best = int(row.argmax())
            out.append(Decision(self.labels[best], round(float(row[best]), 4)))
        return out

    # ---- files

    def save(self, folder: str | Path) -> Path:
        import joblib

        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        joblib.dump(self.parts, folder / MODEL_FILE, compress=3)
        (folder / META_FILE).write_text(json.dumps(self.meta, indent=2) + "\n", encoding="utf-8")
        return folder

    @classmethod
    def load(cls, folder: str | Path) -> EventModel:
        import joblib

        folder = Path(folder)
        meta_path, model_path = folder / META_FILE, folder / MODEL_FILE
        if not folder.is_dir():
            raise ModelError(f"model folder {folder} does not exist")
        if not meta_path.exists() or not model_path.exists():
            raise ModelError(f"{folder} is not a strife model folder (it needs {META_FILE} and {MODEL_FILE}; "
                             f"`strife train` writes one)")
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise ModelError(f"{meta_path}: unreadable ({exc})") from exc
        if meta.get("format_version") != FORMAT_VERSION:
            raise ModelError(f"{folder} was written by strife {meta.get('strife_version', '?')} in model format "
                             f"{meta.get('format_version')!r}; this strife reads format {FORMAT_VERSION}: "
                             f"train it again with `strife train`")
        try:
            parts = joblib.load(model_path)
        except Exception as exc:  # noqa: BLE001 - a truncated or foreign file, whatever joblib makes of it
            raise ModelError(f"{model_path}: not a readable model ({type(exc).__name__}: {exc})") from exc
        if not isinstance(parts, dict) or "classifier" not in parts:
            raise ModelError(f"{model_path}: not a strife model")
        if not isinstance(meta.get("decision"), dict) or set(meta["decision"]) != {"reject", "override", "accept"}:
            raise ModelError(f"{meta_path}: 'decision' must give the reject, override and accept thresholds")
        return cls(parts, meta)


def _features(parts: dict, examples: Sequence[Example], settings: FeatureSettings, fit: bool = False):
    from scipy.sparse import hstack

    texts = [e.text for e in examples]
    rules = [list(e.rules) for e in examples]
    blocks = []
    for name, data in (("words", texts), ("chars", texts), ("rules", rules)):
        vectorizer = parts[name]
        block = vectorizer.fit_transform(data) if fit else vectorizer.transform(data)
        blocks.append(block * settings.rule_weight if name == "rules" else block)
    return hstack(blocks).tocsr()


def _strife_version() -> str:
    from importlib import metadata

    try:
        return metadata.version("strife")
    except metadata.PackageNotFoundError:
        return "0+unknown"


# ---- training data: labelled texts -> examples -------------------------------------------------


@dataclass
class Labelled:
    """A coded text: its words, its gold sub-event type (NO_EVENT for none) and where it came from."""

    text: str
    label: str
    source: str = ""
    group: str = ""        # what a held-out split keeps together (a country)
    actors: tuple[tuple[str, str], ...] = ()   # (actor name, actor type or ACLED inter code) as coded


def examples_from(nlp, candidates_of: Callable[[Doc], list[Mention]], items: Iterable[Labelled],
                  progress: Callable[[int], None] | None = None, batch_size: int = 64) -> list[Example]:
    """The main candidate of each coded text, parsed in batches."""
    items = list(items)
    out: list[Example] = []
    for i, doc in enumerate(nlp.pipe((it.text for it in items), batch_size=batch_size)):
        out.append(main_example(doc, candidates_of(doc)))
        if progress is not None:
            progress(i + 1)
    return out


def fingerprint(*parts: str) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()[:16]
