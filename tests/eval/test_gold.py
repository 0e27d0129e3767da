"""Reading gold: our JSON format (the real seed file) and PolNeAR's brat standoff (hand-written snippets)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from according.errors import FormatError
from according.eval.gold import GoldDoc, parse_brat, read_any, read_gold_dir, read_polnear

DATA = Path(__file__).parents[3] / "shared/data"
GOLD = DATA / "gold"
SEED = GOLD / "000_37a8d9adcb7311ed.json"


def _slice(text: str, spans: tuple[tuple[int, int], ...]) -> list[str]:
    return [text[s:e] for s, e in spans]


@pytest.mark.data
def test_gold_reads_seed_file_and_spans_slice() -> None:
    if not SEED.exists():
        pytest.skip(f"{SEED} is absent")
    raw = json.loads(SEED.read_text(encoding="utf-8"))
    (doc,) = read_gold_dir(GOLD)
    assert doc.id == "000_37a8d9adcb7311ed"
    assert doc.text == raw["text"]
    assert doc.detailed
    assert len(doc.attributions) == len(raw["attributions"])
    for a, r in zip(doc.attributions, raw["attributions"], strict=True):
        if "content_parts" in r:
            assert _slice(doc.text, a.content) == r["content_parts_text"]
        else:
            assert _slice(doc.text, a.content) == [r["content_text"]]
        if r["source"] is None:
            assert a.source is None
        else:
            assert a.source is not None
            assert _slice(doc.text, a.source) == [r["source_text"]]
        assert a.cue is not None
        assert _slice(doc.text, a.cue) == [r["cue_text"]]
        assert (a.kind, a.source_type, a.anonymous, a.count, a.parent, a.borderline) == (
            r["kind"],
            r["source_type"],
            r["anonymous"],
            r["count"],
            r["parent"],
            r["borderline"],
        )
    assert doc.hedges is not None
    assert [doc.text[s:e] for s, e in doc.hedges] == [h["text"] for h in raw["hedges"]]
    assert doc.opinion == [tuple(s) for s in raw["author_opinion_sentences"]]


@pytest.mark.data
def test_gold_seed_split_content_uses_parts() -> None:
    if not SEED.exists():
        pytest.skip(f"{SEED} is absent")
    doc = next(read_any(SEED))
    believed = next(a for a in doc.attributions if a.cue and doc.text[slice(*a.cue[0])] == "is believed")
    assert _slice(doc.text, believed.content) == [
        "The Israeli military",
        "to have targeted missile production facilities in Syria that were seen as a threat to Israel’s security",
    ]


TEXT = (
    "Mr. Smith said on Monday that taxes\nwill rise. "
    '"It is bad," he added, "and it will get worse."\n'
    "The plan is believed to be dead.\n"
    "Read more here.\n"
)


def _t(tid: str, role: str, *pieces: str) -> str:
    """A brat T line whose offsets point at the first occurrence of each piece."""
    spans = [(TEXT.index(p), TEXT.index(p) + len(p)) for p in pieces]
    offsets = ";".join(f"{s} {e}" for s, e in spans)
    return f"{tid}\t{role} {offsets}\t{' '.join(pieces)}\n"


ANN = (
    _t("T1", "Source", "Mr. Smith")
    + _t("T2", "Cue", "said")
    + _t("T3", "Content", "taxes\nwill rise")  # crosses a newline: the text field runs onto the next line
    + _t("T4", "Attribution", "said")
    + "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
    + "#1\tAnnotatorNotes T3\ta note\n"
    + _t("T5", "Content", '"It is bad,"', '"and it will get worse."')  # discontinuous
    + _t("T6", "Source", "he")
    + _t("T7", "Cue", "added")
    + _t("T8", "Attribution", "added")
    + "E2\tAttribution:T8 Content:T5 Cue:T7 Source:T6\n"
    + _t("T9", "Content", "to be dead")
    + _t("T10", "Cue", "is believed")
    + _t("T11", "Attribution-no-source", "is believed")
    + _t("T12", "Content", "The plan")
    + "E3\tAttribution-no-source:T11 Content:T9 Cue:T10 Content2:T12\n"
    + _t("T13", "Discard", "Read more here.")
)


def test_gold_brat_multiline_discontinuous_and_no_source() -> None:
    first, second, third = parse_brat(ANN)
    assert _slice(TEXT, first.content) == ["taxes\nwill rise"]
    assert first.source is not None and _slice(TEXT, first.source) == ["Mr. Smith"]
    assert first.cue is not None and _slice(TEXT, first.cue) == ["said"]
    assert _slice(TEXT, second.content) == ['"It is bad,"', '"and it will get worse."']
    assert second.source is not None and _slice(TEXT, second.source) == ["he"]
    assert third.source is None
    assert _slice(TEXT, third.content) == ["The plan", "to be dead"]  # Content2 joins, pieces in text order
    assert (third.kind, third.source_type, third.count, third.parent, third.borderline) == (
        None,
        None,
        None,
        None,
        False,
    )


def test_gold_brat_skips_relation_without_content() -> None:
    ann = _t("T1", "Cue", "said") + _t("T2", "Attribution", "said") + "E1\tAttribution:T2 Cue:T1\n"
    assert parse_brat(ann) == ()


def _polnear_split(root: Path) -> Path:
    (root / "text").mkdir(parents=True)
    (root / "attributions").mkdir()
    (root / "text" / "paper_2016-09-01_slug.txt").write_text(TEXT, encoding="utf-8")
    (root / "attributions" / "paper_2016-09-01_slug_0aaa.ann").write_text(ANN, encoding="utf-8")
    (root / "attributions" / "paper_2016-09-01_slug_ffff.ann").write_text("", encoding="utf-8")
    return root


def test_gold_polnear_reads_each_article_once_from_first_annotator(tmp_path: Path) -> None:
    split = _polnear_split(tmp_path / "dev")
    (doc,) = read_polnear(split)
    assert doc.id == "paper_2016-09-01_slug"
    assert doc.text == TEXT
    assert len(doc.attributions) == 3  # from _0aaa.ann, not the empty _ffff.ann
    assert doc.hedges is None
    assert not doc.detailed


def test_gold_read_any_detects_format(tmp_path: Path) -> None:
    split = _polnear_split(tmp_path / "dev")
    assert [d.id for d in read_any(split)] == ["paper_2016-09-01_slug"]
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir()
    record = {"id": "g1", "text": "He said so.", "attributions": [], "hedges": []}
    (gold_dir / "g1.json").write_text(json.dumps(record), encoding="utf-8")
    docs = list(read_any(gold_dir))
    assert docs == [GoldDoc("g1", "He said so.", (), hedges=[], opinion=None, detailed=True)]
    assert list(read_any(gold_dir / "g1.json")) == docs
    with pytest.raises(FormatError):
        read_any(tmp_path / "missing")


def test_gold_bad_json_raises_format_error(tmp_path: Path) -> None:
    (tmp_path / "bad.json").write_text('{"text": "x"}', encoding="utf-8")
    with pytest.raises(FormatError):
        list(read_any(tmp_path))
