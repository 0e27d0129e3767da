"""Growth of claim clustering with corpus size: 1k, 10k and 100k records, and the growth exponent.

Run from anywhere: ``python benchmarks/bench_clusters.py [--quick] [--sizes N ...] [--json]``.
Records are synthetic but realistic: sentences of PolNeAR's train texts (read in place from
``../shared/data/polnear/data/train/text``), spliced two halves at a time so that the pool never runs dry,
with controlled duplication: 30% of records restate an earlier record of another article, as an exact copy
(10%), a paraphrase with words dropped and synonyms swapped (10%) or a trimmed quote (10%). Ten records make
one article. The growth exponent is the least-squares slope of log(time) over log(size): 1 is linear,
2 is all pairs. The default run takes about a minute on two cores (100k: ~45 s); --quick stops at 10k.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from pathlib import Path

from _growth import slope  # benchmarks/_growth.py: run as a script, its folder is on sys.path

from according.corpus.clusters import ClaimRecord, claim_clusters

ROOT = Path(__file__).resolve().parents[1]
POLNEAR_TRAIN = ROOT.parent / "shared" / "data" / "polnear" / "data" / "train" / "text"
_SENTENCE = re.compile(r"(?<=[.!?”\"’])\s+(?=[A-Z“\"])")
_SYNONYMS = {
    "said": "stated",
    "campaign": "bid",
    "voters": "electorate",
    "president": "leader",
    "candidate": "contender",
    "people": "citizens",
    "big": "large",
    "going": "planning",
    "country": "nation",
    "support": "backing",
}
RECORDS_PER_DOC = 10


def load_sentences(folder: Path) -> list[str]:
    """Sentences of 8 to 60 words from every text in `folder`."""
    out: list[str] = []
    for path in sorted(folder.glob("*.txt")):
        for para in path.read_text(encoding="utf-8").split("\n"):
            for s in _SENTENCE.split(para.strip()):
                if 8 <= len(s.split()) <= 60:
                    out.append(s)
    return out


def _paraphrase(words: list[str], rng: random.Random) -> list[str]:
    out = [_SYNONYMS.get(w.lower(), w) for w in words]
    for _ in range(min(2, len(out) // 6)):
        del out[rng.randrange(len(out))]
    return out


def _trim(words: list[str], rng: random.Random) -> list[str]:
    keep = min(len(words), max(6, int(len(words) * rng.uniform(0.5, 0.8))))
    start = rng.randrange(0, len(words) - keep + 1)
    return words[start : start + keep]


def records(n: int, pool: list[str], seed: int = 0) -> list[ClaimRecord]:
    """`n` records in articles of ten; see the module docstring for the mix."""
    rng = random.Random(seed)
    out: list[ClaimRecord] = []
    for i in range(n):
        doc = f"d{i // RECORDS_PER_DOC}"
        roll = rng.random()
        if out and roll < 0.3:
            base = out[rng.randrange(len(out))].text.split()
            if roll < 0.1:
                words = base
            elif roll < 0.2:
                words = _paraphrase(base, rng)
            else:
                words = _trim(base, rng)
        else:
            a, b = pool[rng.randrange(len(pool))].split(), pool[rng.randrange(len(pool))].split()
            words = a[: len(a) // 2] + b[len(b) // 2 :]
        out.append(ClaimRecord(doc, f"a{i % RECORDS_PER_DOC}", " ".join(words)))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--quick", action="store_true", help="skip sizes above 10k")
    parser.add_argument("--polnear", type=Path, default=POLNEAR_TRAIN)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if not args.polnear.is_dir():
        print(f"PolNeAR train texts not found at {args.polnear}", file=sys.stderr)
        return 1
    sizes = sorted(n for n in set(args.sizes) if not (args.quick and n > 10_000))
    pool = load_sentences(args.polnear)
    rows = []
    for n in sizes:
        recs = records(n, pool)
        t0 = time.perf_counter()
        clusters = claim_clusters(recs)
        dt = time.perf_counter() - t0
        clustered = sum(len(c.members) for c in clusters)
        rows.append({"records": n, "seconds": round(dt, 3), "clusters": len(clusters), "clustered": clustered})
        if not args.json:
            print(
                f"{n:>8} records  {dt:8.2f} s  {n / dt:9.0f} rec/s  {len(clusters):>6} clusters  "
                f"{clustered / n:.0%} of records clustered",
                flush=True,
            )
    exponent = slope([r["records"] for r in rows], [r["seconds"] for r in rows]) if len(rows) > 1 else float("nan")
    if args.json:
        print(json.dumps({"pool_sentences": len(pool), "runs": rows, "growth_exponent": round(exponent, 3)}))
    else:
        print(f"growth exponent (log-log slope of time over size): {exponent:.2f}  (1 = linear, 2 = all pairs)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
