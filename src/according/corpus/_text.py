"""Words for matching: lowercased, stop words dropped, crudely stemmed so "missiles"/"missile" agree."""

from __future__ import annotations

import re
from collections.abc import Iterable

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")

# Function words and reporting verbs: they say nothing about *what* is claimed, and "said" would link everything.
_STOP = """
    a about above after again against all also am an and any are as at be because been before being below
    between both but by can could did do does doing down during each few for from further had has have having
    he her here hers herself him himself his how i if in into is it its itself just me more most my myself no
    nor not now of off on once only or other our ours ourselves out over own same she should so some such than
    that the their theirs them themselves then there these they this those through to too under until up very
    was we were what when where which while who whom why will with would you your yours yourself yourselves
    s t don't won't can't isn't wasn't aren't weren't it's that's he's she's they're we're i'm
    said says say saying told tells tell according added adds stated states reported reports noted
"""
STOP_WORDS = frozenset(_STOP.split())


def _stem(word: str) -> str:
    # A light suffix strip, not a real stemmer: it only has to make inflections of one word meet.
    for suffix, keep in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: len(word) - len(suffix)] + keep
    return word


def words(text: str) -> list[str]:
    """The content words of `text`, in order: lowercased, stemmed, stop words and 1-letter tokens dropped."""
    out: list[str] = []
    for m in _WORD.finditer(text.lower()):
        w = m.group().replace("’", "'")
        if len(w) > 1 and w not in STOP_WORDS:
            out.append(_stem(w))
    return out


def raw_words(text: str) -> list[str]:
    """Every word of `text`, lowercased (for document shingles, where function words help tell copies apart)."""
    return [m.group() for m in _WORD.finditer(text.lower())]


def shingles(tokens: list[str], n: int) -> set[str]:
    """The word n-grams of `tokens` joined by spaces; the tokens themselves when there are fewer than n."""
    if len(tokens) < n:
        return {" ".join(tokens)} if tokens else set()
    return {" ".join(tokens[i : i + n]) for i in range(len(tokens) - n + 1)}


def encode(items: Iterable[str]) -> list[bytes]:
    """UTF-8 bytes for MinHash."""
    return [s.encode("utf-8") for s in items]
