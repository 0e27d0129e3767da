"""The Store protocol every backend implements, and the small records it returns besides ledgers."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Literal, Protocol, runtime_checkable

from according.types import Document, Ledger, Skipped

SearchScope = Literal["documents", "attributions"]
RunStatus = Literal["running", "done", "failed", "interrupted"]


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One full-text match: the document, and the attribution when the search ran over attribution content."""

    doc_id: str
    title: str | None
    url: str | None
    snippet: str  # the matching passage, matched words between [ and ]
    score: float  # higher is better; comparable only within one result list
    attribution_id: str | None = None


@dataclass(frozen=True, slots=True)
class IngestError:
    """A stored bad input record: where it came from and why it was not ingested."""

    source: str
    reason: str
    detail: str
    run_id: int | None
    created_at: str


@dataclass(frozen=True, slots=True)
class SaveResult:
    """What `save_many` did: the ids of the ledgers, in order, and which of them were new."""

    doc_ids: tuple[str, ...]
    added: tuple[str, ...]


@runtime_checkable
class Store(Protocol):
    """A corpus of claim ledgers; writes are idempotent, so re-ingesting the same input adds nothing."""

    url: str

    def save(self, ledger: Ledger) -> str:
        """Store one ledger (no-op when its document id is stored) and return the document id."""
        ...

    def save_many(
        self, ledgers: Iterable[Ledger], *, errors: Iterable[Skipped] = (), run_id: int | None = None
    ) -> SaveResult:
        """Store ledgers and ingest errors in one transaction: all of them are committed, or none."""
        ...

    def has(self, doc_id: str) -> bool:
        """Whether a document with this id is stored."""
        ...

    def missing(self, doc_ids: Iterable[str]) -> set[str]:
        """The ids among `doc_ids` that are not stored."""
        ...

    def get_ledger(self, doc_id: str) -> Ledger:
        """The stored ledger, equal to the one saved (`to_dict()` round-trips).

        Raises:
            KeyError: no document with this id.
        """
        ...

    def get_document(self, doc_id: str) -> Document:
        """The stored document (text and metadata) without its ledger records.

        Raises:
            KeyError: no document with this id.
        """
        ...

    def iter_documents(
        self,
        *,
        url: str | None = None,
        outlet: str | None = None,
        since: str | None = None,
        until: str | None = None,
        latest_only: bool = False,
    ) -> Iterator[Document]:
        """Stored documents in ingest order, streamed; `since`/`until` compare ISO dates of `published`."""
        ...

    def iter_doc_ids(self) -> Iterator[str]:
        """Every stored document id in ingest order."""
        ...

    def versions(self, url: str) -> list[str]:
        """Document ids of the versions of `url`, oldest first."""
        ...

    def search(
        self, text: str, *, limit: int = 20, offset: int = 0, scope: SearchScope = "documents"
    ) -> list[SearchHit]:
        """Full-text search over article titles and text, or over attribution content; all words must match."""
        ...

    def record_error(self, source: str, reason: str, detail: str = "", *, run_id: int | None = None) -> None:
        """Store a bad input record (once: the same source, reason and detail again adds nothing)."""
        ...

    def iter_errors(self, *, reason: str | None = None) -> Iterator[IngestError]:
        """Stored ingest errors, oldest first."""
        ...

    def start_run(self, inputs: Sequence[str], *, total: int | None = None) -> int:
        """Record the start of an ingest run and return its id."""
        ...

    def update_run(
        self,
        run_id: int,
        *,
        seen: int,
        saved: int,
        already_stored: int,
        errors: int,
        last_source: str | None,
        status: RunStatus | None = None,
    ) -> None:
        """Record a run's progress (and its end, with a status other than "running")."""
        ...

    def iter_runs(self) -> Iterator[dict[str, Any]]:
        """Ingest runs, oldest first, as plain dicts (id, status, inputs, total, seen, saved, errors ...)."""
        ...

    def counts(self) -> dict[str, int]:
        """Rows per table (documents, sources, attributions, ..., ingest_errors, runs)."""
        ...

    def close(self) -> None:
        """Release connections; the store cannot be used afterwards."""
        ...
