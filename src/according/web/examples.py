"""The bundled example articles (the repository's `examples/`) offered on the home page, each with its credit line."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

_TEXT_SUFFIXES = (".txt", ".md", ".html")


@dataclass(frozen=True, slots=True)
class Example:
    """One example article and what its `.json` sidecar says about it."""

    slug: str
    path: Path
    title: str
    outlet: str | None
    published: str | None
    url: str | None
    credit: str  # the credit line to show; the licence note when the sidecar gives none

    def to_dict(self) -> dict[str, Any]:
        return {
            "slug": self.slug,
            "title": self.title,
            "outlet": self.outlet,
            "published": self.published,
            "url": self.url,
            "credit": self.credit,
            "links": {"ledger": f"/ui/examples/{self.slug}.json", "html": f"/ui/examples/{self.slug}"},
        }


def default_dir() -> Path | None:
    """The repository's `examples/` beside `src/` (a source checkout or an editable install); None elsewhere."""
    here = Path(__file__).resolve().parents[3] / "examples"
    return here if here.is_dir() else None


def _str(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def _example(path: Path) -> Example | None:
    side = path.with_suffix(".json")
    try:
        meta = json.loads(side.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None  # an example without its credit line is not offered
    if not isinstance(meta, dict):
        return None
    credit = _str(meta.get("attribution"))
    if credit is None:
        licence = _str(meta.get("license"))
        credit = f"Licence: {licence}" if licence else "No credit line recorded."
    return Example(
        slug=path.stem,
        path=path,
        title=_str(meta.get("title")) or path.stem.replace("-", " "),
        outlet=_str(meta.get("outlet")),
        published=_str(meta.get("published")),
        url=_str(meta.get("url")),
        credit=credit,
    )


def find(directory: Path | None) -> dict[str, Example]:
    """The examples in `directory` (not its subfolders) that have a `.json` sidecar, by slug, sorted by slug."""
    if directory is None or not directory.is_dir():
        return {}
    out: dict[str, Example] = {}
    for path in sorted(directory.iterdir()):
        if path.suffix in _TEXT_SUFFIXES and path.is_file():
            ex = _example(path)
            if ex is not None:
                out[ex.slug] = ex
    return out
