"""Static checks of the public API's types (run by mypy, never imported by pytest)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, assert_type

import according
from according import Attribution, Document, Ledger, Source


def _check(text: str, doc: Document) -> None:
    ledger = according.analyze(text, title="t", outlet="o", url="u")
    assert_type(ledger, Ledger)
    assert_type(according.analyze(text.encode()), Ledger)
    assert_type(according.analyze_document(doc), Ledger)
    assert_type(according.analyze_many([doc], batch_size=8), Iterator[Ledger])
    assert_type(ledger.to_dict(), dict[str, Any])
    assert_type(Ledger.from_dict(ledger.to_dict()), Ledger)
    assert_type(ledger.attributions, tuple[Attribution, ...])
    assert_type(ledger.source(ledger.attributions[0].source_id), Source | None)
