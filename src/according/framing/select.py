"""Choose the ensemble's decoding settings from fold models, by nested cross-validation (docs/framing.md).

Each fold model (a folder written by `according train framing --encoder transformer --holdout-fold K`) gives
token and technique probabilities on the articles it never saw; the settings (the CRF's weight in the token
probabilities, the span threshold, the lower threshold a span may extend over, the CRF's weight in the
technique probabilities) are searched on those out-of-fold probabilities. The honest figure is nested: each
fold is scored with the settings that did best on the other folds. The settings shipped are the best on all.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from itertools import product
from pathlib import Path
from typing import Any

import numpy as np

from according.errors import InputError
from according.framing.ensemble import HeldOut, SISetting, held_out_probs, si_of, tc_of
from according.framing.ptc import data_sha256, read_split

SI_WEIGHTS = (0.3, 0.4, 0.5, 0.6)
THRESHOLDS = (0.25, 0.3, 0.35, 0.4, 0.45)
LOWS = (0.1, 0.15, 0.2, None)  # None: one threshold, no extension
TC_WEIGHTS = (0.3, 0.4, 0.5, 0.6, 0.7)
BEFORE: SISetting = (0.5, 0.25, None)  # the settings chosen on fold 1 alone, shipped before this selection


def _best(options: Sequence[Any], score: Callable[[Any], float]) -> Any:
    """The option with the highest score; the first listed on ties (so the grids' order breaks them)."""
    return max(options, key=lambda o: (score(o), -options.index(o)))


def _mean(xs: Sequence[float]) -> float:
    return round(float(np.mean(xs)), 4)


def _setting(si: SISetting, tc_weight: float) -> dict[str, float | None]:
    return {"si_weight": si[0], "threshold": si[1], "low": si[2], "tc_weight": tc_weight}


def select(rows: Sequence[HeldOut], log: Callable[[str], None] = lambda _: None) -> dict[str, Any]:
    """The settings best on all folds, the nested (honest) figures and each fold's figures with the chosen settings.

    Settings are ranked by the mean of the folds' SI F1 (each fold decoded once per setting) and by pooled TC.
    """
    grid: list[SISetting] = [(w, t, lo) for w, t, lo in product(SI_WEIGHTS, THRESHOLDS, LOWS) if lo is None or lo < t]
    folds = sorted({r.fold for r in rows})
    by_fold = {k: [r for r in rows if r.fold == k] for k in folds}
    si = {(g, k): si_of(by_fold[k], g) for g in grid for k in folds}
    log(f"decoded {len(folds)} folds with {len(grid)} settings")

    def best_si(ks: Sequence[int]) -> SISetting:
        return _best(grid, lambda g: _mean([float(si[(g, k)]["f1"]) for k in ks]))  # type: ignore[no-any-return]

    def best_tc(ks: Sequence[int]) -> float:
        pool = [r for k in ks for r in by_fold[k]]
        return float(_best(TC_WEIGHTS, lambda w: float(tc_of(pool, w)["micro_f1"])))

    chosen_si, chosen_tc = best_si(folds), best_tc(folds)
    nested: list[dict[str, Any]] = []
    per_fold: list[dict[str, Any]] = []
    for k in folds:
        rest = [j for j in folds if j != k] or folds
        g, w = best_si(rest), best_tc(rest)
        n = len(by_fold[k])
        nested.append(
            {
                "fold": k,
                "articles": n,
                "setting": _setting(g, w),
                "si": si[(g, k)],
                "tc_micro_f1": tc_of(by_fold[k], w)["micro_f1"],
            }
        )
        per_fold.append(
            {
                "fold": k,
                "articles": n,
                "chosen": {"si": si[(chosen_si, k)], "tc_micro_f1": tc_of(by_fold[k], chosen_tc)["micro_f1"]},
                "before": {"si": si_of(by_fold[k], BEFORE), "tc_micro_f1": tc_of(by_fold[k], BEFORE[0])["micro_f1"]},
            }
        )
    return {
        "chosen": _setting(chosen_si, chosen_tc),
        "nested": {
            "si_precision": _mean([n["si"]["precision"] for n in nested]),
            "si_recall": _mean([n["si"]["recall"] for n in nested]),
            "si_f1": _mean([n["si"]["f1"] for n in nested]),
            "tc_micro_f1": _mean([n["tc_micro_f1"] for n in nested]),
            "per_fold": nested,
        },
        "chosen_on_all": {
            "si_f1": _mean([p["chosen"]["si"]["f1"] for p in per_fold]),
            "tc_micro_f1": _mean([p["chosen"]["tc_micro_f1"] for p in per_fold]),
            "before_si_f1": _mean([p["before"]["si"]["f1"] for p in per_fold]),
            "before_tc_micro_f1": _mean([p["before"]["tc_micro_f1"] for p in per_fold]),
            "per_fold": per_fold,
        },
        "grid": {"si_weight": SI_WEIGHTS, "threshold": THRESHOLDS, "low": LOWS, "tc_weight": TC_WEIGHTS},
    }


def train_ensemble(
    data: Path, folders: Sequence[Path], out: Path, log: Callable[[str], None] = lambda _: None
) -> dict[str, Any]:
    """Select the settings on `folders`' held-out folds and write them into `out`'s meta.json (with the figures).

    Every folder must have been trained on `data` with one fold held out; when `out` is one of them its recorded
    held-out scores are recomputed with the new settings.
    """
    from according.framing.ensemble import load_folder, score_rows
    from according.framing.train import parse, split_fold
    from according.framing.train_transformer import ENSEMBLE_THRESHOLDS
    from according.nlp.pipeline import build_nlp

    sha = data_sha256(data)
    articles = list(read_split(data))
    metas = [json.loads((f / "meta.json").read_text(encoding="utf-8")) for f in folders]
    seen: set[int] = set()
    for folder, meta in zip(folders, metas, strict=True):
        fold = int(meta.get("holdout_fold", 0))
        if meta.get("train_sha256") != sha:
            raise InputError(f"{folder}: trained on other data than {data} (train_sha256 differs)")
        if not fold:
            raise InputError(f"{folder}: no fold was held out (--holdout-fold 0), so it cannot be scored here")
        if fold in seen:
            raise InputError(f"{folder}: fold {fold} is held out by another folder too")
        if meta.get("folds") != metas[0].get("folds"):
            raise InputError(
                f"{folder}: split into {meta.get('folds')} folds, {folders[0]} into {metas[0].get('folds')}"
            )
        seen.add(fold)
    nlp = build_nlp()
    rows: list[HeldOut] = []
    for folder, meta in zip(folders, metas, strict=True):
        fold = int(meta["holdout_fold"])
        held = split_fold(articles, int(meta["folds"]), fold)[1]
        log(f"{folder}: fold {fold}, {len(held)} held-out articles")
        rows.extend(held_out_probs(load_folder(folder), fold, held, parse(nlp, held)))  # one ONNX session at a time
    result = select(rows, log)
    result["command"] = f"according train framing-ensemble --data {data} " + " ".join(
        [*(f"--fold-model {f}" for f in folders), f"--out {out}"]
    )
    meta_path = out / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta["ensemble"] = dict(result["chosen"]) | {"selected_by": "nested cross-validation"}
    meta["ensemble_selection"] = result
    meta_path.write_text(json.dumps(meta, indent=1), encoding="utf-8")
    fold = int(meta.get("holdout_fold", 0))
    if fold and meta.get("train_sha256") == sha:  # its recorded held-out figures, with the new settings
        model = load_folder(out)
        if any(f.resolve() == out.resolve() for f in folders):
            own = [r for r in rows if r.fold == fold]
        else:
            held = split_fold(articles, int(meta["folds"]), fold)[1]
            own = held_out_probs(model, fold, held, parse(nlp, held))
        ts = tuple(sorted({model.threshold, *ENSEMBLE_THRESHOLDS}))
        meta.setdefault("held_out", {})["ensemble"] = score_rows(model, own, ts)
        meta_path.write_text(json.dumps(meta, indent=1), encoding="utf-8")
    return result
