"""according: who says so, on whose authority, how sure, and in what tone."""

from __future__ import annotations

from according.analysis import analyze, analyze_document, analyze_many
from according.nlp.pipeline import build_nlp
from according.types import (
    SCHEMA,
    Attribution,
    Document,
    Entity,
    Framing,
    Hedge,
    Ledger,
    Skipped,
    Source,
    SourceMember,
    TextSpan,
)

__all__ = [
    "SCHEMA",
    "Attribution",
    "Document",
    "Entity",
    "Framing",
    "Hedge",
    "Ledger",
    "Skipped",
    "Source",
    "SourceMember",
    "TextSpan",
    "analyze",
    "analyze_document",
    "analyze_many",
    "build_nlp",
]
