"""`according train framing`, `train framing-ensemble` and `eval framing`: train and score the framing models.

Thin wrappers over `according.framing`; heavy imports happen inside the commands so `--help` stays fast.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from according.errors import AccordingError

app = typer.Typer(name="framing", help="Propaganda-technique spans (SemEval-2020 Task 11).", no_args_is_help=True)

_DATA = Path(__file__).resolve().parents[1] / "data"
_DEFAULT_OUT = _DATA / "framing_model.json.gz"
_DEFAULT_OUT_MINILM = _DATA / "framing_tc_minilm.json.gz"
_DEFAULT_OUT_TRANSFORMER = _DATA / "framing_transformer"
_ENCODER_HELP = (
    "Model: none (linear, numpy only), minilm (frozen MiniLM features for the technique classifier; the semantic "
    "extra) or transformer (fine-tuned MiniLM run in onnxruntime; the transformer extra)."
)
_ENCODERS = ("none", "minilm", "transformer")
_out = Console()
_err = Console(stderr=True)


def _fail(message: str) -> typer.Exit:
    _err.print(f"Error: {message}", highlight=False, markup=False, soft_wrap=True)
    return typer.Exit(1)


@app.command("train")
def train_command(
    data: Annotated[Path, typer.Option("--data", exists=True, file_okay=False, help="A PTC split folder (ptc/train).")],
    out: Annotated[Path, typer.Option(help="Where to write the model.")] = _DEFAULT_OUT,
    folds: Annotated[
        int, typer.Option(min=1, help="Cross-validation folds by article for the recorded scores (1: none).")
    ] = 5,
    n_process: Annotated[int, typer.Option(min=1, help="spaCy processes for parsing.")] = 1,
    limit: Annotated[int | None, typer.Option(min=2, help="Use only the first N articles (a quick run).")] = None,
    encoder: Annotated[str, typer.Option(help=_ENCODER_HELP + " minilm trains only the classifier.")] = "none",
    holdout_fold: Annotated[
        int,
        typer.Option(
            min=0,
            help="transformer only: the fold (1-based, of --folds) held out and scored; 0 trains on every article.",
        ),
    ] = 1,
    epochs: Annotated[int, typer.Option(min=1, help="transformer only: fine-tuning epochs.")] = 3,
    lr: Annotated[
        float, typer.Option(min=1e-7, max=1e-2, help="transformer only: the encoder's learning rate.")
    ] = 5e-5,
) -> None:
    """Cross-validate on PTC by article, fit on all of it, and write the model with its scores and data hash.

    `--encoder transformer` fine-tunes MiniLM on every fold but `--holdout-fold` (far slower; no k-fold loop)
    and writes a model folder.
    """
    if encoder not in _ENCODERS:
        raise typer.BadParameter(f"{encoder!r}; choose one of {', '.join(_ENCODERS)}", param_hint="--encoder")
    if encoder == "transformer":
        out = _DEFAULT_OUT_TRANSFORMER if out == _DEFAULT_OUT else out
        _train_transformer(data, out, folds, holdout_fold, limit, epochs, lr)
        return
    try:
        if encoder == "minilm":
            from according.framing import train_encoder as trainer
        else:
            from according.framing import train as trainer  # type: ignore[no-redef]
    except ImportError as e:  # pragma: no cover - depends on the install
        extra = "train,semantic" if encoder == "minilm" else "train"
        raise _fail(f"{e}; install the training extra: pip install 'according[{extra}]'") from e
    if encoder == "minilm" and out == _DEFAULT_OUT:
        out = _DEFAULT_OUT_MINILM
    try:
        meta = trainer.train(data, out, folds=folds, n_process=n_process, limit=limit)
    except AccordingError as e:
        raise _fail(str(e)) from e
    typer.echo(json.dumps(meta, indent=2))


def _train_transformer(
    data: Path, out: Path, folds: int, holdout_fold: int, limit: int | None, epochs: int, lr: float
) -> None:
    try:
        from according.framing import train_transformer
    except ImportError as e:  # pragma: no cover - depends on the install
        raise _fail(f"{e}; install: pip install torch==2.13.0, then pip install 'according[train,semantic]'") from e
    if holdout_fold > folds:
        raise typer.BadParameter(f"{holdout_fold} > --folds {folds}", param_hint="--holdout-fold")
    try:
        params = train_transformer.TParams(epochs=epochs, lr=lr)
        meta = train_transformer.train(
            data, out, holdout_fold=holdout_fold, folds=max(folds, 2), params=params, limit=limit
        )
    except (AccordingError, ImportError) as e:
        raise _fail(str(e)) from e
    typer.echo(json.dumps(meta, indent=2))


def train_ensemble_command(
    data: Annotated[
        Path,
        typer.Option("--data", exists=True, file_okay=False, help="The PTC split the fold models were trained on."),
    ],
    fold_models: Annotated[
        list[Path],
        typer.Option(
            "--fold-model",
            exists=True,
            file_okay=False,
            help="A model folder from `according train framing --encoder transformer --holdout-fold K`; once per fold.",
        ),
    ],
    out: Annotated[
        Path, typer.Option(file_okay=False, help="The model folder whose meta.json gets the settings.")
    ] = _DEFAULT_OUT_TRANSFORMER,
) -> None:
    """Choose the transformer ensemble's decoding settings by nested cross-validation over fold models.

    Searches the CRF's weight, the span threshold, the lower threshold a span extends over and the technique
    weight on each fold model's held-out articles; writes the best on all folds, with the nested (honest)
    figures, into --out's meta.json (docs/framing.md).
    """
    try:
        from according.framing.select import train_ensemble
    except ImportError as e:  # pragma: no cover - depends on the install
        raise _fail(f"{e}; install the transformer extra: pip install 'according[transformer]'") from e
    if not (out / "meta.json").is_file():
        raise typer.BadParameter(f"{out}: no meta.json (not a model folder)", param_hint="--out")
    try:
        res = train_ensemble(data, fold_models, out, lambda m: _err.print(m, highlight=False, markup=False))
    except (AccordingError, ImportError, OSError) as e:
        raise _fail(str(e)) from e
    table = Table(title="Framing ensemble settings (nested cross-validation)")
    for col in ("fold", "articles", "settings chosen on the other folds", "SI P / R / F1", "TC micro-F1"):
        table.add_column(col)
    for r in res["nested"]["per_fold"]:
        st, si = r["setting"], r["si"]
        table.add_row(
            str(r["fold"]),
            str(r["articles"]),
            f"w {st['si_weight']}, t {st['threshold']}, low {st['low']}, tc w {st['tc_weight']}",
            f"{si['precision']:.3f} / {si['recall']:.3f} / {si['f1']:.3f}",
            f"{r['tc_micro_f1']:.3f}",
        )
    n = res["nested"]
    table.add_row(
        "mean", "", "", f"{n['si_precision']:.3f} / {n['si_recall']:.3f} / {n['si_f1']:.3f}", f"{n['tc_micro_f1']:.3f}"
    )
    _out.print(table)
    a = res["chosen_on_all"]
    _out.print(
        f"written to {out / 'meta.json'}: {res['chosen']} (on all folds SI F1 {a['si_f1']:.3f}, "
        f"TC {a['tc_micro_f1']:.3f}; before: {a['before_si_f1']:.3f}, {a['before_tc_micro_f1']:.3f})",
        highlight=False,
        markup=False,
    )


def _table(name: str, res: dict[str, Any], threshold: float) -> Table:
    si = res["si"][threshold]
    tc = res["tc"]
    table = Table(title=f"Framing: {name}")
    table.add_column("measure")
    table.add_column("value", justify="right")
    table.add_row("SI precision", f"{si['precision']:.4f}")
    table.add_row("SI recall", f"{si['recall']:.4f}")
    table.add_row("SI F1", f"{si['f1']:.4f}")
    table.add_row("TC micro-F1", f"{tc['micro_f1']:.4f} ({tc['correct']}/{tc['gold']})")
    for tech, r in tc["per_technique_recall"].items():
        table.add_row(f"TC recall: {tech}", "–" if r is None else f"{r:.3f}")
    return table


@app.command("eval")
def eval_command(
    data: Annotated[
        Path, typer.Argument(exists=True, file_okay=False, help="A labelled PTC split folder, unseen in training.")
    ],
    model_path: Annotated[
        Path | None,
        typer.Option("--model", exists=True, help="A model file, or a transformer model folder (default: shipped)."),
    ] = None,
    limit: Annotated[int | None, typer.Option(min=1, help="Score only the first N articles.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON instead of a table.")] = False,
    n_process: Annotated[int, typer.Option(min=1, help="spaCy processes for parsing.")] = 1,
    encoder: Annotated[str, typer.Option(help=_ENCODER_HELP)] = "none",
) -> None:
    """Score the framing model on labelled articles: SI (character overlap) and TC micro-F1 (docs/framing.md)."""
    from according.framing.evaluate import evaluate
    from according.framing.model import FramingModel, load
    from according.framing.ptc import data_sha256, read_split
    from according.nlp.pipeline import build_nlp

    if encoder not in _ENCODERS:
        raise typer.BadParameter(f"{encoder!r}; choose one of {', '.join(_ENCODERS)}", param_hint="--encoder")
    if encoder == "transformer" or (model_path is not None and model_path.is_dir()):
        _eval_transformer(data, model_path, limit, as_json)
        return
    try:
        model = FramingModel.read(model_path) if model_path else load(encoder)
        if not isinstance(model, FramingModel):
            raise _fail("this model is not the linear framing model")
        if model is None:
            raise _fail("no framing model is shipped; train one with `according train framing --data ...`")
        articles = list(read_split(data, limit=limit))
        if not any(a.spans for a in articles):
            raise _fail(f"{data}: no labelled spans to score against")
        nlp = build_nlp()
        docs = list(nlp.pipe((a.text for a in articles), batch_size=16, n_process=n_process))
    except (AccordingError, ValueError) as e:
        raise _fail(str(e)) from e
    res = evaluate(model, articles, docs)
    seen = data_sha256(data) == model.meta.get("train_sha256")
    warning = (
        "these articles are the model's training data: the scores are training-set scores; "
        "see cross_validation in the model's metadata for held-out figures"
        if seen
        else ""
    )
    if as_json:
        payload = {
            "articles": len(articles),
            "threshold": model.threshold,
            "si": res["si"][model.threshold],
            "tc": res["tc"],
            "cross_validation": model.meta.get("cross_validation"),
            "warning": warning,
        }
        _out.print_json(json.dumps(payload))
        return
    _out.print(_table(f"{data.name} ({len(articles)} articles)", res, model.threshold))
    if warning:
        _err.print(f"Warning: {warning}", highlight=False, markup=False, soft_wrap=True)


def _eval_transformer(data: Path, model_path: Path | None, limit: int | None, as_json: bool) -> None:
    """Score the transformer ensemble; on its own training split only its held-out fold is scored."""
    from importlib import resources

    from according.framing.model import TRANSFORMER_DIR
    from according.framing.ptc import data_sha256, read_split
    from according.framing.train import split_fold
    from according.nlp.pipeline import build_nlp

    try:
        from according.framing.ensemble import load_folder, score
    except ImportError as e:  # pragma: no cover - depends on the install
        raise _fail(f"{e}; install the transformer extra: pip install 'according[transformer]'") from e
    folder = model_path or Path(str(resources.files("according.data").joinpath(TRANSFORMER_DIR)))
    if not (folder / "encoder.onnx").is_file():
        raise _fail(f"{folder}: no encoder.onnx; train one with `according train framing --encoder transformer`")
    try:
        model = load_folder(folder)
        articles = list(read_split(data, limit=limit))
    except (AccordingError, ImportError, ValueError, OSError) as e:
        raise _fail(str(e)) from e
    note = ""
    fold = int(model.meta.get("holdout_fold", 0))
    if data_sha256(data) == model.meta.get("train_sha256"):
        if not fold:
            raise _fail("these articles are all the model's training data; score it on other labelled articles")
        articles = split_fold(articles, int(model.meta.get("folds", 5)), fold)[1]
        note = f"the model was trained on this split: only held-out fold {fold} ({len(articles)} articles) is scored"
    if not any(a.spans for a in articles):
        raise _fail(f"{data}: no labelled spans to score against")
    docs = list(build_nlp().pipe((a.text for a in articles), batch_size=16))
    res = score(model, articles, docs)
    if as_json:
        payload = {"articles": len(articles), "threshold": model.threshold, "note": note}
        payload |= {"si": res["ensemble"]["si"][model.threshold], "tc": res["ensemble"]["tc"]}
        payload["alone"] = {
            k: {"si": next(iter(v["si"].values())), "tc": v["tc"]} for k, v in res.items() if k != "ensemble"
        }
        _out.print_json(json.dumps(payload))
        return
    _out.print(
        _table(f"{data.name} ({len(articles)} articles, transformer ensemble)", res["ensemble"], model.threshold)
    )
    for way in ("linear", "transformer"):
        threshold, si = next(iter(res[way]["si"].items()))
        _out.print(
            f"{way} alone (span threshold {threshold}): SI F1 {si['f1']:.4f}, "
            f"TC micro-F1 {res[way]['tc']['micro_f1']:.4f}",
            highlight=False,
        )
    if note:
        _err.print(f"Note: {note}", highlight=False, markup=False, soft_wrap=True)
