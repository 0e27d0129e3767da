"""Ingest throughput into a real SQLite store against single-process `analyze` throughput × workers.

Run from anywhere: ``python benchmarks/bench_ingest.py [--workers 1,2] [--engines local,dask] [--json]``
(the dask engine needs the `according[dask]` extra). In one process it:

1. times the analysis of every text, one article per call (`analyze_document`, the single-article rate)
   and batched (`analyze_many`), best of `--repeat` after a warm-up;
2. writes JSONL corpora of `--copies` (default 1 and 4) copies of those texts, each record with its own
   URL so that every one is a new document, and ingests each into a fresh SQLite file with every engine
   and worker count (a fresh Dask LocalCluster per run, its pipelines built before the clock starts);
3. prints ingest words/s ÷ (single-article words/s × workers), the issue's target being >= 0.90,
   and the peak RSS of the writing process (sampled) and of the parser processes for both corpus
   sizes: memory bounded by the batch size shows as equal peaks for a corpus four times larger.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import psutil  # in the dev group (pyproject.toml)

from according.analysis import analyze_document, analyze_many
from according.ingest.corpus import ingest
from according.ingest.text import make_document
from according.nlp.pipeline import build_nlp, model_name
from according.store import open_store

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
POLNEAR_DEV = ROOT.parent / "shared" / "data" / "polnear" / "data" / "dev" / "text"
TARGET = 0.90
MIB = 1024 * 1024


def load_texts(docs: int, polnear: Path) -> list[str]:
    """The bundled examples, then the first `docs` PolNeAR dev texts in name order (when present)."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.txt"))]
    if docs > 0 and polnear.is_dir():
        texts.extend(p.read_text(encoding="utf-8") for p in sorted(polnear.glob("*.txt"))[:docs])
    return texts


def best_of(repeat: int, run: Callable[[], object]) -> tuple[float, float]:
    """One untimed warm-up call, then the fastest of `repeat` timed calls: (wall seconds, CPU seconds)."""
    run()
    times = []
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        run()
        times.append((time.perf_counter() - t0, time.process_time() - c0))
    return min(times)


def cpu_s(who: int = resource.RUSAGE_SELF) -> float:
    """User + system CPU seconds of this process (or of its waited-for children) so far."""
    r = resource.getrusage(who)
    return r.ru_utime + r.ru_stime


def max_rss_mib(who: int = resource.RUSAGE_SELF) -> float:
    """Peak RSS of this process (or of its waited-for children); ru_maxrss is KiB on Linux, bytes on macOS."""
    rss = resource.getrusage(who).ru_maxrss
    return rss / MIB if sys.platform == "darwin" else rss / 1024


@contextmanager
def sampled_rss(every_s: float = 0.01) -> Iterator[dict[str, float]]:
    """This process's RSS before and at its peak within the block, sampled every `every_s` seconds."""
    proc = psutil.Process()
    out = {"before_mib": proc.memory_info().rss / MIB, "peak_mib": 0.0}
    stop = threading.Event()

    def sample() -> None:
        while not stop.is_set():
            out["peak_mib"] = max(out["peak_mib"], proc.memory_info().rss / MIB)
            stop.wait(every_s)

    thread = threading.Thread(target=sample, daemon=True)
    thread.start()
    try:
        yield out
    finally:
        stop.set()
        thread.join()
        out["peak_mib"] = max(out["peak_mib"], proc.memory_info().rss / MIB)


def write_corpus(texts: list[str], copies: int, path: Path) -> int:
    """A JSONL file of `copies` × `texts`, one URL per record; returns the number of records."""
    n = 0
    with path.open("w", encoding="utf-8") as f:
        for c in range(copies):
            for i, text in enumerate(texts):
                f.write(json.dumps({"text": text, "url": f"https://bench.example/{c}/{i}"}) + "\n")
                n += 1
    return n


def _worker_max_rss_mib() -> float:
    # VmHWM, not ru_maxrss: Linux carries ru_maxrss across exec, so a spawned worker would report the peak
    # of the process that started it
    with open("/proc/self/status", encoding="ascii") as f:
        hwm = next((line.split()[1] for line in f if line.startswith("VmHWM:")), None)
    return int(hwm) / 1024 if hwm else max_rss_mib()


def _worker_cpu_s() -> float:
    return cpu_s()


def ingest_pass(
    engine: str, workers: int, corpus: Path, db: Path, *, batch_size: int, commit_every: int, nlp: Any
) -> dict[str, Any]:
    """Ingest `corpus` into a new SQLite file at `db`: seconds, records, and peak memory."""
    store = open_store(db)
    try:
        if engine == "dask":
            from according.scale.dask import DaskAnalyzer, connect

            t_start = time.perf_counter()
            with connect(None, workers=workers) as client:
                analyzer = DaskAnalyzer(client, batch_size=batch_size)
                analyzer.warm_up()
                startup_s = time.perf_counter() - t_start
                workers_cpu0 = sum(client.run(_worker_cpu_s).values())
                with sampled_rss() as rss:
                    t0, c0 = time.perf_counter(), cpu_s()
                    report = ingest([corpus], store, analyzer=analyzer, commit_every=commit_every)
                    seconds = time.perf_counter() - t0
                    # this process holds the client, the writer, the scheduler and the nannies
                    writer_cpu = cpu_s() - c0
                parsers_cpu = sum(client.run(_worker_cpu_s).values()) - workers_cpu0
                parsers_mib = max(client.run(_worker_max_rss_mib).values())
        elif engine == "process" and workers > 1:
            from according.scale.local import ProcessAnalyzer

            t_start = time.perf_counter()
            with ProcessAnalyzer(workers, batch_size=batch_size, task_size=batch_size) as pool:
                pool.warm_up()
                startup_s = time.perf_counter() - t_start
                procs = [psutil.Process(pid) for pid in pool._executor()._processes]

                def workers_cpu() -> float:
                    return float(sum(sum(p.cpu_times()[:2]) for p in procs))

                def workers_mib() -> float:
                    return float(max(p.memory_info().rss for p in procs)) / MIB

                workers_cpu0 = workers_cpu()
                with sampled_rss() as rss:
                    t0, c0 = time.perf_counter(), cpu_s()
                    report = ingest([corpus], store, analyzer=pool, commit_every=commit_every)
                    seconds = time.perf_counter() - t0
                    writer_cpu = cpu_s() - c0
                parsers_cpu = workers_cpu() - workers_cpu0
                parsers_mib = workers_mib()
        else:
            startup_s = 0.0  # spaCy starts its processes inside the timed ingest, once per parser batch
            children_cpu0 = cpu_s(resource.RUSAGE_CHILDREN)
            with sampled_rss() as rss:
                t0, c0 = time.perf_counter(), cpu_s()
                report = ingest(
                    [corpus], store, nlp=nlp, batch_size=batch_size, n_process=workers, commit_every=commit_every
                )
                seconds = time.perf_counter() - t0
                writer_cpu = cpu_s() - c0
            parsers_cpu = cpu_s(resource.RUSAGE_CHILDREN) - children_cpu0
            # one worker: the parser is this process. More: spaCy's children, whose ru_maxrss starts from
            # this process's peak when they are started (Linux keeps it across fork and exec), an upper bound
            parsers_mib = max_rss_mib(resource.RUSAGE_CHILDREN) if workers > 1 else rss["peak_mib"]
        if report.errors or report.saved != report.seen:
            raise RuntimeError(f"bench corpus did not ingest cleanly: {report}")
        return {
            "records": report.saved,
            "seconds": round(seconds, 3),
            "startup_s": round(startup_s, 2),
            "cpu_s": round(writer_cpu + parsers_cpu, 2),
            "writer_cpu_s": round(writer_cpu, 2),
            "writer_rss_before_mib": round(rss["before_mib"], 1),
            "writer_rss_peak_mib": round(rss["peak_mib"], 1),
            "writer_rss_growth_mib": round(rss["peak_mib"] - rss["before_mib"], 1),
            "parser_max_rss_mib": round(parsers_mib, 1),
            "db_mib": round(db.stat().st_size / MIB, 1),
        }
    finally:
        store.close()


def measure(args: argparse.Namespace) -> dict[str, Any]:
    texts = load_texts(args.docs, args.polnear)
    nlp = build_nlp()
    documents = [make_document(t) for t in texts]
    words = sum(1 for sdoc in nlp.pipe(texts) for t in sdoc if not (t.is_space or t.is_punct))

    def single() -> None:
        for d in documents:
            analyze_document(d, nlp=nlp)

    def batched() -> None:
        list(analyze_many(documents, nlp=nlp))

    single_s, single_cpu = best_of(args.repeat, single)
    batched_s, _ = best_of(args.repeat, batched)
    single_wps, batched_wps = words / single_s, words / batched_s
    runs: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="according-bench-") as tmp:
        corpora = {}
        for copies in args.copies:
            corpora[copies] = Path(tmp) / f"corpus-{copies}.jsonl"
            write_corpus(texts, copies, corpora[copies])
        for engine in args.engines:
            for workers in args.workers:
                for copies in args.copies:  # smallest first: a later, larger run cannot hide growth in freed memory
                    r = ingest_pass(
                        engine,
                        workers,
                        corpora[copies],
                        Path(tmp) / f"{engine}-{workers}-{copies}.db",
                        batch_size=args.batch_size,
                        commit_every=args.commit_every,
                        nlp=nlp,
                    )
                    wps = words * copies / r["seconds"]
                    r.update(
                        engine=engine,
                        workers=workers,
                        copies=copies,
                        words=words * copies,
                        words_per_s=round(wps),
                        ratio_single=round(wps / (single_wps * workers), 3),
                        ratio_batched=round(wps / (batched_wps * workers), 3),
                        # CPU spent by one-article analyze over CPU spent by all processes of the ingest,
                        # for the same words: what the wall ratio tends to with a free core per process
                        cpu_efficiency=round(single_cpu * copies / r["cpu_s"], 3),
                    )
                    runs.append(r)
                    print(_row(r), file=sys.stderr, flush=True)
    return {
        "texts": len(texts),
        "words": words,
        "model": model_name(nlp),
        "batch_size": args.batch_size,
        "commit_every": args.commit_every,
        "single_words_per_s": round(single_wps),
        "single_cpu_words_per_s": round(words / single_cpu),
        "batched_words_per_s": round(batched_wps),
        "target": TARGET,
        "runs": runs,
        "cpus": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
        "python": platform.python_version(),
    }


def _row(r: dict[str, Any]) -> str:
    return (
        f"{r['engine']:>5} w={r['workers']} {r['records']:>4} rec {r['words']:>7,} words "
        f"{r['seconds']:7.2f} s {r['words_per_s']:>6,} w/s  ratio {r['ratio_single']:.3f} "
        f"(vs batched {r['ratio_batched']:.3f})  CPU eff. {r['cpu_efficiency']:.3f} "
        f"(writer {r['writer_cpu_s']:.1f} of {r['cpu_s']:.1f} s)  writer RSS {r['writer_rss_before_mib']:.0f}"
        f"->{r['writer_rss_peak_mib']:.0f} MiB (+{r['writer_rss_growth_mib']:.0f})  "
        f"parser max RSS {r['parser_max_rss_mib']:.0f} MiB  startup {r['startup_s']:.1f} s"
    )


def report(m: dict[str, Any]) -> str:
    lines = [
        f"texts      {m['texts']}, {m['words']:,} words per copy; {m['model']}; batch {m['batch_size']}, "
        f"commit every {m['commit_every']}; {m['cpus']} CPUs, Python {m['python']}",
        f"analyze    {m['single_words_per_s']:,} words/s one article per call, "
        f"{m['batched_words_per_s']:,} words/s batched (one process); "
        f"{m['single_cpu_words_per_s']:,} words per CPU second one article per call",
    ]
    lines += [_row(r) for r in m["runs"]]
    largest = max(r["copies"] for r in m["runs"])
    for r in m["runs"]:
        if r["copies"] == largest:
            verdict = "ok" if r["ratio_single"] >= m["target"] else "BELOW TARGET"
            lines.append(
                f"ratio      {r['engine']} x{r['workers']}: ingest / (analyze x {r['workers']}) = "
                f"{r['ratio_single']:.3f} (target >= {m['target']:.2f}: {verdict}); "
                f"vs batched {r['ratio_batched']:.3f}; CPU efficiency {r['cpu_efficiency']:.3f}"
            )
    return "\n".join(lines)


def _ints(text: str) -> list[int]:
    return [int(x) for x in text.split(",")]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--docs", type=int, default=20, help="PolNeAR dev texts added to the examples (default 20)")
    parser.add_argument("--polnear", type=Path, default=POLNEAR_DEV, help="directory of PolNeAR dev texts")
    parser.add_argument("--repeat", type=int, default=2, help="timed analyze runs; the best is kept (default 2)")
    parser.add_argument("--workers", type=_ints, default=[1, 2], help="worker counts, comma-separated (default 1,2)")
    parser.add_argument(
        "--engines",
        type=lambda s: s.split(","),
        default=["local", "process", "dask"],
        help="local (nlp.pipe n_process), process (whole ledgers in worker processes: the CLI's --workers N), dask",
    )
    parser.add_argument("--copies", type=_ints, default=[1, 4], help="corpus sizes in copies of the texts (1,4)")
    parser.add_argument("--batch-size", type=int, default=8, help="documents per parser batch / Dask task (8)")
    parser.add_argument("--commit-every", type=int, default=32, help="ledgers per transaction (32)")
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    args = parser.parse_args(argv)
    args.copies = sorted(args.copies)
    result = measure(args)
    print(json.dumps(result, indent=2) if args.json else report(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
