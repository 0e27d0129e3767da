"""Words for matching: lowercased, stop words dropped, crudely stemmed so "shipped"/"shipping" agree."""

from __future__ import annotations

import re
from collections.abc import Iterable

from according.nlp.words import CONTRACTIONS, FUNCTION_WORDS, REPORTING_WORDS, stem

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")

STOP_WORDS = FUNCTION_WORDS | CONTRACTIONS | REPORTING_WORDS


def words(text: str) -> list[str]:
    """The content words of `text`, in order: lowercased, stemmed, stop words and 1-letter tokens dropped."""
    out: list[str] = []
    for m in _WORD.finditer(text.lower()):
        w = m.group().replace("’", "'")
        if len(w) > 1 and w not in STOP_WORDS:
            out.append(stem(w))
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
