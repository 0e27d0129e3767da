"""Inputs -> analysed ledgers -> a Store, in committed batches, skipping what the store already holds.

One process writes (the caller's); spaCy parses in batches and, with `n_process > 1`, in worker processes,
or an `analyzer` such as `according.scale.dask.DaskAnalyzer` parses elsewhere and hands back ledgers in order.
A run killed part-way loses only the batch it had not committed yet: running it again skips every stored
document and re-records nothing, so it ends with the same database as one clean run.
"""

from __future__ import annotations

import contextlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language

from according.ingest.inputs import iter_inputs
from according.store.base import RunStatus, Store
from according.types import Document, Ledger, Skipped

#: Ledgers per transaction when the caller does not say: a few parser batches.
DEFAULT_COMMIT_EVERY = 128

#: Documents in -> their ledgers out, in the same order, read lazily (`analyze_many` with options bound).
Analyzer = Callable[[Iterable[Document]], Iterable[Ledger]]


@dataclass(slots=True)
class IngestReport:
    """What a run did; `errors` holds the bad records met in this run (already stored or not)."""

    run_id: int
    seen: int = 0  # input records: documents and bad records
    saved: int = 0
    already_stored: int = 0
    errors: list[Skipped] = field(default_factory=list)
    last_source: str | None = None

    @property
    def reasons(self) -> Counter[str]:
        """Bad records per reason."""
        return Counter(s.reason for s in self.errors)


def ingest(
    paths: Sequence[str | Path],
    store: Store,
    *,
    nlp: Language | None = None,
    batch_size: int = 32,
    n_process: int = 1,
    commit_every: int = DEFAULT_COMMIT_EVERY,
    total: int | None = None,
    items: Iterable[Document | Skipped] | None = None,
    on_progress: Callable[[IngestReport, int], None] | None = None,
    analyzer: Analyzer | None = None,
) -> IngestReport:
    """Read every input in `paths`, analyse the documents the store lacks, and save ledgers and bad records.

    Args:
        commit_every: ledgers per transaction; what a kill can lose, and what a resumed run redoes.
        total: the number of input records, when counted beforehand (stored with the run, for progress).
        items: the records to ingest, instead of reading `paths` (which are then only recorded with the run).
        on_progress: called with the report and the number of records just settled.
        analyzer: turns the documents the store lacks into ledgers, in order, instead of `analyze_many` with
            `nlp`, `batch_size` and `n_process` (which it then ignores); reading them lazily keeps memory
            bounded by its batches rather than by the corpus.

    Raises:
        Whatever the analysis or the store raises; the run is then marked "failed" (or "interrupted" for
        KeyboardInterrupt) and every batch committed before stays.
    """
    from according.analysis import analyze_many

    run_id = store.start_run([str(p) for p in paths], total=total)
    report = IngestReport(run_id)
    pending_errors: list[Skipped] = []
    queued: set[str] = set()

    def progress(n: int) -> None:
        if on_progress is not None:
            on_progress(report, n)

    def record_progress(status: RunStatus | None = None) -> None:
        store.update_run(
            run_id,
            seen=report.seen,
            saved=report.saved,
            already_stored=report.already_stored,
            errors=len(report.errors),
            last_source=report.last_source,
            status=status,
        )

    def commit(ledgers: list[Ledger]) -> None:
        result = store.save_many(ledgers, errors=pending_errors, run_id=run_id)
        report.saved += len(result.added)
        report.already_stored += len(result.doc_ids) - len(result.added)
        if ledgers:
            report.last_source = ledgers[-1].document.url or ledgers[-1].document.id
        pending_errors.clear()
        record_progress()

    def fresh() -> Iterator[Document]:
        for item in items if items is not None else iter_inputs(paths):
            report.seen += 1
            if isinstance(item, Skipped):
                report.errors.append(item)
                pending_errors.append(item)
                if len(pending_errors) >= commit_every:
                    commit([])
                progress(1)
            elif item.id in queued or store.has(item.id):
                report.already_stored += 1
                progress(1)
            else:
                queued.add(item.id)
                yield item

    buffer: list[Ledger] = []
    try:
        ledgers = (
            analyzer(fresh())
            if analyzer is not None
            else analyze_many(fresh(), nlp=nlp, batch_size=batch_size, n_process=n_process)
        )
        for ledger in ledgers:
            buffer.append(ledger)
            progress(1)
            if len(buffer) >= commit_every:
                commit(buffer)
                buffer = []
        commit(buffer)
    except BaseException as exc:
        status: RunStatus = "interrupted" if isinstance(exc, KeyboardInterrupt) else "failed"
        # the store itself may be what failed; the original error matters more than the run's status
        with contextlib.suppress(Exception):
            record_progress(status)
        raise
    record_progress("done")
    return report
