"""Quantities: numbers in words and digits, ranges, bounds and units, on real parses."""

from __future__ import annotations

import pytest
from spacy.language import Language

from according.extract.quantities import number, quantities
from according.types import Quantity


def _find(nlp: Language, text: str, surface: str) -> Quantity:
    found = quantities(nlp(text))
    for q in found:
        assert text[q.span.start : q.span.end] == q.span.text
    match = [q for q in found if q.span.text == surface]
    assert match, f"{surface!r} not among {[q.span.text for q in found]}"
    return match[0]


@pytest.mark.parametrize(
    ("text", "surface", "value", "low", "high", "unit", "approximate"),
    [
        ("The number is not high, just a couple of dozen.", "a couple of dozen", 24, 24, 24, None, True),
        ("They have ranges of about 200 km to 700 km.", "about 200 km to 700 km", None, 200, 700, "km", True),
        ("The piece is sourced to three Iranian officials.", "three", 3, 3, 3, "officials", False),
        ("Dozens of missiles were sent.", "Dozens", None, 24, None, "missiles", True),
        ("The company paid $2 billion for it.", "$2 billion", 2e9, 2e9, 2e9, "USD", False),
        ("Prices rose 40% last year.", "40%", 40, 40, 40, "%", False),
        ("They sold 1.5 million shares.", "1.5 million", 1.5e6, 1.5e6, 1.5e6, "shares", False),
        ("There were twenty-five people there.", "twenty-five", 25, 25, 25, "people", False),
        ("Police sent 10-15 soldiers.", "10-15", None, 10, 15, "soldiers", False),
        ("It has a range of at least 200 kilometers.", "at least 200 kilometers", None, 200, None, "km", False),
    ],
    ids=lambda x: str(x),
)
def test_quantities_values_ranges_and_units(
    nlp_sm: Language,
    text: str,
    surface: str,
    value: float | None,
    low: float | None,
    high: float | None,
    unit: str | None,
    approximate: bool,
) -> None:
    q = _find(nlp_sm, text, surface)
    assert (q.value, q.low, q.high, q.unit, q.approximate) == (value, low, high, unit, approximate)


def test_quantities_number_words() -> None:
    assert number(["one", "hundred", "and", "five"]) is not None
    assert number(["one", "hundred", "and", "five"]).value == 105  # type: ignore[union-attr]
    assert number(["twenty", "-", "five"]).value == 25  # type: ignore[union-attr]
    assert number(["3,500"]).value == 3500  # type: ignore[union-attr]
    assert number(["several"]) is None


def test_quantities_no_one_is_not_a_count(nlp_sm: Language) -> None:
    assert not [q for q in quantities(nlp_sm("No one believed that.")) if q.span.text.lower() == "one"]


@pytest.mark.parametrize("text", ["", " ", "\n\n", "- - -", "10 - - 20 to to", "between and", "$", "%%%"])
def test_quantities_bad_input_never_raises(nlp_sm: Language, text: str) -> None:
    for q in quantities(nlp_sm(text)):
        assert text[q.span.start : q.span.end] == q.span.text


@pytest.mark.parametrize(
    ("text", "surface", "unit"),
    [
        ("The 2,263-pound rover landed.", "2,263-pound", "lb"),
        ("The bag weighed 20 pounds.", "20 pounds", "lb"),
        ("It cost 5 million pounds.", "5 million pounds", "GBP"),
        ("He paid £20 for it.", "20", "GBP"),
    ],
    ids=lambda x: str(x),
)
def test_quantities_pounds_weigh_unless_money(nlp_sm: Language, text: str, surface: str, unit: str) -> None:
    assert _find(nlp_sm, text, surface).unit == unit


@pytest.mark.parametrize(
    ("words", "value"),
    [("two thirds", 2 / 3), ("a third", 1 / 3), ("three quarters", 0.75), ("two and a half", 2.5), ("half", 0.5)],
    ids=lambda x: str(x),
)
def test_quantities_fractions(words: str, value: float) -> None:
    n = number(words.split())
    assert n is not None and n.value == pytest.approx(value)


def test_quantities_unit_is_the_counted_noun_past_adjectives(nlp_sm: Language) -> None:
    text = "REGN-EB3, a cocktail of three monoclonal antibodies from Ebola-infected laboratory mice."
    assert _find(nlp_sm, text, "three").unit == "antibodies"


def test_quantities_years_ago_is_not_a_quantity(nlp_sm: Language) -> None:
    text = "Scientists have determined that 3.5 billion years ago the crater had its own river delta."
    assert not [q for q in quantities(nlp_sm(text)) if "ago" in q.span.text]
