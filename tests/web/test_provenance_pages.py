"""The claims, claim and outlets pages: ranking, the inline SVG provenance graph, bar charts, `.json` twins,
escaping of hostile outlet names, and the page for a store whose provenance was never built."""

from __future__ import annotations

import re
from html import escape
from html.parser import HTMLParser
from typing import Any

from fastapi.testclient import TestClient

HOSTILE = "<b onmouseover=alert(5)>Outlet</b>"


class Tags(HTMLParser):
    """Every start tag with its attributes, and every event-handler attribute."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.handlers: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.tags.append((tag, a))
        self.handlers += [(tag, k) for k in a if k.startswith("on")]

    def with_class(self, tag: str, cls: str) -> list[dict[str, str | None]]:
        return [a for t, a in self.tags if t == tag and cls in (a.get("class") or "").split()]


def parse(html: str) -> Tags:
    p = Tags()
    p.feed(html)
    assert p.handlers == [], p.handlers
    assert not [a for t, a in p.tags if t == "script"], "no script on the provenance pages"
    # the grade badge's own <b> has no attributes; the hostile outlet name's would carry onmouseover
    assert not [t for t, a in p.tags if t == "b" and a], "a hostile outlet name became markup"
    return p


def _top(client: TestClient) -> dict[str, Any]:
    items: list[dict[str, Any]] = client.get("/ui/claims.json").json()["items"]
    return items[0]


def test_provenance_pages_claims_lists_ranked_with_origin(prov_client: TestClient) -> None:
    r = prov_client.get("/ui/claims")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    page = parse(r.text)
    twin = prov_client.get("/ui/claims.json").json()
    assert twin["ok"] is True and twin["items"]
    hrefs = [a.get("href") for t, a in page.tags if t == "a"]
    for c in twin["items"]:
        assert c["links"]["html"] in hrefs
    top = twin["items"][0]
    assert top["earliest"]["links"]["html"] in hrefs
    assert "Commentary Weekly" in r.text and "2018-09-01" in r.text
    assert '<link rel="alternate" type="application/json" href="/ui/claims.json?"' in r.text
    assert 'href="/ui/claims" aria-current="page"' in r.text
    # every listed cluster shows its grade badge, as the JSON twin gives it
    badges = page.with_class("span", "grade")
    assert len(badges) == len(twin["items"])
    for c, badge in zip(twin["items"], badges, strict=True):
        assert f"g{c['evidence']['grade']}" in (badge.get("class") or "").split()


def test_provenance_pages_claims_filter_and_pager(prov_client: TestClient) -> None:
    r = prov_client.get("/ui/claims", params={"query": "backup plan", "limit": 1})
    assert r.status_code == 200
    parse(r.text)
    assert 'value="backup plan"' in r.text
    twin = prov_client.get("/ui/claims.json", params={"query": "backup plan", "limit": 1}).json()
    assert len(twin["items"]) == 1
    r2 = prov_client.get("/ui/claims", params={"query": "<script>", "limit": 1})
    assert r2.status_code == 200 and "<script>" not in r2.text and "&lt;script&gt;" in r2.text


def test_provenance_pages_claim_draws_one_node_per_origin_and_article(prov_client: TestClient) -> None:
    top = _top(prov_client)
    r = prov_client.get(top["links"]["html"])
    assert r.status_code == 200
    page = parse(r.text)
    twin = prov_client.get(f"/ui/claims/{top['id']}.json").json()
    assert twin == prov_client.get(top["links"]["trace"]).json()
    svgs = [a for t, a in page.tags if t == "svg" and "provenance" in (a.get("class") or "")]
    assert len(svgs) == 1 and svgs[0]["role"] == "img"
    origins = page.with_class("g", "origin")
    assert len(origins) == len(twin["origins"]) == top["independent_origins"]
    assert all(o.get("aria-label", "").startswith(f"Origin {k}") for k, o in enumerate(origins, 1))  # type: ignore[union-attr]
    members = [m for o in twin["origins"] for m in o["members"]]
    articles = page.with_class("g", "article")
    assert len(articles) == len(members)
    assert {a["data-doc"] for a in articles} == {m["doc_id"] for m in members}
    assert len(page.with_class("g", "outlet")) == len(members)
    # article nodes are links (keyboard-reachable), to the article view
    svg = r.text[r.text.index("<svg") : r.text.index("</svg>")]
    for m in members:
        assert f'<a href="/ui/documents/{m["doc_id"]}"' in svg
    # the same tree as text, for readers who cannot see the picture
    assert len(re.findall(r"<h3>Origin \d+", r.text)) == len(twin["origins"])


def test_provenance_pages_hostile_outlet_is_escaped_everywhere(prov_client: TestClient) -> None:
    top = _top(prov_client)
    for path in ("/ui/claims", top["links"]["html"], "/ui/outlets", "/ui/outlets?period=all"):
        r = prov_client.get(path)
        assert r.status_code == 200, path
        parse(r.text)
        assert HOSTILE not in r.text
    claim = prov_client.get(top["links"]["html"]).text
    assert "&lt;b onmouseover=alert(5)&gt;Outlet&lt;/b&gt;" in claim
    twin = prov_client.get(f"/ui/claims/{top['id']}.json").json()
    assert HOSTILE in {m["outlet"] for o in twin["origins"] for m in o["members"]}


def test_provenance_pages_outlets_draw_bar_charts(prov_client: TestClient) -> None:
    r = prov_client.get("/ui/outlets", params={"period": "month"})
    assert r.status_code == 200
    page = parse(r.text)
    twin = prov_client.get("/ui/outlets.json", params={"period": "month"}).json()
    charts = [a for t, a in page.tags if t == "svg" and "bars" in (a.get("class") or "")]
    assert len(charts) == len(twin["items"]) == 4
    assert all((c.get("aria-label") or "").startswith("Articles per month for ") for c in charts)
    assert len(page.with_class("g", "bar")) == sum(len(o["periods"]) for o in twin["items"])
    assert 'href="/ui/outlets?period=year"' in r.text
    year = prov_client.get("/ui/outlets.json", params={"period": "year"}).json()
    assert {p["period"] for o in year["items"] for p in o["periods"]} == {"2018", "2019"}


def test_provenance_pages_not_built_explain_what_to_run(client: TestClient) -> None:
    r = client.get("/ui/claims")
    assert r.status_code == 409 and r.headers["content-type"].startswith("text/html")
    assert "according cluster" in r.text
    j = client.get("/ui/claims.json")
    assert j.status_code == 409 and j.json()["errors"][0]["type"] == "not_built"
    assert client.get("/ui/outlets").status_code == 200


def test_provenance_pages_unknown_claim_is_404(prov_client: TestClient) -> None:
    r = prov_client.get("/ui/claims/cnope")
    assert r.status_code == 404 and "cnope" in r.text and "text/html" in r.headers["content-type"]
    assert prov_client.get("/ui/claims/cnope.json").json()["status"] == 404


def test_provenance_pages_claim_shows_cluster_and_member_grades(prov_client: TestClient) -> None:
    top = _top(prov_client)
    r = prov_client.get(top["links"]["html"])
    page = parse(r.text)
    ev = top["evidence"]
    header = r.text[r.text.index('class="masthead"') : r.text.index("</header>")]
    badge = f'<span class="grade g{ev["grade"]}"'
    assert badge in header and f"<b>{ev['grade']}</b> {ev['label']}" in header
    assert "grades rate the sourcing, never the truth" in header
    for reason in ev["reasons"]:
        assert f"<li>{escape(reason)}</li>" in header
    twin = prov_client.get(f"/ui/claims/{top['id']}.json").json()
    members = [m for o in twin["origins"] for m in o["members"]]
    assert len(page.with_class("p", "member-grade")) == len(members)
    body = r.text[r.text.index("<h2>As text</h2>") :]
    for m in members:  # each member's own grade in its article, with its reasons
        assert f"<b>{m['evidence']['grade']}</b> {m['evidence']['label']}" in body
        assert escape(m["evidence"]["reasons"][0]) in body
