"""Attribution rules on single sentences with the real small model: (source, cue, content) per kind."""

from __future__ import annotations

import pytest
from spacy.language import Language

from according.analysis import analyze_document
from according.ingest.text import make_document
from according.types import Ledger


def _ledger(nlp: Language, text: str) -> Ledger:
    return analyze_document(make_document(text, title="x"), nlp=nlp)


def _triples(ledger: Ledger) -> list[tuple[str | None, str | None, str, str]]:
    return [
        (a.source_mention.text if a.source_mention else None, a.cue.text if a.cue else None, a.content.text, a.kind)
        for a in ledger.attributions
    ]


CASES = [
    (
        "“The logic was to have a backup plan,” one of the Iranian officials explained.",
        ("one of the Iranian officials", "explained", "The logic was to have a backup plan", "direct"),
    ),
    (
        "The Iraqi source said it was difficult for the government to stop the groups.",
        ("The Iraqi source", "said", "it was difficult for the government to stop the groups", "indirect"),
    ),
    (
        "According to these sources, Iran is shipping missiles to its allies.",
        ("these sources", "According to", "Iran is shipping missiles to its allies", "according_to"),
    ),
    (
        "Officials said: “We will not comment on the matter at this stage.”",
        ("Officials", "said", "We will not comment on the matter at this stage.", "direct"),
    ),
    (
        "The Israeli military is believed to have targeted missile production facilities in Syria.",
        (
            None,
            "is believed to",
            "The Israeli military is believed to have targeted missile production facilities in Syria",
            "indirect",
        ),
    ),
    (
        "Acts of protest, Mr. Obama said, are acts of patriotism.",
        ("Mr. Obama", "said", "Acts of protest, Mr. Obama said, are acts of patriotism", "indirect"),
    ),
    (
        "The Reuters piece is sourced to three Iranian officials.",
        ("three Iranian officials", "is sourced to", "The Reuters piece", "other"),
    ),
]


@pytest.mark.parametrize(
    ("text", "expected"),
    CASES,
    ids=["direct-after", "indirect", "according-to", "direct-colon", "passive", "parenthetical", "sourced-to"],
)
def test_attribution_finds_source_cue_content(
    nlp_sm: Language, text: str, expected: tuple[str | None, str | None, str, str]
) -> None:
    assert expected in _triples(_ledger(nlp_sm, text))


def test_attribution_speaker_in_the_middle_joins_both_parts(nlp_sm: Language) -> None:
    text = "“We can’t restrain militias,” he said, “because the button is not in our hands.”"
    ledger = _ledger(nlp_sm, "Kim spoke.\n\n" + text)
    direct = [a for a in ledger.attributions if a.kind == "direct"]
    assert len(direct) == 1
    assert [p.text for p in direct[0].content_parts] == [
        "We can’t restrain militias",
        "because the button is not in our hands.",
    ]


def test_attribution_quote_after_speaker_intro_paragraph(nlp_sm: Language) -> None:
    text = (
        "He also warned that the number could keep growing.\n\n"
        "“If they have more than a few, they are not purely defensive at all.”"
    )
    ledger = _ledger(nlp_sm, "Bruce Bennett spoke.\n\n" + text)
    direct = [a for a in ledger.attributions if a.kind == "direct"]
    assert direct and direct[0].source_mention is not None and direct[0].source_mention.text == "He"


def test_attribution_scare_quotes_are_not_claims(nlp_sm: Language) -> None:
    ledger = _ledger(nlp_sm, "The militias answer to the government as “Popular Mobilization Forces” since 2016.")
    assert not [a for a in ledger.attributions if a.kind == "direct"]


def test_attribution_mixed_quote_inside_reported_clause(nlp_sm: Language) -> None:
    ledger = _ledger(
        nlp_sm, "Kurdistan24 noted that the leadership said targets are “in range of Iranian rockets” now."
    )
    kinds = {a.cue.text if a.cue else None: a.kind for a in ledger.attributions}
    assert kinds.get("said") == "mixed"
    inner = next(a for a in ledger.attributions if a.cue and a.cue.text == "said")
    outer = next(a for a in ledger.attributions if a.cue and a.cue.text == "noted")
    assert inner.parent == outer.id


def test_attribution_denial_sets_stance_and_certainty(nlp_sm: Language) -> None:
    ledger = _ledger(nlp_sm, "Iran denied that it has been providing weapons to the militias.")
    a = next(a for a in ledger.attributions if a.cue and a.cue.text == "denied")
    assert (a.stance, a.certainty) == ("denial", "denied")


def test_attribution_distancing_claim_is_hedged(nlp_sm: Language) -> None:
    ledger = _ledger(nlp_sm, "The company claimed that the product was safe for children.")
    a = next(a for a in ledger.attributions if a.cue and a.cue.text == "claimed")
    assert (a.stance, a.certainty) == ("distancing", "hedged")


def test_attribution_quote_inside_quote_nests_under_the_outer_speaker(nlp_sm: Language) -> None:
    text = "“The commander told me ‘we are moving the missiles tonight’ and then he left,” the official said."
    ledger = _ledger(nlp_sm, text)
    inner = next(a for a in ledger.attributions if a.content.text == "we are moving the missiles tonight")
    outer = next(a for a in ledger.attributions if a.cue and a.cue.text == "said")
    assert inner.cue is not None and inner.cue.text == "told"
    assert inner.source_mention is not None and inner.source_mention.text == "The commander"
    assert inner.parent == outer.id


def test_attribution_quote_signed_with_a_dash(nlp_sm: Language) -> None:
    ledger = _ledger(
        nlp_sm, "Readers wrote in.\n\n“He can’t even answer a question without scaring people first.” ― Esther Tapia\n"
    )
    a = next(a for a in ledger.attributions if a.kind == "direct")
    assert a.source_mention is not None and a.source_mention.text == "Esther Tapia"
    src = ledger.source(a.source_id)
    assert src is not None and src.type == "named_person"


def test_attribution_participle_takes_the_subject_of_its_verb(nlp_sm: Language) -> None:
    ledger = _ledger(
        nlp_sm,
        "Rival Hillary Clinton had mocked the complaint, saying anybody who complains is not having a good night.",
    )
    a = next(a for a in ledger.attributions if a.cue and a.cue.text == "saying")
    assert a.source_mention is not None and a.source_mention.text == "Rival Hillary Clinton"


def test_attribution_transcript_speaker_labels(nlp_sm: Language) -> None:
    text = (
        "WALLACE: Let us start with the debate story tonight.\n\nPENCE: Well, look, the question really should be why."
    )
    ledger = _ledger(nlp_sm, text)
    got = [(a.source_mention.text if a.source_mention else None, a.content.text[:12]) for a in ledger.attributions]
    assert ("WALLACE", "Let us start") in got and ("PENCE", "Well, look, ") in got


def test_attribution_headline_name_colon_claim(nlp_sm: Language) -> None:
    ledger = analyze_document(
        make_document("Sanders: Clinton needs to get away from personality stuff\n\nBody text here."), nlp=nlp_sm
    )
    a = ledger.attributions[0]
    assert a.source_mention is not None and a.source_mention.text == "Sanders"
    assert a.content.text.startswith("Clinton needs")


def test_attribution_relative_pronoun_mention_resolves_to_its_noun(nlp_sm: Language) -> None:
    ledger = _ledger(nlp_sm, "Officials met Luis Rubio, who said the deal was dead.")
    a = next(a for a in ledger.attributions if a.cue and a.cue.text == "said")
    assert a.source_mention is not None and a.source_mention.text == "who"  # the mention nearest the cue
    src = ledger.source(a.source_id)
    assert src is not None and (src.type, src.name) == ("named_person", "Luis Rubio")
