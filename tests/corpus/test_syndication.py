"""Tests for according.corpus.syndication: near-duplicate articles, the earliest taken as the original."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from according.corpus.syndication import Article, syndication_groups

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
T0 = datetime(2019, 1, 4, tzinfo=UTC)


def _text(name: str) -> str:
    return (EXAMPLES / f"{name}.txt").read_text(encoding="utf-8")


def test_syndication_groups_copies_and_picks_the_earliest() -> None:
    story = _text("wikinews-magnitogorsk-collapse")
    paras = story.split("\n\n")
    reprint = "\n\n".join(["BREAKING: " + paras[0], *paras[1:-1], "Republished under CC BY 2.5 from Wikinews."])
    articles = [
        Article("copy", reprint, T0 + timedelta(hours=6), order=0),  # ingested first, published later
        Article("other", _text("wikinews-namse-bangdzod-ship"), T0, order=1),
        Article("original", story, T0, order=2),
        Article("undated-copy", story.replace("Magnitogorsk", "Magnitogorsk, Russia", 1), None, order=3),
    ]
    (group,) = syndication_groups(articles)
    assert group.original == "original"
    assert group.doc_ids == ("original", "copy", "undated-copy")  # undated last: no date is no evidence of first
    for member in group.members[1:]:
        assert member.matched_doc_id is not None and member.score is not None and member.score >= 0.5


def test_syndication_leaves_distinct_articles_and_short_texts_alone() -> None:
    articles = [Article(p.stem, p.read_text(encoding="utf-8")) for p in sorted(EXAMPLES.glob("*.txt"))]
    articles += [
        Article("short-1", "Officials said the road will reopen."),
        Article("short-2", "Officials said the road will reopen."),
    ]
    assert syndication_groups(articles) == []
