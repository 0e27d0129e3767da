"""Documents in fixed-size lists, for the engines that ship work to other processes."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from according.types import Document


def batches(docs: Iterable[Document], size: int) -> Iterator[list[Document]]:
    """Consecutive lists of at most `size` documents, read lazily from `docs`."""
    batch: list[Document] = []
    for doc in docs:
        batch.append(doc)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
