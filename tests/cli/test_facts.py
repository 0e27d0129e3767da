"""Tests for according.cli.facts (entities, entity, facts) and the frame/entity/graph exports of `according export`.

Run through CliRunner over a SQLite file holding the provenance test corpus, analysed by the real stages and
clustered; expectations come from the library calls the commands wrap.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from typer.testing import CliRunner

from according.cli import app
from according.cli.facts import parse_day
from according.corpus.build import build
from according.corpus.facts import entity_graph, facts, list_entities
from according.store import open_store
from according.store.export import ENTITY_COLUMNS, FRAME_COLUMNS, GRAPHML_NS
from according.types import Ledger

NS = {"g": GRAPHML_NS}


@pytest.fixture(scope="module")
def db(provenance_ledgers: list[Ledger], tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("facts") / "news.db")
    store = open_store(path)
    for ledger in provenance_ledgers:
        store.save(ledger)
    assert build(store).entities > 0
    store.close()
    return path


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(
    ("value", "end", "expected"),
    [
        ("2018", False, date(2018, 1, 1)),
        ("2018", True, date(2018, 12, 31)),
        ("2018-01", False, date(2018, 1, 1)),
        ("2016-02", True, date(2016, 2, 29)),
        (" 2018-08-31 ", False, date(2018, 8, 31)),
    ],
)
def test_facts_parse_day(value: str, end: bool, expected: date) -> None:
    assert parse_day(value, end=end) == expected


@pytest.mark.parametrize("value", ["18", "2018-13", "2018-02-30", "last week", "2018/01", ""])
def test_facts_parse_day_rejects(value: str) -> None:
    with pytest.raises(ValueError, match="date"):
        parse_day(value)


def test_facts_cli_entities_and_entity(db: str) -> None:
    store = open_store(db)
    expected = [e.to_dict() for e in list_entities(store, limit=5)]
    iran_facts = facts(store, actor="Iran", limit=500)
    store.close()
    code, out, _ = _run("entities", "--db", db, "--limit", "5", "--json")
    assert code == 0
    assert [json.loads(line) for line in out.splitlines()] == expected
    code, out, _ = _run("entities", "--db", db, "--limit", "3")
    assert code == 0 and expected[0]["name"].split()[0] in out and "entity" in out
    code, out, _ = _run("entities", "--db", db, "--query", "zzzz")
    assert code == 0 and out == ""

    code, out, _ = _run("entity", "iran", "--db", db, "--json")
    assert code == 0, out
    page = json.loads(out)
    assert page["entity"]["name"] == "Iran"
    listed = sorted((f["doc_id"], f["frame_id"]) for group in page["as_actor"].values() for f in group)
    assert listed == sorted((f.doc_id, f.frame_id) for f in iran_facts) and listed
    code, out, _ = _run("entity", "Iran", "--db", db)
    assert code == 0 and "as actor" in out and "first seen" in out
    code, _, err = _run("entity", "Atlantis", "--db", db)
    assert code == 1 and "no entity" in err


def test_facts_cli_filters_and_formats(db: str) -> None:
    store = open_store(db)
    expected = [f.to_dict() for f in facts(store, actor="Iran", since=date(2018, 1, 1), limit=4)]
    later = facts(store, since=date(2019, 1, 1), limit=500)
    store.close()
    assert expected
    code, out, _ = _run(
        "facts", "--db", db, "--actor", "Iran", "--since", "2018-01", "--limit", "4", "--format", "jsonl"
    )
    assert code == 0
    assert [json.loads(line) for line in out.splitlines()] == expected
    code, out, _ = _run("facts", "--db", db, "--since", "2019", "--limit", "500", "--format", "csv")
    rows = list(csv.reader(io.StringIO(out)))
    assert code == 0 and rows[0][:3] == ["doc_id", "frame_id", "claim_id"] and len(rows) == len(later) + 1
    code, out, _ = _run("facts", "--db", db, "--actor", "Iran", "--limit", "2")
    assert code == 0 and "Iran" in out
    code, _, err = _run("facts", "--db", db, "--since", "2018-13")
    assert code == 2 and "--since" in err
    code, _, err = _run("facts", "--db", db, "--max-grade", "9")
    assert code == 2


def test_facts_cli_export_frames_and_entities(db: str, tmp_path: Path) -> None:
    store = open_store(db)
    n_entities = len(list_entities(store, limit=100_000))
    n_facts = len(facts(store, limit=100_000))
    store.close()
    code, out, _ = _run("export", "--db", db, "--what", "frames", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and tuple(rows[0]) == FRAME_COLUMNS and len(rows) == n_facts
    text = open_store(db).get_document(rows[0]["doc_id"]).text
    start, end = int(rows[0]["action_start"]), int(rows[0]["action_end"])
    assert text[start:end] == rows[0]["action"]
    assert isinstance(json.loads(rows[0]["actors"]), list)
    code, out, _ = _run("export", "--db", db, "--what", "entities", "--format", "jsonl")
    assert code == 0 and len(out.splitlines()) == n_entities
    assert set(json.loads(out.splitlines()[0])) == set(ENTITY_COLUMNS)

    pq = pytest.importorskip("pyarrow.parquet")
    for what, n, columns in (("frames", n_facts, FRAME_COLUMNS), ("entities", n_entities, ENTITY_COLUMNS)):
        path = tmp_path / f"{what}.parquet"
        code, _, err = _run("export", "--db", db, "--what", what, "--format", "parquet", "-o", str(path))
        assert code == 0, err
        table = pq.read_table(path)
        assert table.num_rows == n and tuple(table.column_names) == columns
    merges = pq.read_table(tmp_path / "entities.parquet").column("merges").to_pylist()
    assert any(m and set(m[0]) == {"alias", "reason"} for m in merges)


def test_facts_cli_export_graph(db: str, tmp_path: Path) -> None:
    store = open_store(db)
    graph = entity_graph(store)
    store.close()
    assert graph["edges"]
    path = tmp_path / "graph.graphml"
    code, _, err = _run("export", "--db", db, "--what", "graph", "--format", "graphml", "-o", str(path))
    assert code == 0, err
    root = ET.parse(path).getroot()
    assert root.tag == f"{{{GRAPHML_NS}}}graphml"
    (g,) = root.findall("g:graph", NS)
    assert g.get("edgedefault") == "directed"
    nodes = {n.get("id") for n in g.findall("g:node", NS)}
    edges = g.findall("g:edge", NS)
    assert nodes == {n["id"] for n in graph["nodes"]} and len(edges) == len(graph["edges"])
    assert all(e.get("source") in nodes and e.get("target") in nodes for e in edges)
    keys = {k.get("id") for k in root.findall("g:key", NS)}
    assert {d.get("key") for d in g.iter(f"{{{GRAPHML_NS}}}data")} <= keys
    code, out, _ = _run("export", "--db", db, "--format", "json")  # json alone means the graph
    assert code == 0 and json.loads(out) == {"directed": True, **graph}
    nx = pytest.importorskip("networkx")
    read = nx.read_graphml(path)
    assert read.is_directed() and read.number_of_edges() == len(graph["edges"])


def test_facts_cli_export_rejects_a_format_the_kind_has_not(db: str) -> None:
    code, _, err = _run("export", "--db", db, "--what", "graph", "--format", "csv")
    assert code == 2 and "graphml" in err
    code, _, err = _run("export", "--db", db, "--what", "frames", "--format", "parquet")
    assert code == 2 and "--output" in err
