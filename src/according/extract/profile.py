"""The sourcing profile: how much of an article is attributed, to whom, and how anonymously."""

from __future__ import annotations

import bisect
from collections import Counter
from typing import Any

from according.types import Attribution, Framing, Hedge, Source, TextSpan


def _depth(att: Attribution, by_id: dict[str, Attribution]) -> int:
    d = 1
    seen = {att.id}
    while att.parent and att.parent in by_id and att.parent not in seen:
        seen.add(att.parent)
        att = by_id[att.parent]
        d += 1
    return d


def _sentences_touched(sentences: list[tuple[int, int]], spans: list[tuple[int, int]]) -> int:
    """How many sentences overlap at least one span (a sweep over both lists sorted, not all pairs)."""
    spans = sorted(spans)
    starts = [a for a, _ in spans]
    longest = max((b - a for a, b in spans), default=0)
    n = 0
    for s, e in sentences:
        lo = bisect.bisect_left(starts, s - longest)
        if any(a < e and b > s for a, b in spans[lo : bisect.bisect_left(starts, e)]):
            n += 1
    return n


def profile(
    sentences: list[tuple[int, int]],
    sources: tuple[Source, ...],
    attributions: tuple[Attribution, ...],
    hedges: tuple[Hedge, ...],
    opinion: tuple[TextSpan, ...],
    words: int,
) -> dict[str, Any]:
    """Counts and shares that describe the article's sourcing (never a verdict on its truth)."""
    by_src = {s.id: s for s in sources}
    by_id = {a.id: a for a in attributions}
    n = len(attributions)
    anon = sum(1 for a in attributions if a.source_id and by_src[a.source_id].anonymous)
    covered = [(a.content.start, a.content.end) for a in attributions] + [
        (a.cue.start, a.cue.end) for a in attributions if a.cue
    ]
    attributed_sents = _sentences_touched(sentences, covered)
    src_types = Counter(by_src[a.source_id].type if a.source_id else "unspecified" for a in attributions)
    return {
        "words": words,
        "sentences": len(sentences),
        "attributions": n,
        "by_kind": dict(Counter(a.kind for a in attributions)),
        "by_source_type": dict(src_types),
        "by_stance": dict(Counter(a.stance for a in attributions)),
        "by_certainty": dict(Counter(a.certainty for a in attributions)),
        "sentences_attributed": attributed_sents,
        "share_sentences_attributed": round(attributed_sents / len(sentences), 3) if sentences else 0.0,
        "share_attributions_anonymous": round(anon / n, 3) if n else 0.0,
        "share_attributions_unsourced": round(sum(1 for a in attributions if not a.source_id) / n, 3) if n else 0.0,
        "sources": len(sources),
        "sources_named": sum(1 for s in sources if not s.anonymous and s.type != "unspecified"),
        "sources_anonymous": sum(1 for s in sources if s.anonymous),
        "direct_quotes": sum(1 for a in attributions if a.kind == "direct"),
        "max_nesting_depth": max((_depth(a, by_id) for a in attributions), default=0),
        "hedges": sum(1 for h in hedges if h.kind == "hedge"),
        "boosters": sum(1 for h in hedges if h.kind == "booster"),
        "opinion_sentences": len(opinion),
        "share_opinion_sentences": round(len(opinion) / len(sentences), 3) if sentences else 0.0,
    }


def framing_profile(frames: tuple[Framing, ...], attributions: list[Attribution], words: int) -> dict[str, Any]:
    """Framing density per 1,000 words, techniques by count, and how much sits in the author's voice."""
    contents = sorted((p.start, p.end) for a in attributions for p in (a.content_parts or (a.content,)))
    starts = [a for a, _ in contents]
    longest = max((b - a for a, b in contents), default=0)

    def quoted(s: int, e: int) -> bool:
        lo = bisect.bisect_left(starts, s - longest)
        return any(a <= s and e <= b for a, b in contents[lo : bisect.bisect_right(starts, s)])

    inside = sum(1 for f in frames if quoted(f.span.start, f.span.end))
    return {
        "framing_spans": len(frames),
        "framing_per_1000_words": round(1000 * len(frames) / words, 2) if words else 0.0,
        "framing_by_technique": dict(Counter(f.technique for f in frames).most_common()),
        "framing_in_author_voice": len(frames) - inside,
        "framing_in_attributed_content": inside,
    }
