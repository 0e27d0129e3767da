"""GET /claims, /claims/{id}/trace and /outlets over a store built through the real pipeline and `build`."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from according.store import Store


def _claims(client: TestClient, **params: Any) -> dict[str, Any]:
    r = client.get("/claims", params=params)
    assert r.status_code == 200, r.text
    body: dict[str, Any] = r.json()
    return body


def test_provenance_claims_ranked_by_independent_origins(prov_client: TestClient) -> None:
    body = _claims(prov_client, limit=50)
    assert body["ok"] is True and body["offset"] == 0 and body["limit"] == 50 and body["next"] is None
    items = body["items"]
    assert items, "the near-copies must give claim clusters"
    ranks = [c["independent_origins"] for c in items]
    assert ranks == sorted(ranks, reverse=True)
    top = items[0]
    assert top["independent_origins"] == 2 and top["documents"] == 3
    assert top["earliest"]["outlet"] == "Commentary Weekly"
    assert top["earliest"]["published"].startswith("2018-09-01")
    assert top["links"] == {"trace": f"/claims/{top['id']}/trace", "html": f"/ui/claims/{top['id']}"}
    assert top["earliest"]["links"]["ledger"] == f"/documents/{top['earliest']['doc_id']}"
    for c in items:  # every cluster carries its grade on its sourcing, with the reasons
        ev = c["evidence"]
        assert 1 <= ev["grade"] <= 6 and ev["label"] and ev["reasons"]
        assert ev["independent_origins"] <= c["independent_origins"]


def test_provenance_claims_paginate(prov_client: TestClient) -> None:
    everything = _claims(prov_client, limit=500)["items"]
    first = _claims(prov_client, limit=3)
    assert [c["id"] for c in first["items"]] == [c["id"] for c in everything[:3]]
    assert first["next"] == "/claims?limit=3&offset=3"
    second = prov_client.get(first["next"]).json()
    assert [c["id"] for c in second["items"]] == [c["id"] for c in everything[3:6]]
    past = _claims(prov_client, limit=3, offset=len(everything))
    assert past["items"] == [] and past["next"] is None


def test_provenance_claims_query_filters(prov_client: TestClient) -> None:
    body = _claims(prov_client, query="backup plan")
    assert body["query"] == "backup plan"
    assert body["items"] and all("backup" in c["label"].lower() or c["documents"] >= 2 for c in body["items"])
    assert _claims(prov_client, query="zzzunmatchedzzz")["items"] == []


def test_provenance_trace_is_the_tree(prov_client: TestClient) -> None:
    top = _claims(prov_client, limit=1)["items"][0]
    r = prov_client.get(top["links"]["trace"])
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["claim"]["id"] == top["id"]
    assert body["claim"]["evidence"] == top["evidence"] and top["evidence"]["grade"] == 2
    assert "a named source speaks first-hand in Daily Planet" in top["evidence"]["reasons"]
    assert len(body["origins"]) == top["independent_origins"]
    assert [o["n"] for o in body["origins"]] == list(range(1, len(body["origins"]) + 1))
    members = [m for o in body["origins"] for m in o["members"]]
    assert len(members) == top["size"]
    assert len({m["doc_id"] for m in members}) == top["documents"]
    outlets = {m["outlet"] for m in members}
    assert {"Commentary Weekly", "Daily Planet"} <= outlets
    copies = [m for m in members if m["syndicated_from"]]
    assert copies and all(m["syndication_score"] > 0.5 for m in copies)
    for m in members:
        assert m["chain"] and m["chain"][-1]["attribution_id"] == m["attribution_id"]
        assert m["links"]["html"] == f"/ui/documents/{m['doc_id']}"


def test_provenance_trace_unknown_id_is_a_404_envelope(prov_client: TestClient) -> None:
    r = prov_client.get("/claims/cffffffffffffff/trace")
    assert r.status_code == 404
    body = r.json()
    assert body["ok"] is False and body["status"] == 404
    assert "cffffffffffffff" in body["error"]
    assert body["errors"][0]["loc"] == ["path", "claim_id"] and body["errors"][0]["type"] == "not_found"


def test_provenance_not_built_is_a_409_envelope(client: TestClient) -> None:
    for path in ("/claims", "/claims/c0123456789abcd/trace"):
        r = client.get(path)
        assert r.status_code == 409, r.text
        body = r.json()
        assert body["ok"] is False and body["status"] == 409
        assert body["errors"][0]["type"] == "not_built"
        assert "according cluster" in body["error"]


def test_provenance_outlets_need_no_build_and_group_by_period(client: TestClient, prov_client: TestClient) -> None:
    assert client.get("/outlets").status_code == 200
    body = prov_client.get("/outlets", params={"period": "month"}).json()
    assert body["period"] == "month" and body["total"] == 4
    by_name = {o["outlet"]: o for o in body["items"]}
    assert by_name["Wikinews"]["periods"][0]["period"] == "2019-08"
    assert by_name["Commentary Weekly"]["periods"][0]["period"] == "2018-09"
    assert all(o["articles"] == sum(p["articles"] for p in o["periods"]) for o in body["items"])
    years = prov_client.get("/outlets", params={"period": "year"}).json()
    assert {p["period"] for o in years["items"] for p in o["periods"]} == {"2018", "2019"}


def test_provenance_outlets_paginate_and_validate(prov_client: TestClient) -> None:
    first = prov_client.get("/outlets", params={"limit": 2}).json()
    assert len(first["items"]) == 2 and first["next"] == "/outlets?period=month&limit=2&offset=2"
    second = prov_client.get(first["next"]).json()
    assert len(second["items"]) == 2 and second["next"] is None
    r = prov_client.get("/outlets", params={"period": "week"})
    assert r.status_code == 422 and r.json()["errors"][0]["loc"] == ["query", "period"]


def test_provenance_in_the_openapi(prov_client: TestClient, prov_store: Store) -> None:
    paths = prov_client.get("/openapi.json").json()["paths"]
    assert {"/claims", "/claims/{claim_id}/trace", "/outlets"} <= set(paths)
    assert "409" in paths["/claims"]["get"]["responses"]
    schemas = prov_client.get("/openapi.json").json()["components"]["schemas"]
    assert "evidence" in schemas["ClaimItem"]["properties"]
    assert {"grade", "label", "reasons"} <= set(schemas["ClaimEvidence"]["properties"])


def test_provenance_trace_members_carry_their_own_grade(prov_client: TestClient, prov_store: Store) -> None:
    top = _claims(prov_client, limit=1)["items"][0]
    body = prov_client.get(top["links"]["trace"]).json()
    members = [m for o in body["origins"] for m in o["members"]]
    assert members
    for m in members:  # each member's grade is its own ledger's evidence record for that attribution
        ev = m["evidence"]
        stored = {e.claim_id: e for e in prov_store.get_ledger(m["doc_id"]).evidence}[m["attribution_id"]]
        assert ev["grade"] == stored.grade and ev["label"] == stored.label
        assert ev["reasons"] == list(stored.reasons) and ev["depth"] == stored.depth
        assert "claim" not in ev
    # the first-hand named Pentagon spokesman grades better in his article than the relayed commentary
    planet = [m["evidence"]["grade"] for m in members if m["outlet"] == "Daily Planet"]
    commentary = [m["evidence"]["grade"] for m in members if m["outlet"] == "Commentary Weekly"]
    assert planet and commentary and min(planet) < min(commentary)


def test_provenance_trace_member_grade_is_in_the_openapi(prov_client: TestClient) -> None:
    schemas = prov_client.get("/openapi.json").json()["components"]["schemas"]
    member = schemas["TraceMemberItem"]["properties"]["evidence"]
    assert any(s.get("$ref") == "#/components/schemas/MemberEvidence" for s in member.get("anyOf", [member]))
    assert {"grade", "label", "reasons", "depth"} <= set(schemas["MemberEvidence"]["required"])
