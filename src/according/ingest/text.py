"""Plain text -> Document, and the one constructor every reader goes through."""

from __future__ import annotations

import hashlib
from datetime import datetime

from according.types import Document, TextSpan


def document_id(text: str, url: str | None = None) -> str:
    """sha256 of url + text, so the same article analysed twice gets the same id."""
    h = hashlib.sha256()
    h.update((url or "").encode("utf-8"))
    h.update(b"\0")
    h.update(text.encode("utf-8", "surrogatepass"))
    return h.hexdigest()[:16]


def make_document(
    text: str,
    *,
    title: str | None = None,
    outlet: str | None = None,
    url: str | None = None,
    published: datetime | None = None,
    author: str | None = None,
) -> Document:
    """A Document over exactly `text`; the title's span is found when the text starts with it.

    When no title is given and the text's first line is a short headline followed by an empty
    line (the layout of the bundled examples), that line is taken as the title.
    """
    title_span: TextSpan | None = None
    if title:
        stripped = title.strip()
        pos = text.find(stripped, 0, len(stripped) + 200) if stripped else -1
        if pos >= 0:
            title_span = TextSpan.of(text, pos, pos + len(stripped))
    else:
        first, sep, _rest = text.lstrip("\ufeff").partition("\n")
        offset = len(text) - len(text.lstrip("\ufeff"))
        if sep and _rest.startswith("\n") and 0 < len(first.strip()) <= 200 and not first.rstrip().endswith((".", ":")):
            lead = len(first) - len(first.lstrip())
            title = first.strip()
            title_span = TextSpan.of(text, offset + lead, offset + lead + len(title))
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    return Document(
        id=document_id(text, url),
        text=text,
        sha256=digest,
        title=title,
        outlet=outlet,
        url=url,
        published=published,
        author=author,
        title_span=title_span,
    )
