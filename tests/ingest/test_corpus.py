"""Tests for according.ingest.corpus: idempotent ingest, resuming after a crash, corrupt records kept as errors."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from spacy.language import Language

from according.ingest.corpus import ingest
from according.store import open_store, schema
from according.store._sql import SQLStore
from according.store.base import SaveResult
from according.types import Ledger, Skipped

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
TEXTS = ["wikinews-hamza-bin-laden", "voa-north-korea-expels-bbc", "wikinews-ebola-treatments"]
# columns that say when or in which run a row was written, not what it holds
_VOLATILE = {"pk", "run_id", "ingested_at", "created_at"}


def _corpus(root: Path) -> Path:
    """Three example texts with sidecars, a JSONL, a CSV, the RSS feed and the WARC: 18 good records."""
    root.mkdir()
    for name in TEXTS:
        shutil.copy(EXAMPLES / f"{name}.txt", root)
        shutil.copy(EXAMPLES / f"{name}.json", root)
    shutil.copytree(EXAMPLES / "ingest", root / "ingest")
    lines = [
        {"text": f"Report {i}: officials said the road {i} would reopen.", "url": f"https://x.org/{i}"}
        for i in range(3)
    ]
    (root / "wire.jsonl").write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    (root / "sheet.csv").write_text('text,outlet\n"The mayor said the park is closed.",City\n', encoding="utf-8")
    return root


def _corrupt(root: Path) -> dict[str, str]:
    """Add one bad record of each kind; returns source -> expected reason."""
    (root / "bad.jsonl").write_bytes(
        b'{"text": "A good line, the minister said."}\n'
        b'{"text": "caf\xe9"}\n'  # not UTF-8
        b'{"text": ""}\n'
        b'{"text": "cut sho'  # truncated last line
    )
    (root / "empty.txt").write_text("  \n\n ", encoding="utf-8")
    (root / "nobody.html").write_text("<html><head><title>x</title></head><body></body></html>", encoding="utf-8")
    (root / "latin1.txt").write_bytes(b"\x00\x01\x02binary\x00 junk")
    warc = (EXAMPLES / "ingest" / "warcio-example.warc.gz").read_bytes()
    (root / "cut.warc.gz").write_bytes(warc[:3000])  # the page record is whole, the archive is cut after it
    return {
        f"{root / 'bad.jsonl'}:2": "bad_encoding",
        f"{root / 'bad.jsonl'}:3": "empty",
        f"{root / 'bad.jsonl'}:4": "truncated",
        str(root / "empty.txt"): "empty",
        str(root / "nobody.html"): "no_article_body",
        str(root / "latin1.txt"): "binary",
        f"{root / 'cut.warc.gz'}@2621": "truncated",
    }


def _snapshot(store: SQLStore) -> dict[str, list[tuple[Any, ...]]]:
    """Every content row without write-time columns, sorted: equal snapshots mean equal corpora."""
    out: dict[str, list[tuple[Any, ...]]] = {}
    with store.engine.connect() as conn:
        for table in schema.CONTENT_TABLES:
            cols = [c for c in table.columns if c.name not in _VOLATILE]
            rows = conn.execute(sa.select(*cols)).all()
            out[table.name] = sorted(tuple(json.dumps(v, sort_keys=True) for v in r) for r in rows)
    return out


def test_corpus_ingest_twice_adds_nothing(tmp_path: Path, nlp_sm: Language) -> None:
    corpus = _corpus(tmp_path / "corpus")
    store = open_store(tmp_path / "a.db")
    first = ingest([corpus], store, nlp=nlp_sm, commit_every=4)
    counts = store.counts()
    second = ingest([corpus], store, nlp=nlp_sm, commit_every=4)
    assert first.saved == 18 and not first.errors
    assert second.saved == 0 and second.already_stored == 18
    assert {k: v for k, v in store.counts().items() if k != "runs"} == {k: v for k, v in counts.items() if k != "runs"}
    runs = list(store.iter_runs())
    assert [r["status"] for r in runs] == ["done", "done"] and runs[0]["saved"] == 18
    store.close()


class _Crash(Exception):
    pass


class _CrashingStore(SQLStore):
    """A SQLite store that dies in its second commit of ledgers, as a killed process would."""

    def __init__(self, path: Path) -> None:
        from according.store.sqlite import SQLiteStore

        inner = SQLiteStore(path)
        super().__init__(inner.engine, inner.url)
        self._inner = inner
        self.commits = 0

    def _insert_error(self, conn: sa.Connection, source: str, reason: str, detail: str, run_id: int | None) -> None:
        self._inner._insert_error(conn, source, reason, detail, run_id)

    def save_many(self, ledgers: Any, *, errors: Any = (), run_id: int | None = None) -> SaveResult:
        ledgers = list(ledgers)
        self.commits += bool(ledgers)
        if self.commits == 2:
            raise _Crash("killed")
        return super().save_many(ledgers, errors=errors, run_id=run_id)


@pytest.mark.parametrize("commit_every", [3, 5])
def test_corpus_resume_after_a_crash_equals_one_clean_run(tmp_path: Path, nlp_sm: Language, commit_every: int) -> None:
    corpus = _corpus(tmp_path / "corpus")
    expected_errors = _corrupt(corpus)
    crashing = _CrashingStore(tmp_path / "resumed.db")
    with pytest.raises(_Crash):
        ingest([corpus], crashing, nlp=nlp_sm, commit_every=commit_every)
    partial = crashing.counts()["documents"]
    assert partial == commit_every  # the first batch was committed, the second was lost
    assert [r["status"] for r in crashing.iter_runs()] == ["failed"]
    crashing.close()

    resumed = open_store(tmp_path / "resumed.db")
    report = ingest([corpus], resumed, nlp=nlp_sm, commit_every=commit_every)
    assert report.already_stored == partial + 1  # and the cut archive's page, met again in the whole one
    clean = open_store(tmp_path / "clean.db")
    ingest([corpus], clean, nlp=nlp_sm, commit_every=commit_every)
    assert isinstance(resumed, SQLStore) and isinstance(clean, SQLStore)
    assert _snapshot(resumed) == _snapshot(clean)
    assert {e.source: e.reason for e in resumed.iter_errors()} == expected_errors
    resumed.close()
    clean.close()


def test_corpus_corrupt_records_are_stored_and_good_ones_kept(tmp_path: Path, nlp_sm: Language) -> None:
    corpus = _corpus(tmp_path / "corpus")
    expected = _corrupt(corpus)
    store = open_store(":memory:")
    report = ingest([corpus], store, nlp=nlp_sm, commit_every=4)
    assert report.saved == 18 + 1  # the good records and the good line of the bad JSONL
    assert report.already_stored == 1  # the page before the cut in the truncated archive is the whole one's
    assert {s.source: s.reason for s in report.errors} == expected
    assert {e.source: e.reason for e in store.iter_errors()} == expected
    assert all(e.detail for e in store.iter_errors())
    again = ingest([corpus], store, nlp=nlp_sm)
    assert again.saved == 0 and len(again.errors) == len(expected)
    assert store.counts()["ingest_errors"] == len(expected)  # met again, stored once


def test_corpus_items_and_progress(nlp_sm: Language) -> None:
    from according.ingest.text import make_document

    store = open_store(":memory:")
    docs = [make_document(f"Story {i}: the police said it was over.") for i in range(5)]
    items: list[Any] = [*docs, Skipped("x", "empty", "nothing"), docs[0]]
    ticks: list[int] = []
    report = ingest(
        ["<test>"], store, nlp=nlp_sm, items=items, commit_every=2, on_progress=lambda r, n: ticks.append(n)
    )
    assert sum(ticks) == len(items) == report.seen
    assert (report.saved, report.already_stored, len(report.errors)) == (5, 1, 1)
    assert all(isinstance(store.get_ledger(d.id), Ledger) for d in docs)
