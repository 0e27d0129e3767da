"""The HTML page: escaped, self-contained, well-formed, highlights that cover exactly their spans, readable JSON."""

from __future__ import annotations

import dataclasses
import json
from collections import defaultdict
from html.parser import HTMLParser

from according.render.html import render
from according.types import Ledger, TextSpan

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Page(HTMLParser):
    """Parse a page, recording nesting errors, each attribution's highlighted text and each script's body."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict[str, str | None]]] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.errors: list[str] = []
        self.highlighted: dict[str, str] = defaultdict(str)
        self.article = ""
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self.feed(html)
        self.close()
        self.errors += [f"unclosed <{tag}>" for tag, _ in self.stack]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self.scripts.append((dict(attrs), ""))
        if tag not in VOID:
            self.stack.append((tag, dict(attrs)))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        if self.stack and self.stack[-1][0] == tag:
            self.stack.pop()
        else:
            self.errors.append(f"</{tag}> while open: {[t for t, _ in self.stack]}")

    def handle_data(self, data: str) -> None:
        for tag, attrs in self.stack:
            if tag == "span" and attrs.get("data-att"):
                self.highlighted[str(attrs["data-att"])] += data
            if attrs.get("id") == "text":
                self.article += data
        if self.stack and self.stack[-1][0] == "script":
            attrs, body = self.scripts[-1]
            self.scripts[-1] = (attrs, body + data)


def test_html_is_well_formed(any_ledger: Ledger) -> None:
    page = Page(render(any_ledger))
    assert page.errors == []
    assert render(any_ledger).startswith("<!DOCTYPE html>")


def test_html_article_text_is_the_document_text(any_ledger: Ledger) -> None:
    assert Page(render(any_ledger)).article == any_ledger.text


def test_html_highlight_covers_exactly_each_content_span(any_ledger: Ledger) -> None:
    page = Page(render(any_ledger))
    for att in any_ledger.attributions:
        assert page.highlighted[att.id] == att.content.text, att.id


def test_html_highlight_covers_content_parts_when_split(ledger: Ledger) -> None:
    t = ledger.text
    quote = next(a for a in ledger.attributions if a.id == "a2")
    first, second = t.index("The logic"), t.index("a backup plan")
    parts = (TextSpan.of(t, first, first + 9), TextSpan.of(t, second, second + 13))
    split = dataclasses.replace(ledger, attributions=(dataclasses.replace(quote, content_parts=parts),))
    assert Page(render(split)).highlighted["a2"] == "The logica backup plan"


def test_html_nested_spans_nest_in_the_markup(nested_ledger: Ledger) -> None:
    html = render(nested_ledger)
    # The quote opens inside the report: one segment carries both attribution ids, outer first.
    assert '<span class="att t-media_outlet k-indirect h1' in html
    outer = html.index('data-att="a1"')
    assert html.index('data-att="a2"') > outer
    assert 'class="hedge' in html and 'class="boost' in html and 'class="op' in html
    assert 'class="cue' in html and 'class="src t-anonymous_group' in html


def test_html_escapes_article_and_metadata(hostile_ledger: Ledger) -> None:
    html = render(hostile_ledger)
    assert "<script>alert" not in html
    assert "<img" not in html
    assert "<b>gov" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    page = Page(html)
    assert page.errors == []
    assert [t for t, _ in page.tags if t in {"img", "textarea", "b"}] == []
    assert len(page.scripts) == 2  # the embedded ledger and the page's own script, nothing from the article
    names = {name for _, attrs in page.tags for name in attrs}
    assert not [n for n in names if n.startswith("on")], names
    # The attribute-breaking source name survives intact inside an attribute value.
    values = [v or "" for _, attrs in page.tags for v in attrs.values()]
    assert any('" onmouseover="alert(3)' in v for v in values)


def test_html_has_no_external_resources(ledger: Ledger) -> None:
    html = render(ledger)
    page = Page(html)
    for tag, attrs in page.tags:
        for name in ("src", "href", "action", "srcset", "poster", "data"):
            value = (attrs.get(name) or "").strip().lower()
            assert not value.startswith(("http:", "https:", "//")), (tag, name, value)
        assert tag not in {"link", "iframe", "img", "object", "embed"}
    assert "@import" not in html and "url(" not in html
    assert "https://example.com/iran-missiles" in html  # the credit is shown as text, not fetched or linked


def test_html_shows_credit_legend_profile_and_sources(ledger: Ledger) -> None:
    html = render(ledger)
    for text in ("Iran moves missiles", "By Jane Doe", "Example News", "2024-05-01", "Legend", "anonymous share"):
        assert text in html
    assert "author › Reuters › Iranian officials" in html
    assert "count: 1" in html and "affiliation: Iran" in html and "stance: neutral" in html


def test_html_embedded_json_round_trips(any_ledger: Ledger) -> None:
    page = Page(render(any_ledger))
    (body,) = [body for attrs, body in page.scripts if attrs.get("id") == "ledger"]
    assert "</" not in body
    assert Ledger.from_dict(json.loads(body)) == any_ledger


def test_html_kinds_differ_by_border_style_not_colour_alone(ledger: Ledger) -> None:
    html = render(ledger)
    assert ".att{background:var(--bg);border-bottom:2px solid" in html
    assert ".att.k-indirect{border-bottom-style:dashed}" in html
    assert "k-direct" in html and "k-indirect" in html


def test_html_renders_a_ledger_without_claims(ledger: Ledger) -> None:
    empty = dataclasses.replace(ledger, attributions=(), hedges=(), opinion_sentences=(), profile={})
    page = Page(render(empty))
    assert page.errors == []
    assert page.article == ledger.text
