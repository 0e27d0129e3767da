"""Word-piece windows over an article's exact text, shared by the transformer framing model's training and use.

A window is one line (paragraph) of the text, cut into pieces of at most `MAX_PIECES` word pieces, preferably
after a sentence-ending piece; each piece keeps its `(start, end)` character offsets into the text, so spans
found on pieces map back exactly. Needs only the `tokenizers` package and the vocabulary shipped with the model.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

MAX_PIECES = 126  # + [CLS] and [SEP] = 128, the length all-MiniLM-L6-v2 was trained on
_LINE = re.compile(r"[^\n]+")
_SENT_END = frozenset(".!?;")


@dataclass(frozen=True, slots=True)
class Window:
    """Word-piece ids (without [CLS]/[SEP]) and their character offsets into the whole text."""

    ids: tuple[int, ...]
    offsets: tuple[tuple[int, int], ...]

    @property
    def start(self) -> int:
        return self.offsets[0][0]

    @property
    def end(self) -> int:
        return self.offsets[-1][1]


def load_tokenizer(path: Path) -> Any:
    """A fast WordPiece tokenizer from a `tokenizer.json`, with its padding and truncation switched off."""
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(path))
    tok.no_padding()
    tok.no_truncation()
    return tok


def _cut(n: int, ends: Sequence[bool], limit: int) -> list[tuple[int, int]]:
    """Piece ranges of at most `limit`, each ending after the last sentence end that fits when there is one."""
    out: list[tuple[int, int]] = []
    a = 0
    while n - a > limit:
        b = next((k + 1 for k in range(a + limit - 1, a + limit // 2, -1) if ends[k]), a + limit)
        out.append((a, b))
        a = b
    if a < n:
        out.append((a, n))
    return out


def windows(text: str, tokenizer: Any, limit: int = MAX_PIECES) -> Iterator[Window]:
    """The text's windows in order; blank lines and pieces with empty offsets are skipped."""
    lines = [(m.start(), m.group()) for m in _LINE.finditer(text) if m.group().strip()]
    if not lines:
        return
    encs = tokenizer.encode_batch([line for _, line in lines], add_special_tokens=False)
    for (base, line), enc in zip(lines, encs, strict=True):
        pieces = [(i, (base + s, base + e)) for i, (s, e) in zip(enc.ids, enc.offsets, strict=True) if e > s]
        if not pieces:
            continue
        ends = [line[e - base - 1] in _SENT_END for _, (_, e) in pieces]
        for a, b in _cut(len(pieces), ends, limit):
            chunk = pieces[a:b]
            yield Window(tuple(i for i, _ in chunk), tuple(o for _, o in chunk))


def piece_labels(win: Window, spans: Sequence[tuple[int, int]]) -> list[int]:
    """0 = outside, 1 = begins a span, 2 = inside one, for each piece of the window (spans merged, sorted)."""
    out: list[int] = []
    prev = -1
    for s, e in win.offsets:
        k = next((j for j, (a, b) in enumerate(spans) if a < e and s < b), -1)
        out.append(0 if k < 0 else (2 if k == prev else 1))
        prev = k
    return out


def piece_range(win: Window, start: int, end: int) -> tuple[int, int] | None:
    """The window's pieces `[i, j)` that overlap the characters `[start, end)`, or None."""
    hit = [k for k, (s, e) in enumerate(win.offsets) if s < end and start < e]
    return (hit[0], hit[-1] + 1) if hit else None


def expand_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Grow `[start, end)` to whole words, so a span found on word pieces never cuts a word in two."""
    while start > 0 and text[start - 1].isalnum() and text[start].isalnum():
        start -= 1
    while end < len(text) and text[end].isalnum() and text[end - 1].isalnum():
        end += 1
    return start, end
