"""Tests for according.ingest.warc on the bundled warcio example archive, whole and cut short."""

from __future__ import annotations

import gzip
from datetime import UTC, datetime
from pathlib import Path

import pytest

from according.ingest.warc import count_warc, iter_warc
from according.types import Document, Skipped

WARC = Path(__file__).resolve().parents[2] / "examples" / "ingest" / "warcio-example.warc.gz"


def test_warc_reads_the_html_response_only() -> None:
    (doc,) = list(iter_warc(WARC))  # warcinfo, request and revisit records are passed over
    assert isinstance(doc, Document)
    assert doc.url == "http://example.com/"
    assert doc.title == "Example Domain"
    assert "illustrative examples" in doc.text
    assert doc.published == datetime(2017, 3, 6, 4, 2, 6, tzinfo=UTC)  # the capture's WARC-Date
    assert count_warc(WARC) == 1


def test_warc_uncompressed_reads_the_same(tmp_path: Path) -> None:
    plain = tmp_path / "example.warc"
    plain.write_bytes(gzip.decompress(WARC.read_bytes()))
    (doc,) = list(iter_warc(plain))
    assert isinstance(doc, Document) and doc.url == "http://example.com/"


@pytest.mark.parametrize(
    ("cut", "documents"),
    [(3000, 1), (2100, 1), (1500, 0), (800, 0)],
    ids=["inside-revisit", "inside-request", "inside-response", "inside-header"],
)
def test_warc_truncated_keeps_good_records_and_says_where(tmp_path: Path, cut: int, documents: int) -> None:
    path = tmp_path / "cut.warc.gz"
    path.write_bytes(WARC.read_bytes()[:cut])
    items = list(iter_warc(path))
    assert sum(isinstance(i, Document) for i in items) == documents
    last = items[-1]
    assert isinstance(last, Skipped) and last.reason == "truncated" and last.source.startswith(f"{path}@")
