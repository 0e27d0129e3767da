"""Tests for according.cli.ingest (ingest, search, export), on a Typer app of their own."""

from __future__ import annotations

import csv
import importlib.util
import io
import json
import shutil
import sys
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from according.cli.ingest import CSV_COLUMNS, export_command, ingest_command, search_command
from according.store import open_store

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

app = typer.Typer()
app.command("ingest")(ingest_command)
app.command("search")(search_command)
app.command("export")(export_command)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    root.mkdir()
    for name in ("wikinews-hamza-bin-laden", "voa-north-korea-expels-bbc"):
        shutil.copy(EXAMPLES / f"{name}.txt", root)
        shutil.copy(EXAMPLES / f"{name}.json", root)
    shutil.copy(EXAMPLES / "ingest" / "warcio-example.warc.gz", root)
    (root / "bad.jsonl").write_bytes(b'{"text": "The chief said so."}\n{"text": "cut')
    return root


def test_ingest_counts_bad_records_and_fails_only_when_strict(corpus: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "news.db")
    runner = CliRunner()
    result = runner.invoke(app, ["ingest", str(corpus), "--db", db])
    assert result.exit_code == 0, result.output
    assert "4 document(s) added" in result.output and "1 bad record(s)" in result.output
    assert "truncated: 1" in result.output
    again = runner.invoke(app, ["ingest", str(corpus), "--db", db, "--strict"])
    assert again.exit_code == 1
    assert "0 document(s) added, 4 already stored" in again.output
    store = open_store(db)
    assert store.counts()["documents"] == 4 and store.counts()["ingest_errors"] == 1
    store.close()


def test_search_and_export(corpus: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "news.db")
    runner = CliRunner()
    assert runner.invoke(app, ["ingest", str(corpus), "--db", db]).exit_code == 0
    found = runner.invoke(app, ["search", "bin Laden", "--db", db, "--json"])
    assert found.exit_code == 0
    hits = [json.loads(line) for line in found.stdout.splitlines()]
    assert hits and hits[0]["title"] == "US President Trump says Osama bin Laden's son killed"
    quoted = runner.invoke(app, ["search", "Hamza", "--db", db, "--scope", "attributions"])
    assert quoted.exit_code == 0 and "/a" in quoted.stdout

    out = tmp_path / "ledgers.jsonl"
    assert runner.invoke(app, ["export", "--db", db, "-o", str(out)]).exit_code == 0
    ledgers = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(ledgers) == 4 and all(x["schema"] == "according.ledger/2" for x in ledgers)
    exported = runner.invoke(app, ["export", "--db", db, "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(exported.stdout)))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert len(rows) == sum(len(x["attributions"]) for x in ledgers)


def test_ingest_bad_db_url_is_a_clear_error(corpus: Path) -> None:
    args = ["ingest", str(corpus), "--db", "postgresql://nobody@127.0.0.1:1/none"]
    result = CliRunner().invoke(app, args, env={"COLUMNS": "300"})
    assert result.exit_code == 1
    if importlib.util.find_spec("psycopg") is None:  # an install without the postgres extra
        assert "pip install 'according[postgres]'" in result.output
    else:
        assert "cannot open the store" in result.output


def test_ingest_without_the_postgres_extra_names_it(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "psycopg", None)  # `import psycopg` fails, as without the extra
    args = ["ingest", str(corpus), "--db", "postgresql://nobody@127.0.0.1:1/none"]
    result = CliRunner().invoke(app, args, env={"COLUMNS": "300"})
    assert result.exit_code == 1
    # the extra's name survives the terminal's markup ("[postgres]" is not a style tag)
    assert "pip install 'according[postgres]'" in result.output


def test_ingest_scheduler_needs_the_dask_engine(corpus: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["ingest", str(corpus), "--db", str(tmp_path / "x.db"), "--scheduler", "tcp://h:1"]
    )
    assert result.exit_code == 2
    assert "needs --engine dask" in result.output
    assert not (tmp_path / "x.db").exists()  # refused before anything was opened


def test_export_parquet_matches_the_store_and_the_csv(corpus: Path, tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    db = str(tmp_path / "news.db")
    runner = CliRunner()
    assert runner.invoke(app, ["ingest", str(corpus), "--db", db]).exit_code == 0
    out = tmp_path / "attributions.parquet"
    result = runner.invoke(app, ["export", "--db", db, "--format", "parquet", "--output", str(out)])
    assert result.exit_code == 0, result.output
    table = pq.read_table(out)
    assert tuple(table.column_names) == CSV_COLUMNS
    store = open_store(db)
    try:
        ledgers = {i: store.get_ledger(i) for i in store.iter_doc_ids()}
    finally:
        store.close()
    n = sum(len(x.attributions) for x in ledgers.values())
    assert n and table.num_rows == n
    for row in table.to_pylist():
        text = ledgers[row["doc_id"]].document.text
        assert text[row["content_start"] : row["content_end"]] == row["content"]
        if row["cue"] is not None:
            assert text[row["cue_start"] : row["cue_end"]] == row["cue"]
        if row["source_mention"] is not None:
            assert text[row["source_mention_start"] : row["source_mention_end"]] == row["source_mention"]
    assert any(r["published"] is not None for r in table.to_pylist())
    exported = runner.invoke(app, ["export", "--db", db, "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(exported.stdout)))
    assert [r["attribution_id"] for r in rows] == table.column("attribution_id").to_pylist()


def test_export_parquet_batches_stream(corpus: Path, tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    from according.store.export import write_parquet

    db = str(tmp_path / "news.db")
    assert CliRunner().invoke(app, ["ingest", str(corpus), "--db", db]).exit_code == 0
    store = open_store(db)
    try:
        n = write_parquet(store, tmp_path / "a.parquet", batch_rows=3)
    finally:
        store.close()
    meta = pq.ParquetFile(tmp_path / "a.parquet").metadata
    assert meta.num_rows == n > 3 and meta.num_row_groups == -(-n // 3)


def test_export_parquet_without_pyarrow_names_the_extra(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "pyarrow", None)  # import pyarrow raises ImportError
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    out = tmp_path / "a.parquet"
    result = CliRunner().invoke(
        app, ["export", "--db", str(tmp_path / "x.db"), "--format", "parquet", "--output", str(out)]
    )
    assert result.exit_code == 1
    assert "pip install 'according[parquet]'" in " ".join(result.output.split())
    assert not out.exists() and not (tmp_path / "x.db").exists()


def test_export_parquet_needs_an_output(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["export", "--db", str(tmp_path / "x.db"), "--format", "parquet"])
    assert result.exit_code == 2 and not (tmp_path / "x.db").exists()
