"""The `according` command line: thin wrappers over the library (the library never imports click)."""

from __future__ import annotations

import typer

from according.cli.analyze import analyze_command
from according.cli.ingest import export_command, ingest_command, search_command
from according.cli.serve import serve_command

app = typer.Typer(
    name="according",
    help="Who says so, on whose authority, how sure, and in what tone: a claim ledger for news articles.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.command("analyze")(analyze_command)
app.command("ingest")(ingest_command)
app.command("search")(search_command)
app.command("export")(export_command)
app.command("serve")(serve_command)


def _mount_eval() -> None:
    from according.cli.eval import app as eval_app
    from according.cli.train import app as train_app

    app.add_typer(eval_app, name="eval")
    app.add_typer(train_app, name="train")


_mount_eval()


def main() -> None:
    """Entry point of the `according` script."""
    app()
