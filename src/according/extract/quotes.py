"""Pair quotation marks into quotations, character by character, without giving up on stray marks.

Handles straight and curly double quotes, quotes running over several paragraphs (the convention that
leaves a paragraph's closing mark off and opens the next paragraph with a mark), and single-quoted
quotes inside double-quoted ones. Unpairable marks are reported, never fatal.
"""

from __future__ import annotations

from dataclasses import dataclass

OPEN_CURLY = "\u201c"  # “
CLOSE_CURLY = "\u201d"  # ”
STRAIGHT = '"'
LOW_OPEN = "\u201e"  # „
GUILLEMETS = {"\u00ab": "\u00bb"}  # « »
_TRIM = " \t\n,;:"


@dataclass(frozen=True, slots=True)
class Quotation:
    """A quotation: the marks' positions and the quoted words, split per paragraph when it runs on."""

    start: int  # position of the opening mark
    end: int  # one past the closing mark (or past the paragraph's end when the mark is missing)
    parts: tuple[tuple[int, int], ...]  # the quoted words, one piece per paragraph, trimmed
    closed: bool  # the closing mark was found
    depth: int = 0  # 0 for a top-level quote, 1 for a quote inside a quote

    @property
    def content(self) -> tuple[int, int]:
        return (self.parts[0][0], self.parts[-1][1])

    def words(self, text: str) -> int:
        return sum(len(text[s:e].split()) for s, e in self.parts)


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1] in _TRIM:
        e -= 1
    return s, e


def _is_opening_straight(text: str, i: int) -> bool:
    """A straight mark opens when it follows whitespace/start/opening punctuation and precedes a non-space."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if after.isspace():
        return False
    return before.isspace() or before in "([{\u2014\u2013-/:" or i == 0


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """Paragraph ranges, split at blank lines (or single newlines: a line is a paragraph too)."""
    out: list[tuple[int, int]] = []
    start = 0
    n = len(text)
    i = 0
    while i < n:
        if text[i] == "\n":
            if start < i:
                out.append((start, i))
            start = i + 1
        i += 1
    if start < n:
        out.append((start, n))
    return out


def _marks(text: str, s: int, e: int) -> list[tuple[int, str]]:
    """(position, 'open'|'close') for every double quotation mark in text[s:e].

    Two apostrophes (''), the newswire way of writing a straight double quote, count as one mark
    whose position is that of the second apostrophe when it opens and of the first when it closes.
    """
    out: list[tuple[int, str]] = []
    open_straight = False
    i = s - 1
    while i + 1 < e:
        i += 1
        c = text[i]
        if c == "'" and i + 1 < e and text[i + 1] == "'":
            before = text[i - 1] if i > 0 else " "
            after = text[i + 2] if i + 2 < len(text) else " "
            if not open_straight and not after.isspace() and (before.isspace() or before in "([{—-:" or i == 0):
                out.append((i + 1, "open"))
                open_straight = True
            elif open_straight:
                out.append((i, "close"))
                open_straight = False
            i += 1
            continue
        before = text[i - 1] if i > s else " "
        after = text[i + 1] if i + 1 < e else " "
        if c in (OPEN_CURLY, CLOSE_CURLY) and (before.isspace() or before in "([—-") != (
            after.isspace() or after in ".,;:!?)—"
        ):
            # a curly mark typed the wrong way round still opens after a space and closes before one
            out.append((i, "open" if before.isspace() or before in "([—-" else "close"))
        elif c in (OPEN_CURLY, LOW_OPEN) or c in GUILLEMETS:
            out.append((i, "open"))
        elif c == CLOSE_CURLY or c == "\u00bb":
            out.append((i, "close"))
        elif c == STRAIGHT:
            if not open_straight and _is_opening_straight(text, i):
                out.append((i, "open"))
                open_straight = True
            elif open_straight:
                out.append((i, "close"))
                open_straight = False
            else:
                out.append((i, "close"))
    return out


def quotations(text: str) -> tuple[list[Quotation], list[int]]:
    """All double-quoted quotations in `text`, and the positions of marks that could not be paired.

    A quote left open at a paragraph's end continues when the next paragraph opens with a mark;
    otherwise it is closed at the paragraph's end (and reported as unclosed).
    """
    quotes: list[Quotation] = []
    stray: list[int] = []
    pending: tuple[int, list[tuple[int, int]]] | None = None  # a quote carried over from the last paragraph
    for ps, pe in _paragraphs(text):
        marks = _marks(text, ps, pe)
        first_nonspace = ps
        while first_nonspace < pe and text[first_nonspace].isspace():
            first_nonspace += 1
        if pending is not None:
            start, parts = pending
            pending = None
            if marks and marks[0][0] == first_nonspace and marks[0][1] == "open":
                # the quote runs on: this paragraph's opening mark continues it
                marks = marks[1:]
                cur_open: int | None = first_nonspace
                carried: tuple[int, list[tuple[int, int]]] | None = (start, parts)
            else:
                quotes.append(Quotation(start, parts[-1][1], tuple(parts), closed=False))
                stray.append(start)
                cur_open = None
                carried = None
        else:
            cur_open = None
            carried = None
        for pos, kind in marks:
            if kind == "open":
                if cur_open is not None:
                    # an open inside an open: the first was stray unless it is the carried quote
                    stray.append(cur_open if carried is None else carried[0])
                    carried = None
                cur_open = pos
            else:
                if cur_open is None:
                    stray.append(pos)
                    continue
                piece = _trim(text, cur_open + 1, pos)
                if carried is not None:
                    start, parts = carried
                    parts = [*parts, piece]
                    carried = None
                else:
                    start, parts = cur_open, [piece]
                quotes.append(Quotation(start, pos + 1, tuple(p for p in parts if p[0] < p[1]) or (piece,), True))
                cur_open = None
        if cur_open is not None:
            piece = _trim(text, cur_open + 1, pe)
            if carried is not None:
                pending = (carried[0], [*carried[1], piece])
            else:
                pending = (cur_open, [piece])
    if pending is not None:
        start, parts = pending
        quotes.append(Quotation(start, parts[-1][1], tuple(parts), closed=False))
        stray.append(start)
    quotes = [q for q in quotes if q.parts and q.parts[0][0] < q.parts[-1][1]]
    quotes.extend(_inner_quotes(text, quotes))
    quotes.sort(key=lambda q: (q.start, -q.end))
    return quotes, sorted(set(stray))


def _inner_quotes(text: str, outer: list[Quotation]) -> list[Quotation]:
    """Single-quoted quotes inside double-quoted ones (‘...’ or '...'), told apart from apostrophes."""
    found: list[Quotation] = []
    for q in outer:
        for s, e in q.parts:
            i = s
            while i < e:
                c = text[i]
                if c in "\u2018'" and (i == s or not text[i - 1].isalnum()) and i + 1 < e and text[i + 1].isalpha():
                    close_char = "\u2019" if c == "\u2018" else "'"
                    j = i + 1
                    while j < e:
                        if text[j] == close_char and (j + 1 >= len(text) or not text[j + 1].isalnum()):
                            break
                        j += 1
                    if j < e or (j == e and e < len(text) and text[e] == close_char):
                        ps, pe = _trim(text, i + 1, j)
                        if pe - ps >= 3 and " " in text[ps:pe]:
                            found.append(Quotation(i, j + 1, ((ps, pe),), True, depth=1))
                        i = j + 1
                        continue
                i += 1
    return found
