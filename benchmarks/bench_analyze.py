"""Throughput of `according.analyze_many` against a bare `nlp.pipe` of the same spaCy model.

Run from anywhere: ``python benchmarks/bench_analyze.py [--docs N] [--repeat R] [--json]``.
It reads the bundled ``examples/*.txt`` and, when ``../shared/data/polnear/data/dev/text`` sits
beside the repository, the first N PolNeAR dev texts (read in place, never copied). Both passes run
in one process over the same texts, after one warm-up pass each; the best of R runs is reported.
The target is analyze/bare >= 0.70: extraction may cost at most ~30% on top of parsing.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import according
from according.config import Settings
from according.ingest.text import make_document
from according.nlp.pipeline import model_name

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
POLNEAR_DEV = ROOT.parent / "shared" / "data" / "polnear" / "data" / "dev" / "text"
TARGET = 0.70


def load_texts(docs: int, polnear: Path) -> tuple[list[str], dict[str, int]]:
    """The bundled examples, then the first `docs` PolNeAR dev texts in name order (when present)."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.txt"))]
    counts = {"examples": len(texts), "polnear_dev": 0}
    if docs > 0 and polnear.is_dir():
        extra = [p.read_text(encoding="utf-8") for p in sorted(polnear.glob("*.txt"))[:docs]]
        texts.extend(extra)
        counts["polnear_dev"] = len(extra)
    return texts, counts


def best_of(repeat: int, run: Callable[[], object]) -> float:
    """One untimed warm-up call, then the fastest of `repeat` timed calls, in seconds."""
    run()
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        run()
        times.append(time.perf_counter() - t0)
    return min(times)


def traced_peak(run: Callable[[], object]) -> int:
    """Peak bytes allocated through Python's allocators (tracemalloc) during one call."""
    tracemalloc.start()
    try:
        run()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def max_rss_mib() -> float:
    """Peak resident set size of this process so far (ru_maxrss is KiB on Linux, bytes on macOS)."""
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / (1024 * 1024) if sys.platform == "darwin" else rss / 1024


def measure(docs: int, repeat: int, polnear: Path) -> dict[str, Any]:
    """Time both passes over the same texts and return every figure the report prints."""
    texts, counts = load_texts(docs, polnear)
    settings = Settings.from_env()
    t0 = time.perf_counter()
    nlp = according.build_nlp()
    load_s = time.perf_counter() - t0
    # Documents are built outside the timed region: reading is not what is measured.
    documents = [make_document(t) for t in texts]
    # The same word count as the ledger profile's `words`, taken once, so both rates share a numerator.
    words = sum(
        1 for sdoc in nlp.pipe(texts, batch_size=settings.batch_size) for t in sdoc if not (t.is_space or t.is_punct)
    )

    def bare() -> None:
        for _ in nlp.pipe(texts, batch_size=settings.batch_size):
            pass

    def analyze() -> None:
        list(according.analyze_many(documents, nlp=nlp))

    bare_s = best_of(repeat, bare)
    rss_after_bare = max_rss_mib()
    analyze_s = best_of(repeat, analyze)
    rss_after_analyze = max_rss_mib()
    # Separate, untimed passes: tracemalloc slows Python code down several times. The bare peak
    # shows how much of the analyze peak is spaCy's own batch (numpy arrays are traced too).
    traced_bare = traced_peak(bare)
    traced_analyze = traced_peak(analyze)
    bare_wps = words / bare_s
    analyze_wps = words / analyze_s
    return {
        "texts": len(texts),
        "sources": counts,
        "characters": sum(len(t) for t in texts),
        "words": words,
        "model": model_name(nlp),
        "batch_size": settings.batch_size,
        "repeat": repeat,
        "model_load_s": round(load_s, 2),
        "bare_s": round(bare_s, 3),
        "analyze_s": round(analyze_s, 3),
        "bare_words_per_s": round(bare_wps),
        "analyze_words_per_s": round(analyze_wps),
        "ratio": round(analyze_wps / bare_wps, 3),
        "target": TARGET,
        "ok": analyze_wps / bare_wps >= TARGET,
        "max_rss_mib_after_bare": round(rss_after_bare, 1),
        "max_rss_mib": round(rss_after_analyze, 1),
        "tracemalloc_peak_mib_analyze": round(traced_analyze / (1024 * 1024), 1),
        "tracemalloc_peak_mib_bare": round(traced_bare / (1024 * 1024), 1),
        "python": platform.python_version(),
        "cpus": _cpus(),
    }


def _cpus() -> int | None:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()


def report(r: dict[str, Any]) -> str:
    verdict = "ok" if r["ok"] else "BELOW TARGET"
    src = r["sources"]
    return "\n".join(
        [
            f"texts       {r['texts']} ({src['examples']} examples + {src['polnear_dev']} PolNeAR dev), "
            f"{r['words']:,} words, {r['characters']:,} chars",
            f"model       {r['model']} (loaded in {r['model_load_s']} s), batch_size {r['batch_size']}, "
            f"{r['cpus']} CPUs, Python {r['python']}",
            f"bare        {r['bare_s']:8.3f} s  {r['bare_words_per_s']:>8,} words/s  (nlp.pipe, best of {r['repeat']})",
            f"analyze     {r['analyze_s']:8.3f} s  {r['analyze_words_per_s']:>8,} words/s  "
            f"(analyze_many, best of {r['repeat']})",
            f"ratio       {r['ratio']:.3f} analyze/bare (target >= {r['target']:.2f}: {verdict})",
            f"memory      max RSS {r['max_rss_mib']:.1f} MiB "
            f"({r['max_rss_mib_after_bare']:.1f} after the bare passes); "
            f"tracemalloc peak of one pass: analyze {r['tracemalloc_peak_mib_analyze']:.1f} MiB, "
            f"bare {r['tracemalloc_peak_mib_bare']:.1f} MiB",
        ]
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--docs", type=int, default=20, help="PolNeAR dev texts to add to the examples (default 20; 0 = none)"
    )
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per pass; the best is kept (default 3)")
    parser.add_argument("--polnear", type=Path, default=POLNEAR_DEV, help="directory of PolNeAR dev texts")
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    result = measure(args.docs, args.repeat, args.polnear)
    print(json.dumps(result, indent=2) if args.json else report(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
