"""The web pages: what each shows, their `.json` twins, escaping of every article string, and error pages."""

from __future__ import annotations

from html import unescape
from html.parser import HTMLParser
from typing import Any

import pytest
from fastapi.testclient import TestClient

from according.types import Ledger

OUR_SCRIPTS = {"/static/ledger.js", "/static/article.js"}


class Page(HTMLParser):
    """Collects what an attacker would need: script elements, event-handler attributes, and #text's text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scripts: list[dict[str, str | None]] = []
        self.handlers: list[tuple[str, str]] = []
        self.text_parts: list[str] = []
        self._depth = 0  # >0 while inside article#text

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "script":
            self.scripts.append(a)
        self.handlers += [(tag, k) for k in a if k.startswith("on")]
        if self._depth:
            self._depth += 1
        elif tag == "article" and a.get("id") == "text":
            self._depth = 1

    def handle_endtag(self, tag: str) -> None:
        if self._depth:
            self._depth -= 1

    def handle_data(self, data: str) -> None:
        if self._depth:
            self.text_parts.append(data)


def parse(html: str) -> Page:
    p = Page()
    p.feed(html)
    return p


def assert_safe(html: str) -> Page:
    page = parse(html)
    assert page.handlers == []
    for s in page.scripts:
        assert s.get("src") in OUR_SCRIPTS or (s.get("type") == "application/json" and s.get("id") == "ledger"), s
    return page


def test_pages_home_with_empty_store_offers_examples_with_credit(empty_client: TestClient) -> None:
    response = empty_client.get("/")
    assert response.status_code == 200
    html = response.text
    assert "Your corpus is empty" in html
    data = empty_client.get("/index.json").json()
    assert data["documents"] == 0 and len(data["examples"]) >= 5
    for ex in data["examples"]:
        assert f'href="{ex["links"]["html"]}"' in html
        assert ex["credit"] and unescape(html).count(ex["credit"]) == 1
    nasa = next(e for e in data["examples"] if e["slug"] == "wikinews-ebola-treatments")
    assert "CC BY 2.5" in nasa["credit"]


def test_pages_home_lists_the_corpus(client: TestClient, example_ledgers: list[Ledger]) -> None:
    html = client.get("/").text
    assert "3 stored articles" in html
    for ledger in example_ledgers:
        assert f"/ui/documents/{ledger.document.id}" in html


@pytest.mark.parametrize(
    ("page", "twin"),
    [
        ("/", "/index.json"),
        ("/ui/analyze", "/ui/analyze.json"),
        ("/ui/documents?limit=2", "/ui/documents.json?limit=2&offset=0"),
        ("/ui/search?q=Korea", "/ui/search.json?q=Korea"),
        ("/ui/examples/voa-north-korea-expels-bbc", "/ui/examples/voa-north-korea-expels-bbc.json"),
    ],
)
def test_pages_every_page_has_a_json_twin(client: TestClient, page: str, twin: str) -> None:
    html = client.get(page)
    assert html.status_code == 200 and html.headers["content-type"].startswith("text/html")
    assert f'<link rel="alternate" type="application/json" href="{twin.replace("&", "&amp;")}">' in html.text
    data = client.get(twin)
    assert data.status_code == 200 and data.headers["content-type"] == "application/json"
    assert data.json().get("ok", True) is True


def test_pages_document_json_twin_is_the_api_ledger(client: TestClient, example_ledgers: list[Ledger]) -> None:
    doc_id = example_ledgers[0].document.id
    assert client.get(f"/ui/documents/{doc_id}.json").json() == client.get(f"/documents/{doc_id}").json()
    assert client.get("/ui/documents.json").json() == client.get("/documents").json() | {
        "next": client.get("/ui/documents.json").json()["next"]
    }


def test_pages_article_view_marks_every_claim(client: TestClient, example_ledgers: list[Ledger]) -> None:
    ledger = example_ledgers[0]
    html = client.get(f"/ui/documents/{ledger.document.id}").text
    page = assert_safe(html)
    assert "".join(page.text_parts) == ledger.text
    for a in ledger.attributions:
        assert f'data-att="{a.id}"' in html
        assert f'data-card="att:{a.id}"' in html
    for layer in ("layer-att", "layer-src", "layer-hedge", "layer-op", "layer-framing"):
        assert f'id="{layer}"' in html
    assert 'class="bars"' in html  # the profile's small charts
    assert "framing (not available yet)" not in html
    assert 'id="layer-framing" checked' in html
    assert html.count('id="layer-framing"') == 1  # the legend leaves its own switch off in the web view
    for i in range(1, len(ledger.framing) + 1):
        assert f'data-frame="f{i}"' in html


def test_pages_escape_a_hostile_stored_article(client: TestClient, hostile_ledger: Ledger) -> None:
    response = client.get(f"/ui/documents/{hostile_ledger.document.id}")
    page = assert_safe(response.text)
    assert "".join(page.text_parts) == hostile_ledger.text
    assert "<script>alert" not in response.text and "<b onmouseover" not in response.text
    assert "&lt;script&gt;alert(4)&lt;/script&gt;" in response.text  # the headline, shown as text
    assert "&lt;b onmouseover=alert(5)&gt;Outlet&lt;/b&gt;" in response.text  # the outlet, shown as text


def test_pages_escape_a_hostile_example_and_its_credit(client: TestClient) -> None:
    home = client.get("/").text
    assert_safe(home)
    assert "alert(7)" in unescape(home) and "<script>alert(7)" not in home
    response = client.get("/ui/examples/hostile")
    assert response.status_code == 200
    page = assert_safe(response.text)
    assert "".join(page.text_parts).count("<script>alert(1)</script>") == 1  # as text, once
    assert "Credit: &lt;script&gt;alert(7)&lt;/script&gt; &amp; &#34;friends&#34;" in response.text


def test_pages_escape_a_hostile_analyze_form(client: TestClient, hostile_ledger: Ledger) -> None:
    form: dict[str, Any] = {"text": hostile_ledger.text, "title": '"><script>alert(8)</script>', "outlet": "x"}
    response = client.post("/ui/analyze", data=form)
    assert response.status_code == 200
    page = assert_safe(response.text)
    assert "".join(page.text_parts).endswith(hostile_ledger.text)
    assert "<script>alert(8)" not in response.text


def test_pages_analyze_form_shows_errors_and_keeps_the_input(client: TestClient) -> None:
    response = client.post("/ui/analyze", data={"text": "   ", "title": '"><b>kept</b>'})
    assert response.status_code == 422
    assert 'role="alert"' in response.text
    assert_safe(response.text)
    assert 'value="&#34;&gt;&lt;b&gt;kept&lt;/b&gt;"' in response.text


def test_pages_analyze_form_takes_a_file(client: TestClient) -> None:
    text = "Storm\n\nThe mayor said the bridge was closed, according to Reuters."
    response = client.post("/ui/analyze", files={"file": ("a.txt", text.encode())}, data={"text": ""})
    assert response.status_code == 200 and "data-att=" in response.text


def test_pages_errors_are_html_on_pages_and_json_on_twins(client: TestClient) -> None:
    page = client.get("/ui/documents/nope")
    assert page.status_code == 404 and page.headers["content-type"].startswith("text/html")
    assert "no document with id" in unescape(page.text)
    twin = client.get("/ui/documents/nope.json")
    assert twin.status_code == 404 and twin.json()["ok"] is False
    assert client.get("/ui/examples/nope").status_code == 404
    assert client.get("/ui/documents?limit=0").status_code == 422


def test_pages_send_a_content_security_policy(client: TestClient) -> None:
    csp = client.get("/").headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]


@pytest.mark.parametrize("asset", ["/static/ledger.css", "/static/ledger.js", "/static/web.css", "/static/article.js"])
def test_pages_assets_are_served_from_the_package(client: TestClient, asset: str) -> None:
    response = client.get(asset)
    assert response.status_code == 200 and response.text
    assert "http://" not in response.text and "https://" not in response.text


def test_pages_need_nothing_from_the_network(client: TestClient, example_ledgers: list[Ledger]) -> None:
    for path in ["/", "/ui/analyze", "/ui/documents", "/ui/search", f"/ui/documents/{example_ledgers[0].document.id}"]:
        html = client.get(path).text
        for attr in ("src", "href"):
            assert f'{attr}="http' not in html.split("<article")[0], path
