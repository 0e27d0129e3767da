"""Frozen sentence-encoder features for the technique classifier, an option (`ACCORDING_FRAMING_ENCODER=minilm`).

all-MiniLM-L6-v2 (the `semantic` extra, reused from `according.corpus.semantic`) embeds each candidate span
and the sentence around it; the two unit vectors (2 x 384) join the classifier's other inputs. The encoder
is never fine-tuned: only the linear weights on top of it are trained and shipped
(`according train framing --encoder minilm`). Offsets are untouched: the texts are slices of the Doc's text.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt
from spacy.tokens import Doc

from according.corpus.semantic import Encoder

ENCODERS = ("none", "minilm", "transformer")  # what ACCORDING_FRAMING_ENCODER may name
WIDTH = 384  # per embedded text; a span gives two (itself, its sentence)
CONTEXT_CHARS = 300  # the sentence is clipped to this many characters either side of the span

Vectors = npt.NDArray[np.float32]


def span_context(sdoc: Doc, start: int, end: int, chars: int = CONTEXT_CHARS) -> str:
    """The sentence(s) the span `[start, end)` lies in, clipped to `chars` characters either side of it."""
    lo, hi = max(0, start - chars), min(len(sdoc.text), end + chars)
    span = sdoc.char_span(start, end, alignment_mode="expand")
    if span is not None and len(span) and (sdoc.has_annotation("SENT_START") or sdoc.has_annotation("DEP")):
        lo = max(lo, span[0].sent.start_char)
        hi = min(hi, span[-1].sent.end_char)
    return sdoc.text[min(lo, start) : max(hi, end)]


def span_texts(sdoc: Doc, spans: Sequence[tuple[int, int]]) -> tuple[list[str], list[str]]:
    """(span texts, their sentence contexts), both exact slices of `sdoc.text`."""
    text = sdoc.text
    return [text[s:e] for s, e in spans], [span_context(sdoc, s, e) for s, e in spans]


def encode_unique(encoder: Encoder, texts: Sequence[str]) -> dict[str, Vectors]:
    """Each distinct text's vector, encoding every text once (sentences recur for every span in them)."""
    uniq = sorted(set(texts))
    vecs = encoder.encode(uniq) if uniq else np.zeros((0, WIDTH), dtype=np.float32)
    return {t: vecs[k] for k, t in enumerate(uniq)}


def encoder_vectors(encoder: Encoder, sdoc: Doc, spans: Sequence[tuple[int, int]]) -> Vectors:
    """[span vector, context vector] per span, shape (len(spans), 2 * WIDTH)."""
    if not spans:
        return np.zeros((0, 2 * WIDTH), dtype=np.float32)
    own, ctx = span_texts(sdoc, spans)
    table = encode_unique(encoder, own + ctx)
    return np.asarray([np.concatenate([table[a], table[b]]) for a, b in zip(own, ctx, strict=True)], dtype=np.float32)
