"""De-duplication: near-duplicate articles and the same event reported by many articles.

Two pure parts, both over plain values and `Event` records:

1. Articles. A wire story reprinted by ten outlets with a new byline is one report, not
   ten. Each clean text gets a MinHash signature (datasketch) over word shingles; the
   signature is cut into LSH bands so that a store can find candidates by equal band keys,
   and a candidate is a near-duplicate when the estimated Jaccard similarity reaches
   `TUNING.near_duplicate_threshold`. A near-duplicate is linked to the article it copies, and
   its events are not counted again.
2. Events. Different write-ups of one event are merged when they agree on the event type,
   the date (at most `TUNING.merge_max_days_apart` apart), the place (at most `TUNING.merge_max_km_apart` km apart)
   and the actors (no actor slot names two different actors). The merged event keeps the
   first report's id, evidence and place, fills fields the first left empty from the
   others, keeps every source, and reconciles counts: `fatalities` is the lowest credible
   figure reported (ACLED), `fatalities_high` the highest figure reported (UCDP's high).
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import replace
from datetime import date
from functools import lru_cache
from typing import Iterable, Sequence

import numpy as np
from datasketch import MinHash, MinHashLSH

from .gazetteer import distance_km
from .record import Actor, Event, Source
from .tuning import TUNING

NUM_PERM = 128
# Named, not left to datasketch's default: stored signatures must stay comparable.
MINHASH_SCHEME = "affine32"
SHINGLE_WORDS = 3
LSH_WEIGHTS = (0.1, 0.9)  # (false positives, false negatives)

_WORD = re.compile(r"\w+", re.UNICODE)


# --- articles -------------------------------------------------------------------------

def shingles(text: str, size: int = SHINGLE_WORDS) -> set[bytes]:
    """The set of `size`-word shingles of a text, case and punctuation ignored."""
    words = _WORD.findall(text.lower())
    if len(words) < size:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i:i + size]).encode() for i in range(len(words) - size + 1)}


@lru_cache(maxsize=1)
def _permutations():
    # Drawing the permutations costs more than hashing a short article: draw them once.
    return MinHash(num_perm=NUM_PERM, seed=1, scheme=MINHASH_SCHEME).permutations


def sketch(text: str) -> MinHash:
    """The datasketch MinHash of a text's shingles."""
    minhash = MinHash(num_perm=NUM_PERM, seed=1, scheme=MINHASH_SCHEME, permutations=_permutations())
    minhash.update_batch(sorted(shingles(text)))
    return minhash


def signature(text: str) -> np.ndarray:
    """The MinHash signature (NUM_PERM unsigned 64-bit values) of a text."""
    return sketch(text).hashvalues.astype(np.uint64)


def signature_to_bytes(sig: np.ndarray) -> bytes:
    return sig.astype("<u8").tobytes()


def signature_from_bytes(raw: bytes) -> np.ndarray:
    return np.frombuffer(bytes(raw), dtype="<u8").astype(np.uint64)


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """The Jaccard similarity of two texts, estimated from their signatures."""
    return float(np.count_nonzero(a == b)) / len(a)


def _lsh() -> MinHashLSH:
    return MinHashLSH(threshold=TUNING.lsh_threshold, num_perm=NUM_PERM, weights=LSH_WEIGHTS)


@lru_cache(maxsize=None)
def _bands() -> tuple[int, int]:
    # datasketch picks the (bands, rows) split that minimises the weighted error.
    lsh = _lsh()
    return lsh.b, lsh.r


def band_keys(sig: np.ndarray) -> list[str]:
    """LSH band keys: two signatures sharing any key are near-duplicate candidates."""
    bands, rows = _bands()
    keys = []
    for band in range(bands):
        chunk = sig[band * rows:(band + 1) * rows].astype("<u8").tobytes()
        keys.append(f"{band}:{hashlib.blake2b(chunk, digest_size=12).hexdigest()}")
    return keys


def is_near_duplicate(a: np.ndarray, b: np.ndarray, threshold: float = TUNING.near_duplicate_threshold) -> bool:
    return similarity(a, b) >= threshold


def near_duplicates(texts: Sequence[tuple[str, str]]) -> dict[str, str]:
    """{article id: id of the earlier article it nearly copies} for (id, text) pairs in order."""
    lsh = _lsh()
    sigs: dict[str, np.ndarray] = {}
    order: dict[str, int] = {}
    found: dict[str, str] = {}
    for article_id, text in texts:
        minhash = sketch(text)
        sig = minhash.hashvalues.astype(np.uint64)
        candidates = sorted(lsh.query(minhash), key=order.__getitem__)
        original = first_near_duplicate(sig, [(c, sigs[c]) for c in candidates])
        if original is None:
            order[article_id] = len(order)
            lsh.insert(article_id, minhash)
            sigs[article_id] = sig
        else:
            found[article_id] = found.get(original, original)
    return found


def first_near_duplicate(sig: np.ndarray, candidates: Iterable[tuple[str, np.ndarray]]) -> str | None:
    """The id of the first candidate (in the order given) that `sig` nearly copies."""
    return next((cid for cid, other in candidates if is_near_duplicate(sig, other)), None)


# --- events ---------------------------------------------------------------------------

def mergeable(e: Event) -> bool:
    """True when an event has what merging compares: a date and coordinates."""
    loc = e.location
    return bool(e.date) and loc is not None and loc.latitude is not None and loc.longitude is not None


def same_event(a: Event, b: Event) -> bool:
    """True when two reports describe one event (type, date, place and actors agree)."""
    if a.article_id == b.article_id or not (mergeable(a) and mergeable(b)):
        return False
    if a.event_type != b.event_type:
        return False
    if abs((date.fromisoformat(a.date) - date.fromisoformat(b.date)).days) > TUNING.merge_max_days_apart:
        return False
    la, lb = a.location, b.location
    if distance_km(la.latitude, la.longitude, lb.latitude, lb.longitude) > TUNING.merge_max_km_apart:
        return False
    return actors_agree(a.actor1, b.actor1) and actors_agree(a.actor2, b.actor2)


def actors_agree(a: Actor | None, b: Actor | None) -> bool:
    """Two actor slots agree unless both name an actor and the names differ."""
    if a is None or b is None:
        return True
    return _actor_key(a.name) == _actor_key(b.name)


def _actor_key(name: str) -> str:
    words = _WORD.findall(name.lower())
    return " ".join(w for w in words if w != "the")


def merge_events(reports: Sequence[Event]) -> Event:
    """One event from several reports of it, the first being the canonical one.

    Keeps the first report's id, article, evidence, date and place; fills empty fields
    from later reports; keeps every source once; reconciles counts (module docstring).
    """
    if not reports:
        raise ValueError("merge_events needs at least one report")
    first = reports[0]
    if len(reports) == 1:
        return replace(first, sources=merge_sources([first.sources]))
    merged = replace(
        first,
        plover=first.plover or _first_set(r.plover for r in reports),
        actor1=first.actor1 or _first_set(r.actor1 for r in reports),
        actor2=first.actor2 or _first_set(r.actor2 for r in reports),
        claimed_by=first.claimed_by or _first_set(r.claimed_by for r in reports),
        time_precision=min(r.time_precision for r in reports),
        confidence=max(r.confidence for r in reports),
        sources=merge_sources(r.sources for r in reports),
        **reconcile_counts(reports),
    )
    return merged


def reconcile_counts(reports: Sequence[Event]) -> dict[str, int | None]:
    """Counts of one event reported several times (see the module docstring).

    A report's `fatalities` of 0 with no range means "no figure given", not "nobody died",
    so it does not pull the lowest credible figure down to zero.
    """
    reported = [r for r in reports if r.fatalities > 0 or r.fatalities_low is not None or r.fatalities_high is not None]
    lows = [r.fatalities_low for r in reported if r.fatalities_low is not None]
    highs = [r.fatalities if r.fatalities_high is None else max(r.fatalities, r.fatalities_high) for r in reported]
    return {
        "fatalities": min((r.fatalities for r in reported), default=0),
        "fatalities_low": min(lows) if lows else None,
        "fatalities_high": max(highs) if highs else None,
        "injured": _lowest(r.injured for r in reports),
        "displaced": _lowest(r.displaced for r in reports),
        "arrested": _lowest(r.arrested for r in reports),
    }


def merge_sources(groups: Iterable[Iterable[Source]]) -> list[Source]:
    """Every source once (by article id), in first-seen order."""
    seen: dict[str, Source] = {}
    for group in groups:
        for source in group:
            seen.setdefault(source.article_id, source)
    return list(seen.values())


def merge_across_articles(events: Iterable[Event]) -> list[Event]:
    """Events of many articles with reports of one event merged (first report wins)."""
    clusters: list[list[Event]] = []
    for event in events:
        home = next((c for c in clusters if _joins(c, event)), None)
        if home is None:
            clusters.append([event])
        else:
            home.append(event)
    return [merge_events(c) if len(c) > 1 else c[0] for c in clusters]


def _joins(cluster: list[Event], event: Event) -> bool:
    # Compared with the canonical report so that a chain of near matches cannot drift;
    # an article's own events are distinct by the pipeline's reading.
    return same_event(cluster[0], event) and all(e.article_id != event.article_id for e in cluster)


def _first_set(values: Iterable):
    return next((v for v in values if v is not None), None)


def _lowest(values: Iterable[int | None]) -> int | None:
    present = [v for v in values if v is not None]
    return min(present) if present else None
