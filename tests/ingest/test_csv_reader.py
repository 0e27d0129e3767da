"""Tests for according.ingest.csv_reader: a text column plus metadata columns, one article a row."""

from __future__ import annotations

from pathlib import Path

from according.ingest.csv_reader import count_csv, iter_csv
from according.types import Document, Skipped


def test_csv_reader_reads_text_and_metadata(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text(
        "Title,URL,Outlet,Published,Text\n"
        "Bridge shut,https://x.org/b,X,2024-05-01T10:00:00+02:00,"
        '"Officials said the bridge was shut.\n\nIt reopens soon."\n'
        ",,,,Police said nothing more.\n",
        encoding="utf-8",
    )
    first, second = list(iter_csv(path))
    assert isinstance(first, Document) and isinstance(second, Document)
    assert first.text == "Bridge shut\n\nOfficials said the bridge was shut.\n\nIt reopens soon."
    assert first.title == "Bridge shut" and first.title_span and first.title_span.start == 0
    assert first.url == "https://x.org/b" and first.outlet == "X"
    assert first.published and first.published.isoformat() == "2024-05-01T10:00:00+02:00"
    assert second.text == "Police said nothing more." and second.url is None
    assert count_csv(path) == 2


def test_csv_reader_bad_rows_are_skipped_and_the_rest_kept(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_bytes(
        b"text,title\n"
        b"Good one said officials.,A\n"
        b",Only a title\n"
        b"caf\xe9 row,B\n"
        b"too,many,fields\n"
        b"<html><body><nav>menu</nav></body></html>,C\n"
        b"Good two said officials.,D\n"
    )
    items = list(iter_csv(path))
    skipped = {s.source: s.reason for s in items if isinstance(s, Skipped)}
    assert skipped == {
        f"{path}:3": "empty",
        f"{path}:4": "bad_encoding",
        f"{path}:5": "unreadable",
        f"{path}:6": "no_article_body",
    }
    assert [d.title for d in items if isinstance(d, Document)] == ["A", "D"]


def test_csv_reader_without_a_text_column_is_one_skipped(tmp_path: Path) -> None:
    path = tmp_path / "no_text.csv"
    path.write_text("title,url\nA,https://x.org\n", encoding="utf-8")
    (item,) = list(iter_csv(path))
    assert isinstance(item, Skipped) and "no text column" in item.detail
