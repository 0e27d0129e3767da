"""Tests for according.ingest.jsonl: one article object a line; bad lines become Skipped with their line number."""

from __future__ import annotations

import json
from pathlib import Path

from according.ingest.jsonl import count_jsonl, iter_jsonl
from according.types import Document, Skipped

TEXT = "Officials said the plan would go ahead.\n\n“It is final,” the minister told reporters."


def _line(**obj: object) -> bytes:
    return json.dumps(obj, ensure_ascii=False).encode() + b"\n"


def test_jsonl_reads_each_line_with_its_metadata(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_bytes(
        _line(text=TEXT, title="Plan goes ahead", url="https://x.org/1", outlet="X", published="2024-05-01")
        + b"\n"  # blank lines are passed over
        + _line(text="Second article text, said a spokesperson.", author="A. Writer")
    )
    docs = list(iter_jsonl(path))
    assert all(isinstance(d, Document) for d in docs)
    first, second = docs
    assert isinstance(first, Document) and isinstance(second, Document)
    assert first.url == "https://x.org/1" and first.outlet == "X" and first.published
    assert first.text == TEXT and first.title == "Plan goes ahead"
    assert second.author == "A. Writer"
    assert count_jsonl(path) == 2


def test_jsonl_bad_lines_are_skipped_with_line_numbers(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_bytes(
        _line(text=TEXT)
        + b"{not json}\n"
        + _line(text="   ")
        + b'{"text": "caf\xe9 au lait"}\n'
        + _line(title="no text")
        + _line(text="Good again, officials said.")
        + b'{"text": "cut off in the mid'
    )
    items = list(iter_jsonl(path))
    skipped = {s.source: s.reason for s in items if isinstance(s, Skipped)}
    assert skipped == {
        f"{path}:2": "bad_json",
        f"{path}:3": "empty",
        f"{path}:4": "bad_encoding",
        f"{path}:5": "bad_json",
        f"{path}:7": "truncated",
    }
    assert [d.text for d in items if isinstance(d, Document)] == [TEXT, "Good again, officials said."]


def test_jsonl_unreadable_file_is_one_skipped(tmp_path: Path) -> None:
    (item,) = list(iter_jsonl(tmp_path / "missing.jsonl"))
    assert isinstance(item, Skipped) and item.reason == "unreadable"
