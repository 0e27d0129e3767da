"""Quotation-mark pairing: curly and straight marks, run-on paragraphs, quotes in quotes, stray marks."""

from __future__ import annotations

import pytest

from according.extract.quotes import quotations


def _texts(text: str) -> list[str]:
    qs, _ = quotations(text)
    return [" | ".join(text[s:e] for s, e in q.parts) for q in qs if q.depth == 0]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He said “we will win,” and left.", ["we will win"]),
        ('He said "we will win," and left.', ["we will win"]),
        ("He said ''we will win,'' and left.", ["we will win"]),
        ("“A,” she said, “and B.”", ["A", "and B."]),
        (
            "“First paragraph goes on.\n\n“Second paragraph ends,” he said.",
            ["First paragraph goes on. | Second paragraph ends"],
        ),
    ],
    ids=["curly", "straight", "double-apostrophe", "split-around-verb", "run-on-paragraph"],
)
def test_quotes_pairs_marks(text: str, expected: list[str]) -> None:
    assert _texts(text) == expected


def test_quotes_nested_single_quote_inside_double() -> None:
    text = "“He told me ‘we are leaving now’ and went,” she said."
    qs, _ = quotations(text)
    inner = [q for q in qs if q.depth == 1]
    assert [text[s:e] for s, e in inner[0].parts] == ["we are leaving now"]


def test_quotes_apostrophes_are_not_quotes() -> None:
    text = "“It’s the people’s choice,” he said. Don't worry."
    assert _texts(text) == ["It’s the people’s choice"]


def test_quotes_stray_mark_does_not_lose_the_rest() -> None:
    text = "A stray ” mark here. Then “a real quote,” she said."
    _, stray = quotations(text)
    assert _texts(text) == ["a real quote"]
    assert stray == [8]


def test_quotes_unclosed_paragraph_is_closed_at_its_end() -> None:
    text = "He said “this never closes\n\nNext paragraph."
    qs, stray = quotations(text)
    assert [text[s:e] for s, e in qs[0].parts] == ["this never closes"]
    assert not qs[0].closed
    assert stray


def test_quotes_curly_mark_typed_the_wrong_way_round() -> None:
    text = "”Mr. Trump embodies the legacy of racism.” ― Sonya Herridge"
    assert _texts(text) == ["Mr. Trump embodies the legacy of racism."]
