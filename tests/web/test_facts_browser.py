"""In Chromium: hovering or focusing a claim shows its frame and evidence grade and highlights the frame's words;
the entity page draws its timeline as an SVG picture."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from spacy.language import Language

from according.store import Store
from according.types import Ledger

from .test_facts_pages import facts_store, framed_ledger, seed_ledger  # noqa: F401  (fixtures)

if TYPE_CHECKING:
    from fastapi import FastAPI

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"


@pytest.fixture
def app(facts_store: Store, nlp_sm: Language) -> FastAPI:  # noqa: F811  (the live server serves the framed seed)
    from according.api import create_app

    return create_app(facts_store, nlp=nlp_sm, max_bytes=200_000)


def _fhl(page: Any, frame_id: str) -> list[bool]:
    return list(page.locator(f'#text [data-farg="{frame_id}"]').evaluate_all("els => els.map(e => e.matches('.fhl'))"))


def test_facts_browser_hover_shows_frame_and_grade(page: Any, live_server: str, framed_ledger: Ledger) -> None:  # noqa: F811
    page.goto(f"{live_server}/ui/documents/{framed_ledger.document.id}")
    claim = page.locator('#text [data-att="a2"][tabindex]')
    assert not any(_fhl(page, "f1"))
    claim.hover()
    card = page.locator("#card")
    card.wait_for(state="visible")
    assert card.locator(".fr").first.text_content().startswith("frame f1: Iran → move → ballistic missiles")
    assert "when: Friday = 2018-08-31" in card.text_content()
    assert card.locator(".gr").text_content() == "evidence grade 3 · possibly true, on its sourcing"
    assert all(_fhl(page, "f1")) and len(_fhl(page, "f1")) >= 5  # action, actor, target, place, time
    shade = page.locator('#text [data-farg="f1"].r-actor').first.evaluate("e => getComputedStyle(e).backgroundColor")
    assert shade not in ("rgba(0, 0, 0, 0)", "transparent")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "frame-hover.png"))
    page.mouse.move(2, 2)
    page.locator("header.masthead").hover()
    assert not any(_fhl(page, "f1"))


def test_facts_browser_keyboard_reaches_a_statement(page: Any, live_server: str, framed_ledger: Ledger) -> None:  # noqa: F811
    page.goto(f"{live_server}/ui/documents/{framed_ledger.document.id}")
    page.locator('#text [data-stmt="u1"][tabindex]').focus()
    card = page.locator("#card")
    card.wait_for(state="visible")
    assert "frame f3: Amir Hatami → stand" in card.text_content()
    assert "evidence grade 2 · probably true, on its sourcing" in card.text_content()
    side = page.locator('[data-card="stmt:u1"]')
    assert side.is_visible() and "probably true" in side.locator(".grade").text_content()
    assert all(_fhl(page, "f3"))
    page.keyboard.press("Escape")
    assert card.is_hidden()
    # the side panel's entity link leads to the entity page and its timeline
    page.locator('#text [data-att="a2"][tabindex]').click()
    page.locator('[data-card="att:a2"] a.ent', has_text="Iran").click()
    page.wait_for_url("**/ui/entities/Iran")
    svg = page.locator("svg.timeline")
    svg.wait_for()
    box = svg.bounding_box()
    assert box is not None and box["width"] > 200 and box["height"] > 100
    bars = page.locator("svg.timeline g.bar")
    assert bars.count() >= 2 and page.locator("svg.timeline g.bar.actor rect").count() == bars.count() // 2
    heights = page.locator("svg.timeline g.bar.actor rect").evaluate_all("els => els.map(e => e.getBBox().height)")
    assert max(heights) > 50
    assert page.locator("h1").text_content() == "Iran"
    page.screenshot(path=str(ARTIFACTS / "entity-page.png"), full_page=True)
