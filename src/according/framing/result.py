"""What the framing stage returns for one Doc, whichever model produced it, and the language check both share."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
import numpy.typing as npt
from spacy.tokens import Doc

from according.framing import features as F

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
    model: str = ""  # which model found them: "linear", "minilm" or "transformer" (set by `framing_spans`)


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


def precheck(sdoc: Doc) -> tuple[int, FramingResult | None]:
    """(sentences, the result for a Doc no model should frame: empty or not English; None when it can be framed)."""
    sentences = sum(1 for _ in F.windows(sdoc)) if len(sdoc) else 0
    if not sdoc.text.strip() or sentences == 0:
        return 0, FramingResult((), "empty", "the text has no sentences", 0)
    unsupported = language_problem(sdoc)
    if unsupported:
        return sentences, FramingResult((), "unsupported_language", unsupported, sentences)
    return sentences, None


def labelled(
    cands: Sequence[tuple[int, int, float]],
    probs: npt.NDArray[np.float32],
    techniques: Sequence[str],
    second_label: float,
) -> tuple[FramingSpan, ...]:
    """Each candidate span with its likeliest technique, and its second when that reaches `second_label`.

    The score is P(span) x P(technique | span); spans come back sorted by offsets, the likelier label first.
    """
    out: list[FramingSpan] = []
    for (s, e, p_span), p in zip(cands, probs, strict=True):
        order = np.argsort(-p)
        out.append((s, e, techniques[int(order[0])], round(p_span * float(p[order[0]]), 4)))
        if len(order) > 1 and float(p[order[1]]) >= second_label:
            out.append((s, e, techniques[int(order[1])], round(p_span * float(p[order[1]]), 4)))
    out.sort(key=lambda x: (x[0], x[1], -x[3]))
    return tuple(out)
