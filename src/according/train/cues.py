"""Train the attribution-cue scorer on PolNeAR train, pick its threshold on PolNeAR dev."""

from __future__ import annotations

import gzip
import hashlib
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from according.eval.gold import GoldDoc, read_polnear
from according.extract import cue_model
from according.extract.quotes import quotations


def data_sha256(split_dir: Path) -> str:
    """sha256 over the split's text and annotation files (names and bytes), to pin what was trained on."""
    h = hashlib.sha256()
    for p in sorted(split_dir.rglob("*")):
        if p.is_file() and p.suffix in {".txt", ".ann"}:
            h.update(str(p.relative_to(split_dir)).encode())
            h.update(p.read_bytes())
    return h.hexdigest()


def _examples(nlp: Language, docs: list[GoldDoc], n_process: int) -> Iterator[tuple[list[str], int]]:
    """(features, label) for every candidate token; label 1 when the token is inside a gold cue."""
    texts = [d.text for d in docs]
    for gold, sdoc in zip(docs, nlp.pipe(texts, batch_size=16, n_process=n_process), strict=True):
        yield from _doc_examples(gold, sdoc)


def _doc_examples(gold: GoldDoc, sdoc: Doc) -> Iterator[tuple[list[str], int]]:
    cue_chars: set[int] = set()
    for a in gold.attributions:
        for s, e in a.cue or ():
            cue_chars.update(range(s, e))
    quotes, _ = quotations(sdoc.text)
    spans = [(q.start, q.end) for q in quotes if q.depth == 0]
    for tok in sdoc:
        if not cue_model.candidate(tok):
            continue
        in_q = any(s <= tok.idx < e for s, e in spans)
        label = int(any(i in cue_chars for i in range(tok.idx, tok.idx + len(tok.text))))
        yield cue_model.features(tok, in_q), label


def train(
    train_dir: Path,
    dev_dir: Path,
    out: Path,
    *,
    c: float = 0.5,
    threshold: float = 0.65,
    n_process: int = 1,
    limit: int | None = None,
) -> dict[str, Any]:
    """Fit on train, report token scores on dev, write the model; returns its metadata.

    `threshold` is the probability above which a cue the rules missed becomes an attribution. Token F1
    on PolNeAR dev peaks near 0.35, but at the attribution level 0.65 keeps most of the recall gain
    while losing less precision on PolNeAR dev and on our own gold (docs/models.md has the sweep).
    """
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import precision_recall_fscore_support

    from according.nlp.pipeline import build_nlp, model_name

    nlp = build_nlp()
    train_docs = list(read_polnear(train_dir))[:limit]
    dev_docs = list(read_polnear(dev_dir))[:limit]
    print(f"parsing {len(train_docs)} train and {len(dev_docs)} dev articles ...", file=sys.stderr)
    tr = list(_examples(nlp, train_docs, n_process))
    dv = list(_examples(nlp, dev_docs, n_process))
    vec = DictVectorizer()
    x_tr = vec.fit_transform([dict.fromkeys(f, 1) for f, _ in tr])
    y_tr = [y for _, y in tr]
    x_dv = vec.transform([dict.fromkeys(f, 1) for f, _ in dv])
    y_dv = [y for _, y in dv]
    # liblinear refuses the 64-bit sparse indices that DictVectorizer makes for ~1M rows
    x_tr.indices = x_tr.indices.astype("int32")
    x_tr.indptr = x_tr.indptr.astype("int32")
    x_dv.indices = x_dv.indices.astype("int32")
    x_dv.indptr = x_dv.indptr.astype("int32")
    clf = LogisticRegression(C=c, max_iter=2000, solver="liblinear")
    clf.fit(x_tr, y_tr)
    probs = clf.predict_proba(x_dv)[:, 1]
    best = (0.0, 0.5, 0.0, 0.0)
    for t in [i / 20 for i in range(2, 19)]:
        pred = [int(p >= t) for p in probs]
        p, r, f, _ = precision_recall_fscore_support(y_dv, pred, average="binary", zero_division=0)
        if f > best[0]:
            best = (float(f), t, float(p), float(r))
    weights = {
        name: round(float(w), 5) for name, w in zip(vec.feature_names_, clf.coef_[0], strict=True) if abs(w) >= 1e-3
    }
    weights["b"] = round(weights.get("b", 0.0) + float(clf.intercept_[0]), 5)
    import sklearn

    meta = {
        "features_version": cue_model.FEATURES_VERSION,
        "trained_on": str(train_dir),
        "train_sha256": data_sha256(train_dir),
        "dev_sha256": data_sha256(dev_dir),
        "train_articles": len(train_docs),
        "train_tokens": len(tr),
        "spacy_model": model_name(nlp),
        "sklearn": sklearn.__version__,
        "C": c,
        "dev_token_f1": round(best[0], 4),
        "dev_token_precision": round(best[2], 4),
        "dev_token_recall": round(best[3], 4),
        "dev_token_f1_threshold": best[1],
        "command": f"according train cues --train {train_dir} --dev {dev_dir} --out {out}",
    }
    model = cue_model.CueModel(weights, threshold, meta)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(gzip.compress(model.to_json(), mtime=0))
    return {**meta, "threshold": threshold, "features": len(weights)}
