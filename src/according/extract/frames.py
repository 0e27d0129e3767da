"""Structured claims: who did what to whom, where and when, inside each claim of the ledger."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from spacy.tokens import Doc, Span

from according.types import Attribution, Entity, Frame, TextSpan


def author_statements(
    text: str, sents: Sequence[Span], attributions: Sequence[Attribution]
) -> list[tuple[str, TextSpan]]:
    """Sentences in the author's own voice (no attributed content, no cue inside), numbered "u1", "u2" ..."""
    covered = [(p.start, p.end) for a in attributions for p in (a.content_parts or (a.content,))]
    covered += [(a.cue.start, a.cue.end) for a in attributions if a.cue]
    out: list[tuple[str, TextSpan]] = []
    for s in sents:
        if any(st < s.end_char and s.start_char < en for st, en in covered):
            continue
        out.append((f"u{len(out) + 1}", TextSpan.of(text, s.start_char, s.end_char)))
    return out


def frames(
    sdoc: Doc,
    attributions: Sequence[Attribution],
    statements: Sequence[tuple[str, TextSpan]],
    entities: Sequence[Entity],
    *,
    published: datetime | None = None,
) -> tuple[Frame, ...]:
    """The frames of every claim (first version: none yet)."""
    return ()
