"""Tests for according.ingest.feed on the bundled NASA RSS snapshot and small hand-written feeds."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from according.ingest.feed import count_feed, iter_feed
from according.types import Document, Skipped

RSS = Path(__file__).resolve().parents[2] / "examples" / "ingest" / "nasa-breaking-news-2022-01.rss"


def test_feed_reads_every_nasa_item() -> None:
    docs = list(iter_feed(RSS))
    assert len(docs) == 10 == count_feed(RSS)
    assert all(isinstance(d, Document) for d in docs)
    first = docs[0]
    assert isinstance(first, Document)
    assert first.title == "NASA’s Webb Telescope Reaches Major Milestone as Mirror Unfolds"
    assert first.text.startswith(first.title + "\n\nNASA’s James Webb Space Telescope team fully deployed")
    assert (
        first.url == "http://www.nasa.gov/press-release/nasa-s-webb-telescope-reaches-major-milestone-as-mirror-unfolds"
    )
    assert first.outlet == "NASA Breaking News"
    assert first.published == datetime(2022, 1, 8, 17, 16, tzinfo=UTC)  # "Sat, 08 Jan 2022 12:16 EST"
    titles = [d.title for d in docs if isinstance(d, Document)]
    assert "NASA's Webb Telescope Launches to See First Galaxies, Distant Worlds" in titles  # &#039; decoded


def test_feed_atom_html_content_goes_through_the_html_reader(tmp_path: Path) -> None:
    path = tmp_path / "f.atom"
    path.write_text(
        """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Daily</title>
<entry><title>Dam holds</title><link href="https://d.example/dam"/><updated>2024-03-02T08:00:00Z</updated>
<author><name>R. Porter</name></author>
<content type="html">&lt;p&gt;Engineers said the dam &lt;b&gt;would hold&lt;/b&gt;.&lt;/p&gt;
&lt;p&gt;“It is safe,” the mayor said.&lt;/p&gt;</content>
</entry>
<entry><title>Empty</title><link href="https://d.example/empty"/></entry>
</feed>""",
        encoding="utf-8",
    )
    doc, empty = list(iter_feed(path))
    assert isinstance(doc, Document)
    assert doc.text == "Dam holds\n\nEngineers said the dam would hold.\n\n“It is safe,” the mayor said."
    assert doc.author == "R. Porter" and doc.url == "https://d.example/dam" and doc.outlet == "Daily"
    assert isinstance(empty, Skipped) and empty.reason == "empty" and empty.source == f"{path}#2"


def test_feed_not_a_feed_is_one_skipped(tmp_path: Path) -> None:
    path = tmp_path / "junk.xml"
    path.write_text("<notes><note>hello</note", encoding="utf-8")
    (item,) = list(iter_feed(path))
    assert isinstance(item, Skipped) and item.reason == "unreadable"
