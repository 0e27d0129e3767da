"""End to end in a real browser: Debian's Chromium, headless, driven by Playwright against a live uvicorn server."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from according.types import Ledger

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"
EXAMPLE = "voa-north-korea-expels-bbc"


def _claim_texts(page: Any) -> dict[str, str]:
    """Attribution id -> the text of all its highlighted segments joined, as the browser renders them."""
    texts: dict[str, str] = page.evaluate(
        """() => {
        const out = {};
        for (const el of document.querySelectorAll('#text [data-att]')) {
          // a segment nested inside another segment of the same claim is already counted by its parent
          if (el.parentElement.closest('[data-att="' + CSS.escape(el.dataset.att) + '"]')) continue;
          out[el.dataset.att] = (out[el.dataset.att] || '') + el.textContent;
        }
        return out;
      }"""
    )
    return texts


def test_browser_example_spans_match_the_ledger(page: Any, live_server: str) -> None:
    page.goto(f"{live_server}/")
    page.locator("ul.examples").get_by_role("link", name="North Korea Expels BBC Journalists").click()
    page.wait_for_url(f"**/ui/examples/{EXAMPLE}")
    ledger = Ledger.from_dict(page.evaluate("() => JSON.parse(document.getElementById('ledger').textContent)"))
    assert ledger.attributions
    assert page.locator("#text").text_content() == ledger.text
    texts = _claim_texts(page)
    for a in ledger.attributions:
        parts = a.content_parts or (a.content,)
        assert texts[a.id] == "".join(p.text for p in parts), a.id
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "article-view.png"), full_page=True)


def test_browser_click_a_claim_shows_its_source_card(page: Any, live_server: str) -> None:
    page.goto(f"{live_server}/ui/examples/{EXAMPLE}")
    ledger = Ledger.from_dict(page.evaluate("() => JSON.parse(document.getElementById('ledger').textContent)"))
    att = next(a for a in ledger.attributions if a.source_id and a.parent)  # a claim inside another claim
    page.locator(f'#text [data-att="{att.id}"][tabindex]').click()
    card = page.locator(f'[data-card="att:{att.id}"]')
    card.wait_for(state="visible")
    src = ledger.source(att.source_id)
    assert src is not None
    assert src.name in card.locator(".who").text_content()
    chain = card.locator("ol.chain li").all_text_contents()
    assert chain[0] == "author" and chain[-1] == src.name and len(chain) >= 3
    assert page.locator("[data-card]:visible").count() == 1
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "source-card.png"))


def test_browser_keyboard_reaches_claims_and_cards(page: Any, live_server: str) -> None:
    page.goto(f"{live_server}/ui/examples/{EXAMPLE}")
    first = page.locator("#text [data-att][tabindex]").first
    first.focus()
    key = "att:" + first.get_attribute("data-att")
    assert page.locator(f'[data-card="{key}"]').is_visible()
    focused = None
    for _ in range(20):  # framing spans between two claims are tab stops too
        page.keyboard.press("Tab")
        focused = page.evaluate("() => document.activeElement.dataset.att")
        if focused:
            break
    assert focused and page.locator(f'[data-card="att:{focused}"]').is_visible()


def test_browser_layers_toggle(page: Any, live_server: str) -> None:
    page.goto(f"{live_server}/ui/examples/{EXAMPLE}")
    hedge = page.locator("#text .hedge, #text .boost").first
    if hedge.count() == 0:
        pytest.skip("the example has no hedges")
    assert "underline" in hedge.evaluate("el => getComputedStyle(el).textDecorationLine")
    page.get_by_label("hedges and boosters").uncheck()
    assert "underline" not in hedge.evaluate("el => getComputedStyle(el).textDecorationLine")
    att = page.locator("#text .att").first
    before = att.evaluate("el => getComputedStyle(el).borderBottomStyle")
    page.get_by_label("claims (shade by source type", exact=False).uncheck()
    assert before != "none" and att.evaluate("el => getComputedStyle(el).borderBottomStyle") == "none"


def test_browser_framing_layer_toggles(page: Any, live_server: str) -> None:
    page.goto(f"{live_server}/ui/examples/{EXAMPLE}")
    frame = page.locator("#text [data-frame]").first
    if frame.count() == 0:
        pytest.skip("the example has no framing spans")
    assert "overline" in frame.evaluate("el => getComputedStyle(el).textDecorationLine")
    assert frame.get_attribute("title").startswith("framing: ")
    page.get_by_label("framing (persuasion techniques", exact=False).uncheck()
    assert "overline" not in frame.evaluate("el => getComputedStyle(el).textDecorationLine")
    assert page.locator("#text [data-frame][tabindex='0']").count() == 0  # hidden spans leave the Tab order


def test_browser_analyze_form(page: Any, live_server: str) -> None:
    page.goto(f"{live_server}/ui/analyze")
    text = (
        "Storm closes bridge\n\n"
        '"The bridge is not safe," the mayor said on Monday. '
        "Two officials said repairs could take months, according to Reuters. <script>alert(1)</script>"
    )
    page.get_by_label("Article text").fill(text)
    page.get_by_label("Outlet").fill('Example "News"')
    page.get_by_role("button", name="Analyze").click()
    page.wait_for_selector("#text [data-att]")
    # the spans are server-rendered and may be in the DOM before article.js at the end of the body has run
    page.wait_for_load_state("load")
    assert page.locator("#text").text_content() == text
    assert 'Example "News"' in page.locator("header.masthead").text_content()
    page.locator("#text [data-att][tabindex]").first.click()
    page.locator("[data-card]:visible").first.wait_for(state="visible")
    assert page.locator("[data-card]:visible").count() == 1
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "analyze-result.png"), full_page=True)


def test_browser_hostile_article_runs_no_script(page: Any, live_server: str, hostile_ledger: Ledger) -> None:
    page.goto(f"{live_server}/ui/documents/{hostile_ledger.document.id}")
    assert page.locator("#text").text_content() == hostile_ledger.text
    assert page.locator("script").count() == 3  # ledger.js, article.js and the JSON data block
    assert page.locator("#text img, #text script, [onmouseover]").count() == 0
    # the `page` fixture fails the test if any alert() ran
