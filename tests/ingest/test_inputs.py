"""Tests for according.ingest.inputs: dispatch by file name ending, directory walking, sidecars."""

from __future__ import annotations

import shutil
from pathlib import Path

from according.ingest.inputs import count_inputs, expand, iter_inputs
from according.types import Document, Skipped

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def test_inputs_dispatch_every_format_in_a_folder(tmp_path: Path) -> None:
    shutil.copytree(EXAMPLES / "ingest", tmp_path / "ingest")
    shutil.copy(EXAMPLES / "wikinews-hamza-bin-laden.txt", tmp_path)
    shutil.copy(EXAMPLES / "wikinews-hamza-bin-laden.json", tmp_path)  # a sidecar, not an article
    (tmp_path / "a.jsonl").write_text('{"text": "One, said officials."}\n{"text": "Two, said officials."}\n')
    (tmp_path / "b.csv").write_text('text\n"Three, police said."\n')
    (tmp_path / "notes.bin").write_bytes(b"\x00\x01")  # an unknown ending is not an input
    (tmp_path / ".hidden.txt").write_text("hidden")
    items = list(iter_inputs([tmp_path]))
    assert not [i for i in items if isinstance(i, Skipped)]
    docs = [i for i in items if isinstance(i, Document)]
    assert len(docs) == 1 + 2 + 1 + 10 + 1  # txt, jsonl, csv, rss items, warc page
    assert count_inputs([tmp_path]) == len(docs)
    names = [p.name for p in expand(tmp_path) if isinstance(p, Path)]
    assert "nasa-breaking-news-2022-01.rss.json" not in names and "wikinews-hamza-bin-laden.json" not in names


def test_inputs_single_files_and_the_old_readers(tmp_path: Path) -> None:
    html = EXAMPLES / "html" / "globalvoices-north-korea-journalists.html"
    items = list(iter_inputs([html, EXAMPLES / "ingest" / "warcio-example.warc.gz", tmp_path / "missing.txt"]))
    assert isinstance(items[0], Document) and items[0].title
    assert isinstance(items[1], Document) and items[1].url == "http://example.com/"
    assert isinstance(items[2], Skipped) and items[2].reason == "unreadable"
