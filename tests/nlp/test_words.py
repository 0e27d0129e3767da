"""The shared word lists and stemmer: inflections meet, and each user's stop list is what it was."""

from __future__ import annotations

from according.corpus._text import STOP_WORDS, words
from according.extract.evidence import stems
from according.nlp.words import CONTRACTIONS, FUNCTION_WORDS, REPORTING_WORDS, stem


def test_stem_makes_inflections_of_one_word_meet() -> None:
    assert stem("missiles") == "missil" and stem("missile") == "missile"  # known miss (see stem's docstring)
    assert stem("moves") == stem("moved") == stem("moving") == "mov"
    assert stem("militias") == "militia" and stem("countries") == "country"
    assert stem("shipped") == "shipp" and stem("shipping") == "shipp"
    assert stem("is") == "is" and stem("bus") == "bus"  # too short to strip


def test_claim_matching_and_denial_linking_drop_different_words() -> None:
    assert STOP_WORDS == FUNCTION_WORDS | CONTRACTIONS | REPORTING_WORDS
    assert words("Iran said it is shipping missiles, which it's denied") == ["iran", "shipp", "missil", "deni"]
    # denial linking also drops the words of denial itself, and digits and short words
    assert stems("Iran denied shipping 20 missiles to Iraq") == frozenset({"iran", "shipp", "missil", "iraq"})
