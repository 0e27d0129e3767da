"""The `according` command line: thin wrappers over the library (the library never imports click)."""

from __future__ import annotations

import typer

from according.cli.analyze import analyze_command
from according.cli.eval import app as eval_app
from according.cli.facts import entities_command, entity_command, facts_command
from according.cli.framing import eval_command as eval_framing_command
from according.cli.framing import train_command as train_framing_command
from according.cli.framing import train_ensemble_command as train_framing_ensemble_command
from according.cli.ingest import export_command, ingest_command, search_command
from according.cli.provenance import (
    claims_command,
    cluster_command,
    eval_clusters_command,
    eval_syndication_command,
    outlets_command,
    revisions_command,
    trace_command,
)
from according.cli.serve import serve_command
from according.cli.train import app as train_app

app = typer.Typer(
    name="according",
    help="Who says so, on whose authority, how sure, and in what tone: a claim ledger for news articles.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
# one article
app.command("analyze")(analyze_command)
# a corpus in a store
app.command("ingest")(ingest_command)
app.command("cluster")(cluster_command)
app.command("claims")(claims_command)
app.command("trace")(trace_command)
app.command("outlets")(outlets_command)
app.command("revisions")(revisions_command)
app.command("entities")(entities_command)
app.command("entity")(entity_command)
app.command("facts")(facts_command)
app.command("search")(search_command)
app.command("export")(export_command)
app.command("serve")(serve_command)
# measuring and training
eval_app.command("syndication")(eval_syndication_command)
eval_app.command("clusters")(eval_clusters_command)
eval_app.command("framing")(eval_framing_command)
train_app.command("framing")(train_framing_command)
train_app.command("framing-ensemble")(train_framing_ensemble_command)
app.add_typer(eval_app, name="eval")
app.add_typer(train_app, name="train")


def main() -> None:
    """Entry point of the `according` script."""
    app()
