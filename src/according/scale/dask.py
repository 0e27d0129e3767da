"""Parsing and extraction on a Dask cluster; the caller's process alone writes the store.

Workers receive batches of Documents, build the spaCy pipeline once per worker process, and return
`Ledger.to_dict()` records. The client keeps at most `max_in_flight` batches submitted and yields their
ledgers in submission order, so the ingest loop (`according.ingest.corpus.ingest`) commits them in input
order and its memory is bounded by the batch size, not by the corpus. Reading the inputs, skipping
stored documents and recording bad ones stay in the client, so a worker never needs the input files.

Needs the `according[dask]` extra; dask is imported only inside the functions that use it, and the
workers must have `according` and the spaCy model installed.
"""

from __future__ import annotations

import logging
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from according.config import worker_framing_threads
from according.scale._batches import batches
from according.types import Document, Ledger

if TYPE_CHECKING:
    from distributed import Client, Future
    from spacy.language import Language

#: Pipelines of this worker process, by model name (None = the configured default).
_PIPELINES: dict[str | None, Language] = {}
_PIPELINES_LOCK = threading.Lock()


def pipeline(model: str | None = None) -> Language:
    """The spaCy pipeline of this process, built on first use and then reused by every batch.

    A worker with several threads shares one pipeline between them; one thread per worker process
    (`threads_per_worker=1`) is the intended setup, since parsing holds the GIL most of the time.
    """
    with _PIPELINES_LOCK:
        nlp = _PIPELINES.get(model)
        if nlp is None:
            from according.nlp.pipeline import build_nlp

            nlp = _PIPELINES[model] = build_nlp(model)
        return nlp


def analyze_batch(docs: list[Document], model: str | None, batch_size: int) -> list[dict[str, Any]]:
    """Runs on a worker: the ledgers of `docs`, in order, as `Ledger.to_dict()` records."""
    from according.analysis import analyze_many

    # n_process=1: a Dask worker process is daemonic and may not start parser processes of its own
    ledgers = analyze_many(docs, nlp=pipeline(model), batch_size=batch_size, n_process=1)
    return [ledger.to_dict() for ledger in ledgers]


def _ledgers(future: Future[list[dict[str, Any]]]) -> list[Ledger]:
    records = future.result()
    future.release()  # the cluster may forget the batch and its result now
    return [Ledger.from_dict(r) for r in records]


def analyze_distributed(
    docs: Iterable[Document],
    client: Client,
    *,
    model: str | None = None,
    batch_size: int = 32,
    max_in_flight: int | None = None,
) -> Iterator[Ledger]:
    """Ledgers for a stream of Documents, analysed on the cluster of `client`, yielded in input order.

    `docs` is read lazily: only `max_in_flight` batches of `batch_size` documents (default: two per
    worker thread) are submitted and not yet yielded at any time. A worker's error is raised here, when
    its batch's turn comes; closing the generator cancels the batches still in flight.
    """
    limit = max_in_flight or max(2, 2 * sum(client.nthreads().values()))
    pending: deque[Future[list[dict[str, Any]]]] = deque()
    try:
        for batch in batches(docs, batch_size):
            # pure=False: batches are never resubmitted, so hashing their texts for a task key is wasted work
            pending.append(client.submit(analyze_batch, batch, model, batch_size, pure=False))
            while len(pending) >= limit:
                yield from _ledgers(pending.popleft())
        while pending:
            yield from _ledgers(pending.popleft())
    finally:
        if pending:
            client.cancel(list(pending))


@dataclass(frozen=True, slots=True)
class DaskAnalyzer:
    """`analyze_distributed` bound to a client and options: the `analyzer` that `ingest()` accepts."""

    client: Client
    model: str | None = None
    batch_size: int = 32
    max_in_flight: int | None = None

    def __call__(self, docs: Iterable[Document]) -> Iterator[Ledger]:
        return analyze_distributed(
            docs, self.client, model=self.model, batch_size=self.batch_size, max_in_flight=self.max_in_flight
        )

    def warm_up(self) -> None:
        """Build the pipeline in every worker process now, rather than in each one's first batch."""
        self.client.run(pipeline, self.model)


@contextmanager
def connect(scheduler: str | None = None, *, workers: int = 1) -> Iterator[Client]:
    """A client of the scheduler at `scheduler`, or of a local cluster of `workers` processes started for it.

    Raises:
        ImportError: the `according[dask]` extra is not installed.
        OSError: no scheduler answers at `scheduler` (distributed's connection timeout).
    """
    import dask.config
    from distributed import Client, LocalCluster

    if scheduler is not None:
        with Client(scheduler) as client:
            yield client
        return
    # Parsing allocates and frees many arrays per batch: the nanny's default MALLOC_TRIM_THRESHOLD_ (64 KiB)
    # hands them back to the OS each time, and the stack-sampling profiler runs beside it; together they
    # cost a worker ~5% more CPU per word than the same analysis in-process (benchmarks/bench_ingest.py).
    tuned: dict[str, object] = {
        "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": 128 * 1024 * 1024,
        "distributed.worker.profile.enabled": False,
    }
    # a multi-threaded framing model (--framing transformer) gets each worker's share of the cores, not all of them
    share = worker_framing_threads(workers)
    if share is not None:
        tuned["distributed.nanny.pre-spawn-environ.ACCORDING_FRAMING_THREADS"] = share
    # no dashboard: it needs bokeh and a free port, and a one-off run has nobody to look at it
    with (
        dask.config.set(tuned),
        LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=logging.WARNING,
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client
