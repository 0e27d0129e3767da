"""Fixtures for the provenance tests: a fresh store per backend, and hand-built ledgers over realistic texts.

The ledgers are built by hand (real `Ledger` records over real `Document`s) where a test needs exact control of
sources and nesting; the outlet-profile test runs the real pipeline instead.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

import pytest

from according.ingest.text import make_document
from according.types import Attribution, Ledger, Source, SourceType, TextSpan


@dataclass(frozen=True)
class Src:
    """A source to put in a hand-built ledger."""

    name: str
    type: SourceType = "named_person"
    anonymous: bool = False
    count: int | None = None
    affiliation: str | None = None


@dataclass(frozen=True)
class Claim:
    """An attribution to put in a hand-built ledger: its content (found in the text), source and parent index."""

    content: str
    source: Src | None = None
    parent: int | None = None
    kind: str = "indirect"
    certainty: str = "asserted"


def build_ledger(
    text: str,
    claims: Sequence[Claim],
    *,
    outlet: str | None = None,
    url: str | None = None,
    published: datetime | None = None,
    hedges: Sequence[str] = (),
) -> Ledger:
    """A ledger over `text` with one attribution per claim; each source becomes a source record."""
    from according.types import Hedge

    doc = make_document(text, outlet=outlet, url=url, published=published)
    sources: list[Source] = []
    attributions: list[Attribution] = []
    by_name: dict[Src, str] = {}
    for k, c in enumerate(claims):
        start = text.index(c.content)
        source_id = None
        if c.source is not None:
            if c.source not in by_name:
                by_name[c.source] = f"s{len(by_name) + 1}"
                i = text.find(c.source.name)
                mentions = (TextSpan.of(text, i, i + len(c.source.name)),) if i >= 0 else ()
                sources.append(
                    Source(
                        by_name[c.source],
                        c.source.type,
                        c.source.name,
                        c.source.anonymous,
                        c.source.count,
                        None,
                        c.source.affiliation,
                        None,
                        mentions,
                    )
                )
            source_id = by_name[c.source]
        attributions.append(
            Attribution(
                id=f"a{k + 1}",
                kind=c.kind,  # type: ignore[arg-type]
                stance="neutral",
                certainty=c.certainty,  # type: ignore[arg-type]
                content=TextSpan.of(text, start, start + len(c.content)),
                cue=None,
                source_mention=None,
                source_id=source_id,
                parent=f"a{c.parent + 1}" if c.parent is not None else None,
                confidence=0.9,
            )
        )
    hedge_records = []
    for n, h in enumerate(hedges):
        i = text.index(h)
        hedge_records.append(Hedge(f"h{n + 1}", TextSpan.of(text, i, i + len(h)), "hedge"))
    return Ledger(
        document=doc,
        sources=tuple(sources),
        attributions=tuple(attributions),
        hedges=tuple(hedge_records),
        opinion_sentences=(),
        entities=(),
        profile={},
        sentences=text.count(". ") + 1,
    )


class Kit:
    """The builders above, for test modules (which cannot import conftest under --import-mode=importlib)."""

    Src = Src
    Claim = Claim
    ledger = staticmethod(build_ledger)


@pytest.fixture
def kit() -> type[Kit]:
    return Kit
