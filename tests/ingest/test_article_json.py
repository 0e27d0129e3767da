"""Tests for according.ingest.article_json: the {text, title, url, outlet, published, author} object."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from according.errors import InputError
from according.ingest import article_json
from according.ingest.text import make_document

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
TEXT = "Officials said the plan would go ahead.\n\n“It is final,” the minister told reporters."


def test_article_json_reads_text_only() -> None:
    doc = article_json.read(json.dumps({"text": TEXT}))
    assert doc.text == TEXT
    assert (doc.title, doc.outlet, doc.url, doc.published, doc.author) == (None, None, None, None, None)


def test_article_json_reads_metadata() -> None:
    obj = {
        "text": "Plan goes ahead\n\n" + TEXT,
        "title": "Plan goes ahead",
        "url": "https://example.com/plan",
        "outlet": "Example News",
        "published": "2021-02-18T14:05:00-05:00",
        "author": "Jane Roe",
        "licence": "CC BY 4.0",  # other keys are ignored
    }
    doc = article_json.read(json.dumps(obj))
    assert doc.text == obj["text"]
    assert doc.title == "Plan goes ahead"
    assert doc.title_span is not None and doc.title_span.text == "Plan goes ahead"
    assert doc.url == "https://example.com/plan"
    assert doc.outlet == "Example News"
    assert doc.author == "Jane Roe"
    assert doc.published == datetime(2021, 2, 18, 14, 5, tzinfo=timezone(timedelta(hours=-5)))


@pytest.mark.parametrize("key", ["published", "date"])
def test_article_json_reads_date_only_as_midnight_utc(key: str) -> None:
    doc = article_json.read(json.dumps({"text": TEXT, key: "2019-01-04"}))
    assert doc.published == datetime(2019, 1, 4, tzinfo=UTC)


def test_article_json_reads_html_text() -> None:
    page = (EXAMPLES / "html" / "globalvoices-north-korea-journalists.html").read_text(encoding="utf-8")
    doc = article_json.read(json.dumps({"text": page, "title": "North Korea sentences journalists", "outlet": "GV"}))
    assert "<" not in doc.text
    assert "News coming out of Pyongyang is not encouraging." in doc.text
    assert "LOL the script is very helpful." not in doc.text
    assert doc.title == "North Korea sentences journalists"  # the object's metadata beats what the page says
    assert doc.outlet == "GV"
    assert doc.author == "Bhumika Ghimire"  # found in the page, not overridden


@pytest.mark.parametrize(
    ("obj_text", "reason", "message"),
    [
        ('{"text": "Officials said so.",}', "bad_json", "line 1, column 31"),
        ('{"text": "Officials\nsaid so."}', "bad_json", "line 1, column"),
        ("", "bad_json", "line 1, column 1"),
        ('["Officials said so."]', "bad_json", "got a list"),
        ('{"title": "No body"}', "bad_json", "no 'text' key"),
        ('{"text": 42}', "bad_json", "'text' is of type int"),
        ('{"text": "Officials said so.", "published": "last Tuesday"}', "bad_json", "'published'"),
        ('{"text": "Officials said so.", "title": ["a", "b"]}', "bad_json", "'title'"),
        ('{"text": "  \\n "}', "empty", "empty"),
    ],
    ids=[
        "trailing-comma",
        "raw-newline",
        "nothing",
        "array",
        "no-text",
        "text-not-string",
        "bad-date",
        "title-not-string",
        "blank-text",
    ],
)
def test_article_json_rejects_malformed(obj_text: str, reason: str, message: str) -> None:
    with pytest.raises(InputError) as info:
        article_json.read(obj_text)
    assert info.value.reason == reason
    assert message in str(info.value)


def test_article_json_metadata_lenient_drops_bad_values() -> None:
    meta = article_json.metadata({"title": " T ", "url": 3, "published": "soon", "date": "2020-01-01", "x": 1})
    assert meta == {"title": "T"}  # "published" is set (badly), so "date" is not consulted


def test_article_json_with_metadata_recomputes_id_and_title_span() -> None:
    doc = make_document("Headline here\n\nBody text said so.")
    moved = article_json.with_metadata(doc, url="https://example.com/a", title="Body text")
    assert moved.id != doc.id
    assert moved.title == "Body text"
    assert moved.title_span is not None and moved.title_span.start == len("Headline here\n\n")
    assert article_json.with_metadata(moved) is moved
    assert article_json.with_metadata(moved, author="A. Writer").id == moved.id
