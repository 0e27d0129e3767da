"""The HTML page: escaped, self-contained, well-formed, highlights that cover exactly their spans, readable JSON."""

from __future__ import annotations

import dataclasses
import json
import re
import shutil
import subprocess
from collections import defaultdict
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest

from according.render.html import render
from according.render.markdown import label
from according.types import SOURCE_TYPES, Framing, Ledger, TextSpan

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Page(HTMLParser):
    """Parse a page, recording nesting errors, each attribution's highlighted text and each script's body."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict[str, str | None]]] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.errors: list[str] = []
        self.highlighted: dict[str, str] = defaultdict(str)
        self.framed: dict[str, str] = defaultdict(str)
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
            if tag == "span" and attrs.get("data-frame"):
                self.framed[str(attrs["data-frame"])] += data
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


def _framing_in_order(ledger: Ledger) -> list[Framing]:
    return sorted(ledger.framing, key=lambda f: (f.span.start, f.span.end, f.technique))


def test_html_framing_layer_covers_exactly_each_framing_span(any_ledger: Ledger) -> None:
    page = Page(render(any_ledger))
    assert any_ledger.framing
    spans = _framing_in_order(any_ledger)
    # One group of segments per framing span, and each group's text is exactly the span's text.
    assert set(page.framed) == {f"f{i}" for i in range(1, len(spans) + 1)}
    for i, f in enumerate(spans, 1):
        assert page.framed[f"f{i}"] == f.span.text, (i, f.technique)
        mine = [a for t, a in page.tags if t == "span" and a.get("data-frame") == f"f{i}"]
        assert {a["data-technique"] for a in mine} == {f.technique}
        assert {a["title"] for a in mine} == {f"framing: {label(f.technique)} · score {f.score:.2f}"}
        assert [a.get("tabindex") for a in mine if "tabindex" in a] == ["0"]  # one keyboard stop per span


def test_html_framing_overlaps_stay_well_formed(nested_ledger: Ledger) -> None:
    html = render(nested_ledger)
    page = Page(html)
    assert page.errors == []
    assert page.article == nested_ledger.text
    # The overlapping framing spans and the claims they cross still cover exactly their own text.
    for att in nested_ledger.attributions:
        assert page.highlighted[att.id] == att.content.text
    assert page.framed["f1"] == 'allegedly delayed" on Monday.\n\nIt'
    assert page.framed["f2"] == "on Monday.\n\nIt clearly was not"
    # "Monday" sits inside two framing spans at once: one segment is wrapped by all three.
    assert re.search(r'data-frame="f1".*?data-frame="f2".*?data-frame="f3"[^>]*>Monday<', html, re.S)


def test_html_framing_legend_counts_and_toggle(ledger: Ledger) -> None:
    html = render(ledger)
    page = Page(html)
    (toggle,) = [a for t, a in page.tags if t == "input" and a.get("id") == "layer-framing"]
    assert toggle["type"] == "checkbox" and "checked" in toggle and "disabled" not in toggle
    assert 'data-technique="Loaded_Language">Loaded Language</span> 1</li>' in html
    assert 'data-technique="Name_Calling,Labeling">Name Calling/Labeling</span> 1</li>' in html
    assert "body:has(#layer-framing:not(:checked)) #text .frame" in html
    assert "2 framing spans" in html


def test_html_framing_toggle_disabled_without_framing(ledger: Ledger) -> None:
    page = Page(render(dataclasses.replace(ledger, framing=())))
    (toggle,) = [a for t, a in page.tags if t == "input" and a.get("id") == "layer-framing"]
    assert "disabled" in toggle
    assert page.framed == {}


def test_html_framing_is_escaped(hostile_ledger: Ledger) -> None:
    html = render(hostile_ledger)
    assert "<script>alert(6)" not in html and "<i>x</i>" not in html
    page = Page(html)
    assert page.errors == []
    values = [v or "" for _, attrs in page.tags for v in attrs.values()]
    assert any(v == '"><script>alert(6)</script>' for v in values)  # intact inside data-technique
    assert page.framed["f1"] == '<script>alert(1)</script> was "fine"'


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


def test_html_each_claim_is_one_numbered_tab_stop(any_ledger: Ledger) -> None:
    page = Page(render(any_ledger))
    spans = [attrs for tag, attrs in page.tags if tag == "span" and attrs.get("data-att")]
    order = sorted(any_ledger.attributions, key=lambda a: (a.content.start, a.content.end, a.id))
    for n, att in enumerate(order, 1):
        mine = [attrs for attrs in spans if attrs["data-att"] == att.id]
        assert [a.get("tabindex") for a in mine if "tabindex" in a] == ["0"], att.id
        assert {a["data-n"] for a in mine if "data-n" in a} == {str(n)}, att.id
        assert all(a.get("aria-describedby") == "card" for a in mine if "tabindex" in a)


def test_html_focus_is_visible_and_shows_the_card(ledger: Ledger) -> None:
    html = render(ledger)
    assert ".att[tabindex]:focus{outline:2px solid" in html
    assert "addEventListener('focusin'" in html and "'Escape'" in html
    assert 'id="card" class="card" role="tooltip" hidden' in html


def _rgb(hex_colour: str) -> tuple[float, float, float]:
    r, g, b = (float(int(hex_colour[i : i + 2], 16)) for i in (1, 3, 5))
    return r, g, b


def _contrast(a: tuple[float, float, float], b: tuple[float, float, float]) -> float:
    def lum(c: tuple[float, float, float]) -> float:
        lin = [v / 255 / 12.92 if v / 255 <= 0.03928 else ((v / 255 + 0.055) / 1.055) ** 2.4 for v in c]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_html_source_type_colours_are_distinct_and_meet_wcag_aa(ledger: Ledger) -> None:
    html = render(ledger)
    rules = re.findall(r"\.t-(\w+)\{--c:(#[0-9a-f]{6});--bg:rgba\([^)]*\);--bg2:rgba\(([^)]*)\)", html)
    found = {name: (line, bg2) for name, line, bg2 in rules}
    assert set(found) == set(SOURCE_TYPES)
    assert len({line for line, _ in found.values()}) == len(SOURCE_TYPES)
    paper, ink, white = _rgb("#fdfcf9"), _rgb("#1f1d1a"), (255.0, 255.0, 255.0)
    for name, (line, bg2) in found.items():
        # Lines are non-text marks (3:1) but also the background of the white claim numbers (4.5:1).
        assert _contrast(_rgb(line), paper) >= 4.5 and _contrast(_rgb(line), white) >= 4.5, name
        *rgb, alpha = (float(x) for x in bg2.split(","))
        r, g, b = (c * alpha + p * (1 - alpha) for c, p in zip(rgb, paper, strict=True))
        shade = (r, g, b)
        assert _contrast(ink, shade) >= 7, name  # text on the hovered (darkest) shade, with room for nesting


def test_html_anonymous_source_mentions_are_dashed_not_only_coloured(nested_ledger: Ledger) -> None:
    html = render(nested_ledger)
    assert ".src.anon{border-style:dashed}" in html
    assert 'class="src t-anonymous_group anon b e"' in html
    assert 'class="src t-media_outlet b e"' in html


def test_html_says_when_the_article_has_no_credit(nested_ledger: Ledger) -> None:
    assert not nested_ledger.document.author and not nested_ledger.document.url
    assert "No byline, outlet, date or URL." in render(nested_ledger)


def test_html_profile_shares_read_as_percentages(ledger: Ledger) -> None:
    html = render(ledger)
    assert "<dt>anonymous share</dt><dd>50%</dd>" in html
    assert '<dt class="wide">source types</dt>' in html


def _browser() -> str | None:
    return next(filter(None, (shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome"))), None)


# Runs the page's own script in a real browser: hover, focus, row click and Escape, results written into the DOM.
_PROBE = """<script>addEventListener('load',function(){var r={},card=document.getElementById('card');
r.titles=document.querySelectorAll('#text [data-att][title]').length;
var seg=document.querySelector('#text [data-att]');seg.dispatchEvent(new MouseEvent('mouseover',{bubbles:true}));
r.hover=!card.hidden&&card.firstChild.textContent;
document.getElementById('text').dispatchEvent(new MouseEvent('mouseleave'));r.left=card.hidden;
var row=document.querySelector('[data-row]');row.click();r.focused=document.activeElement.dataset.att;
r.focus=!card.hidden&&card.firstChild.textContent;
document.dispatchEvent(new KeyboardEvent('keydown',{key:'Escape'}));r.escape=card.hidden;
document.body.setAttribute('data-probe',JSON.stringify(r));});</script>"""


@pytest.mark.skipif(_browser() is None, reason="needs Chromium (Debian: apt-get install chromium)")
def test_html_script_shows_cards_in_a_real_browser(ledger: Ledger, tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(render(ledger).replace("</body>", _PROBE + "</body>"), encoding="utf-8")
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]
    flags += ["--disable-component-update", "--disable-sync", f"--user-data-dir={tmp_path / 'profile'}"]
    cmd = [str(_browser()), *flags, "--dump-dom", page.as_uri()]
    dom = subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=True).stdout
    probe = json.loads(unescape(re.search(r'data-probe="([^"]*)"', dom).group(1)))  # type: ignore[union-attr]
    first = sorted(ledger.attributions, key=lambda a: (a.content.start, a.content.end, a.id))[0]
    assert probe == {
        "titles": 0,
        "hover": f"#1 {ledger.source(first.source_id).name}",  # type: ignore[union-attr]
        "left": True,
        "focused": first.id,
        "focus": f"#1 {ledger.source(first.source_id).name}",  # type: ignore[union-attr]
        "escape": True,
    }
