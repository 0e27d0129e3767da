"""Throughput of the framing model (propaganda-technique spans) in sentences per second, on this machine.

Run from anywhere: ``python benchmarks/bench_framing.py [--docs N] [--repeat R] [--encoder E] [--model PATH]
[--threads T] [--json]`` (E: none, minilm or transformer; PATH a model file or a transformer model folder).
Texts: the first N PTC training articles when ``../shared/data/ptc/train`` sits beside the repository (read in
place, never copied), else the bundled ``examples/*.txt``. Two figures, one process, spaCy `n_process` 1:

- framing: `framing_spans(sdoc)` over Docs parsed beforehand (what the ledger adds on top of its own parse);
- parse + framing: `nlp.pipe` plus `framing_spans`, the end-to-end rate for a caller that parses only for this.

A sentence is a spaCy sentence (cut at `features.MAX_TOKENS` tokens) whatever the model, so rates compare.
Each pass gets one untimed warm-up, then the best of R timed runs is kept. The target is framing >= 200 sentences/s.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from according.framing import features
from according.framing.model import Framer, FramingModel, framing_spans, load
from according.framing.ptc import read_split
from according.nlp.pipeline import build_nlp, model_name

ROOT = Path(__file__).resolve().parents[1]
PTC_TRAIN = ROOT.parent / "shared" / "data" / "ptc" / "train"
TARGET = 200.0


def best_of(repeat: int, run: Callable[[], object]) -> float:
    run()
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        run()
        times.append(time.perf_counter() - t0)
    return min(times)


def main(argv: list[str] | None = None) -> dict[str, Any]:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--docs", type=int, default=40, help="PTC articles to use (default 40)")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--encoder", default="none", help="none, minilm or transformer (default none)")
    ap.add_argument("--model", type=Path, default=None, help="a model file or folder (default: the shipped one)")
    ap.add_argument("--threads", type=int, default=0, help="onnxruntime threads for the transformer (0: all)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)

    model: Framer | None
    if args.model is not None and args.model.is_dir():
        from according.framing.transformer import load_dir

        model = load_dir(args.model, threads=args.threads)
    else:
        model = FramingModel.read(args.model) if args.model else load(args.encoder)
    if model is None:
        sys.exit("no framing model: train one with `according train framing --data ...`")
    if PTC_TRAIN.is_dir() and args.docs > 0:
        texts = [a.text for a in read_split(PTC_TRAIN, limit=args.docs)]
        source = f"PTC train, first {len(texts)} articles"
    else:
        texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples").glob("*.txt"))]
        source = f"examples/*.txt ({len(texts)} texts)"
    nlp = build_nlp()
    docs = list(nlp.pipe(texts, batch_size=32))
    sentences = sum(1 for d in docs for _ in features.windows(d))
    words = sum(1 for d in docs for t in d if not t.is_space and not t.is_punct)
    spans = sum(len(framing_spans(d, model).spans) for d in docs)

    t_framing = best_of(args.repeat, lambda: [framing_spans(d, model) for d in docs])
    t_both = best_of(max(1, args.repeat - 1), lambda: [framing_spans(d, model) for d in nlp.pipe(texts, batch_size=32)])
    result = {
        "texts": source,
        "sentences": sentences,
        "words": words,
        "spans": spans,
        "framing_s": round(t_framing, 3),
        "framing_sentences_per_s": round(sentences / t_framing, 1),
        "parse_and_framing_s": round(t_both, 3),
        "parse_and_framing_sentences_per_s": round(sentences / t_both, 1),
        "target_sentences_per_s": TARGET,
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "spacy_model": model_name(nlp),
        "model": str(model.meta.get("method", "")),
    }
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        for k, v in result.items():
            print(f"{k:36} {v}")
        ok = sentences / t_framing >= TARGET
        print(f"framing target >= {TARGET:.0f} sentences/s: {'met' if ok else 'NOT met'}")
    return result


if __name__ == "__main__":
    main()
