"""GET /entities, /entities/{id_or_name}, /facts and /graph over a store of real ledgers, built by `build`.

The seed article's real ledger carries hand-made frames and grades (`framed`, shared with the web tests) so the
answers are known; a second, fully analysed copy of another article checks that whatever extraction finds is served.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from spacy.language import Language

from according.analysis import analyze
from according.ingest.read import read_path
from according.store import Store, open_store
from according.types import Ledger

from ..web.test_facts_pages import framed

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture(scope="module")
def ledgers(nlp_sm: Language) -> list[Ledger]:
    seed = read_path(EXAMPLES / "iran-missiles-iraq.txt")
    other = read_path(EXAMPLES / "nasa-perseverance-landing.txt")  # never mentions Iran
    return [
        framed(
            analyze(
                seed.text,
                title=seed.title,
                outlet="Commentary Weekly",
                published=datetime(2018, 9, 1, tzinfo=UTC),
                nlp=nlp_sm,
            )
        ),
        analyze(other.text, title=other.title, outlet="NASA", published=datetime(2019, 8, 1, tzinfo=UTC), nlp=nlp_sm),
    ]


@pytest.fixture
def facts_client(ledgers: list[Ledger], nlp_sm: Language) -> Iterator[TestClient]:
    from according.api import create_app
    from according.corpus.build import build

    s: Store = open_store(":memory:")
    for ledger in ledgers:
        s.save(ledger)
    build(s)
    with TestClient(create_app(s, nlp=nlp_sm)) as c:
        yield c
    s.close()


def _get(client: TestClient, path: str, **params: Any) -> dict[str, Any]:
    r = client.get(path, params=params)
    assert r.status_code == 200, r.text
    body: dict[str, Any] = r.json()
    assert body["ok"] is True
    return body


def test_facts_entities_ranked_by_claims_and_paginated(facts_client: TestClient) -> None:
    everything = _get(facts_client, "/entities", limit=500)["items"]
    iran = next(e for e in everything if e["name"] == "Iran")
    assert iran["as_actor"] >= 2  # the seed's two frames, plus whatever the other article's extraction links
    ranks = [e["as_actor"] + e["as_target"] for e in everything]
    assert ranks == sorted(ranks, reverse=True)
    first = _get(facts_client, "/entities", limit=2)
    assert [e["id"] for e in first["items"]] == [e["id"] for e in everything[:2]]
    assert first["next"] == "/entities?limit=2&offset=2"
    second = facts_client.get(first["next"]).json()
    assert [e["id"] for e in second["items"]] == [e["id"] for e in everything[2:4]]
    last = _get(facts_client, "/entities", limit=2, offset=len(everything))
    assert last["items"] == [] and last["next"] is None
    assert iran["links"] == {"api": f"/entities/{iran['id']}", "html": f"/ui/entities/{iran['id']}"}
    assert iran["first_seen"].startswith("2018-09-01") and iran["documents"] >= 1


def test_facts_entities_filter_by_name_and_type(facts_client: TestClient) -> None:
    found = _get(facts_client, "/entities", q="tehran")["items"]
    assert [e["name"] for e in found][:1] == ["Iran"]  # found by its alias
    people = _get(facts_client, "/entities", type="person")
    assert people["items"] and {e["type"] for e in people["items"]} == {"person"}
    assert _get(facts_client, "/entities", q="zzz-nobody")["items"] == []
    bad = facts_client.get("/entities", params={"type": "planet"})
    assert bad.status_code == 422 and bad.json()["errors"][0]["loc"] == ["query", "type"]


@pytest.mark.parametrize("key", ["Iran", "iran", "TEHRAN", "id"], ids=["name", "casefolded", "alias", "id"])
def test_facts_entity_page_by_name_alias_or_id(facts_client: TestClient, key: str) -> None:
    iran = _get(facts_client, "/entities", q="iran", limit=1)["items"][0]
    body = _get(facts_client, f"/entities/{iran['id'] if key == 'id' else key}")
    assert body["entity"] == iran
    assert [(g["action"], g["count"]) for g in body["as_actor"]] == [("move", 1), ("ship", 1)]
    (move,) = body["as_actor"][0]["facts"]
    assert move["actors"] == ["Iran"] and move["actor_ids"] == [iran["id"]]
    assert move["grade"] == 3 and move["grade_label"] == "possibly true" and move["source"] == "Reuters"
    assert move["times"] == ["2018-08-31"] and move["places"] == ["Iraq"]
    assert move["links"]["html"] == f"/ui/documents/{move['doc_id']}"
    assert body["as_target"] == []
    assert body["timeline"] == [
        {"period": "2018-08-31", "as_actor": 1, "as_target": 0},
        {"period": "2018-09-01", "as_actor": 1, "as_target": 0},
    ]
    assert body["merges"] and all(m["alias"] and m["reason"] for m in body["merges"])  # never a silent merge


def test_facts_unknown_entity_is_a_404_envelope(facts_client: TestClient) -> None:
    r = facts_client.get("/entities/Atlantis")
    assert r.status_code == 404
    body = r.json()
    assert body["ok"] is False and body["status"] == 404 and "Atlantis" in body["error"]
    assert body["errors"][0] == {"loc": ["path", "id_or_name"], "msg": body["error"], "type": "not_found"}


@pytest.mark.parametrize(
    ("params", "frames"),
    [
        ({"actor": "Iran"}, ["f1", "f2"]),
        ({"actor": "tehran", "action": "move"}, ["f1"]),
        ({"action": "SHIP"}, ["f2"]),
        ({"target": "Iraqi"}, ["f2"]),
        ({"max_grade": 2}, ["f3"]),
        ({"max_grade": 3, "actor": "Iran"}, ["f1"]),
        ({"until": "2018-08"}, ["f1"]),
        ({"until": "2018"}, ["f1", "f2", "f3"]),  # by day: f1's own time, then the article's date
        ({"since": "2018-09-01", "actor": "Iran"}, ["f2"]),
        ({"since": "2019"}, []),
    ],
    ids=[
        "actor",
        "alias-and-action",
        "action-casefolded",
        "target",
        "grade",
        "grade-and-actor",
        "until-month",
        "until-year",
        "since-day",
        "since-year",
    ],
)
def test_facts_filters(facts_client: TestClient, params: dict[str, Any], frames: list[str]) -> None:
    body = _get(facts_client, "/facts", **params)
    seed = [f for f in body["items"] if f["outlet"] == "Commentary Weekly"]
    assert [f["frame_id"] for f in seed] == frames
    assert body["filters"]["max_grade"] == params.get("max_grade")


def test_facts_paginate(facts_client: TestClient) -> None:
    everything = _get(facts_client, "/facts", limit=500)["items"]
    first = _get(facts_client, "/facts", limit=1, actor="Iran")
    assert len(first["items"]) == 1 and first["next"] == "/facts?actor=Iran&limit=1&offset=1"
    assert _get(facts_client, "/facts", limit=1, offset=1, actor="Iran")["next"] is None
    assert len(everything) >= 3
    assert facts_client.get("/facts", params={"limit": 0}).status_code == 422
    assert facts_client.get("/facts", params={"limit": 501}).status_code == 422


@pytest.mark.parametrize("value", ["2018-13", "2018-02-30", "18", "yesterday", "2018-1", "0000"])
@pytest.mark.parametrize("name", ["since", "until"])
def test_facts_bad_dates_are_a_422_envelope(facts_client: TestClient, name: str, value: str) -> None:
    r = facts_client.get("/facts", params={name: value})
    assert r.status_code == 422
    body = r.json()
    assert body["ok"] is False and body["status"] == 422
    assert body["errors"][0]["loc"] == ["query", name]


def test_facts_graph_links_actor_to_target(facts_client: TestClient) -> None:
    body = _get(facts_client, "/graph")
    nodes = {n["id"]: n for n in body["nodes"]}
    ship = [e for e in body["edges"] if e["lemma"] == "ship"]
    assert len(ship) == 1 and ship[0]["count"] == 1
    assert nodes[ship[0]["source"]]["name"] == "Iran" and nodes[ship[0]["target"]]["name"] == "Iraq"
    assert all(e["source"] in nodes and e["target"] in nodes for e in body["edges"])
    assert len(_get(facts_client, "/graph", limit=1)["edges"]) == 1
    assert facts_client.get("/graph", params={"limit": 0}).status_code == 422


def test_facts_listed_in_openapi(facts_client: TestClient) -> None:
    schema = facts_client.get("/openapi.json").json()
    for path in ("/entities", "/entities/{id_or_name}", "/facts", "/graph"):
        assert path in schema["paths"], path
    assert {"EntityPage", "EntityDetail", "FactPage", "EntityGraph"} <= set(schema["components"]["schemas"])
