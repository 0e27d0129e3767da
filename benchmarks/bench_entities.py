"""Growth of corpus entity merging with corpus size: 1k, 10k and 100k documents, and the growth exponent.

Run from anywhere: ``python benchmarks/bench_entities.py [--quick] [--sizes N ...] [--json]``. Refs are synthetic
but realistic: person first names and surnames, organisation names and places are the proper names ECB+ annotates
as participants and locations (read in place from ``../shared/data/ecbplus``); countries are ISO codes. The actors
of a corpus grow with it (20 per document, people made by pairing a first name with one or two surnames,
organisations sometimes prefixed by a place), and each document holds 8 entities drawn with Zipfian frequencies
(rank r with probability about 1/r), so a few actors are everywhere and most are rare. Variants: 20% of person refs
are a bare surname key, organisations with three or more words record their acronym as an alias in half their refs,
and 10% of their refs use the acronym key instead. `merge_corpus` is timed on the ready list of refs; the growth
exponent is the least-squares slope of log(time) over log(size): 1 is linear, 2 is all pairs.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import resource
import sys
import time
from pathlib import Path

from _growth import slope  # benchmarks/_growth.py: run as a script, its folder is on sys.path

from according.corpus.entities import EntityRef, merge_corpus
from according.eval.entities import read_ecbplus
from according.extract.entities import acronym, key_of
from according.types import EntityType

ROOT = Path(__file__).resolve().parents[1]
ECBPLUS = ROOT.parent / "shared" / "data" / "ecbplus"
ENTITIES_PER_DOC = 8
ACTORS_PER_DOC = 20
_COUNTRIES = ("US", "GB", "RU", "CN", "IR", "IQ", "SY", "IL", "FR", "DE", "IN", "PK", "UA", "TR", "SA", "EG")


def load_names(ecbplus: Path) -> tuple[list[str], list[str], list[str], list[str]]:
    """First names, surnames, organisation names and place names among ECB+'s participant mentions."""
    firsts: set[str] = set()
    lasts: set[str] = set()
    orgs: set[str] = set()
    places: set[str] = set()
    for doc in read_ecbplus(ecbplus):
        for g in doc.mentions:
            words = g.text.split()
            if not words or not all(w[:1].isupper() and w.isalpha() for w in words):
                continue
            if g.tag == "HUMAN_PART_PER" and len(words) == 2:
                firsts.add(words[0])
                lasts.add(words[1])
            elif g.tag == "HUMAN_PART_ORG" and len(words) >= 2:
                orgs.add(g.text)
            elif g.tag.startswith("LOC") and len(words) <= 3:
                places.add(g.text)
    return sorted(firsts), sorted(lasts), sorted(orgs), sorted(places)


def refs(n_docs: int, names: tuple[list[str], list[str], list[str], list[str]], seed: int = 0) -> list[EntityRef]:
    """`n_docs` documents of `ENTITIES_PER_DOC` entity refs each; see the module docstring for the mix."""
    firsts, lasts, orgs, places = names
    rng = random.Random(seed)
    universe = ACTORS_PER_DOC * n_docs
    out: list[EntityRef] = []
    for d in range(n_docs):
        doc = f"d{d}"
        for k in range(ENTITIES_PER_DOC):
            rank = int(universe ** rng.random())  # P(rank = r) about 1/r: Zipfian, as names in news are
            a = random.Random(rank)  # the actor of this rank is the same in every document
            roll = a.random()
            eid = f"e{k + 1}"
            if roll < 0.55:
                first, last = firsts[a.randrange(len(firsts))], lasts[a.randrange(len(lasts))]
                if a.random() < 0.5:  # a double surname, so that rare people keep coming as the corpus grows
                    last = f"{lasts[a.randrange(len(lasts))]}-{last}"
                if rng.random() < 0.2:
                    out.append(EntityRef(doc, eid, key_of(last, "person"), last, "person", (), 1))
                else:
                    name = f"{first} {last}"
                    out.append(EntityRef(doc, eid, key_of(name, "person"), name, "person", (last,), 3))
            elif roll < 0.8:
                name = orgs[a.randrange(len(orgs))]
                if a.random() < 0.5:  # a local branch: "Malibu Sheriff Department"
                    name = f"{places[a.randrange(len(places))]} {name}"
                acr = acronym(name)[1]
                if len(name.split()) >= 3 and rng.random() < 0.1:
                    out.append(EntityRef(doc, eid, key_of(acr, "organization"), acr, "organization", (), 1))
                else:
                    aliases = (acr,) if len(name.split()) >= 3 and rng.random() < 0.5 else ()
                    out.append(EntityRef(doc, eid, key_of(name, "organization"), name, "organization", aliases, 2))
            elif roll < 0.9:
                code = _COUNTRIES[a.randrange(len(_COUNTRIES))]
                out.append(EntityRef(doc, eid, f"country:{code}", code, "country", (), 4))
            else:
                name = places[a.randrange(len(places))]
                kind: EntityType = "place"
                out.append(EntityRef(doc, eid, key_of(name, kind), name, kind, (), 1))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--quick", action="store_true", help="skip sizes above 10k")
    parser.add_argument("--ecbplus", type=Path, default=ECBPLUS)
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per size; the best is kept")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if not (args.ecbplus / "ECB+").is_dir():
        print(f"ECB+ not found at {args.ecbplus}", file=sys.stderr)
        return 1
    sizes = sorted(n for n in set(args.sizes) if not (args.quick and n > 10_000))
    names = load_names(args.ecbplus)
    rows = []
    for n in sizes:
        rs = refs(n, names)
        best = math.inf
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            out = merge_corpus(rs)
            best = min(best, time.perf_counter() - t0)
        cross = sum(1 for e in out for m in e.merges if not m.reason.startswith("same key"))
        keys = len({r.key for r in rs})
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        rows.append(
            {
                "documents": n,
                "refs": len(rs),
                "keys": keys,
                "entities": len(out),
                "cross_key_merges": cross,
                "seconds": round(best, 3),
                "max_rss_mib": round(rss),
            }
        )
        if not args.json:
            print(
                f"{n:>8} docs  {len(rs):>8} refs  {keys:>7} keys  {len(out):>7} entities  {cross:>6} cross-key merges"
                f"  {best:7.2f} s  {len(rs) / best:9.0f} refs/s  max RSS {rss:5.0f} MiB",
                flush=True,
            )
        del rs, out
    exponent = slope([r["documents"] for r in rows], [r["seconds"] for r in rows]) if len(rows) > 1 else float("nan")
    if args.json:
        print(json.dumps({"names": [len(x) for x in names], "runs": rows, "growth_exponent": round(exponent, 3)}))
    else:
        print(f"names: {[len(x) for x in names]} (first names, surnames, organisations, places)")
        print(f"growth exponent (log-log slope of time over size): {exponent:.2f}  (1 = linear, 2 = all pairs)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
