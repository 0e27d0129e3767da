"""Quality gate: extraction scores on the annotated data must stay at or above the floors in baseline.json.

    python tests/golden/gate.py            # check (exit 1 below a floor)
    python tests/golden/gate.py --update   # re-pin floors to the current scores (never lower without
                                           # --allow-regression) and the data hashes
The data is read in place from ../shared/data; it is never copied into the repository.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
BASELINE = HERE / "baseline.json"
DATA = HERE.parents[2] / "shared" / "data"
SETS = {"gold": DATA / "gold", "polnear_dev": DATA / "polnear" / "data" / "dev"}
MEASURES = ("content_f1", "end_to_end_f1")
SLACK = 0.005  # floors sit this far below the pinned score, so tie-breaking noise does not fail the build


def corpus_sha256(path: Path) -> str:
    h = hashlib.sha256()
    for p in sorted(path.rglob("*")):
        if p.is_file() and p.suffix in {".json", ".txt", ".ann"}:
            h.update(str(p.relative_to(path)).encode())
            h.update(p.read_bytes())
    return h.hexdigest()


def measure(name: str) -> dict[str, float]:
    from according.analysis import analyze_many
    from according.eval.gold import read_any
    from according.eval.scorer import score_document, total
    from according.ingest.text import make_document

    docs = list(read_any(SETS[name]))
    ledgers = analyze_many(make_document(d.text) for d in docs)
    s = total(score_document(d, lg) for d, lg in zip(docs, ledgers, strict=True))
    return {"content_f1": round(s.content.f1, 4), "end_to_end_f1": round(s.end_to_end.f1, 4)}


def check(baseline: dict[str, Any], names: list[str]) -> list[str]:
    """Messages for every measure below its floor or corpus whose hash changed (empty = pass)."""
    problems: list[str] = []
    for name in names:
        pinned = baseline[name]
        if corpus_sha256(SETS[name]) != pinned["sha256"]:
            problems.append(f"{name}: the corpus changed (sha256); re-pin with --update")
            continue
        got = measure(name)
        for m in MEASURES:
            if got[m] < pinned["floors"][m]:
                problems.append(f"{name}: {m} {got[m]:.4f} is below the floor {pinned['floors'][m]:.4f}")
    return problems


def update(baseline: dict[str, Any], names: list[str], allow_regression: bool) -> dict[str, Any]:
    for name in names:
        got = measure(name)
        old = baseline.get(name, {}).get("floors", {})
        floors = {}
        for m in MEASURES:
            new = round(got[m] - SLACK, 4)
            if m in old and new < old[m] and not allow_regression:
                raise SystemExit(f"{name}: {m} would drop from {old[m]} to {new}; pass --allow-regression to accept")
            floors[m] = new
        baseline[name] = {"sha256": corpus_sha256(SETS[name]), "scores": got, "floors": floors}
    return baseline


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--update", action="store_true")
    ap.add_argument("--allow-regression", action="store_true")
    args = ap.parse_args()
    baseline = json.loads(BASELINE.read_text()) if BASELINE.exists() else {}
    names = [n for n, p in SETS.items() if p.exists()]
    if args.update:
        BASELINE.write_text(json.dumps(update(baseline, names, args.allow_regression), indent=2) + "\n")
        print(BASELINE.read_text())
        return
    problems = check(baseline, names)
    print("\n".join(problems) or "gate: all floors met")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
