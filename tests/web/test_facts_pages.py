"""Frames and evidence grades in the article view (web UI and standalone HTML), and the entity and facts pages.

Frame and grade extraction is written separately, so `framed` lays hand-made Frame and Evidence records over the
seed article's real ledger wherever a test needs guaranteed content; the fully analysed seed is checked too,
without assuming what it finds.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from spacy.language import Language

from according.analysis import analyze
from according.ingest.read import read_path
from according.render.html import render
from according.store import Store, open_store
from according.types import Argument, Evidence, Frame, Ledger, Quantity, TextSpan, TimeExpression

if TYPE_CHECKING:
    from fastapi.testclient import TestClient

SEED = Path(__file__).resolve().parents[2] / "examples" / "iran-missiles-iraq.txt"
PUBLISHED = datetime(2018, 9, 1, tzinfo=UTC)


def framed(ledger: Ledger) -> Ledger:
    """The seed ledger with three frames (two in attributed claims, one in the author's voice) and two grades."""
    text = ledger.text

    def at(word: str, within: TextSpan) -> TextSpan:
        i = text.index(word, within.start, within.end)
        return TextSpan.of(text, i, i + len(word))

    def arg(word: str, within: TextSpan) -> Argument:
        span = at(word, within)
        return Argument(span, ent(span))

    def ent(span: TextSpan) -> str | None:
        """The entity with a mention covering `span`, as the extractor would link it."""
        hits = [e.id for e in ledger.entities for m in e.mentions if m.span.start <= span.start < m.span.end]
        return hits[0] if hits else None

    move = next(a for a in ledger.attributions if "is moving ballistic missiles" in a.content.text)
    ship = next(a for a in ledger.attributions if "shipping" in a.content.text)
    friday = text.index("Friday")
    f1 = Frame(
        "f1",
        move.id,
        at("moving", move.content),
        "move",
        False,
        None,
        actors=(arg("Iran", move.content),),
        targets=(arg("ballistic missiles", move.content),),
        places=(arg("Iraq", move.content),),
        times=(TimeExpression(TextSpan.of(text, friday, friday + 6), "2018-08-31", "publication_date"),),
    )
    f2 = Frame(
        "f2",
        ship.id,
        at("shipping", ship.content),
        "ship",
        False,
        None,
        actors=(arg("Iran", ship.content),),
        targets=(arg("Iraqi", ship.content),),
        quantities=(Quantity(at("short-range", ship.content), None, None, None, None, False),),
    )
    start = text.index("Iran's Defence Minister")
    caption = TextSpan.of(text, start, text.index("\n", start))
    assert not any(a.content.start < caption.end and caption.start < a.content.end for a in ledger.attributions)
    f3 = Frame(
        "f3",
        "u1",
        at("stands", caption),
        "stand",
        False,
        None,
        actors=(arg("Amir Hatami", caption),),
        places=(arg("Tehran", caption),),
    )
    grades = (
        Evidence("u1", caption, 2, ("the author asserts it unattributed",), 1, 0, 0, None, 0, False, False, True),
        Evidence(
            move.id, move.content, 3, ("one outlet relays anonymous officials",), 1, 1, 2, 8, 2, False, False, False
        ),
    )
    return dataclasses.replace(ledger, frames=(f1, f2, f3), evidence=grades)


@pytest.fixture(scope="session")
def seed_ledger(nlp_sm: Language) -> Ledger:
    doc = read_path(SEED)
    return analyze(doc.text, title=doc.title, outlet="Commentary Weekly", published=PUBLISHED, nlp=nlp_sm)


@pytest.fixture(scope="session")
def framed_ledger(seed_ledger: Ledger) -> Ledger:
    return framed(seed_ledger)


@pytest.fixture
def facts_store(framed_ledger: Ledger) -> Iterator[Store]:
    from according.corpus.build import build

    s = open_store(":memory:")
    s.save(framed_ledger)
    build(s)
    yield s
    s.close()


@pytest.fixture
def facts_client(facts_store: Store, nlp_sm: Language) -> Iterator[TestClient]:
    from fastapi.testclient import TestClient

    from according.api import create_app

    with TestClient(create_app(facts_store, nlp=nlp_sm)) as c:
        yield c


class Spans(HTMLParser):
    """The text under each `data-farg` / `data-stmt` span, every tag's attributes, and nesting errors."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict[str, str | None]]] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: dict[tuple[str, str], str] = {}
        self.errors: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.tags.append((tag, a))
        if tag not in {"meta", "link", "br", "input", "img"}:
            self.stack.append((tag, a))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))  # <rect/>: no end tag follows

    def handle_endtag(self, tag: str) -> None:
        if self.stack and self.stack[-1][0] == tag:
            self.stack.pop()
        else:
            self.errors.append(tag)

    def handle_data(self, data: str) -> None:
        seen: set[tuple[str, str]] = set()
        for _, a in self.stack:
            for key in ("data-farg", "data-stmt"):
                if a.get(key):
                    role = next((c for c in (a.get("class") or "").split() if c.startswith("r-")), "")
                    k = (f"{a[key]}:{role}", key)
                    if k not in seen:  # one span per segment, however deeply the same layer nests
                        seen.add(k)
                        self.text[k] = self.text.get(k, "") + data


def _roles(frame: Frame) -> set[str]:
    """The role classes a frame's non-empty spans are marked with."""
    kinds = {"r-actor": frame.actors, "r-target": frame.targets, "r-place": frame.places}
    kinds |= {"r-time": frame.times, "r-quantity": frame.quantities}
    out = {k for k, v in kinds.items() if any(x.span.start < x.span.end for x in v)}
    return out | ({"r-action"} if frame.action.start < frame.action.end else set())


def parse(html: str) -> Spans:
    p = Spans()
    p.feed(html)
    assert p.errors == []
    return p


def test_facts_pages_standalone_html_marks_frames_and_statements(framed_ledger: Ledger) -> None:
    html = render(framed_ledger)
    page = parse(html)
    f1 = framed_ledger.frames[0]
    assert page.text[("f1:r-action", "data-farg")] == "moving"
    assert page.text[("f1:r-actor", "data-farg")] == "Iran"
    assert page.text[("f1:r-place", "data-farg")] == "Iraq"
    assert page.text[("f1:r-time", "data-farg")] == "Friday"
    caption = framed_ledger.evidence[0].claim
    assert page.text[("u1:", "data-stmt")] == caption.text
    # the claim's hover card carries its frame and grade, and names the frame spans to highlight
    (tip,) = {a["title"] for t, a in page.tags if a.get("data-att") == f1.claim_id and a.get("title")}
    assert "frame f1: Iran → move → ballistic missiles · in Iraq · when: Friday = 2018-08-31" in str(tip)
    assert "evidence grade 3 · possibly true, on its sourcing" in str(tip)
    assert "why: one outlet relays anonymous officials" in str(tip)
    assert {a.get("data-fids") for t, a in page.tags if a.get("data-att") == f1.claim_id} == {"f1"}
    stmt = [a for t, a in page.tags if a.get("data-stmt") == "u1" and a.get("tabindex") == "0"]
    assert len(stmt) == 1 and "frame f3: Amir Hatami → stand → — · in Tehran" in str(stmt[0]["title"])
    assert ".farg.fhl" in html and "classList.toggle('fhl'" in html


def test_facts_pages_standalone_html_of_the_analysed_seed(seed_ledger: Ledger) -> None:
    """Whatever the extractors find, every frame and statement span slices to its own text and nothing breaks."""
    page = parse(render(seed_ledger))
    text = seed_ledger.text
    by_id = {f.id: f for f in seed_ledger.frames}
    roles = {"r-action": "action", "r-actor": "actors", "r-target": "targets", "r-place": "places"}
    marked = {k[0] for k in page.text if k[1] == "data-farg"}
    assert marked == {f"{f.id}:{r}" for f in seed_ledger.frames for r in _roles(f)}
    for (key, attr), found in page.text.items():
        if attr != "data-farg":
            continue
        fid, role = key.split(":")
        frame = by_id[fid]
        if role in roles:
            value = getattr(frame, roles[role])
            spans = [value] if role == "r-action" else [a.span for a in value]
        else:
            spans = [x.span for x in (frame.times if role == "r-time" else frame.quantities)]
        covered = sorted({i for s in spans for i in range(s.start, s.end)})
        assert found == "".join(text[i] for i in covered), key
    grades = {ev.claim_id for ev in seed_ledger.evidence}
    for _, a in page.tags:
        if a.get("data-att") in grades and a.get("title"):
            assert "evidence grade " in str(a["title"]) and "on its sourcing" in str(a["title"])


def test_facts_pages_article_view_shows_frames_and_grade(facts_client: TestClient, framed_ledger: Ledger) -> None:
    r = facts_client.get(f"/ui/documents/{framed_ledger.document.id}")
    assert r.status_code == 200
    html = r.text
    parse(html)
    card = html[html.index('data-card="att:a2"') :]
    card = card[: card.index("</section>")]
    assert "Structured claim" in card and 'class="grade g3"' in card and "on its sourcing" in card
    assert '<a class="ent" href="/ui/entities/Iran">Iran</a>' in card
    assert "one outlet relays anonymous officials" in card
    assert 'data-card="stmt:u1"' in html and 'data-stmt="u1"' in html


def test_facts_pages_entity_page_has_timeline_and_claims(facts_client: TestClient) -> None:
    r = facts_client.get("/ui/entities/iran")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    page = parse(r.text)
    twin = facts_client.get(f"/ui/entities/{facts_client.get('/entities/Iran').json()['entity']['id']}.json").json()
    assert twin == facts_client.get("/entities/Iran").json()
    assert "<h1>Iran</h1>" in r.text and "Tehran" in r.text  # the alias
    svgs = [a for t, a in page.tags if t == "svg" and "timeline" in (a.get("class") or "")]
    assert len(svgs) == 1 and svgs[0]["role"] == "img"
    assert str(svgs[0]["aria-label"]).startswith("Claims per day with Iran as actor")
    bars = [a for t, a in page.tags if t == "g" and "bar" in (a.get("class") or "").split()]
    periods = {p["period"] for p in twin["timeline"]}
    assert len(bars) >= 2 * len(periods) > 0  # two bars (actor, target) per period, gaps drawn empty
    assert r.text.count("<title>") >= len(bars)
    assert "2018-08-31: 1 claim with Iran as actor" in r.text
    actions = {g["action"] for g in twin["as_actor"]}
    assert actions == {"move", "ship"}
    for action in actions:
        assert f"<h3>{action} " in r.text
    assert 'class="grade g3"' in r.text and "possibly true" in r.text and "on its sourcing" in r.text
    assert "Commentary Weekly" in r.text and "2018-09-01" in r.text and "Reuters" in r.text


def test_facts_pages_entities_list_links_and_filters(facts_client: TestClient) -> None:
    r = facts_client.get("/ui/entities", params={"q": "ira"})
    assert r.status_code == 200
    twin = facts_client.get("/ui/entities.json", params={"q": "ira"}).json()
    assert twin["items"] and all("ira" in (e["name"] + " ".join(e["aliases"])).lower() for e in twin["items"])
    for e in twin["items"]:
        assert f'href="{e["links"]["html"]}"' in r.text
    assert 'href="/ui/entities" aria-current="page"' in r.text
    assert facts_client.get("/ui/entities", params={"type": "nope"}).status_code == 422
    people = facts_client.get("/ui/entities.json", params={"type": "person"}).json()["items"]
    assert people and {e["type"] for e in people} == {"person"}


def test_facts_pages_facts_table_filters_and_links(facts_client: TestClient) -> None:
    r = facts_client.get("/ui/facts", params={"actor": "Iran", "action": "move"})
    assert r.status_code == 200
    parse(r.text)
    twin = facts_client.get("/ui/facts.json", params={"actor": "Iran", "action": "move"}).json()
    assert [f["frame_id"] for f in twin["items"]] == ["f1"]
    iran = twin["items"][0]["actor_ids"][0]
    assert f'<a class="ent" href="/ui/entities/{iran}">Iran</a>' in r.text
    assert 'value="Iran"' in r.text and 'class="grade g3"' in r.text
    graded = facts_client.get("/ui/facts.json", params={"max_grade": "2"}).json()["items"]
    assert [f["frame_id"] for f in graded] == ["f3"]
    bad = facts_client.get("/ui/facts", params={"since": "2018-13"})
    assert bad.status_code == 422 and "text/html" in bad.headers["content-type"] and "YYYY-MM" in bad.text
    assert facts_client.get("/ui/facts.json", params={"max_grade": "9"}).json()["status"] == 422


def test_facts_pages_unknown_entity_is_a_404_page(facts_client: TestClient) -> None:
    r = facts_client.get("/ui/entities/nobody-at-all")
    assert r.status_code == 404 and "text/html" in r.headers["content-type"] and "nobody-at-all" in r.text
    assert facts_client.get("/ui/entities/nobody-at-all.json").json()["status"] == 404


def test_facts_pages_timeline_escapes_and_folds_long_spans() -> None:
    from according.web.timeline import periods, timeline_svg

    svg = str(timeline_svg("<b>x</b>", [("2001-08", 1, 0), ("2019-02-03", 0, 2)]))
    assert "<b>" not in svg and "&lt;b&gt;" in svg
    unit, bars = periods([("2001-08", 1, 0), ("2019-02", 0, 2)])
    assert unit == "year" and len(bars) == 19 and bars[0] == ("2001", 1, 0) and bars[-1] == ("2019", 0, 2)
    assert periods([("2018-08-31", 1, 0), ("2018-09-02", 0, 2)])[1][1] == ("2018-09-01", 0, 0)
    assert timeline_svg("x", []) == "" and periods([(None, 1, 1)]) == ("month", [])
    assert len(re.findall(r'<g class="bar ', svg)) == 2 * 19
