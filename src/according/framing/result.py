"""What the framing stage returns for one Doc, whichever model produced it, and the language check both share."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from spacy.tokens import Doc

FramingStatus = Literal["ok", "empty", "unsupported_language"]
FramingSpan = tuple[int, int, str, float]  # (start, end, technique, score), half-open character offsets

# English function words make up ~40-55% of the words of news prose; other languages score near 0 on this list.
_MIN_WORDS_FOR_LANGUAGE_CHECK = 12
_MIN_STOPWORD_SHARE = 0.2


@dataclass(frozen=True, slots=True)
class FramingResult:
    """Spans found in one Doc, and whether the Doc could be analysed at all."""

    spans: tuple[FramingSpan, ...]
    status: FramingStatus = "ok"
    detail: str = ""
    sentences: int = 0


def language_problem(sdoc: Doc) -> str:
    """Why the Doc is not English prose we can analyse, or "" when it is (a cheap stopword-share check)."""
    words = [t for t in sdoc if t.is_alpha]
    if len(words) < _MIN_WORDS_FOR_LANGUAGE_CHECK:
        return ""
    share = sum(1 for t in words if t.is_stop) / len(words)
    if share < _MIN_STOPWORD_SHARE:
        return (
            f"unsupported language: only {share:.0%} of the words are English function words; "
            "framing is trained on English news only"
        )
    return ""
