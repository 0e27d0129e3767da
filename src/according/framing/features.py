"""Features of the framing models, computed from a parsed spaCy Doc (the same at training and at run time).

Two feature sets, versioned together by FEATURES_VERSION:
- token features for the span tagger (a linear-chain CRF over BIO tags), one list of strings per token;
- span features for the technique classifier, one list of strings per candidate span.

Sequences are the Doc's sentences, without whitespace tokens, cut into windows of at most `max_tokens`
so that one enormous "sentence" (a page with no full stops) costs linear time; offsets stay those of the Doc.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import pairwise

import numpy as np
import numpy.typing as npt
from spacy.tokens import Doc, Token

FEATURES_VERSION = 1
MAX_TOKENS = 80
# single curly quotes are left out: ’ is far more often an apostrophe
_OPEN_QUOTES = frozenset({"“", "«"})
_CLOSE_QUOTES = frozenset({"”", "»"})
_STRAIGHT_QUOTES = frozenset({'"', "''", "``"})


@dataclass(frozen=True, slots=True)
class Window:
    """A run of tokens of one sentence (whitespace tokens left out) and where that sentence sits."""

    tokens: tuple[Token, ...]
    sent_start: int  # character offsets of the whole sentence
    sent_end: int
    sent_index: int


def windows(sdoc: Doc, max_tokens: int = MAX_TOKENS) -> Iterator[Window]:
    """The Doc's sentences as windows of at most `max_tokens` non-space tokens, in text order."""
    if sdoc.has_annotation("SENT_START") or sdoc.has_annotation("DEP"):
        sents = [(s.start, s.end) for s in sdoc.sents]
    else:  # a bare tokenizer: treat the text as one sentence, still windowed
        sents = [(0, len(sdoc))]
    for k, (a, b) in enumerate(sents):
        toks = tuple(t for t in sdoc[a:b] if not t.is_space)
        if not toks:
            continue
        s0, s1 = toks[0].idx, toks[-1].idx + len(toks[-1].text)
        for i in range(0, len(toks), max_tokens):
            yield Window(toks[i : i + max_tokens], s0, s1, k)


def _bucket(n: int, edges: tuple[int, ...]) -> str:
    for e in edges:
        if n <= e:
            return str(e)
    return f">{edges[-1]}"


class DocContext:
    """Per-article facts the features need: word counts (repetition) and quotation state."""

    __slots__ = ("counts", "in_quote")

    def __init__(self, sdoc: Doc) -> None:
        self.counts: Counter[str] = Counter(t.lower_ for t in sdoc if t.is_alpha and not t.is_stop)
        inside = False
        flags: list[bool] = []
        for t in sdoc:
            txt = t.text
            if txt in _OPEN_QUOTES:
                inside = True
                flags.append(True)
                continue
            if txt in _CLOSE_QUOTES:
                flags.append(inside)
                inside = False
                continue
            if txt in _STRAIGHT_QUOTES:
                flags.append(True)
                inside = not inside
                continue
            if "\n" in txt:
                inside = False
            flags.append(inside)
        self.in_quote = flags


def _shape(t: Token) -> str:
    s = t.shape_
    return s if len(s) <= 4 else s[:4]


def token_features(win: Window, ctx: DocContext) -> list[list[str]]:
    """String features for each token of a window (version FEATURES_VERSION)."""
    toks = win.tokens
    n = len(toks)
    low = [t.lower_ for t in toks]
    pos = [t.pos_ for t in toks]
    has_excl = any(t.text == "!" for t in toks)
    has_q = any(t.text == "?" for t in toks)
    first = win.sent_index == 0
    length = _bucket(n, (5, 10, 20, 40))
    out: list[list[str]] = []
    for i, t in enumerate(toks):
        w = low[i]
        f = [
            "b",
            "w=" + w,
            "l=" + t.lemma_.lower(),
            "p=" + pos[i],
            "t=" + t.tag_,
            "d=" + t.dep_,
            "sh=" + _shape(t),
            "s3=" + w[-3:],
            "hl=" + t.head.lemma_.lower(),
            "dh=" + t.dep_ + "|" + t.head.pos_,
            "pw=" + pos[i] + "|" + w,
            "n=" + length,
            "w-1=" + (low[i - 1] if i > 0 else "<s>"),
            "w+1=" + (low[i + 1] if i + 1 < n else "</s>"),
            "w-2=" + (low[i - 2] if i > 1 else "<s>"),
            "w+2=" + (low[i + 2] if i + 2 < n else "</s>"),
            "p-1=" + (pos[i - 1] if i > 0 else "<s>"),
            "p+1=" + (pos[i + 1] if i + 1 < n else "</s>"),
            "pp=" + (pos[i - 1] if i > 0 else "<s>") + "|" + pos[i] + "|" + (pos[i + 1] if i + 1 < n else "</s>"),
            "bg-=" + (low[i - 1] if i > 0 else "<s>") + "|" + w,
            "bg+=" + w + "|" + (low[i + 1] if i + 1 < n else "</s>"),
            "pi=" + _bucket(i, (0, 1, 3, 8, 16)),
            "pe=" + _bucket(n - 1 - i, (0, 1, 3, 8)),
        ]
        if t.ent_type_:
            f.append("e=" + t.ent_type_)
        if ctx.in_quote[t.i]:
            f.append("q")
        if t.is_alpha and not t.is_stop:
            f.append("rep=" + _bucket(ctx.counts[w], (1, 2, 4)))
        if t.is_upper and len(w) > 1:
            f.append("caps")
        if has_excl:
            f.append("s!")
        if has_q:
            f.append("s?")
        if first:
            f.append("hd")
        out.append(f)
    return out


def span_features(sdoc: Doc, start: int, end: int, ctx: DocContext, text_lower: str) -> list[str]:
    """Features of the candidate span `[start, end)` for the technique classifier (version FEATURES_VERSION)."""
    span = sdoc.char_span(start, end, alignment_mode="expand")
    toks = [t for t in span if not t.is_space] if span is not None else []
    surface = text_lower[start:end].strip()
    f = ["b", "nt=" + _bucket(len(toks), (1, 2, 3, 5, 8, 13, 21, 34)), "nc=" + _bucket(len(surface), (5, 10, 20, 40))]
    reps = text_lower.count(surface) if surface else 0
    f.append("rep=" + _bucket(reps, (1, 2, 3, 5)))
    if surface and text_lower.find(surface) < start:
        f.append("rep_before")
    if not toks:
        return f
    words = [t.lower_ for t in toks]
    f.extend("w=" + w for w in set(words))
    f.extend("l=" + t.lemma_.lower() for t in toks if t.is_alpha)
    f.extend("bg=" + a + "|" + b for a, b in pairwise(words))
    f.extend("p=" + t.pos_ for t in toks)
    f.append("w0=" + words[0])
    f.append("wN=" + words[-1])
    f.append("pos0=" + toks[0].pos_)
    f.append("posN=" + toks[-1].pos_)
    if len(toks) <= 3:
        f.append("pseq=" + "|".join(t.pos_ for t in toks))
        f.append("phrase=" + " ".join(words))
    f.extend("e=" + t.ent_type_ for t in toks if t.ent_type_)
    if any(t.text == "!" for t in toks):
        f.append("!")
    if any(t.text == "?" for t in toks):
        f.append("?")
    if any(t.is_upper and len(t) > 1 for t in toks):
        f.append("caps")
    if ctx.in_quote[toks[0].i]:
        f.append("q")
    i0, i1 = toks[0].i, toks[-1].i
    for k in (1, 2, 3):
        if i0 - k >= 0:
            f.append(f"L{k}=" + sdoc[i0 - k].lower_)
        if i1 + k < len(sdoc):
            f.append(f"R{k}=" + sdoc[i1 + k].lower_)
    sent = toks[0].sent if sdoc.has_annotation("SENT_START") or sdoc.has_annotation("DEP") else None
    if sent is not None:
        sw = [t for t in sent if not t.is_space]
        cover = len(toks) / max(len(sw), 1)
        f.append("cov=" + _bucket(int(cover * 10), (2, 5, 8, 10)))
        f.extend("s=" + t.lemma_.lower() for t in sw if t.is_alpha and t.i not in range(i0, i1 + 1))
    return f


def _tensor(sdoc: Doc, width: int) -> npt.NDArray[np.float32] | None:
    t = sdoc.tensor
    if getattr(t, "ndim", 0) != 2 or t.shape[0] != len(sdoc) or t.shape[1] != width:
        return None
    return np.asarray(t, dtype=np.float32)


def token_vectors(sdoc: Doc, tokens: tuple[Token, ...], width: int) -> npt.NDArray[np.float32]:
    """The pipeline's contextual vector (`Doc.tensor`) of each token; zeros when the pipeline has none this wide."""
    t = _tensor(sdoc, width)
    if t is None:
        return np.zeros((len(tokens), width), dtype=np.float32)
    return t[[tok.i for tok in tokens]]


def span_vectors(sdoc: Doc, spans: Sequence[tuple[int, int]], width: int) -> npt.NDArray[np.float32]:
    """Mean contextual vector of the tokens each character span touches; zeros where there are none."""
    out = np.zeros((len(spans), width), dtype=np.float32)
    t = _tensor(sdoc, width)
    if t is None:
        return out
    for k, (s, e) in enumerate(spans):
        span = sdoc.char_span(s, e, alignment_mode="expand")
        if span is not None and len(span):
            out[k] = t[span.start : span.end].mean(axis=0)
    return out
