"""One huge input: a ~5 MB article made of the bundled examples, analysed in paragraph-aligned chunks.

Checks that it does not crash, that every span slices to its text, and prints time and peak memory.
    python benchmarks/bench_large.py [--mb 5]
"""

from __future__ import annotations

import argparse
import resource
import time
from pathlib import Path

from according import analyze_document, build_nlp
from according.ingest.text import make_document

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--mb", type=float, default=5.0)
    args = ap.parse_args()
    base = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.txt")))
    target = int(args.mb * 1_000_000)
    text = (base + "\n\n") * (target // (len(base) + 2) + 1)
    text = text[:target]
    nlp = build_nlp()
    t0 = time.perf_counter()
    ledger = analyze_document(make_document(text), nlp=nlp)
    dt = time.perf_counter() - t0
    bad = [s for s in ledger.spans() if text[s.start : s.end] != s.text]
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"chars       {len(text):,}")
    print(f"time        {dt:.1f} s ({len(text) / dt / 1000:.1f} k chars/s)")
    n_att, n_src, n_hedge = len(ledger.attributions), len(ledger.sources), len(ledger.hedges)
    print(f"ledger      {n_att:,} attributions, {n_src:,} sources, {n_hedge:,} hedges")
    print(f"offsets     {'all exact' if not bad else f'{len(bad)} WRONG'}")
    print(f"max RSS     {rss:.0f} MiB")


if __name__ == "__main__":
    main()
