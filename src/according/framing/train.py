"""Train the framing model on PTC: k-fold cross-validation by article for the figures, then one fit on all of it.

Needs the `train` extra (scikit-learn, python-crfsuite). Running the shipped model needs neither.
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
from spacy.language import Language
from spacy.tokens import Doc

from according.framing import features as F
from according.framing.evaluate import evaluate
from according.framing.model import METHOD, FramingModel, _Linear
from according.framing.ptc import TECHNIQUES, PTCArticle, data_sha256, read_split
from according.framing.scorer import merge

THRESHOLDS = (0.05, 0.075, 0.1, 0.125, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5)
Log = Callable[[str], None]


def _log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


@dataclass(frozen=True)
class Params:
    """Hyperparameters of both models (recorded in the model's metadata)."""

    c1: float = 0.05  # CRF L1: also keeps the shipped file small
    c2: float = 0.5  # CV on fold 1: 0.05 -> SI F1 0.344, 0.5 -> 0.351, 1.0 -> 0.346, 2.0 -> 0.341
    crf_iterations: int = 150
    min_freq: int = 2
    tc_c: float = 1.0  # 5-fold TC micro-F1 (with vectors): C 0.25 -> 0.570, 0.5 -> 0.572, 1 -> 0.573, 2 -> 0.571
    tc_min_count: int = 2
    # width of spaCy's token vectors (Doc.tensor, 96 in en_core_web_sm) fed to the CRF; 0 = none.
    # Off: on fold 1 they lowered SI F1 from 0.344 to 0.336 and made training five times slower.
    tagger_vectors: int = 0
    classifier_vectors: int = 96  # the same, averaged over the span, for the technique classifier: +0.005 TC


def parse(nlp: Language, articles: Sequence[PTCArticle], n_process: int = 1) -> list[Doc]:
    """Parse each article's exact text with the pipeline the ledger uses."""
    return list(nlp.pipe((a.text for a in articles), batch_size=16, n_process=n_process))


# -- span tagger --------------------------------------------------------------------------------
Vectors = npt.NDArray[np.float32]
TaggerExample = tuple[list[list[str]], list[str], Vectors | None]


def tagger_examples(article: PTCArticle, sdoc: Doc, width: int = 0) -> list[TaggerExample]:
    """(token features, BIO labels, token vectors) per window; a token is inside when it overlaps a merged gold span."""
    gold = merge((s.start, s.end) for s in article.spans)
    ctx = F.DocContext(sdoc)
    out: list[TaggerExample] = []
    for win in F.windows(sdoc):
        labels: list[str] = []
        prev = -1
        for t in win.tokens:
            a, b = t.idx, t.idx + len(t.text)
            k = next((j for j, (s, e) in enumerate(gold) if s < b and a < e), -1)
            labels.append("O" if k < 0 else ("I" if k == prev else "B"))
            prev = k
        vecs = F.token_vectors(sdoc, win.tokens, width) if width else None
        out.append((F.token_features(win, ctx), labels, vecs))
    return out


def fit_tagger(examples: Sequence[TaggerExample], params: Params) -> tuple[_Linear, Vectors]:
    """Fit a linear-chain CRF with CRFsuite (L-BFGS, elastic net) and read its weights back out."""
    import pycrfsuite  # ships no type information

    trainer = pycrfsuite.Trainer(verbose=False)
    names = [f"v{k}" for k in range(params.tagger_vectors)]
    for x, y, v in examples:
        if v is None or not names:
            trainer.append(x, y)
        else:
            items = [
                {**dict.fromkeys(fl, 1.0), **dict(zip(names, map(float, row), strict=True))}
                for fl, row in zip(x, v, strict=True)
            ]
            trainer.append(items, y)
    trainer.set_params(
        {
            "c1": params.c1,
            "c2": params.c2,
            "max_iterations": params.crf_iterations,
            "feature.minfreq": params.min_freq,
            "feature.possible_transitions": True,
        }
    )
    with tempfile.TemporaryDirectory() as tmp:
        path = str(Path(tmp) / "crf.model")
        trainer.train(path)
        tagger = pycrfsuite.Tagger()
        tagger.open(path)
        info = tagger.info()
        tagger.close()
    lab = {name: i for i, name in enumerate(("O", "B", "I"))}
    index: dict[str, int] = {}
    rows: list[list[float]] = []
    for (attr, label), w in info.state_features.items():
        if abs(w) < 1e-4:
            continue
        j = index.setdefault(attr, len(rows))
        if j == len(rows):
            rows.append([0.0, 0.0, 0.0])
        rows[j][lab[label]] = w
    trans = np.zeros((3, 3), dtype=np.float32)
    for (a, b), w in info.transitions.items():
        trans[lab[a], lab[b]] = w
    dense = None
    if names:
        dense = np.zeros((len(names), 3), dtype=np.float32)
        for k, name in enumerate(names):
            if name in index:
                dense[k] = rows[index.pop(name)]
        # drop the rows the dense weights came from and renumber the rest
        kept = sorted(index.items(), key=lambda kv: kv[1])
        rows = [rows[j] for _, j in kept]
        index = {name: i for i, (name, _) in enumerate(kept)}
    weights = np.asarray(rows, dtype=np.float32).reshape(-1, 3)
    return _Linear(index, weights, np.zeros(3, dtype=np.float32), dense), trans


# -- technique classifier -----------------------------------------------------------------------
ClassifierExample = tuple[list[str], str, Vectors | None]


def classifier_examples(article: PTCArticle, sdoc: Doc, width: int = 0) -> list[ClassifierExample]:
    """(span features, technique, span vector) per gold row; a span with two techniques gives two examples."""
    ctx = F.DocContext(sdoc)
    low = sdoc.text.lower()
    cache: dict[tuple[int, int], list[str]] = {}
    keys = [(s.start, s.end) for s in article.spans]
    vecs = F.span_vectors(sdoc, keys, width) if width else None
    out: list[ClassifierExample] = []
    for k, s in enumerate(article.spans):
        key = keys[k]
        if key not in cache:
            cache[key] = F.span_features(sdoc, s.start, s.end, ctx, low)
        out.append((cache[key], s.technique, None if vecs is None else vecs[k]))
    return out


def fit_classifier(examples: Sequence[ClassifierExample], params: Params) -> _Linear:
    """Multinomial logistic regression over span features seen at least `tc_min_count` times."""
    from collections import Counter

    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    df = Counter(f for x, _, _ in examples for f in set(x))
    width = params.classifier_vectors
    names = [f"\x00v{k}" for k in range(width)]  # cannot clash with a feature string
    keep: list[dict[str, float]] = []
    for x, _, v in examples:
        row = {f: 1.0 for f in x if df[f] >= params.tc_min_count}
        if width and v is not None:
            row.update(zip(names, map(float, v), strict=True))
        keep.append(row)
    vec = DictVectorizer()
    xm = vec.fit_transform(keep)
    y = [TECHNIQUES.index(t) for _, t, _ in examples]
    clf = LogisticRegression(C=params.tc_c, max_iter=3000)
    clf.fit(xm, y)
    w = np.zeros((len(vec.feature_names_), len(TECHNIQUES)), dtype=np.float32)
    bias = np.zeros(len(TECHNIQUES), dtype=np.float32)
    for r, cls in enumerate(clf.classes_):
        w[:, int(cls)] = clf.coef_[r]
        bias[int(cls)] = clf.intercept_[r]
    # classes never seen in training keep -inf odds instead of a zero score
    for k in set(range(len(TECHNIQUES))) - {int(c) for c in clf.classes_}:
        bias[k] = -30.0
    pos = {str(n): i for i, n in enumerate(vec.feature_names_)}
    sparse = [(n, i) for n, i in pos.items() if not n.startswith("\x00v")]
    index = {n: k for k, (n, _) in enumerate(sparse)}
    dense = None
    if width:
        dense = np.zeros((width, len(TECHNIQUES)), dtype=np.float32)
        for k, n in enumerate(names):
            if n in pos:
                dense[k] = w[pos[n]]
    return _Linear(index, w[[i for _, i in sparse]], bias, dense)


def fit(articles: Sequence[PTCArticle], docs: Sequence[Doc], params: Params, log: Log = _log) -> FramingModel:
    """Both models fitted on the given articles (thresholds at their defaults)."""
    t0 = time.perf_counter()
    tag_ex = [ex for a, d in zip(articles, docs, strict=True) for ex in tagger_examples(a, d, params.tagger_vectors)]
    tagger, trans = fit_tagger(tag_ex, params)
    t1 = time.perf_counter()
    width = params.classifier_vectors
    cls_ex = [ex for a, d in zip(articles, docs, strict=True) for ex in classifier_examples(a, d, width)]
    classifier = fit_classifier(cls_ex, params)
    log(
        f"  fitted on {len(articles)} articles: CRF {len(tagger.index)} features ({t1 - t0:.0f}s), "
        f"classifier {len(classifier.index)} features ({time.perf_counter() - t1:.0f}s)"
    )
    return FramingModel(tagger, trans, classifier, TECHNIQUES, meta={"features_version": F.FEATURES_VERSION})


# -- cross-validation -------------------------------------------------------------------------
def folds_by_article(ids: Sequence[str], k: int, seed: int = 13) -> list[int]:
    """A fold number for each article id: a seeded shuffle dealt round-robin, so folds differ by at most one."""
    order = sorted(range(len(ids)), key=lambda i: ids[i])
    random.Random(seed).shuffle(order)
    fold = [0] * len(ids)
    for n, i in enumerate(order):
        fold[i] = n % k
    return fold


def split_fold(articles: Sequence[PTCArticle], k: int, fold: int) -> tuple[list[PTCArticle], list[PTCArticle]]:
    """(training articles, held-out articles) for the 1-based `fold` of `folds_by_article(ids, k)`."""
    of = folds_by_article([a.id for a in articles], k)
    return [a for a, f in zip(articles, of, strict=True) if f != fold - 1], [
        a for a, f in zip(articles, of, strict=True) if f == fold - 1
    ]


def cross_validate(
    articles: Sequence[PTCArticle], docs: Sequence[Doc], params: Params, k: int = 5, log: Log = _log
) -> dict[str, Any]:
    """k-fold cross-validation by article; SI per threshold and TC, per fold and averaged over folds."""
    fold = folds_by_article([a.id for a in articles], k)
    runs: list[dict[str, Any]] = []
    for f in range(k):
        tr = [i for i in range(len(articles)) if fold[i] != f]
        te = [i for i in range(len(articles)) if fold[i] == f]
        log(f"fold {f + 1}/{k}: train {len(tr)} articles, test {len(te)}")
        model = fit([articles[i] for i in tr], [docs[i] for i in tr], params, log)
        res = evaluate(model, [articles[i] for i in te], [docs[i] for i in te], THRESHOLDS)
        best = max(res["si"].items(), key=lambda kv: kv[1]["f1"])
        log(f"  SI F1 {best[1]['f1']:.4f} (threshold {best[0]}), TC micro-F1 {res['tc']['micro_f1']:.4f}")
        runs.append(res)
    mean_si = {
        t: {m: round(float(np.mean([r["si"][t][m] for r in runs])), 4) for m in ("precision", "recall", "f1")}
        for t in THRESHOLDS
    }
    threshold = max(mean_si, key=lambda t: mean_si[t]["f1"])
    tc = round(float(np.mean([r["tc"]["micro_f1"] for r in runs])), 4)
    return {
        "folds": k,
        "threshold": threshold,
        "si": mean_si[threshold],
        "si_by_threshold": {str(t): v for t, v in mean_si.items()},
        "si_f1_per_fold": [r["si"][threshold]["f1"] for r in runs],
        "tc_micro_f1": tc,
        "tc_micro_f1_per_fold": [r["tc"]["micro_f1"] for r in runs],
        "tc_per_technique_recall": {
            t: round(float(np.mean([r["tc"]["per_technique_recall"].get(t) or 0.0 for r in runs])), 4)
            for t in TECHNIQUES
        },
    }


def _shown(path: Path) -> str:
    """`path` relative to the working directory when it lies below it, so the recorded command is portable."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def train(
    data: Path,
    out: Path,
    *,
    folds: int = 5,
    params: Params | None = None,
    n_process: int = 1,
    limit: int | None = None,
    log: Log = _log,
) -> dict[str, Any]:
    """Cross-validate (when folds > 1), fit on the whole split, and write the model with its metadata."""
    import sklearn

    from according.nlp.pipeline import build_nlp, model_name

    params = params or Params()
    articles = list(read_split(data, limit=limit))
    nlp = build_nlp()
    log(f"parsing {len(articles)} articles ...")
    docs = parse(nlp, articles, n_process)
    cv = cross_validate(articles, docs, params, folds, log) if folds > 1 else {}
    log("fitting on all articles ...")
    model = fit(articles, docs, params, log)
    threshold = float(cv.get("threshold", model.threshold))
    command = f"according train framing --data {data} --out {_shown(out)} --folds {folds}"
    if limit:
        command += f" --limit {limit}"
    meta: dict[str, Any] = {
        "method": METHOD,
        "features_version": F.FEATURES_VERSION,
        "trained_on": str(data),
        "train_sha256": data_sha256(data),
        "train_articles": len(articles),
        "spacy_model": model_name(nlp),
        "sklearn": sklearn.__version__,
        "params": asdict(params),
        "cross_validation": cv,
        "command": command,
    }
    final = FramingModel(model.tagger, model.transitions, model.classifier, TECHNIQUES, threshold, 0.5, meta)
    final.save(out)
    return {**meta, "threshold": threshold, "bytes": out.stat().st_size}
