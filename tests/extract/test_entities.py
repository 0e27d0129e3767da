"""Entities of one article with the real small English pipeline: merges, their reasons, and exact offsets."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.language import Language

from according.extract.entities import acronym, entities, key_of
from according.types import Entity

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
ARTICLES = sorted(EXAMPLES.glob("*.txt"))


def _by_name(ents: tuple[Entity, ...], name: str) -> Entity:
    return next(e for e in ents if e.name == name)


def _owner(ents: tuple[Entity, ...], text: str, start: int) -> Entity | None:
    """The entity with a mention starting at `start`."""
    return next((e for e in ents if any(m.span.start == start for m in e.mentions)), None)


@pytest.fixture(scope="module")
def seed(nlp_sm: Language) -> tuple[str, tuple[Entity, ...]]:
    text = (EXAMPLES / "iran-missiles-iraq.txt").read_text(encoding="utf-8")
    return text, entities(nlp_sm(text))


def test_entities_seed_iran_tehran_iranian_are_one_country(seed: tuple[str, tuple[Entity, ...]]) -> None:
    text, ents = seed
    iran = _by_name(ents, "Iran")
    assert iran.type == "country" and iran.key == "country:IR"
    vias = {(m.span.text, m.via) for m in iran.mentions}
    assert {("Iran", "ner"), ("Iranian", "demonym"), ("Tehran", "capital")} <= vias
    reasons = {m.alias: m.reason for m in iran.merges}
    assert reasons["Tehran"] == "capital of Iran used for its government"
    assert reasons["Iranian"] == "demonym of Iran"
    # "against Tehran" acts as the government; the photo caption's "in the capital Tehran" stays a place
    assert _owner(ents, text, text.index("against Tehran") + len("against ")) is iran
    caption = text.index("capital Tehran") + len("capital ")
    place = _owner(ents, text, caption)
    assert place is not None and place.type == "place" and place.key == "place:tehran"


def test_entities_seed_quds_force_with_and_without_determiner(seed: tuple[str, tuple[Entity, ...]]) -> None:
    text, ents = seed
    quds = [e for e in ents if e.key == "org:quds force"]
    assert len(quds) == 1
    assert {m.span.text for m in quds[0].mentions} == {"Quds Force"}
    assert len(quds[0].mentions) == text.count("Quds Force")
    assert any(m.alias.lower() == "the quds force" and "determiners" in m.reason for m in quds[0].merges)


def test_entities_seed_acronym_given_in_parentheses(seed: tuple[str, tuple[Entity, ...]]) -> None:
    _, ents = seed
    irgc = _by_name(ents, "Islamic Revolutionary Guard Corps")
    assert irgc.type == "organization" and "IRGC" in irgc.aliases
    assert any(m.alias == "IRGC" and m.reason.startswith("acronym given in the text") for m in irgc.merges)
    assert not any(e.key.endswith(":irgc") for e in ents)


def test_entities_seed_pronoun_resolved_to_subject(seed: tuple[str, tuple[Entity, ...]]) -> None:
    text, ents = seed
    at = text.index("in the hands of its Shiite") + len("in the hands of ")
    owner = _owner(ents, text, at)
    assert owner is not None and owner.name == "Iran"
    assert any(m.alias == "its" and m.reason.startswith("pronoun 'its' resolved") for m in owner.merges)
    # "The number of missiles is not high ... but it can be increased": "it" is the number, not Iran
    assert _owner(ents, text, text.index("it can be increased")) is None


def test_entities_seed_ids_order_and_skipped_labels(seed: tuple[str, tuple[Entity, ...]]) -> None:
    text, ents = seed
    assert [e.id for e in ents] == [f"e{i + 1}" for i in range(len(ents))]
    firsts = [e.mentions[0].span.start for e in ents]
    assert firsts == sorted(firsts)
    for e in ents:
        assert [m.span.start for m in e.mentions] == sorted(m.span.start for m in e.mentions)
        assert e.name not in e.aliases
        for m in e.mentions:
            assert text[m.span.start : m.span.end] == m.span.text
            assert m.label not in ("DATE", "CARDINAL", "QUANTITY", "TIME", "MONEY", "PERCENT", "ORDINAL")


@pytest.mark.parametrize(
    ("text", "alias", "full", "reason_start"),
    [
        (
            "Qasem Soleimani commands the Quds Force. Soleimani met the militia leaders on Friday.",
            "Soleimani",
            "Qasem Soleimani",
            "surname 'Soleimani' of Qasem Soleimani",
        ),
        (
            "The North Atlantic Treaty Organization met in Brussels on Monday. NATO said it would respond.",
            "NATO",
            "North Atlantic Treaty Organization",
            "initials of North Atlantic Treaty Organization",
        ),
        (
            "The International Atomic Energy Agency (IAEA) sent inspectors. The IAEA said the site was closed.",
            "IAEA",
            "International Atomic Energy Agency",
            "acronym given in the text",
        ),
    ],
    ids=["surname", "initials", "acronym-in-parentheses"],
)
def test_entities_name_merges_record_reasons(
    nlp_sm: Language, text: str, alias: str, full: str, reason_start: str
) -> None:
    ents = entities(nlp_sm(text))
    e = _by_name(ents, full)
    assert any(m.span.text == alias for m in e.mentions)
    assert any(m.alias == alias and m.reason.startswith(reason_start) for m in e.merges)


def test_entities_two_smiths_keep_the_bare_surname_apart(nlp_sm: Language) -> None:
    text = "John Smith runs the bakery. Adam Smith runs the bank. Smith said prices would rise."
    ents = entities(nlp_sm(text))
    people = {e.key: e for e in ents if e.type == "person"}
    assert {"person:john smith", "person:adam smith"} <= set(people)
    for key in ("person:john smith", "person:adam smith"):
        assert [m.span.text for m in people[key].mentions if m.via != "pronoun"] == [people[key].name]
        assert not any(m.alias == "Smith" for m in people[key].merges)


def test_entities_demonym_and_capital_only_as_government(nlp_sm: Language) -> None:
    text = "Moscow said on Monday that Russian troops would stay. Tourists flew to Moscow for the festival."
    ents = entities(nlp_sm(text))
    russia = next(e for e in ents if e.key == "country:RU")
    assert russia.name == "Russia"  # named only by capital and demonym: the gazetteer gives the name
    assert {m.via for m in russia.mentions} == {"capital", "demonym"}
    second = text.rindex("Moscow")
    place = _owner(ents, text, second)
    assert place is not None and place.key == "place:moscow"


def test_entities_person_pronoun_and_unambiguous_description(nlp_sm: Language) -> None:
    text = (
        "Hezbollah fired rockets into Israel on Monday. The group said the strikes were a warning. "
        "Angela Merkel visited Paris. She said her talks went well."
    )
    ents = entities(nlp_sm(text))
    hez = next(e for e in ents if e.name == "Hezbollah")
    assert any(m.via == "description" and m.span.text == "The group" for m in hez.mentions)
    assert any(m.reason.startswith("description 'The group' resolved to the only organisation") for m in hez.merges)
    merkel = _by_name(ents, "Angela Merkel")
    assert {m.span.text for m in merkel.mentions if m.via == "pronoun"} == {"She", "her"}


def test_entities_ambiguous_description_stays_unresolved(nlp_sm: Language) -> None:
    text = "Hamas and Hezbollah fired rockets on Monday. The group said the strikes were a warning."
    ents = entities(nlp_sm(text))
    assert not any(m.via == "description" for e in ents for m in e.mentions)


@pytest.mark.parametrize(
    ("text", "phrase", "name", "reason_start"),
    [
        (
            "Lindsay Lohan was arrested in Los Angeles on Friday. The troubled actress was taken to jail.",
            "The troubled actress",
            "Lindsay Lohan",
            "description 'The troubled actress' resolved to the only person",
        ),
        (
            "Lindsay Lohan was arrested on Friday. Police said the 26-year-old had skipped a hearing.",
            "the 26-year-old",
            "Lindsay Lohan",
            "description 'the 26-year-old' resolved to the only person",
        ),
        (
            "Apple sued Samsung in a court in San Jose on Monday. The company wants a ban on sales of the phones.",
            "The company",
            "Apple",
            "description 'The company' resolved to the most salient organisation",
        ),
        (
            "Lindsay Lohan, the actress, checked into rehab on Friday.",
            "the actress",
            "Lindsay Lohan",
            "description 'the actress' in apposition to Lindsay Lohan",
        ),
        (
            "Oscar-winning actress Halle Berry attended the gala in Paris.",
            "actress",
            "Halle Berry",
            "'actress' written before the name Halle Berry",
        ),
        (
            "Fighters entered the city of Mosul on Sunday.",
            "the city",
            "Mosul",
            "description 'the city' names Mosul in its 'of' phrase",
        ),
    ],
    ids=["modified-role", "year-old", "organisation", "apposition", "title", "of-name"],
)
def test_entities_description_resolves_role_nouns(
    nlp_sm: Language, text: str, phrase: str, name: str, reason_start: str
) -> None:
    ents = entities(nlp_sm(text))
    e = _by_name(ents, name)
    assert any(m.via == "description" and m.span.text == phrase for m in e.mentions)
    assert any(m.alias == phrase and m.reason.startswith(reason_start) for m in e.merges)
    for m in e.mentions:
        assert text[m.span.start : m.span.end] == m.span.text


@pytest.mark.parametrize(
    "text",
    [
        "Tom Cruise and Brad Pitt arrived in Cannes on Friday. The actor waved to the crowd.",
        "Lindsay Lohan was arrested on Friday. An actress was taken to jail.",
        "Lindsay Lohan was arrested on Friday. The actresses were taken to jail.",
        "Lindsay Lohan was arrested on Friday. Her lawyer spoke to reporters.",
        "Police arrested a suspect in Boston. Sheriff John Smith said the suspect was armed.",
        "Lindsay Lohan said the actress would appeal.",
        "Angela Merkel met reporters in Berlin. She said the actor was wrong.",
    ],
    ids=["two-equal-candidates", "indefinite", "plural", "possessive", "introduced-unnamed", "own-subject", "gender"],
)
def test_entities_description_stays_unresolved_when_unsure(nlp_sm: Language, text: str) -> None:
    ents = entities(nlp_sm(text))
    assert [m.span.text for e in ents for m in e.mentions if m.via == "description"] == []


def test_entities_keys_and_initials() -> None:
    assert key_of("The Quds Force's", "organization") == "org:quds force"
    assert key_of("President Donald Trump", "person") == "person:donald trump"
    assert key_of("Shiites", "group") == "group:shia"
    assert key_of("Acme Corp.", "organization") == "org:acme"
    assert acronym("Islamic Revolutionary Guard Corps") == ("IRGC", "IRGC")
    assert acronym("Bank of England")[1] == "BE"


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_entities_every_mention_slices_exactly(nlp_sm: Language, data: st.DataObject) -> None:
    """Pieces of real articles, cut anywhere and sprinkled with stray marks: every mention slices to its text."""
    path = data.draw(st.sampled_from(ARTICLES))
    text = path.read_text(encoding="utf-8")
    a = data.draw(st.integers(0, len(text)))
    b = data.draw(st.integers(a, min(len(text), a + 2500)))
    piece = text[a:b]
    pos = data.draw(st.integers(0, len(piece)))
    marks = ["(", " (IRGC) ", "’s", "\u00a0The ", "\n\n", "it ", "the group ", "the 26-year-old ", "the actress, "]
    mark = data.draw(st.sampled_from(marks))
    piece = piece[:pos] + mark + piece[pos:]
    ents = entities(nlp_sm(piece))
    keys = [e.key for e in ents]
    assert len(keys) == len(set(keys)) or all(e.type != "country" for e in ents if keys.count(e.key) > 1)
    for e in ents:
        assert e.mentions
        for m in e.mentions:
            assert 0 <= m.span.start < m.span.end <= len(piece)
            assert piece[m.span.start : m.span.end] == m.span.text
