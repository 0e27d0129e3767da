"""`according train cues`: retrain the shipped attribution-cue scorer (needs the `train` extra)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(
    name="train", help="Train the models according ships (needs: pip install 'according[train]').", no_args_is_help=True
)

_DEFAULT_OUT = Path(__file__).resolve().parents[1] / "data" / "cue_model.json.gz"


@app.command("cues")
def cues_command(
    train_dir: Annotated[Path, typer.Option("--train", help="PolNeAR train split (text/ and attributions/).")],
    dev_dir: Annotated[Path, typer.Option("--dev", help="PolNeAR dev split, for the threshold.")],
    out: Annotated[Path, typer.Option(help="Where to write the model.")] = _DEFAULT_OUT,
    c: Annotated[float, typer.Option("--c", help="Inverse L2 regularisation strength.")] = 0.5,
    threshold: Annotated[
        float, typer.Option(help="Probability above which a learned cue becomes an attribution.")
    ] = 0.65,
    n_process: Annotated[int, typer.Option(min=1, help="spaCy processes for parsing.")] = 1,
    limit: Annotated[
        int | None, typer.Option(help="Use only the first N articles of each split (for a quick run).")
    ] = None,
) -> None:
    """Fit the cue scorer on PolNeAR train and write it (with its data hash and dev scores)."""
    from according.train.cues import train

    meta = train(train_dir, dev_dir, out, c=c, threshold=threshold, n_process=n_process, limit=limit)
    typer.echo(json.dumps(meta, indent=2))
