"""Frames: who did what to whom, where and when, on short sentences, the seed article and damaged text."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.language import Language

from according.analysis import analyze_document
from according.extract import entities, frames
from according.ingest.read import read_path
from according.ingest.text import make_document
from according.types import Frame, Ledger, TextSpan

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
ARTICLES = sorted(EXAMPLES.glob("*.txt"))
PUB = datetime(2018, 9, 1, tzinfo=UTC)


def _frames(nlp: Language, text: str, published: datetime | None = PUB) -> tuple[Frame, ...]:
    """Frames of `text` taken whole as one author statement."""
    sdoc = nlp(text)
    out = frames.frames(
        sdoc, (), [("u1", TextSpan.of(text, 0, len(text)))], entities.entities(sdoc), published=published
    )
    for f in out:
        for span in f.spans():
            assert text[span.start : span.end] == span.text
    return out


def _by_lemma(found: tuple[Frame, ...], lemma: str) -> Frame:
    match = [f for f in found if f.lemma == lemma]
    assert match, f"no frame {lemma!r} among {[f.lemma for f in found]}"
    return match[0]


def test_frames_coordinated_predicates_each_get_a_frame(nlp_sm: Language) -> None:
    found = _frames(
        nlp_sm,
        "Iran is not only shipping short-range ballistic missiles to its Iraqi allies but teaching them "
        "how to build their own weapons.",
    )
    ship, teach = _by_lemma(found, "ship"), _by_lemma(found, "teach")
    assert [a.span.text for a in ship.actors] == ["Iran"] and [a.span.text for a in teach.actors] == ["Iran"]
    assert "short-range ballistic missiles" in [t.span.text for t in ship.targets]
    assert not ship.negated, "'not only ... but' is not a negation"
    assert [f.id for f in found] == [f"f{i + 1}" for i in range(len(found))]


def test_frames_passive_agent_is_the_actor_and_place_time_attach(nlp_sm: Language) -> None:
    f = _by_lemma(_frames(nlp_sm, "The man was arrested on Friday in Malibu by police officers."), "arrest")
    assert [a.span.text for a in f.actors] == ["police officers"]
    assert [t.span.text for t in f.targets] == ["The man"]
    assert [p.span.text for p in f.places] == ["Malibu"]
    assert [(t.span.text, t.value) for t in f.times] == [("Friday", "2018-08-31")]


@pytest.mark.parametrize(
    ("text", "lemma", "negated", "modality"),
    [
        ("Iran did not send the missiles.", "send", True, None),
        ("Iran never sent the missiles.", "send", True, None),
        ("Iran no longer sends missiles.", "send", True, None),
        ("The government raised no objections.", "raise", True, None),
        ("Iran could send more missiles.", "send", False, "could"),
        ("Iran will send more missiles.", "send", False, "will"),
        ("Iran plans to send more missiles.", "send", False, "plan"),
        ("Iran wants to build factories.", "build", False, "want"),
        ("Iran sent missiles.", "send", False, None),
    ],
    ids=lambda x: str(x),
)
def test_frames_negation_and_modality(
    nlp_sm: Language, text: str, lemma: str, negated: bool, modality: str | None
) -> None:
    f = _by_lemma(_frames(nlp_sm, text), lemma)
    assert (f.negated, f.modality) == (negated, modality)
    assert f.actors and f.actors[0].span.text == ("Iran" if text.startswith("Iran") else "The government")


def test_frames_conjunct_with_own_subject_inherits_nothing(nlp_sm: Language) -> None:
    found = _frames(nlp_sm, "The number is not high, but it can be increased if necessary.")
    f = _by_lemma(found, "increase")
    assert not f.negated and f.modality == "can" and not f.actors


def test_frames_event_noun_for_verbless_claim(nlp_sm: Language) -> None:
    f = _by_lemma(_frames(nlp_sm, "The transfer of missiles to Iraq by Iran."), "transfer")
    assert [a.span.text for a in f.actors] == ["Iran"]
    assert "missiles" in [t.span.text for t in f.targets]
    assert [p.span.text for p in f.places] == ["Iraq"]


def test_frames_relative_clause_actor_is_the_antecedent(nlp_sm: Language) -> None:
    found = _frames(nlp_sm, "Factories are cranking out missiles that could hit Tel Aviv.")
    hit = _by_lemma(found, "hit")
    assert [a.span.text for a in hit.actors] == ["missiles"] and hit.modality == "could"


def test_frames_skip_the_reporting_cue(nlp_sm: Language) -> None:
    ledger = analyze_document(make_document("Police said the man stole a car in Boston on Monday."), nlp=nlp_sm)
    lemmas = [f.lemma for f in ledger.frames]
    assert "steal" in lemmas and "say" not in lemmas


@pytest.fixture(scope="module")
def seed(nlp_sm: Language) -> Ledger:
    doc = read_path(EXAMPLES / "iran-missiles-iraq.txt")
    return analyze_document(doc.__class__(**{**_fields(doc), "published": PUB}), nlp=nlp_sm)


def _fields(obj: object) -> dict[str, object]:
    return {k: getattr(obj, k) for k in obj.__slots__}  # type: ignore[attr-defined]


def test_frames_seed_article_iran_moves_missiles_into_iraq(seed: Ledger) -> None:
    names = {e.id: e.name for e in seed.entities}
    moves = [f for f in seed.frames if f.lemma in ("move", "transfer", "ship")]
    assert moves
    hit = [
        f
        for f in moves
        if any(names.get(a.entity_id or "") == "Iran" for a in f.actors)
        and any("ballistic missiles" in t.span.text for t in f.targets)
        and any(p.span.text == "Iraq" for p in f.places)
    ]
    assert hit, [(f.lemma, f.actors, f.targets, f.places) for f in moves]
    claim_ids = {a.id for a in seed.attributions}
    assert all(f.claim_id in claim_ids or f.claim_id.startswith("u") for f in seed.frames)


def test_frames_seed_article_quantities_and_times(seed: Ledger) -> None:
    quants = {q.span.text: q for f in seed.frames for q in f.quantities}
    assert quants["a couple of dozen"].value == 24 and quants["a couple of dozen"].approximate
    rng = quants["about 200 km to 700 km"]
    assert (rng.low, rng.high, rng.unit) == (200, 700, "km")
    times = {t.span.text: t.value for f in seed.frames for t in f.times}
    assert times.get("the past few months") == "2018-06/2018-09"


def test_frames_arguments_link_to_entities(seed: Ledger) -> None:
    ids = {e.id for e in seed.entities}
    linked = [a for f in seed.frames for a in (*f.actors, *f.targets, *f.places) if a.entity_id]
    assert linked and all(a.entity_id in ids for a in linked)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "The Reuters piece.",
        '"' + "and they said it was and it is " * 60 + '"',
        "Present were " + ", ".join(f"Name{i} Surname{i}" for i in range(60)) + " and Smith.",
        "It happened on Aug. 31 and on the 3rd, twenty-five or 10-15 or between 5 and 7 people, since 2014.",
        "\x00\u200b“”",
        "officials said",
    ],
    ids=["empty", "blank", "verbless", "run-on", "names", "dates-numbers", "control-chars", "cue-only"],
)
def test_frames_bad_input_never_raises(nlp_sm: Language, text: str) -> None:
    _frames(nlp_sm, text)
    _frames(nlp_sm, text, published=None)
    ledger = analyze_document(make_document(text), nlp=nlp_sm)
    for span in ledger.spans():
        assert text[span.start : span.end] == span.text


def test_frames_bad_offsets_in_claims_are_ignored(nlp_sm: Language) -> None:
    text = "Iran sent missiles."
    sdoc = nlp_sm(text)
    out = frames.frames(sdoc, (), [("u1", TextSpan(5, 5, "")), ("u2", TextSpan(0, 19, text))], [], published=None)
    assert [f.claim_id for f in out] == ["u2"]


def test_frames_deterministic(nlp_sm: Language) -> None:
    text = (EXAMPLES / "iran-missiles-iraq.txt").read_text(encoding="utf-8")
    a = analyze_document(make_document(text), nlp=nlp_sm).frames
    b = analyze_document(make_document(text), nlp=nlp_sm).frames
    assert a == b


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(data=st.data())
def test_frames_spans_slice_on_random_slices(nlp_sm: Language, data: st.DataObject) -> None:
    """Every frame span slices exactly on random pieces of the bundled articles."""
    path = data.draw(st.sampled_from(ARTICLES))
    text = path.read_text(encoding="utf-8")
    a = data.draw(st.integers(0, len(text)))
    b = data.draw(st.integers(a, min(len(text), a + 2000)))
    piece = text[a:b]
    ledger = analyze_document(make_document(piece), nlp=nlp_sm)
    for f in ledger.frames:
        for span in f.spans():
            assert 0 <= span.start <= span.end <= len(piece)
            assert piece[span.start : span.end] == span.text
