"""Tests for according.scale.local: whole ledgers from 2 real worker processes equal in-process analysis."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from spacy.language import Language
from typer.testing import CliRunner

from according.analysis import analyze_many
from according.ingest.read import read_path
from according.scale.local import ProcessAnalyzer
from according.store import open_store

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def test_local_process_analyzer_gives_the_in_process_ledgers_in_order(nlp_sm: Language) -> None:
    docs = [read_path(p) for p in sorted(EXAMPLES.glob("*.txt"))]
    assert len(docs) >= 5
    with ProcessAnalyzer(2, task_size=2) as analyzer:
        analyzer.warm_up()
        pids = analyzer._executor().submit(os.getpid).result()
        assert pids != os.getpid()  # the work really runs elsewhere
        got = [lg.to_dict() for lg in analyzer(iter(docs))]
    want = [lg.to_dict() for lg in analyze_many(docs, nlp=nlp_sm)]
    assert [g["document"]["id"] for g in got] == [d.id for d in docs]
    assert got == want


def test_local_process_analyzer_handles_an_empty_stream() -> None:
    with ProcessAnalyzer(2) as analyzer:
        assert list(analyzer(iter([]))) == []


def test_local_ingest_command_with_two_workers_stores_every_article(tmp_path: Path) -> None:
    from according.cli import app

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for p in sorted(EXAMPLES.glob("*.txt"))[:4]:
        shutil.copy(p, corpus / p.name)
    (corpus / "junk.txt").write_bytes(b"\x00\x01\x02binary")
    db = tmp_path / "news.db"
    result = CliRunner().invoke(app, ["ingest", str(corpus), "--db", str(db), "--workers", "2"])
    assert result.exit_code == 0, result.output
    store = open_store(str(db))
    try:
        assert store.counts()["documents"] == 4
        assert [e.reason for e in store.iter_errors()] == ["binary"]
    finally:
        store.close()
    again = CliRunner().invoke(app, ["ingest", str(corpus), "--db", str(db), "--workers", "2"])
    assert again.exit_code == 0 and "0 document(s) added" in again.output, again.output


def test_local_workers_share_the_cores_of_a_threaded_framing_model(monkeypatch: pytest.MonkeyPatch) -> None:
    from according.config import Settings
    from according.scale import local

    monkeypatch.delenv("ACCORDING_FRAMING_THREADS", raising=False)
    monkeypatch.setattr(local.os, "cpu_count", lambda: 8)
    local._start(None, 16, workers=3)  # what each spawned worker runs first
    assert Settings.from_env().framing_threads == 2  # 8 cores // 3 workers
    monkeypatch.setenv("ACCORDING_FRAMING_THREADS", "1")  # an explicit setting wins
    local._start(None, 16, workers=2)
    assert Settings.from_env().framing_threads == 1
