"""Offsets are sacred: for any text, every reported span lies inside it and slices to its reported string."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.language import Language

from according.analysis import analyze_document
from according.ingest.text import make_document
from according.types import Ledger

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
ARTICLES = sorted(EXAMPLES.glob("*.txt"))


def _check(ledger: Ledger) -> None:
    text = ledger.text
    for span in ledger.spans():
        assert 0 <= span.start <= span.end <= len(text)
        assert text[span.start : span.end] == span.text
    for a in ledger.attributions:
        for p in a.content_parts:
            assert a.content.start <= p.start <= p.end <= a.content.end


# pieces that stress the extractor: quote marks of every kind, reporting words, blank lines
_PIECES = st.sampled_from(
    [
        "“",
        "”",
        '"',
        "''",
        "‘",
        "’",
        "'",
        " said ",
        " according to ",
        ", he said.",
        " is said to ",
        "\n\n",
        "\n",
        ":",
        " officials ",
        " Reuters ",
        " alleged ",
        "three sources",
        " denied that ",
        ". ",
        "\u200b",
        "\x00",
        "\t",
        "é",
        "😀",
    ]
)
_TEXTS = st.lists(st.one_of(st.text(max_size=30), _PIECES), max_size=40).map("".join)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(text=_TEXTS)
def test_offsets_any_text_never_raises_and_slices(nlp_sm: Language, text: str) -> None:
    _check(analyze_document(make_document(text), nlp=nlp_sm))


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(data=st.data())
def test_offsets_real_articles_with_damage(nlp_sm: Language, data: st.DataObject) -> None:
    """Real articles cut at random points and sprinkled with stray marks still give exact offsets."""
    path = data.draw(st.sampled_from(ARTICLES))
    text = path.read_text(encoding="utf-8")
    a = data.draw(st.integers(0, len(text)))
    b = data.draw(st.integers(a, min(len(text), a + 3000)))
    piece = text[a:b]
    pos = data.draw(st.integers(0, len(piece)))
    mark = data.draw(st.sampled_from(["“", "”", '"', "''", "\n\n"]))
    _check(analyze_document(make_document(piece[:pos] + mark + piece[pos:]), nlp=nlp_sm))


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.stem)
def test_offsets_bundled_articles(nlp_sm: Language, path: Path) -> None:
    ledger = analyze_document(make_document(path.read_text(encoding="utf-8")), nlp=nlp_sm)
    assert ledger.attributions, "every bundled article has attributions"
    _check(ledger)
