"""Frames: who did what to whom, where and when, on short sentences, the seed article and damaged text."""

from __future__ import annotations

import dataclasses
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
from according.types import Argument, Frame, Ledger, TextSpan

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


def _texts(args: tuple[Argument, ...]) -> list[str]:
    return [a.span.text for a in args]


def test_frames_copula_action_is_the_predicate_adjective(nlp_sm: Language) -> None:
    f = _by_lemma(_frames(nlp_sm, "The Iraqi government was aware of the missile transfers."), "be aware")
    assert f.action.text == "aware"
    assert _texts(f.actors) == ["The Iraqi government"] and _texts(f.targets) == ["the missile transfers"]
    assert not any(fr.lemma == "be" for fr in _frames(nlp_sm, "The number of missiles is not high."))


@pytest.mark.parametrize(
    "text",
    [
        "It is not clear why any official would believe that.",
        "It was clear to Iraqi intelligence that the arsenal was not meant to fight militants.",
        "It was difficult for the Iraqi government to stop the groups.",
        "It was thought the weapons would be used by Shiite militias.",
    ],
    ids=["not-clear-why", "clear-that", "difficult-for-to", "passive-thought"],
)
def test_frames_expletive_it_is_never_an_actor(nlp_sm: Language, text: str) -> None:
    found = _frames(nlp_sm, text)
    assert found
    assert not [a for f in found for a in (*f.actors, *f.targets) if a.span.text == "It"]


def test_frames_referential_it_stays_an_actor(nlp_sm: Language) -> None:
    f = _by_lemma(_frames(nlp_sm, "It was difficult, and it sent missiles to Iraq."), "send")
    assert _texts(f.actors) == ["it"]


def test_frames_control_adjective_hands_the_frame_to_its_infinitive(nlp_sm: Language) -> None:
    f = _by_lemma(_frames(nlp_sm, "Reuters was not able to get a comment."), "get")
    assert (f.negated, f.modality, _texts(f.actors), _texts(f.targets)) == (True, "able", ["Reuters"], ["a comment"])


def test_frames_copula_with_a_predicate_noun_makes_it_the_target(nlp_sm: Language) -> None:
    f = _by_lemma(_frames(nlp_sm, "One of them was a warhead production facility."), "be")
    assert _texts(f.targets) == ["a warhead production facility"]


def test_frames_passive_infinitive_subject_is_the_target(nlp_sm: Language) -> None:
    text = "Those facilities appear to be protected by Russian missile batteries."
    f = _by_lemma(_frames(nlp_sm, text), "protect")
    assert _texts(f.actors) == ["Russian missile batteries"] and _texts(f.targets) == ["Those facilities"]


def test_frames_passive_conjunct_subject_is_the_target(nlp_sm: Language) -> None:
    f = _by_lemma(_frames(nlp_sm, "The man was arrested and charged with murder."), "charge")
    assert not f.actors and "The man" in _texts(f.targets)


def test_frames_bare_relative_clause_object_is_the_antecedent(nlp_sm: Language) -> None:
    found = _frames(nlp_sm, "Iran will use the missiles it handed over to Iraqi militias.")
    f = _by_lemma(found, "hand over")
    assert _texts(f.actors) == ["it"] and _texts(f.targets)[0] == "the missiles"
    day = _frames(nlp_sm, "He left on the day she arrived.")
    assert not _by_lemma(day, "arrive").targets, "a time is not the object of a bare relative clause"


def test_frames_coordinated_names_of_one_noun_stay_one_argument(nlp_sm: Language) -> None:
    text = "The Zelzal, Fateh-110 and Zolfaqar missiles in question have ranges of about 200 km."
    f = _by_lemma(_frames(nlp_sm, text), "have")
    assert _texts(f.actors) == ["The Zelzal, Fateh-110 and Zolfaqar missiles in question"]
    g = _by_lemma(_frames(nlp_sm, "Iran, Syria and Hezbollah attacked the base."), "attack")
    assert _texts(g.actors) == ["Iran", "Syria", "Hezbollah"]


def test_frames_arguments_are_tight(nlp_sm: Language) -> None:
    f = _by_lemma(_frames(nlp_sm, "Police arrested the man who stole a car and questioned his brother."), "arrest")
    assert _texts(f.targets) == ["the man"], "no relative clause in the argument"
    g = _by_lemma(_frames(nlp_sm, "Iran sent missiles and drones to Iraq."), "send")
    assert _texts(g.targets) == ["missiles", "drones"], "no leading 'and'"


def test_frames_time_expressions_are_not_actors(nlp_sm: Language) -> None:
    f = _by_lemma(_frames(nlp_sm, "Monday saw armed police in Magnitogorsk."), "see")
    assert "Monday" not in _texts(f.actors) and [t.span.text for t in f.times] == ["Monday"]


def test_frames_event_noun_modifier_is_the_actor(nlp_sm: Language) -> None:
    f = _by_lemma(_frames(nlp_sm, "The plant was shut down after the U.S. invasion of Iraq."), "invasion")
    assert _texts(f.actors) == ["U.S."] and _texts(f.targets) == ["Iraq"]


def test_frames_idiom_object_is_part_of_the_action(nlp_sm: Language) -> None:
    f = _by_lemma(_frames(nlp_sm, "Both explosions took place on Karl Marx Avenue."), "take place")
    assert f.action.text == "took place" and "place" not in _texts(f.targets)


def test_frames_purpose_infinitive_inherits_the_actor(nlp_sm: Language) -> None:
    text = "Iran is placing the weapons in the hands of its proxies to expand its ability."
    assert _texts(_by_lemma(_frames(nlp_sm, text), "expand").actors) == ["Iran"]


def test_frames_infinitive_complement_gets_a_frame_with_the_subject(nlp_sm: Language) -> None:
    text = "He is waiting to rescue the two women."
    f = _by_lemma(_frames(nlp_sm, text), "rescue")
    assert _texts(f.actors) == ["He"] and _texts(f.targets) == ["the two women"]
    assert [q.span.text for q in f.quantities] == ["two"], "the quantity belongs to the rescue, not the wait"


@pytest.mark.parametrize(
    ("text", "lemma", "actor", "target"),
    [
        ("The sources took huge risks by talking to Reuters.", "talk", "The sources", "Reuters"),
        ("He was arrested after stealing a car.", "steal", "He", "a car"),
        ("Iran is not worried about humiliating the Europeans.", "humiliate", "Iran", "the Europeans"),
        ("Police arrested him for driving a stolen car.", "drive", "him", "a stolen car"),
    ],
    ids=lambda x: str(x),
)
def test_frames_gerund_under_a_preposition_gets_a_frame(
    nlp_sm: Language, text: str, lemma: str, actor: str, target: str
) -> None:
    f = _by_lemma(_frames(nlp_sm, text), lemma)
    assert _texts(f.actors) == [actor] and _texts(f.targets) == [target]
    assert not f.negated, "the main clause's negation is not the gerund's"


def test_frames_object_control_verb_hands_its_object_as_actor(nlp_sm: Language) -> None:
    f = _by_lemma(_frames(nlp_sm, "The new rover will allow scientists to study the samples."), "study")
    assert _texts(f.actors) == ["scientists"]


@pytest.mark.parametrize(
    ("headline", "subject"),
    [
        ("North Korea: Two American Journalists Sentenced to Hard Labor", "Two American Journalists"),
        ("Lindsay Lohan Sentenced to 90 Days in Jail", "Lindsay Lohan"),
    ],
    ids=lambda x: str(x),
)
def test_frames_headline_participle_with_subject_is_passive(nlp_sm: Language, headline: str, subject: str) -> None:
    f = _by_lemma(_frames(nlp_sm, headline), "sentence")
    assert _texts(f.actors) == [] and subject in _texts(f.targets)


def test_frames_hyphenated_name_stays_whole(nlp_sm: Language) -> None:
    f = _by_lemma(_frames(nlp_sm, "Kim Jong-il is indeed pushing it to the limit."), "push")
    assert _texts(f.actors) == ["Kim Jong-il"]


@pytest.mark.parametrize(
    "text",
    [
        "Crews might turn off their transponders on purpose.",
        "Crews turn off their transponders for this reason.",
        "The lines differ, for instance, on the Syrian front.",
    ],
    ids=lambda x: str(x),
)
def test_frames_adverbial_phrases_are_not_targets(nlp_sm: Language, text: str) -> None:
    for f in _frames(nlp_sm, text):
        assert not {"purpose", "this reason", "instance"} & set(_texts(f.targets)), f


def test_frames_event_noun_possessor_roles(nlp_sm: Language) -> None:
    release = _by_lemma(_frames(nlp_sm, "Activists called for Laura's release."), "release")
    assert _texts(release.targets) == ["Laura"] and not release.actors, "Laura is released, not releasing"
    death = _by_lemma(_frames(nlp_sm, "The death of Hamza was confirmed by officials."), "death")
    assert _texts(death.actors) == ["Hamza"], "Hamza is the one who died"
    outbreak = _by_lemma(_frames(nlp_sm, "Doctors are fighting Guinea's outbreak."), "outbreak")
    assert _texts(outbreak.places) == ["Guinea"] and not outbreak.actors


@pytest.mark.parametrize(
    ("text", "lemma", "target"),
    [
        (
            "They followed a delegation of Nobel Prize winners who were visiting the country.",
            "follow",
            "a delegation of Nobel Prize winners",
        ),
        (
            "Jezero Crater sits on the western edge of Isidis Planitia, a giant impact basin north of the equator.",
            "sit",
            "the western edge of Isidis Planitia",
        ),
        ("In the current outbreak, two thirds of those known to be infected with Ebola have died.", "die", None),
    ],
    ids=lambda x: str(x),
)
def test_frames_nested_clauses_leave_the_argument(nlp_sm: Language, text: str, lemma: str, target: str | None) -> None:
    f = _by_lemma(_frames(nlp_sm, text), lemma)
    if target is not None:
        assert target in _texts(f.targets)
    else:  # a clause on a pronoun is what the pronoun means: it stays
        assert _texts(f.actors) == ["two thirds of those known to be infected with Ebola"]


@pytest.mark.parametrize(
    ("sentence", "claim"),
    [
        ("Please let us know if you're having issues with commenting.", False),
        ("Click here to subscribe to our newsletter.", False),
        ("Copyright 2018 Reuters. All rights reserved.", False),
        ("Is Iran arming its proxies?", False),
        ("Photo: Reuters", False),
        ("Youmi Kim in Seoul also contributed to the report.", False),
        ("Bryan Lynn adapted this story for Learning English.", False),
        ("I’m Mario Ritter.", False),
        ("Mario Ritter was the editor.", False),
        ("Reporting by Ahmed Rasheed; Editing by Mark Heinrich", False),
        ("Mario Ritter was the editor of the newspaper for ten years.", True),
        ("Iran is arming its proxies.", True),
        ("Iran Arming Shiite Proxies in Iraq", True),
        ("You can see the missiles from the road, officials said.", True),
    ],
    ids=lambda x: str(x),
)
def test_frames_author_statements_are_claims_only(nlp_sm: Language, sentence: str, claim: bool) -> None:
    sdoc = nlp_sm(sentence)
    found = frames.author_statements(sentence, list(sdoc.sents), [])
    assert bool(found) == claim
    for _, span in found:
        assert sentence[span.start : span.end] == span.text


@pytest.fixture(scope="module")
def seed(nlp_sm: Language) -> Ledger:
    doc = read_path(EXAMPLES / "iran-missiles-iraq.txt")
    return analyze_document(dataclasses.replace(doc, published=PUB), nlp=nlp_sm)


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


def test_frames_seed_article_reads_right(seed: Ledger) -> None:
    by_action = {f.action.text: f for f in seed.frames}
    aware = by_action["aware"]
    assert aware.lemma == "be aware" and _texts(aware.targets) == ["the missile transfers"]
    assert not [f for f in seed.frames if f.lemma.startswith("be") and "It" in _texts(f.actors)]
    assert not [f for f in seed.frames if "commenting" in seed.text[f.action.start : f.action.end + 40]]
    assert not any(f.claim_id.startswith("u") and f.lemma in ("let", "know") for f in seed.frames)
    zelzal = [f for f in seed.frames if any(a.span.text.startswith("The Zelzal") for a in f.actors)]
    assert zelzal and all(len(f.actors) == 1 for f in zelzal)
    times = {t.span.text: t.value for f in seed.frames for t in f.times}
    assert times.get("Friday") == "2018-08-31"


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
