"""Whole-ledger analysis in local worker processes; the caller's process alone writes the store.

`nlp.pipe(n_process=N)` parallelises only the spaCy parse: the extraction that builds each ledger (attributions,
framing, frames, entities, grades) then runs in the parent, one document at a time, and caps `--workers 2` at
about half of two cores. Here each worker process builds the pipeline once and returns finished ledgers, the
way the Dask engine's workers do (`according.scale.dask`), so the parent only reads inputs and writes.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from according.config import worker_framing_threads
from according.scale._batches import batches
from according.types import Document, Ledger

if TYPE_CHECKING:
    from spacy.language import Language

_NLP: Language | None = None
_BATCH = 32


def _start(model: str | None, batch_size: int, workers: int = 1) -> None:
    """Runs once in each worker process: build its pipeline before the first batch arrives.

    A multi-threaded framing model (`--framing transformer`) gets its share of the cores, not all of them.
    """
    global _NLP, _BATCH
    from according.nlp.pipeline import build_nlp

    share = worker_framing_threads(workers)
    if share is not None:
        os.environ["ACCORDING_FRAMING_THREADS"] = share

    _NLP = build_nlp(model)
    _BATCH = batch_size


def _analyze(docs: list[Document]) -> list[Ledger]:
    """Runs in a worker: the ledgers of `docs`, in order (pickled back: cheaper than a JSON round trip)."""
    from according.analysis import analyze_many

    return list(analyze_many(docs, nlp=_NLP, batch_size=_BATCH, n_process=1))


@dataclass(slots=True)
class ProcessAnalyzer:
    """Documents in, ledgers out in input order, analysed by `workers` processes: an `ingest()` analyzer.

    Documents go out in tasks of `task_size` (small, so that a short corpus still keeps every worker busy;
    each worker parses with `nlp.pipe(batch_size=batch_size)`). At most `2 * workers` tasks are in flight,
    so memory is bounded by the task size, not by the corpus. Use it as a context manager (or call
    `close()`) to stop the workers. Workers are spawned, not forked, so a progress-bar thread in the
    parent cannot leave a lock held in a child.
    """

    workers: int
    model: str | None = None
    batch_size: int = 32
    task_size: int = 8
    _pool: ProcessPoolExecutor | None = field(default=None, init=False)

    def _executor(self) -> ProcessPoolExecutor:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(
                max_workers=self.workers,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_start,
                initargs=(self.model, self.batch_size, self.workers),
            )
        return self._pool

    def warm_up(self) -> None:
        """Start every worker and build its pipeline now, rather than in its first batch."""
        pool = self._executor()
        for f in [pool.submit(_analyze, []) for _ in range(self.workers)]:
            f.result()

    def __call__(self, docs: Iterable[Document]) -> Iterator[Ledger]:
        pool = self._executor()
        pending: deque[Future[list[Ledger]]] = deque()
        limit = 2 * self.workers
        try:
            for batch in batches(docs, self.task_size):
                pending.append(pool.submit(_analyze, batch))
                while len(pending) >= limit:
                    yield from pending.popleft().result()
            while pending:
                yield from pending.popleft().result()
        finally:
            for f in pending:
                f.cancel()

    def close(self) -> None:
        """Stop the worker processes."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def __enter__(self) -> ProcessAnalyzer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
