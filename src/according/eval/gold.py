"""Gold attributions from our own JSON files and from PolNeAR's brat standoff, as one record type.

Every span is a tuple of half-open `(start, end)` character ranges into `GoldDoc.text`: one range
for a contiguous span, several for a discontinuous one (PolNeAR's `;`, our `content_parts`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from according.errors import FormatError

Span = tuple[int, int]
Spans = tuple[Span, ...]


@dataclass(frozen=True, slots=True)
class GoldAttribution:
    """One gold attribution; fields a corpus does not annotate are None.

    `count` and `parent` are None both for "not stated" / "top level" and for "not annotated";
    `GoldDoc.detailed` tells the two apart.
    """

    content: Spans  # the pieces; scoring uses their union
    source: Spans | None  # None: no source mention in the text
    cue: Spans | None
    kind: str | None = None
    source_type: str | None = None
    anonymous: bool | None = None
    count: int | None = None
    parent: int | None = None  # index into GoldDoc.attributions
    borderline: bool = False


@dataclass(frozen=True, slots=True)
class GoldDoc:
    """One annotated article."""

    id: str
    text: str
    attributions: tuple[GoldAttribution, ...]
    hedges: list[Span] | None = None  # None: hedges not annotated
    opinion: list[Span] | None = None  # author-opinion sentences; None: not annotated
    # True when kind, source type, anonymous, count and parent are annotated (our gold, not PolNeAR)
    detailed: bool = False


def _span(value: Any) -> Span:
    start, end = value
    return int(start), int(end)


def _gold_attribution(a: dict[str, Any]) -> GoldAttribution:
    parts = a.get("content_parts")
    content = tuple(_span(p) for p in parts) if parts else (_span(a["content"]),)
    count = a.get("count")
    parent = a.get("parent")
    anonymous = a.get("anonymous")
    return GoldAttribution(
        content=content,
        source=(_span(a["source"]),) if a.get("source") else None,
        cue=(_span(a["cue"]),) if a.get("cue") else None,
        kind=a.get("kind"),
        source_type=a.get("source_type"),
        anonymous=bool(anonymous) if anonymous is not None else None,
        count=int(count) if count is not None else None,
        parent=int(parent) if parent is not None else None,
        borderline=bool(a.get("borderline", False)),
    )


def read_gold_file(path: str | Path) -> GoldDoc:
    """Read one article in our gold JSON format (data/gold/README.md).

    Raises:
        FormatError: the file is not JSON or lacks `text` / `attributions`.
    """
    path = Path(path)
    try:
        d = json.loads(path.read_text(encoding="utf-8"))
        hedges = d.get("hedges")
        opinion = d.get("author_opinion_sentences")
        return GoldDoc(
            id=str(d.get("id") or path.stem),
            text=d["text"],
            attributions=tuple(_gold_attribution(a) for a in d["attributions"]),
            hedges=[_span(h["span"]) for h in hedges] if hedges is not None else None,
            opinion=[_span(s) for s in opinion] if opinion is not None else None,
            detailed=True,
        )
    except (ValueError, KeyError, TypeError) as e:
        raise FormatError(f"{path}: not a gold attribution file ({e})", reason="bad_gold") from e


def read_gold_dir(path: str | Path) -> Iterator[GoldDoc]:
    """Yield the gold articles of a folder (`*.json`, sorted by name), or of a single JSON file."""
    path = Path(path)
    if path.is_file():
        yield read_gold_file(path)
        return
    for f in sorted(path.glob("*.json")):
        yield read_gold_file(f)


# brat standoff: an annotation line starts with an id such as T12, E3, R1, A2, N1, #4 or *, then a tab.
# Anything else continues the text field of the previous T line (a span that crosses a newline).
_ANN_LINE = re.compile(r"^(?:[TERAMN#]\d+|\*)\t")


def _ann_lines(ann: str) -> Iterator[str]:
    """The annotation lines of a .ann file, with continuation lines folded into the line they continue."""
    current: str | None = None
    for line in ann.split("\n"):
        if _ANN_LINE.match(line):
            if current is not None:
                yield current
            current = line
        elif current is not None:
            current += "\n" + line
    if current is not None:
        yield current


def _parse_offsets(offsets: str) -> Spans:
    spans: list[Span] = []
    for piece in offsets.split(";"):
        start, end = piece.split()
        spans.append((int(start), int(end)))
    return tuple(spans)


def parse_brat(ann: str) -> tuple[GoldAttribution, ...]:
    """Attributions from the text of a PolNeAR .ann file, in the order of their `E` lines.

    Content and `Content2` both count as content pieces; a relation with no content is skipped,
    since it cannot be matched. `Attribution-no-source` relations (and any without a Source role)
    get `source=None`. Discontinuous spans keep their pieces.
    """
    spans: dict[str, Spans] = {}
    relations: list[list[tuple[str, str]]] = []
    for line in _ann_lines(ann):
        head, _, rest = line.partition("\t")
        if head.startswith("T"):
            type_offsets = rest.partition("\t")[0]
            _type, _, offsets = type_offsets.partition(" ")
            spans[head] = _parse_offsets(offsets)
        elif head.startswith("E"):
            # "Attribution:T4 Content:T3 Cue:T2 Source:T1"; Content2 is a second content piece
            pairs = (arg.partition(":") for arg in rest.split())
            relations.append([(role, ref) for role, sep, ref in pairs if sep])
    out: list[GoldAttribution] = []
    for roles in relations:
        content: list[Span] = []
        source: list[Span] = []
        cue: list[Span] = []
        for role, ref in roles:
            pieces = spans.get(ref, ())
            if role.startswith("Content"):
                content.extend(pieces)
            elif role.startswith("Source"):
                source.extend(pieces)
            elif role.startswith("Cue"):
                cue.extend(pieces)
        if not content:
            continue
        out.append(
            GoldAttribution(
                content=tuple(sorted(content)),
                source=tuple(sorted(source)) or None,
                cue=tuple(sorted(cue)) or None,
            )
        )
    return tuple(out)


def read_polnear(path: str | Path) -> Iterator[GoldDoc]:
    """Yield the articles of a PolNeAR split folder (`text/`, `attributions/`), sorted by name.

    An article annotated by several people is read once, from the first `.ann` file in sorted
    order. PolNeAR annotates no kind, source type, count, parent or hedges, so those are None.
    """
    path = Path(path)
    seen: set[str] = set()
    for ann_path in sorted((path / "attributions").glob("*.ann")):
        article = ann_path.stem.rsplit("_", 1)[0]
        if article in seen:
            continue
        seen.add(article)
        # newline="" keeps the text exactly as annotated: brat offsets count every code point
        with open(path / "text" / f"{article}.txt", encoding="utf-8", newline="") as f:
            text = f.read()
        with open(ann_path, encoding="utf-8", newline="") as f:
            attributions = parse_brat(f.read())
        yield GoldDoc(id=article, text=text, attributions=attributions, detailed=False)


def read_any(path: str | Path) -> Iterator[GoldDoc]:
    """Read gold from `path`, whichever format it is in.

    A folder with `text/` and `attributions/` is a PolNeAR split; a folder of `*.json` files or a
    single `.json` file is our gold format.

    Raises:
        FormatError: `path` is neither.
    """
    path = Path(path)
    if path.is_file() and path.suffix == ".json":
        return read_gold_dir(path)
    if path.is_dir():
        if (path / "text").is_dir() and (path / "attributions").is_dir():
            return read_polnear(path)
        if any(path.glob("*.json")):
            return read_gold_dir(path)
    raise FormatError(
        f"{path}: not gold data (expected a .json file, a folder of .json files, "
        "or a PolNeAR split folder with text/ and attributions/)",
        reason="bad_gold",
    )
