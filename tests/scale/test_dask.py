"""Tests for according.scale.dask: ingest through a real 2-process Dask LocalCluster equals the local engine."""

from __future__ import annotations

import logging
import shutil
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest
from spacy.language import Language
from typer.testing import CliRunner

from according.errors import AccordingError
from according.ingest.corpus import ingest
from according.ingest.text import make_document
from according.store import Store, open_store
from according.types import Document, Ledger

distributed = pytest.importorskip("distributed")

from according.scale.dask import DaskAnalyzer, analyze_distributed  # noqa: E402

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
# small batches, so that the two workers share even this small corpus
BATCH = 3


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    # one module-wide cluster: starting it and loading the model in each worker costs ~10 s on 2 cores
    with (
        distributed.LocalCluster(
            n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None, silence_logs=logging.WARNING
        ) as cluster,
        distributed.Client(cluster) as c,
    ):
        yield c


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled examples (texts, HTML pages, RSS feed, WARC archive) plus three bad records."""
    root = tmp_path_factory.mktemp("scale") / "corpus"
    shutil.copytree(EXAMPLES, root)
    (root / "empty.txt").write_text(" \n ", encoding="utf-8")
    (root / "nobody.html").write_text("<html><body></body></html>", encoding="utf-8")
    (root / "wire.jsonl").write_bytes(b'{"text": "The chief said the bridge is shut."}\n{"text": "cut')
    return root


BAD = {"empty.txt": "empty", "nobody.html": "no_article_body", "wire.jsonl:2": "truncated"}


def _ledgers(store: Store) -> list[dict[str, Any]]:
    return [store.get_ledger(doc_id).to_dict() for doc_id in store.iter_doc_ids()]


def _errors(store: Store, root: Path) -> dict[str, str]:
    return {str(Path(e.source).relative_to(root)): e.reason for e in store.iter_errors()}


@pytest.fixture(scope="module")
def local(corpus: Path, nlp_sm: Language, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """The reference: the same corpus ingested by the local engine."""
    store = open_store(tmp_path_factory.mktemp("local") / "local.db")
    ingest([corpus], store, nlp=nlp_sm, commit_every=4)
    yield store
    store.close()


def test_dask_ingest_equals_local_engine_and_is_idempotent(
    client: Any, corpus: Path, local: Store, tmp_path: Path
) -> None:
    store = open_store(tmp_path / "dask.db")
    analyzer = DaskAnalyzer(client, batch_size=BATCH)
    report = ingest([corpus], store, analyzer=analyzer, commit_every=4)
    expected = _ledgers(local)
    assert report.saved == len(expected) > 20 and len(report.errors) == len(BAD)
    assert list(store.iter_doc_ids()) == list(local.iter_doc_ids())  # written in input order
    assert _ledgers(store) == expected
    assert _errors(store, corpus) == _errors(local, corpus) == BAD

    counts = store.counts()
    again = ingest([corpus], store, analyzer=analyzer, commit_every=4)
    assert (again.saved, again.already_stored, len(again.errors)) == (0, len(expected), len(BAD))
    assert {k: v for k, v in store.counts().items() if k != "runs"} == {k: v for k, v in counts.items() if k != "runs"}
    store.close()


class _Killed(Exception):
    pass


def _dies_after(analyzer: DaskAnalyzer, n: int) -> Any:
    """The analyzer, raising once it has handed out `n` ledgers, with batches still in flight."""

    def run(docs: Iterable[Document]) -> Iterator[Ledger]:
        for i, ledger in enumerate(analyzer(docs)):
            if i == n:
                raise _Killed
            yield ledger

    return run


def test_dask_killed_run_resumes_to_the_same_corpus(client: Any, corpus: Path, local: Store, tmp_path: Path) -> None:
    store = open_store(tmp_path / "resumed.db")
    analyzer = DaskAnalyzer(client, batch_size=BATCH)
    with pytest.raises(_Killed):
        ingest([corpus], store, analyzer=_dies_after(analyzer, 9), commit_every=4)
    assert store.counts()["documents"] == 8  # two commits of 4 made it; the ninth ledger's batch did not
    assert [r["status"] for r in store.iter_runs()] == ["failed"]

    report = ingest([corpus], store, analyzer=analyzer, commit_every=4)
    assert report.already_stored == 8
    assert _ledgers(store) == _ledgers(local)
    assert _errors(store, corpus) == BAD
    store.close()


def test_dask_reads_documents_lazily(client: Any) -> None:
    pulled = 0

    def docs() -> Iterator[Document]:
        nonlocal pulled
        for i in range(40):
            pulled += 1
            yield make_document(f"Story {i}: the police said the road was closed.")

    ledgers = analyze_distributed(docs(), client, batch_size=2, max_in_flight=3)
    first = next(ledgers)
    assert pulled <= 3 * 2  # memory follows the batch size and the in-flight limit, not the stream
    rest = list(ledgers)
    assert [first, *rest] == [Ledger.from_dict(x.to_dict()) for x in [first, *rest]]
    assert len(rest) == 39 and pulled == 40
    assert first.document.text.startswith("Story 0:") and rest[-1].document.text.startswith("Story 39:")


def test_dask_worker_errors_reach_the_client(client: Any) -> None:
    docs = [make_document("The mayor said so.")]
    with pytest.raises(AccordingError, match="no_such_model"):
        list(analyze_distributed(docs, client, model="no_such_model"))


def test_dask_cli_ingest_with_a_scheduler(client: Any, corpus: Path, local: Store, tmp_path: Path) -> None:
    import typer

    from according.cli.ingest import ingest_command

    app = typer.Typer()
    app.command("ingest")(ingest_command)
    app.command("noop")(lambda: None)  # two commands, so that "ingest" is a subcommand as in the real CLI
    root = tmp_path / "part"
    root.mkdir()
    for name in ("wikinews-hamza-bin-laden", "voa-north-korea-expels-bbc"):
        shutil.copy(corpus / f"{name}.txt", root)
        shutil.copy(corpus / f"{name}.json", root)  # the sidecar: the article's metadata
    shutil.copy(corpus / "empty.txt", root)
    db = str(tmp_path / "cli.db")
    args = ["ingest", str(root), "--db", db, "--engine", "dask", "--scheduler", client.scheduler.address]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "2 document(s) added" in result.output and "1 bad record(s)" in result.output
    store = open_store(db)
    for doc_id in store.iter_doc_ids():
        assert store.get_ledger(doc_id).to_dict() == local.get_ledger(doc_id).to_dict()
    store.close()
    strict = CliRunner().invoke(app, [*args, "--strict"])
    assert strict.exit_code == 1 and "0 document(s) added, 2 already stored" in strict.output


def test_dask_local_workers_share_the_cores_of_a_threaded_framing_model(monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    from according.scale.dask import connect

    monkeypatch.delenv("ACCORDING_FRAMING_THREADS", raising=False)
    with connect(workers=2) as c:
        got = set(c.run(os.getenv, "ACCORDING_FRAMING_THREADS").values())  # os.getenv: workers can import it
    assert got == {str(max(1, (os.cpu_count() or 1) // 2))}
    monkeypatch.setenv("ACCORDING_FRAMING_THREADS", "1")  # an explicit setting wins (the workers inherit it)
    with connect(workers=2) as c:
        assert set(c.run(os.getenv, "ACCORDING_FRAMING_THREADS").values()) == {"1"}
