"""The author's own evaluation: sentences outside attributed content that judge rather than report."""

from __future__ import annotations

import bisect

from spacy.tokens import Span

from according.extract import cues

CharSpan = tuple[int, int]

_SPECULATION = frozenset({"probably", "perhaps", "maybe", "seems", "likely", "surely", "either"})
_FIRST_PERSON = frozenset({"i", "we", "our", "us", "my", "me"})


def opinion_score(sent: Span, hedge_spans: list[CharSpan]) -> float:
    """How strongly a sentence reads as the author's judgement (0 = plain report)."""
    score = 0.0
    toks = list(sent)
    lowers = [t.lower_ for t in toks]
    first_words = {t.lower_ for t in toks[:3]}
    if first_words & cues.EVALUATIVE_ADVERBS:
        score += 2.0
    adverbs = sum(1 for t in toks if t.lower_ in cues.EVALUATIVE_ADVERBS and t.dep_ == "advmod")
    score += min(adverbs, 2) * 1.0
    loaded = sum(1 for t in toks if t.lower_ in cues.EVALUATIVE_WORDS)
    score += min(loaded, 3) * 0.75
    if any(w in _SPECULATION for w in lowers):
        score += 1.0
    if "not clear" in sent.text.lower() or "unclear why" in sent.text.lower():
        score += 1.5
    if any(t.lower_ in {"would", "will"} and t.tag_ == "MD" for t in toks) and any(t.dep_ == "neg" for t in toks):
        score += 1.0
    if any(w in _FIRST_PERSON for w in lowers):
        score += 1.0
    if sent.text.rstrip().endswith(("?", "!")):
        score += 1.0
    if any(s < sent.end_char and e > sent.start_char for s, e in hedge_spans):
        score += 0.5
    if any(
        t.tag_ in {"JJR", "RBR", "JJS"}
        and t.lower_ in {"more", "most", "less", "least", "worse", "worst", "better", "best"}
        for t in toks
    ):
        score += 0.5
    return score


def opinion_sentences(
    sents: list[Span], attributed: list[CharSpan], hedge_spans: list[CharSpan], *, threshold: float = 2.0
) -> list[CharSpan]:
    """Sentences mostly outside attributed content whose opinion score reaches `threshold`."""
    out: list[CharSpan] = []
    spans = sorted(attributed)
    starts = [a for a, _ in spans]
    longest = max((b - a for a, b in spans), default=0)
    for sent in sents:
        s, e = sent.start_char, sent.end_char
        text = sent.text
        stripped_end = e - (len(text) - len(text.rstrip()))
        stripped_start = s + (len(text) - len(text.lstrip()))
        if stripped_end - stripped_start < 15:
            continue
        covered = 0
        # only spans starting within `longest` before the sentence can reach into it
        lo = bisect.bisect_left(starts, stripped_start - longest)
        for a, b in spans[lo : bisect.bisect_left(starts, stripped_end)]:
            lo, hi = max(a, stripped_start), min(b, stripped_end)
            if hi > lo:
                covered += hi - lo
        if covered > 0.5 * (stripped_end - stripped_start):
            continue
        if opinion_score(sent, hedge_spans) >= threshold:
            out.append((stripped_start, stripped_end))
    return out
