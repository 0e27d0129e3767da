"""Read the Propaganda Techniques Corpus (SemEval-2020 Task 11) in place: articles and their labelled spans.

A split folder holds `*-articles/article<ID>.txt` and `*-labels-task2-technique-classification/
article<ID>.task2-TC.labels` (TSV: `id  technique  start  end`, end exclusive, offsets in code points of the
text read with `newline=""`). SI spans are the TC spans with overlaps merged, so they are derived, not read.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from according.errors import InputError

TECHNIQUES: tuple[str, ...] = (
    "Appeal_to_Authority",
    "Appeal_to_fear-prejudice",
    "Bandwagon,Reductio_ad_hitlerum",
    "Black-and-White_Fallacy",
    "Causal_Oversimplification",
    "Doubt",
    "Exaggeration,Minimisation",
    "Flag-Waving",
    "Loaded_Language",
    "Name_Calling,Labeling",
    "Repetition",
    "Slogans",
    "Thought-terminating_Cliches",
    "Whataboutism,Straw_Men,Red_Herring",
)


@dataclass(frozen=True, slots=True)
class LabelledSpan:
    """One technique on the half-open range `[start, end)` of an article."""

    start: int
    end: int
    technique: str


@dataclass(frozen=True, slots=True)
class PTCArticle:
    """One article: its id, exact text and distinct labelled spans (sorted)."""

    id: str
    text: str
    spans: tuple[LabelledSpan, ...]


def _articles_dir(split: Path) -> Path:
    found = sorted(p for p in split.glob("*articles") if p.is_dir())
    if not found:
        raise InputError(f"{split}: no '*-articles' folder; expected a PTC split such as ptc/train", reason="no_data")
    return found[0]


def _labels_dir(split: Path) -> Path | None:
    found = sorted(p for p in split.glob("*labels-task2-technique-classification") if p.is_dir())
    return found[0] if found else None


def read_labels(path: Path) -> list[tuple[str, LabelledSpan]]:
    """(article id, span) for every row of a TC label file; unknown techniques raise InputError."""
    rows: list[tuple[str, LabelledSpan]] = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        parts = line.split("\t")
        if len(parts) != 4:
            raise InputError(f"{path}:{n}: expected 'id<TAB>technique<TAB>start<TAB>end'", reason="bad_labels")
        art, tech, start, end = parts
        if tech not in TECHNIQUES:
            raise InputError(f"{path}:{n}: unknown technique {tech!r}", reason="bad_labels")
        rows.append((art, LabelledSpan(int(start), int(end), tech)))
    return rows


def read_split(split: Path, *, limit: int | None = None) -> Iterator[PTCArticle]:
    """The articles of a PTC split in id order, with their spans (none when the split has no labels).

    Raises:
        InputError: no articles folder, a malformed label row, or a span outside its article.
    """
    labels = _labels_dir(split)
    paths = sorted(_articles_dir(split).glob("article*.txt"))[:limit]
    for p in paths:
        art_id = p.stem.removeprefix("article")
        with p.open(encoding="utf-8", newline="") as f:
            text = f.read()
        spans: set[LabelledSpan] = set()
        if labels is not None:
            lp = labels / f"article{art_id}.task2-TC.labels"
            if lp.is_file():
                for _, s in read_labels(lp):
                    if not 0 <= s.start < s.end <= len(text):
                        raise InputError(f"{lp}: span ({s.start}, {s.end}) outside the article", reason="bad_labels")
                    spans.add(s)
        yield PTCArticle(art_id, text, tuple(sorted(spans, key=lambda s: (s.start, s.end, s.technique))))


def data_sha256(split: Path) -> str:
    """sha256 over the split's article and TC label files (relative names and bytes), to pin the training data."""
    h = hashlib.sha256()
    for p in sorted(split.rglob("*")):
        article = p.suffix == ".txt" and p.parent.name.endswith("articles")
        # the one-file label list in the split's root repeats the per-article files
        labels = p.name.endswith("TC.labels") and p.parent != split
        if p.is_file() and (article or labels):
            h.update(str(p.relative_to(split)).encode())
            h.update(p.read_bytes())
    return h.hexdigest()
