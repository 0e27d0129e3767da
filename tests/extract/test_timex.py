"""Time expressions: normalisation against the publication date, and DATE/TIME mentions of real parses."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from spacy.language import Language

from according.extract.timex import normalise, time_expressions

PUB = datetime(2018, 9, 1, 12, 0, tzinfo=UTC)  # a Saturday


@pytest.mark.parametrize(
    ("expression", "value", "resolution"),
    [
        ("on Friday", "2018-08-31", "publication_date"),
        ("last month", "2018-08", "publication_date"),
        ("in August", "2018-08", "publication_date"),
        ("August 2018", "2018-08", "explicit"),
        ("2018", "2018", "explicit"),
        ("last year", "2017", "publication_date"),
        ("two weeks ago", "2018-W33", "publication_date"),
        ("this week", "2018-W35", "publication_date"),
        ("yesterday", "2018-08-31", "publication_date"),
        ("the past few months", "2018-06/2018-09", "publication_date"),
        ("since 2014", "2014/2018-09-01", "publication_date"),
        ("Aug. 31", "2018-08-31", "publication_date"),
        ("between 2015 and 2017", "2015/2017", "explicit"),
        ("the 31st of August", "2018-08-31", "publication_date"),
        ("August 31st, 2018", "2018-08-31", "explicit"),
        ("2018-08-31", "2018-08-31", "explicit"),
        ("the 1990s", "1990/1999", "explicit"),
        ("next Tuesday", "2018-09-04", "publication_date"),
        ("recent months", None, "unresolved"),
        ("a year and a half", None, "unresolved"),
        ("Feb. 30", None, "unresolved"),
    ],
    ids=lambda x: str(x),
)
def test_timex_normalises_against_publication_date(expression: str, value: str | None, resolution: str) -> None:
    assert normalise(expression, PUB) == (value, resolution)


@pytest.mark.parametrize("expression", ["on Friday", "last month", "in August", "Aug. 31", "two weeks ago"])
def test_timex_without_publication_date_never_invents_a_value(expression: str) -> None:
    assert normalise(expression, None) == (None, "unresolved")


def test_timex_explicit_values_need_no_anchor() -> None:
    assert normalise("August 2018", None) == ("2018-08", "explicit")
    assert normalise("since 2014", None) == ("2014/..", "explicit")
    assert normalise("", None) == (None, "unresolved")
    assert normalise("last year", date(2020, 1, 5)) == ("2019", "publication_date")


def test_timex_mentions_slice_and_take_range_words(nlp_sm: Language) -> None:
    text = "Missiles were sent since 2014, on Aug. 31 and two weeks ago, the 63-year-old man said on Friday."
    found = time_expressions(nlp_sm(text), published=PUB)
    for t in found:
        assert text[t.span.start : t.span.end] == t.span.text
    by_text = {t.span.text: t.value for t in found}
    assert by_text.get("since 2014") == "2014/2018-09-01"
    assert by_text.get("Aug. 31") == "2018-08-31"
    assert by_text.get("Friday") == "2018-08-31"
    assert not any("year-old" in t for t in by_text), "ages are not time expressions"


@pytest.mark.parametrize(
    ("expression", "published", "value"),
    [
        ("December 27", date(2019, 1, 10), "2018-12-27"),
        ("December", date(2019, 1, 10), "2018-12"),
        ("late December", date(2019, 1, 10), "2018-12"),
        ("the end of July", date(2019, 9, 17), "2019-07"),
        ("last November", date(2019, 8, 15), "2018-11"),
        ("last November", date(2019, 12, 15), "2019-11"),
        ("January 5", date(2019, 1, 10), "2019-01-05"),
        ("roughly the past year", date(2019, 8, 15), "2018/2019"),
    ],
    ids=lambda x: str(x),
)
def test_timex_month_without_year_is_the_latest_one_before_publication(
    expression: str, published: date, value: str
) -> None:
    assert normalise(expression, published) == (value, "publication_date")


def test_timex_future_clause_looks_forward() -> None:
    assert normalise("Friday", PUB, future=True) == ("2018-09-07", "publication_date")
    assert normalise("March", PUB, future=True) == ("2019-03", "publication_date")
    assert normalise("March", PUB) == ("2018-03", "publication_date")


def test_timex_tense_of_the_clause_picks_the_direction(nlp_sm: Language) -> None:
    text = "The court will rule on Friday. The police arrested him on Friday."
    found = [t.value for t in time_expressions(nlp_sm(text), published=PUB)]
    assert found == ["2018-09-07", "2018-08-31"]


def test_timex_ages_in_words_are_not_times(nlp_sm: Language) -> None:
    text = "Rescuers found an eleven-month-old boy on Tuesday."
    assert [t.span.text for t in time_expressions(nlp_sm(text), published=PUB)] == ["Tuesday"]


@pytest.mark.parametrize(
    ("expression", "value"),
    [("earlier this year", "2018"), ("later this month", "2018-09"), ("the next month", "2018-10")],
    ids=lambda x: str(x),
)
def test_timex_earlier_this_year_is_the_period(expression: str, value: str) -> None:
    assert normalise(expression, PUB) == (value, "publication_date")


def test_timex_name_glued_before_a_weekday_is_left_out(nlp_sm: Language) -> None:
    text = "The rover touched down on Mars Thursday, after a long journey."
    found = time_expressions(nlp_sm(text), published=PUB)
    assert [(t.span.text, t.value) for t in found if "Thursday" in t.span.text] == [("Thursday", "2018-08-30")]


def test_timex_years_ago_is_a_time_whatever_ner_says(nlp_sm: Language) -> None:
    text = "Scientists have determined that 3.5 billion years ago the crater had its own river delta."
    assert "3.5 billion years ago" in [t.span.text for t in time_expressions(nlp_sm(text), published=PUB)]
