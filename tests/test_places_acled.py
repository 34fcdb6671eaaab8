"""ACLED ceiling for places: how far recognition and resolution alone take location scoring.

The event assembler picks its location among `find_places` results, so the share of notes where
*some* recognised place lies within 25 km of ACLED's location (or is in its country) bounds the
assembler's location and country accuracy. Reads /work/shared/data/dev/acled_dev.jsonl (never
copied into the repository) and skips when it is absent.

As a script it prints the two shares and the typical misses:

    python tests/test_places_acled.py [--every 10] [--misses 40] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

import pytest

DEFAULT_PATH = Path("/work/shared/data/dev/acled_dev.jsonl")
NEAR_KM = 25.0


def load_rows(path: Path, every: int) -> list[dict]:
    rows = []
    with path.open(encoding="utf-8") as handle:
        for index, line in enumerate(handle):
            if index % every == 0:
                rows.append(json.loads(line))
    return rows


def measure(rows: list[dict], nlp, gazetteer) -> dict:
    """Ceiling shares plus per-row details of the misses."""
    from strife.evaluation.geo import distance_km
    from strife.gazetteer_names import fold
    from strife.places import find_places

    near = country = country_rows = with_place = with_place_country = 0
    near_misses: list[dict] = []
    country_misses: list[dict] = []
    for row, doc in zip(rows, nlp.pipe((r["text"] for r in rows), batch_size=64)):
        gold = row["gold"]["location"]
        mentions = [m for m in find_places(doc, gazetteer) if m.place is not None]
        best = min((distance_km(gold["latitude"], gold["longitude"], m.place.latitude, m.place.longitude), i)
                   for i, m in enumerate(mentions)) if mentions else None
        if best is not None and best[0] <= NEAR_KM:
            near += 1
        else:
            near_misses.append({"id": row["id"], "gold": gold["name"], "admin1": gold["admin1"],
                                "country": gold["country"], "gold_known": bool(gazetteer.candidates(gold["name"])),
                                "gold_in_text": fold(gold["name"]) in fold(row["text"]),
                                "found": [(m.text, m.role, m.place.name, m.place.iso3, m.place.feature) for m in mentions],
                                "best_km": round(best[0]) if best else None, "text": row["text"]})
        with_place += bool(mentions)
        if gold["country"]:
            country_rows += 1
            countries = {m.place.iso3 for m in mentions}
            gold_iso3 = next((p.iso3 for p in gazetteer.candidates(gold["country"]) if p.feature == "country"), None)
            if gold_iso3 in countries or gold["country"] in {m.place.country for m in mentions}:
                country += 1
                with_place_country += 1
            else:
                country_misses.append({"id": row["id"], "gold": gold["name"], "country": gold["country"],
                                       "found": sorted(c or "?" for c in countries), "text": row["text"]})
    return {"rows": len(rows), "near_25km": near / len(rows), "country": country / max(country_rows, 1),
            "with_place": with_place / len(rows), "country_given_place": with_place_country / max(with_place, 1),
            "near_misses": near_misses, "country_misses": country_misses}


# Floors a little under the measured ceiling (every 10th row: 0.56 within 25 km, 0.70 country;
# most remaining misses are notes that name no place at all, or villages the index lacks).
NEAR_FLOOR = 0.52
COUNTRY_FLOOR = 0.66


@pytest.mark.skipif(not DEFAULT_PATH.exists(), reason="ACLED dev data not available")
def test_acled_place_ceiling_does_not_regress() -> None:
    from strife.gazetteer import Gazetteer
    from strife.nlp import build_nlp

    rows = load_rows(DEFAULT_PATH, 10)
    result = measure(rows, build_nlp(), Gazetteer.load())
    assert result["near_25km"] >= NEAR_FLOOR
    assert result["country"] >= COUNTRY_FLOOR


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--path", type=Path, default=DEFAULT_PATH)
    parser.add_argument("--every", type=int, default=10, help="use every Nth row")
    parser.add_argument("--misses", type=int, default=40, help="how many misses of each kind to list")
    parser.add_argument("--json", type=Path, help="write all misses to this file")
    args = parser.parse_args(argv)
    if not args.path.exists():
        print(f"{args.path} not found: the ACLED dev file is needed", file=sys.stderr)
        return 2
    from strife.gazetteer import Gazetteer
    from strife.nlp import build_nlp

    gazetteer = Gazetteer.load()
    nlp = build_nlp()
    rows = load_rows(args.path, args.every)
    result = measure(rows, nlp, gazetteer)
    print(f"rows {result['rows']} (every {args.every}th)")
    print(f"some place within {NEAR_KM:.0f} km of gold: {result['near_25km']:.3f}")
    print(f"some place in the gold country:   {result['country']:.3f}")
    print(f"notes where some place is found:  {result['with_place']:.3f}"
          f" (gold country among them: {result['country_given_place']:.3f})")
    misses = result["near_misses"]
    kinds = Counter("gold name unknown to gazetteer" if not m["gold_known"] else
                    "gold name not in text" if not m["gold_in_text"] else
                    "nothing found" if not m["found"] else "found, wrong place" for m in misses)
    print("\n25 km misses by kind:", dict(kinds.most_common()))
    print(f"\nfirst {args.misses} 25 km misses:")
    for m in misses[: args.misses]:
        print(f"- {m['id']} gold={m['gold']!r} ({m['admin1']}, {m['country']}) known={m['gold_known']} "
              f"best_km={m['best_km']} found={m['found']}\n    {m['text'][:220]!r}")
    print(f"\nfirst {args.misses} country misses:")
    for m in result["country_misses"][: args.misses]:
        print(f"- {m['id']} gold={m['gold']!r} ({m['country']}) found={m['found']}\n    {m['text'][:220]!r}")
    if args.json:
        args.json.write_text(json.dumps({k: result[k] for k in ("near_misses", "country_misses")}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
