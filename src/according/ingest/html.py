"""HTML -> Document via trafilatura: the article body without menus or reader comments, plus its metadata."""

from __future__ import annotations

import html as _html
import re
from datetime import UTC, date, datetime, time
from typing import Any

import trafilatura

from according.errors import InputError
from according.ingest.text import make_document
from according.types import Document

#: The fallback extractors (readability, jusText) return menus for pages without an article, so their output
#: is only kept when it is at least this long; trafilatura's own extractor is trusted at any length.
MIN_FALLBACK_CHARS = 250
_EXTRACT_OPTIONS: dict[str, Any] = {
    "with_metadata": True,
    "include_comments": False,
    "include_tables": False,
    "favor_precision": True,
    # htmldate's default output is the day alone; ask for the time and offset too, where the page has them.
    "date_extraction_params": {"original_date": True, "extensive_search": True, "outputformat": "%Y-%m-%dT%H:%M:%S%z"},
}
_SNIFF_CHARS = 2048
_HTML_START = re.compile(r"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]", re.IGNORECASE)
_PAGE_TAG = re.compile(r"<(?:html|body)[\s>]", re.IGNORECASE)
_BLOCK_TAG = re.compile(r"<(?:p|div|article|section|h[1-6]|br|li|ul|ol|table|blockquote|span|a)[\s>/]", re.IGNORECASE)
_TITLE_TAG = re.compile(r"<title[^>]*>(.*?)</title\s*>", re.IGNORECASE | re.DOTALL)
_TITLE_SEPARATOR = re.compile(r"\s+(?:[|»«·•:–—-]|::)\s+")
_MAX_SITE_WORDS = 5


def looks_like_html(text: str) -> bool:
    """Whether `text` starts like an HTML page (a doctype, <html>, <body>, or several tags), by a cheap sniff."""
    head = text[:_SNIFF_CHARS].lstrip()
    if "<" not in head[:200]:
        return False
    return bool(_HTML_START.search(head)) or len(_BLOCK_TAG.findall(head)) >= 3


def read(html: str, *, url: str | None = None) -> Document:
    """The article in `html` as a Document: headline, a blank line, then one paragraph per block.

    Raises:
        InputError: reason "no_article_body" when trafilatura finds no article text.
    """
    if not _PAGE_TAG.search(html):
        html = f"<html><body>{html}</body></html>"  # trafilatura returns nothing for a bare fragment
    result = _extract(html, url=url, fast=True)
    if not _text(result):
        fallback = _extract(html, url=url, fast=False)
        if len(_text(fallback)) >= MIN_FALLBACK_CHARS:
            result = fallback
    paragraphs = [line.strip() for line in _text(result).split("\n") if line.strip()]
    if not paragraphs:
        raise InputError(f"no article body found in the HTML{f' of {url}' if url else ''}", reason="no_article_body")
    title, site = _headline(html, _field(result, "title"))
    if title and paragraphs[0] != title:
        paragraphs.insert(0, title)
    return make_document(
        "\n\n".join(paragraphs),
        title=title,
        outlet=_outlet(_field(result, "sitename"), site),
        url=url or _field(result, "url"),
        published=parse_published(_field(result, "date")),
        author=_field(result, "author"),
    )


def parse_published(value: str | None) -> datetime | None:
    """An ISO date or datetime as a tz-aware datetime (naive means UTC; a date means midnight UTC); else None."""
    if not value or not value.strip():
        return None
    value = value.strip()
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        try:
            parsed = datetime.combine(date.fromisoformat(value[:10]), time())
        except ValueError:
            return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _extract(html: str, *, url: str | None, fast: bool) -> Any:
    try:
        return trafilatura.bare_extraction(html, url=url, fast=fast, **_EXTRACT_OPTIONS)
    except Exception as exc:  # trafilatura and lxml raise assorted errors on malformed markup
        raise InputError(f"cannot parse the HTML: {exc}", reason="not_html") from exc


def _text(result: Any) -> str:
    return _field(result, "text") or ""


def _field(result: Any, name: str) -> str | None:
    value = getattr(result, name, None) if result is not None else None
    return (value.strip() or None) if isinstance(value, str) else None


def _outlet(sitename: str | None, site: str | None) -> str | None:
    """trafilatura falls back to the URL's domain for the site name; a name from the <title> reads better."""
    if site and (not sitename or ("." in sitename and " " not in sitename)):
        return site
    return sitename


def _headline(html: str, title: str | None) -> tuple[str | None, str | None]:
    """Undo a trafilatura quirk: given a page with one <h1> (often the site's logo), it takes that as the title.

    When that title is only the site-name part of "<title>Site » Headline</title>", the headline is the
    longest other part. Returns (title, site name or None).
    """
    match = _TITLE_TAG.search(html)
    if not match or not title:
        return title, None
    full = " ".join(_html.unescape(match.group(1)).split())
    parts = [p.strip() for p in _TITLE_SEPARATOR.split(full) if p.strip()]
    # A site name is a few words; a longer title is more likely a headline beside a long site name.
    if len(parts) < 2 or len(title.split()) > _MAX_SITE_WORDS or title.casefold() not in {p.casefold() for p in parts}:
        return title, None
    longest = max(parts, key=len)
    if longest.casefold() == title.casefold():
        return title, None
    return longest, title
