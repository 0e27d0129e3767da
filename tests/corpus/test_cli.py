"""Tests for according.cli.provenance: the commands over a SQLite file, through CliRunner."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from according.cli import provenance as cli
from according.store import open_store

SHARED = Path(__file__).resolve().parents[3] / "shared" / "data"
T0 = datetime(2018, 8, 31, tzinfo=UTC)
CLAIM = "Iran has given ballistic missiles to Shiite militias in Iraq"


def _app() -> typer.Typer:
    app = typer.Typer()
    app.command("cluster")(cli.cluster_command)
    app.command("claims")(cli.claims_command)
    app.command("trace")(cli.trace_command)
    app.command("outlets")(cli.outlets_command)
    app.command("revisions")(cli.revisions_command)
    app.command("eval-syndication")(cli.eval_syndication_command)
    app.command("eval-clusters")(cli.eval_clusters_command)
    return app


@pytest.fixture
def db(kit: Any, tmp_path: Path) -> str:
    path = str(tmp_path / "news.db")
    store = open_store(path)
    officials = kit.Src("three Iranian officials", "anonymous_group", True, 3, "Iranian")
    for k, outlet in enumerate(["Post", "Courier"]):
        text = f"Headline {k}\n\n{CLAIM}, three Iranian officials said{'.' if k else ' on Friday.'}"
        store.save(kit.ledger(text, [kit.Claim(CLAIM, officials)], outlet=outlet, published=T0 + timedelta(days=k)))
    text = f"Own report\n\nA militia commander said that {CLAIM}."
    store.save(kit.ledger(text, [kit.Claim(CLAIM, kit.Src("A militia commander"))], outlet="Gazette", published=T0))
    store.close()
    return path


def test_cli_cluster_claims_trace(db: str) -> None:
    runner = CliRunner()
    app = _app()
    built = runner.invoke(app, ["cluster", "--db", db])
    assert built.exit_code == 0, built.output
    assert "1 claim cluster(s)" in built.output
    again = runner.invoke(app, ["cluster", "--db", db])
    assert "unchanged" in again.output
    listed = runner.invoke(app, ["claims", "--db", db, "--json"])
    assert listed.exit_code == 0, listed.output
    (claim,) = [json.loads(line) for line in listed.stdout.splitlines()]
    assert claim["independent_origins"] == 2 and claim["documents"] == 3
    assert claim["earliest"]["published"].startswith("2018-08-31")
    # the same anonymous group in two outlets is one origin; the named commander is a second, first-hand
    assert claim["evidence"]["grade"] == 1 and claim["evidence"]["label"] == "confirmed by independent sources"
    assert claim["evidence"]["reasons"][0] == "2 independent origins across 3 articles"
    table = runner.invoke(app, ["claims", "--db", db])
    assert "grade" in table.stdout and "1 confirmed" in table.stdout and "not its truth" in table.stdout
    assert runner.invoke(app, ["claims", "--db", db, "--query", "ballistic Iraq"]).exit_code == 0
    assert "no matches" in runner.invoke(app, ["claims", "--db", db, "--query", "zebra"]).output
    drawn = runner.invoke(app, ["trace", claim["id"], "--db", db], env={"COLUMNS": "200"})
    assert drawn.exit_code == 0, drawn.output
    assert "origin 1" in drawn.stdout and "origin 2" in drawn.stdout
    assert "three Iranian officials" in drawn.stdout
    assert "evidence grade 1: confirmed by independent sources, on its sourcing (not its truth)" in drawn.stdout
    assert "- 2 independent origins across 3 articles" in drawn.stdout and "grade 3 in its article" in drawn.stdout
    missing = runner.invoke(app, ["trace", "c-nope", "--db", db])
    assert missing.exit_code == 1


def test_cli_outlets_and_revisions(db: str) -> None:
    runner = CliRunner()
    result = runner.invoke(_app(), ["outlets", "--db", db, "--period", "all", "--json"])
    assert result.exit_code == 0, result.output
    outlets = {json.loads(line)["outlet"] for line in result.stdout.splitlines()}
    assert outlets == {"Post", "Courier", "Gazette"}
    none = runner.invoke(_app(), ["revisions", "https://nowhere.example/", "--db", db])
    assert none.exit_code == 0 and "fewer than two" in none.output


@pytest.mark.data
def test_cli_eval_syndication_on_polnear() -> None:
    metadata = SHARED / "polnear" / "data" / "metadata.tsv"
    if not metadata.is_file():
        pytest.skip("../shared/data/polnear is absent")
    result = CliRunner().invoke(_app(), ["eval-syndication", "--metadata", str(metadata), "--json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)
    assert scores["precision"] >= 0.9 and scores["recall"] >= 0.9  # measured 0.966 / 0.974 (docs/provenance.md)


@pytest.mark.data
def test_cli_eval_clusters_on_ecbplus() -> None:
    ecbplus = SHARED / "ecbplus"
    if not (ecbplus / "ECB+").is_dir():
        pytest.skip("../shared/data/ecbplus is absent")
    result = CliRunner().invoke(_app(), ["eval-clusters", "--ecbplus", str(ecbplus), "--json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)
    assert scores["sentences"] == 1840
    assert scores["precision"] >= 0.7  # measured 0.747; recall is low by design (docs/provenance.md)
    assert scores["predicted_pairs_across_topics"] == 0
