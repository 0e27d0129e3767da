"""spaCy components of ours, registered by `register()` (called from build_nlp, never at import)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

PARAGRAPHS = "according_paragraph_breaks"


def _paragraph_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence: headlines, captions and datelines often lack a full stop."""
    for tok in doc[:-1]:
        if (tok.is_space and "\n" in tok.text) or "\n" in tok.whitespace_:
            doc[tok.i + 1].is_sent_start = True
    return doc


def register() -> None:
    """Register our components with spaCy's registry (idempotent)."""
    if not Language.has_factory(PARAGRAPHS):
        Language.component(PARAGRAPHS, func=_paragraph_breaks)


def add_components(nlp: Language) -> Language:
    """Insert our components into a loaded pipeline: paragraph breaks go before the parser."""
    register()
    if PARAGRAPHS not in nlp.pipe_names:
        before = "parser" if "parser" in nlp.pipe_names else None
        if before:
            nlp.add_pipe(PARAGRAPHS, before=before)
        else:
            nlp.add_pipe(PARAGRAPHS, first=True)
    return nlp
