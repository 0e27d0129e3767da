"""Ledgers for the renderer tests: hand-built ones (nested spans, hostile text) and the analysed seed."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from spacy.language import Language

from according.analysis import analyze_document
from according.ingest.read import read_path
from according.types import Attribution, Document, Framing, Hedge, Ledger, Source, TextSpan

SEED = Path(__file__).resolve().parents[2] / "examples" / "iran-missiles-iraq.txt"

REPORT = (
    "A report published by Reuters revealed that Iran is moving missiles. "
    '"The logic was to have a backup plan," one of the Iranian officials explained. '
    "Naturally, the scheme is alleged."
)
NESTED = (
    'Reuters reported that two officials said "the shipment was allegedly delayed" on Monday.\n\n'
    "It clearly was not the first time."
)
HOSTILE = (
    'The minister said <script>alert(1)</script> was "fine" & " onmouseover="alert(2)" | ok\n[bold red]really[/].\n\n'
    "</textarea><!-- <script> --> It is, according to the ministry."
)


def at(text: str, sub: str, start: int = 0) -> TextSpan:
    """The span of the first `sub` in `text` at or after `start`."""
    i = text.index(sub, start)
    return TextSpan.of(text, i, i + len(sub))


def document(text: str, **meta: Any) -> Document:
    sha = hashlib.sha256(text.encode()).hexdigest()
    return Document(id=sha, text=text, sha256=sha, **meta)


def source(sid: str, stype: Any, name: str, mention: TextSpan, **extra: Any) -> Source:
    fields: dict[str, Any] = {
        "anonymous": False,
        "count": None,
        "count_phrase": None,
        "affiliation": None,
        "role": None,
    }
    fields.update(extra)
    return Source(id=sid, type=stype, name=name, mentions=(mention,), **fields)


def attribution(aid: str, content: TextSpan, **extra: Any) -> Attribution:
    fields: dict[str, Any] = {
        "kind": "indirect",
        "stance": "neutral",
        "certainty": "asserted",
        "cue": None,
        "source_mention": None,
        "source_id": None,
        "parent": None,
        "confidence": 0.9,
    }
    fields.update(extra)
    return Attribution(id=aid, content=content, **fields)


@pytest.fixture
def ledger() -> Ledger:
    """Reuters reports; an Iranian official, quoted inside that report, explains; the author hedges."""
    t = REPORT
    reuters = source("s1", "media_outlet", "Reuters", at(t, "Reuters"))
    officials = source(
        "s2",
        "anonymous_group",
        "Iranian officials",
        at(t, "one of the Iranian officials"),
        anonymous=True,
        count=1,
        count_phrase="one",
        affiliation="Iran",
    )
    a1 = attribution(
        "a1", at(t, "Iran is moving missiles"), cue=at(t, "revealed"), source_mention=at(t, "Reuters"), source_id="s1"
    )
    a2 = attribution(
        "a2",
        at(t, "The logic was to have a backup plan,"),
        kind="direct",
        cue=at(t, "explained"),
        source_mention=at(t, "one of the Iranian officials"),
        source_id="s2",
        parent="a1",
    )
    return Ledger(
        document=document(
            t,
            title="Iran moves missiles",
            outlet="Example News",
            author="Jane Doe",
            url="https://example.com/iran-missiles",
            published=datetime(2024, 5, 1, 9, 30, tzinfo=UTC),
        ),
        sources=(reuters, officials),
        attributions=(a2, a1),  # out of text order on purpose: renderers sort
        hedges=(Hedge("h1", at(t, "Naturally"), "booster"), Hedge("h2", at(t, "alleged"), "hedge")),
        opinion_sentences=(at(t, "Naturally, the scheme is alleged."),),
        entities=(),
        framing=(
            Framing(at(t, 'moving missiles. "The logic'), "Loaded_Language", 0.81),
            Framing(at(t, "backup plan"), "Name_Calling,Labeling", 0.42),
        ),
        profile={
            "attributions": 2,
            "framing_by_technique": {"Loaded_Language": 1, "Name_Calling,Labeling": 1},
            "anonymous_share": 0.5,
            "nesting_depth": 2,
            "kinds": {"direct": 1, "indirect": 1},
            "source_types": {"media_outlet": 1, "anonymous_group": 1},
        },
        sentences=3,
        model="en_core_web_sm",
    )


@pytest.fixture
def nested_ledger() -> Ledger:
    """A quote inside a report, a hedge inside the quote, and spans that overlap without nesting."""
    t = NESTED
    a1 = attribution(
        "a1",
        at(t, 'two officials said "the shipment was allegedly delayed" on Monday'),
        cue=at(t, "reported"),
        source_mention=at(t, "Reuters"),
        source_id="s1",
    )
    a2 = attribution(
        "a2",
        at(t, "the shipment was allegedly delayed"),
        kind="direct",
        certainty="hedged",
        cue=at(t, "said"),
        source_mention=at(t, "two officials"),
        source_id="s2",
        parent="a1",
        hedge_ids=("h1",),
    )
    # Crosses the ends of a1 and a2 and a paragraph break: bad extraction, still well-formed markup.
    a3 = attribution("a3", at(t, 'delayed" on Monday.\n\nIt clearly'), kind="other", stance="distancing")
    return Ledger(
        document=document(t, title=None),
        sources=(
            source("s1", "media_outlet", "Reuters", at(t, "Reuters")),
            source("s2", "anonymous_group", "two officials", at(t, "two officials"), anonymous=True, count=2),
        ),
        attributions=(a1, a2, a3),
        hedges=(
            Hedge("h1", at(t, "allegedly"), "hedge"),
            Hedge("h2", at(t, 'delayed" on'), "hedge"),
            Hedge("h3", at(t, "clearly"), "booster"),
        ),
        opinion_sentences=(at(t, "It clearly was not the first time."),),
        entities=(),
        framing=(
            Framing(at(t, 'allegedly delayed" on Monday.\n\nIt'), "Doubt", 0.5),
            Framing(at(t, "on Monday.\n\nIt clearly was not"), "Exaggeration,Minimisation", 0.3),
            Framing(at(t, "Monday"), "Repetition", 0.2),
        ),
        profile={},
    )


@pytest.fixture
def hostile_ledger() -> Ledger:
    """Markup, attribute-breaking quotes, Rich markup and table pipes in every field an article controls."""
    t = HOSTILE
    name = '" onmouseover="alert(3)'
    return Ledger(
        document=document(
            t, title="<img src=x onerror=alert(4)>", outlet="A & B </title>", author='"><script>alert(5)</script>'
        ),
        sources=(
            source("s1", "named_person", name, at(t, "The minister"), affiliation="<b>gov</b>"),
            source("s2", "named_organization", "the [i]ministry[/i]", at(t, "the ministry")),
        ),
        attributions=(
            attribution(
                "a1",
                at(t, "<script>alert(1)</script> was"),
                cue=at(t, "said"),
                source_mention=at(t, "The minister"),
                source_id="s1",
            ),
            attribution(
                "a2",
                at(t, '"fine" & " onmouseover="alert(2)" | ok\n[bold red]really[/]'),
                kind="mixed",
                source_id="s1",
                parent="a1",
            ),
            attribution(
                "a3",
                at(t, "</textarea><!-- <script> --> It is"),
                kind="according_to",
                cue=at(t, "according to"),
                source_mention=at(t, "the ministry"),
                source_id="s2",
            ),
        ),
        hedges=(),
        opinion_sentences=(),
        entities=(),
        framing=(
            Framing(at(t, '<script>alert(1)</script> was "fine"'), '"><script>alert(6)</script>', 0.9),
            Framing(at(t, "</textarea><!-- <script> -->"), "Flag-Waving", 0.25),
        ),
        profile={"<key>": "<value>", "weird": [1, None], "by": {"<i>x</i>": 2}},
        warnings=("<script>warn</script>",),
    )


@pytest.fixture(params=["ledger", "nested_ledger", "hostile_ledger"])
def any_ledger(request: pytest.FixtureRequest) -> Ledger:
    """Each hand-built ledger in turn."""
    value: Ledger = request.getfixturevalue(request.param)
    return value


@pytest.fixture(scope="session")
def seed_ledger(nlp_sm: Language) -> Ledger:
    """The bundled seed article through the real pipeline: frames, entities and evidence grades included."""
    return analyze_document(read_path(SEED), nlp=nlp_sm)
