"""`according train framing` and `according eval framing`: train and score the propaganda-technique model.

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
_ENCODER_HELP = "Technique classifier: none (numpy only) or minilm (frozen MiniLM features; the semantic extra)."
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
) -> None:
    """Cross-validate on PTC by article, fit on all of it, and write the model with its scores and data hash."""
    if encoder not in ("none", "minilm"):
        raise typer.BadParameter(f"{encoder!r}; choose none or minilm", param_hint="--encoder")
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
        Path | None, typer.Option("--model", exists=True, dir_okay=False, help="A model file (default: shipped).")
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

    try:
        model = FramingModel.read(model_path) if model_path else load(encoder)
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
