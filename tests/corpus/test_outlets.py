"""Tests for according.corpus.outlets on a tiny corpus of real example texts ingested through the real pipeline."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from according.corpus.outlets import outlet_profiles
from according.ingest.corpus import ingest
from according.store import open_store

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
TEXTS = [
    "wikinews-hamza-bin-laden",
    "wikinews-ebola-treatments",
    "wikinews-magnitogorsk-collapse",
    "nasa-perseverance-landing",
]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory, nlp_sm: Language) -> str:
    db = str(tmp_path_factory.mktemp("outlets") / "news.db")
    store = open_store(db)
    report = ingest([EXAMPLES / f"{n}.txt" for n in TEXTS], store, nlp=nlp_sm)
    assert report.saved == len(TEXTS) and not report.errors
    store.close()
    return db


def test_outlets_profile_sums_the_ledgers(corpus: str) -> None:
    store = open_store(corpus)
    ledgers = [store.get_ledger(i) for i in store.iter_doc_ids()]
    profiles = {(p.outlet, p.period): p for p in outlet_profiles(store, period="all")}
    assert set(profiles) == {("Wikinews", "all"), ("NASA (press release)", "all")}
    wiki = [x for x in ledgers if x.document.outlet == "Wikinews"]
    p = profiles[("Wikinews", "all")]
    attributions = [a for x in wiki for a in x.attributions]
    anonymous = [a for x in wiki for a in x.attributions if (s := x.source(a.source_id)) is not None and s.anonymous]
    quotes = [a for a in attributions if a.kind in ("direct", "mixed")]
    assert p.articles == 3
    assert p.attributions == len(attributions) > 0
    assert p.anonymous_share == pytest.approx(len(anonymous) / len(attributions))
    assert p.anonymous_share > 0  # Znak.com's "FSB sources" and "an anonymous source"
    assert p.quotes_per_article == pytest.approx(len(quotes) / 3)
    assert sum(p.kinds.values()) == len(attributions)
    opinions = sum(len(x.opinion_sentences) for x in wiki)
    assert p.opinion_share == pytest.approx(opinions / sum(x.sentences for x in wiki))
    nasa = profiles[("NASA (press release)", "all")]
    (release,) = [x for x in ledgers if x.document.outlet == "NASA (press release)"]
    assert nasa.articles == 1
    assert nasa.quotes_per_article == sum(a.kind in ("direct", "mixed") for a in release.attributions) > 0
    store.close()


def test_outlets_group_by_month(corpus: str) -> None:
    store = open_store(corpus)
    periods = [(p.outlet, p.period, p.articles) for p in outlet_profiles(store, period="month")]
    store.close()
    assert periods == [
        ("NASA (press release)", "2021-02", 1),
        ("Wikinews", "2019-01", 1),
        ("Wikinews", "2019-08", 1),
        ("Wikinews", "2019-09", 1),
    ]
