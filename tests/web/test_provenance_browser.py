"""In Chromium: the claim page shows its provenance graph as an SVG picture, and its article links take focus."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest
from spacy.language import Language

from according.store import Store

if TYPE_CHECKING:
    from fastapi import FastAPI


@pytest.fixture
def app(prov_store: Store, nlp_sm: Language) -> FastAPI:  # the live server serves the provenance corpus
    from according.api import create_app

    return create_app(prov_store, nlp=nlp_sm, max_bytes=200_000)


def test_provenance_browser_claim_page_shows_the_graph(live_server: str, page: Any) -> None:
    page.goto(f"{live_server}/ui/claims")
    page.locator("table.claims tbody tr").first.locator("a").first.click()
    page.wait_for_url("**/ui/claims/c*")
    svg = page.locator("svg.provenance")
    svg.wait_for()
    box = svg.bounding_box()
    assert box is not None and box["width"] > 300 and box["height"] > 100
    assert page.locator("svg.provenance g.origin").count() >= 2
    assert page.locator("svg.provenance g.article").count() >= 3
    # the article nodes are links a keyboard reaches
    first = page.locator("svg.provenance a").first
    first.focus()
    assert page.evaluate("document.activeElement.tagName.toLowerCase()") == "a"
    assert "<b" not in page.locator("svg.provenance").inner_html().replace("&lt;b", "")
