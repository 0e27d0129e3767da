"""build_nlp(): the only place a spaCy model is loaded."""

from __future__ import annotations

import functools

import spacy
from spacy.language import Language

from according.config import MODEL_INSTALL_HINT, Settings
from according.errors import ModelNotFound
from according.nlp.components import add_components


def _load(name: str) -> Language:
    # The parser's NER and dependency labels are all we need; nothing is disabled so a
    # user-configured larger model behaves as documented.
    return spacy.load(name)


@functools.lru_cache(maxsize=4)
def build_nlp(model: str | None = None, fallbacks: tuple[str, ...] | None = None) -> Language:
    """Load the configured spaCy model, or the best installed English one.

    Raises:
        ModelNotFound: with the pip command that installs the default model.
    """
    settings = Settings.from_env()
    name = model or settings.model
    candidates = (name,) if name else (fallbacks or settings.fallback_models)
    errors: list[str] = []
    for cand in candidates:
        try:
            nlp = _load(cand)
        except (OSError, ImportError, ValueError) as exc:
            errors.append(f"{cand}: {str(exc).splitlines()[0][:120]}")
            continue
        nlp.max_length = max(nlp.max_length, settings.chunk_chars * 2)
        return add_components(nlp)
    tried = ", ".join(candidates)
    raise ModelNotFound(
        f"no spaCy English model could be loaded (tried {tried}). Install one with:\n    {MODEL_INSTALL_HINT}",
    )


def model_name(nlp: Language) -> str:
    """'en_core_web_sm-3.8.0', for the ledger's provenance."""
    return f"{nlp.meta.get('lang', 'xx')}_{nlp.meta.get('name', '?')}-{nlp.meta.get('version', '?')}"
