"""analyze(): inputs of every kind, chunked parsing of long texts, bad input as clear errors."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from spacy.language import Language

import according
from according import analysis
from according.config import Settings
from according.errors import InputError
from according.ingest.text import make_document
from according.types import Ledger

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
SEED = (EXAMPLES / "iran-missiles-iraq.txt").read_text(encoding="utf-8")


def test_analysis_plain_text_with_metadata(nlp_sm: Language) -> None:
    ledger = according.analyze(SEED, outlet="Example", url="https://example.org/a", nlp=nlp_sm)
    assert ledger.document.outlet == "Example" and ledger.document.url == "https://example.org/a"
    assert ledger.document.title == "Report: Iran Arming Shiite Proxies in Iraq with Ballistic Missiles"
    assert ledger.profile["attributions"] == len(ledger.attributions) > 10


def test_analysis_html_input_drops_comments(nlp_sm: Language) -> None:
    html = (EXAMPLES / "html" / "globalvoices-north-korea-journalists.html").read_bytes()
    ledger = according.analyze(html, nlp=nlp_sm)
    assert "Laura Ling" in ledger.text
    assert ledger.attributions


def test_analysis_json_input(nlp_sm: Language) -> None:
    obj = '{"text": "Officials said the plan was ready for the winter.", "outlet": "Wire", "published": "2018-08-31"}'
    ledger = according.analyze(obj, nlp=nlp_sm)
    assert ledger.document.outlet == "Wire" and ledger.document.published is not None
    assert ledger.attributions[0].source_mention is not None


@pytest.mark.parametrize(
    "bad", ["", "   \n\t ", b"\x89PNG\r\n\x1a\n\x00\x00\x00"], ids=["empty", "whitespace", "binary"]
)
def test_analysis_bad_input_is_a_clear_error(nlp_sm: Language, bad: str | bytes) -> None:
    with pytest.raises(InputError) as info:
        according.analyze(bad, nlp=nlp_sm)
    assert info.value.reason in {"empty", "binary"}


def test_analysis_html_without_body_is_a_clear_error(nlp_sm: Language) -> None:
    with pytest.raises(InputError) as info:
        according.analyze("<html><body><nav>menu</nav></body></html>", nlp=nlp_sm)
    assert info.value.reason == "no_article_body"


def test_analysis_unbalanced_quotes_give_partial_result(nlp_sm: Language) -> None:
    text = "A stray ” mark. “We will win,” the minister said. And an “unclosed one.\n\nOfficials said it was over."
    ledger = according.analyze(text, nlp=nlp_sm)
    assert any(w.startswith("unbalanced_quotes") for w in ledger.warnings)
    cues = [a.cue.text for a in ledger.attributions if a.cue]
    assert cues.count("said") == 2


def test_analysis_long_text_is_chunked_with_true_offsets(nlp_sm: Language, monkeypatch: pytest.MonkeyPatch) -> None:
    """A text longer than the chunk size is parsed in pieces; offsets still index the whole text."""
    small = replace(Settings(), chunk_chars=2_000)
    monkeypatch.setattr(analysis.Settings, "from_env", classmethod(lambda cls, **kw: small))
    text = "\n\n".join([SEED] * 3)
    ledger = analysis.analyze_document(make_document(text), nlp=nlp_sm)
    one = analysis.analyze_document(make_document(SEED), nlp=nlp_sm)
    assert len(ledger.attributions) >= 3 * len(one.attributions) - 6
    for span in ledger.spans():
        assert text[span.start : span.end] == span.text
    last = max(a.content.start for a in ledger.attributions)
    assert last > 2 * len(SEED)


def test_analysis_chunks_split_at_paragraphs() -> None:
    text = ("word " * 50 + "\n\n") * 10
    pieces = analysis._chunks(text, 600)
    assert "".join(pieces) == text
    assert all(len(p) <= 600 for p in pieces)
    assert all(p.endswith("\n\n") for p in pieces[:-1])


def test_analysis_many_keeps_order_and_roundtrips(nlp_sm: Language) -> None:
    docs = [make_document(p.read_text(encoding="utf-8")) for p in sorted(EXAMPLES.glob("*.txt"))]
    ledgers = list(according.analyze_many(docs, nlp=nlp_sm, batch_size=2))
    assert [lg.document.id for lg in ledgers] == [d.id for d in docs]
    for lg in ledgers:
        assert Ledger.from_dict(lg.to_dict()) == lg


def test_analysis_many_with_two_processes_matches_one(nlp_sm: Language) -> None:
    docs = [make_document(p.read_text(encoding="utf-8")) for p in sorted(EXAMPLES.glob("*.txt"))[:4]]
    one = [lg.to_dict() for lg in according.analyze_many(docs, nlp=nlp_sm, batch_size=2)]
    two = [lg.to_dict() for lg in according.analyze_many(iter(docs), nlp=nlp_sm, batch_size=2, n_process=2)]
    assert one == two
