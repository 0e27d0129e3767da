"""Evidence grades for the claims of one article, from their sourcing only (docs/evidence.md)."""

from __future__ import annotations

from collections.abc import Sequence

from according.types import Attribution, Evidence, Frame, Hedge, Source, TextSpan


def grades(
    attributions: Sequence[Attribution],
    sources: Sequence[Source],
    hedges: Sequence[Hedge],
    statements: Sequence[tuple[str, TextSpan]],
    frames: Sequence[Frame],
) -> tuple[Evidence, ...]:
    """One Evidence per claim (first version: none yet)."""
    return ()
