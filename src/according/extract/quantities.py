"""Quantities: spaCy's CARDINAL/QUANTITY/MONEY/PERCENT mentions and bare numbers, read into a value or range + unit.

"a couple of dozen" -> 24 (approximate); "about 200 km to 700 km" -> 200-700 km (approximate); "three Iranian
officials" -> 3 officials; "dozens of missiles" -> at least 24 missiles (approximate, no upper bound);
"$2 billion" -> 2e9 USD; "40%" -> 40 %. The rules are in docs/frames.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from according.extract import timex
from according.types import Quantity, TextSpan

_LABELS = frozenset({"CARDINAL", "QUANTITY", "MONEY", "PERCENT"})
_UNITS = {
    w: n
    for n, w in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
        ]
    )
}
_TENS = {
    w: 10 * (n + 2)
    for n, w in enumerate(["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"])
}
_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "bn": 1e9, "mn": 1e6}
#: Fractions: "two thirds" is 2/3, "a quarter" 1/4 ("half" is handled on its own: "two and a half" is 2.5).
_FRACTIONS = {"third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fifth": 5, "fifths": 5}
#: Plural round numbers give only a lower bound: "dozens" is at least two dozen.
_PLURALS = {"dozens": 24.0, "scores": 40.0, "hundreds": 200.0, "thousands": 2e3, "millions": 2e6, "billions": 2e9}
_APPROX = frozenset(
    {"about", "around", "approximately", "roughly", "nearly", "almost", "some", "circa", "approx", "estimated", "~"}
)
_AT_LEAST = ("more than", "over", "at least", "above", "upwards of", "in excess of")
_AT_MOST = ("up to", "less than", "fewer than", "under", "at most", "below", "no more than")
_RANGE = frozenset({"to", "-", "–", "—", "and", "or"})
_CURRENCY = {
    "$": "USD",
    "us$": "USD",
    "dollar": "USD",
    "dollars": "USD",
    "€": "EUR",
    "euro": "EUR",
    "euros": "EUR",
    "£": "GBP",
    "pound": "GBP",
    "pounds": "GBP",
    "¥": "JPY",
    "yen": "JPY",
    "yuan": "CNY",
    "rubles": "RUB",
    "roubles": "RUB",
    "rials": "IRR",
}
_MEASURE = {
    "km": "km",
    "kilometer": "km",
    "kilometers": "km",
    "kilometre": "km",
    "kilometres": "km",
    "mile": "mi",
    "miles": "mi",
    "meter": "m",
    "meters": "m",
    "metre": "m",
    "metres": "m",
    "kg": "kg",
    "kilogram": "kg",
    "kilograms": "kg",
    "ton": "t",
    "tons": "t",
    "tonne": "t",
    "tonnes": "t",
}
#: "one" after these is a pronoun ("no one", "the one"), not a count.
_NOT_COUNT = frozenset({"no", "any", "every", "each", "the", "this", "that", "which", "someone", "anyone"})
_NUMERIC = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^\d+(?:\.\d+)?$")


@dataclass(frozen=True, slots=True)
class _Number:
    """One side of a quantity: its value, and whether that value is only a lower bound ("dozens")."""

    value: float
    at_least: bool = False
    approximate: bool = False


def number(words: list[str]) -> _Number | None:
    """The number written by `words` ("1.5", "million") or ("a", "couple", "of", "dozen"); None if none."""
    total = 0.0
    current: float | None = None
    seen = at_least = approx = False
    prev = ""
    for raw in words:
        last, prev = prev, raw.lower()
        w = raw.lower().replace(",", "") if _NUMERIC.match(raw) else raw.lower()
        if _NUMERIC.match(w):
            current = (current or 0.0) + float(w)
        elif w in _UNITS:
            current = (current or 0.0) + _UNITS[w]
        elif w in _TENS:
            current = (current or 0.0) + _TENS[w]
        elif w == "hundred":
            current = (current or 1.0) * 100
        elif w in _SCALES:
            total += (current or 1.0) * _SCALES[w]
            current = None
        elif w == "dozen":
            current = (current or 1.0) * 12
        elif w in _FRACTIONS and (current is not None or last in ("a", "one")):
            current = (current or 1.0) / _FRACTIONS[w]
        elif w == "half":
            # "two and a half" adds a half; "half" and "one half" are a half
            current = (current or 0.0) + 0.5 if last in ("a", "an") and current is not None else 0.5
        elif w == "couple":
            current, approx = 2.0, True
            continue
        elif w in _PLURALS:
            current, at_least, approx = (current or 1.0) * _PLURALS[w], True, True
        elif w in ("a", "an", "of", "-", "and"):
            continue
        else:
            continue
        seen = True
    if not seen and current is None:
        return None
    return _Number(total + (current or 0.0), at_least, approx)


def _is_num(t: Token) -> bool:
    w = t.lower_
    return bool(t.like_num or w in _UNITS or w in _TENS or w in _SCALES or w in _PLURALS or w in ("dozen", "hundred"))


def _split_range(tokens: list[Token]) -> list[list[Token]]:
    """The sides of a range ("200 km to 700 km", "10-15", "between 5 and 7"); "twenty-five" stays one."""
    sides: list[list[Token]] = [[]]
    for k, t in enumerate(tokens):
        prev = tokens[k - 1] if k else None
        nxt = tokens[k + 1] if k + 1 < len(tokens) else None
        joins_words = t.text == "-" and prev is not None and prev.lower_ in _TENS and nxt is not None
        if (
            t.lower_ in _RANGE
            and not joins_words
            and sides[-1]
            and any(_is_num(x) for x in sides[-1])
            and nxt is not None
            and any(_is_num(x) for x in tokens[k + 1 :])
            and not (t.lower_ == "and" and prev is not None and prev.lower_ == "hundred")
        ):
            sides.append([])
            continue
        sides[-1].append(t)
    return [s for s in sides if s]


def _nominal(t: Token) -> bool:
    """A noun, or a token in a noun's slot that the tagger took for a verb ("of three monoclonal antibodies")."""
    return t.pos_ in ("NOUN", "PROPN") or (t.dep_ in ("pobj", "dobj", "nsubj", "nsubjpass") and t.pos_ != "PRON")


def _unit(sdoc: Doc, tokens: list[Token], label: str) -> str | None:
    """The unit: currency, %, a measure inside the mention, or the noun the number counts."""
    words = [t.lower_ for t in tokens]
    if label == "PERCENT" or "%" in words or "percent" in words or "per cent" in " ".join(words):
        return "%"
    before = sdoc[tokens[0].i - 1].lower_ if tokens[0].i > 0 else ""
    if before in ("$", "us$", "€", "£", "¥"):  # "£20" when the symbol is left outside the mention
        return _CURRENCY[before]
    for w in words:
        if w in ("pound", "pounds", "-pound") and label != "MONEY" and "£" not in words:
            return "lb"  # "a 2,263-pound rover" weighs; only money pounds are GBP
        if w in _CURRENCY:
            return _CURRENCY[w]
        if w in _MEASURE:
            return _MEASURE[w]
    last = tokens[-1]
    inside = {t.i for t in tokens}
    for t in reversed(tokens):  # the number's head noun lies past the mention ("between 5 and 7 people")
        if t.dep_ in ("nummod", "quantmod", "compound", "amod", "conj") and t.head.i not in inside:
            last = t
            break
    if label == "QUANTITY":
        alpha = [t.lower_ for t in tokens if t.is_alpha and not _is_num(t) and t.lower_ not in _APPROX]
        if alpha:
            return alpha[-1]
    # the counted noun: "three Iranian officials", "dozens of missiles"
    head = last.head
    while head.dep_ in ("amod", "compound") and _nominal(head.head) and head.head.i > head.i:
        head = head.head  # "three monoclonal antibodies" counts antibodies
    if last.dep_ in ("nummod", "quantmod", "compound", "amod") and _nominal(head) and head.i > last.i:
        return head.text.lower()
    nxt = sdoc[last.i + 1] if last.i + 1 < len(sdoc) else None
    if nxt is not None and nxt.lower_ == "of":
        objs = [c for c in nxt.children if c.dep_ == "pobj" and c.pos_ in ("NOUN", "PROPN")]
        if objs:
            return objs[0].text.lower()
    return None


def _extend_left(sdoc: Doc, start: int) -> tuple[int, str | None]:
    """Take approximators and bounds just before the number into the span ("about", "more than")."""
    for phrase in (*_AT_LEAST, *_AT_MOST):
        n = phrase.count(" ") + 1
        if start >= n and " ".join(t.lower_ for t in sdoc[start - n : start]) == phrase:
            return start - n, phrase
    if start > 0 and sdoc[start - 1].lower_ in _APPROX:
        return start - 1, None
    return start, None


def _candidates(sdoc: Doc) -> list[tuple[int, int, str]]:
    """Token ranges of numeric mentions: the four NER labels, then bare numbers outside any entity."""
    out: list[tuple[int, int, str]] = []
    for ent in sdoc.ents:
        if ent.label_ in _LABELS and not timex.AGO.search(ent.text):  # "3.5 billion years ago" is a time
            start, end = ent.start, ent.end
            while end > start + 1 and (
                sdoc[end - 1].lower_ in _RANGE or (sdoc[end - 1].is_punct and sdoc[end - 1].text != "%")
            ):
                end -= 1
            out.append((start, end, ent.label_))
    i = 0
    n = len(sdoc)
    while i < n:
        t = sdoc[i]
        if not t.ent_type_ and _is_num(t) and not t.is_punct and any(c.isalnum() for c in t.text):
            j = i + 1
            while j < n and not sdoc[j].ent_type_ and (_is_num(sdoc[j]) or sdoc[j].text == "-"):
                j += 1
            while j > i + 1 and sdoc[j - 1].text == "-":
                j -= 1
            out.append((i, j, "CARDINAL"))
            i = j
        else:
            i += 1
    out.sort()
    merged: list[tuple[int, int, str]] = []
    for c in out:
        if merged:
            ps, pe, pl = merged[-1]
            between = [t.lower_ for t in sdoc[pe : c[0]]]
            if c[0] < pe or (len(between) == 1 and between[0] in ("to", "-", "–", "—", "or")):
                merged[-1] = (ps, max(pe, c[1]), pl if pl != "CARDINAL" else c[2])
                continue
            if between == ["and"] and "between" in (sdoc[ps].lower_, sdoc[ps - 1].lower_ if ps else ""):
                merged[-1] = (ps if sdoc[ps].lower_ == "between" else ps - 1, c[1], pl if pl != "CARDINAL" else c[2])
                continue
        merged.append(c)
    return merged


def quantities(sdoc: Doc) -> tuple[Quantity, ...]:
    """Every quantity mention of the Doc with its value or range and unit, in text order."""
    text = sdoc.text
    out: list[Quantity] = []
    for start, end, label in _candidates(sdoc):
        start, bound = _extend_left(sdoc, start)
        tokens = list(sdoc[start:end])
        words = [t.lower_ for t in tokens]
        if words == ["one"] and (tokens[0].pos_ == "PRON" or (start > 0 and sdoc[start - 1].lower_ in _NOT_COUNT)):
            continue
        approximate = bool(_APPROX.intersection(words))
        if bound is None:  # NER often keeps the bound inside the mention ("at least 200 kilometers")
            bound = next((b for b in (*_AT_LEAST, *_AT_MOST) if " ".join(words).startswith(b + " ")), None)
        if bound:
            tokens = tokens[bound.count(" ") + 1 :]
        if tokens and tokens[0].lower_ in ("between", "from"):
            tokens = tokens[1:]
        sides = [number([t.text for t in side]) for side in _split_range(tokens)]
        nums = [s for s in sides if s is not None]
        if not nums:
            continue
        approximate = approximate or any(s.approximate for s in nums)
        value: float | None
        if len(nums) >= 2:
            value, low, high = None, nums[0].value, nums[-1].value
        elif nums[0].at_least or bound in _AT_LEAST:
            value, low, high = None, nums[0].value, None
        elif bound in _AT_MOST:
            value, low, high = None, None, nums[0].value
        else:
            value = low = high = nums[0].value
        s, e = sdoc[start].idx, sdoc[end - 1].idx + len(sdoc[end - 1])
        out.append(
            Quantity(TextSpan.of(text, s, e), value, low, high, _unit(sdoc, list(sdoc[start:end]), label), approximate)
        )
    return tuple(out)
