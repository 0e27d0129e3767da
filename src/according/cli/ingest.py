"""`according ingest`, `according search`, `according export`: build, query and dump a corpus store."""

from __future__ import annotations

import json
import sys
from contextlib import ExitStack
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TextIO

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text

from according.cli.analyze import FramingOption, use_framing
from according.errors import AccordingError
from according.store import DEFAULT_PATH, Store, open_store
from according.store.export import COLUMNS, require_pyarrow, write_csv, write_parquet

if TYPE_CHECKING:
    from according.ingest.corpus import Analyzer
    from according.scale.dask import DaskAnalyzer

DbOption = Annotated[
    str, typer.Option("--db", help="SQLite file (created on first use) or postgresql://user:pass@host/dbname URL.")
]
_SHOWN_ERRORS = 20


class _Rate(ProgressColumn):
    """Records per second over the run so far."""

    def render(self, task: Task) -> Text:
        # not rich's `task.speed`, a rate over the last few updates: ledgers from a Dask cluster arrive a
        # batch at a time, so that rate swings between zero and millions per second
        elapsed = task.finished_time or task.elapsed
        speed = task.completed / elapsed if elapsed else None
        return Text(f"{speed:.1f} rec/s" if speed else "", style="progress.data.speed")


def _open(db: str, err: Console) -> Store:
    try:
        return open_store(db)
    except ImportError as exc:
        err.print(f"[red]error:[/] {escape(str(exc))}; install the extra: pip install 'according\\[postgres]'")
        raise typer.Exit(1) from None
    except Exception as exc:  # a bad URL, an unreachable server, a file that is not a database
        err.print(f"[red]error:[/] cannot open the store {db!r}: {exc}", markup=False)
        raise typer.Exit(1) from None


class Engine(StrEnum):
    local = "local"
    dask = "dask"


def _dask_analyzer(
    stack: ExitStack, scheduler: str | None, workers: int, model: str | None, batch_size: int, err: Console
) -> DaskAnalyzer:
    """Connect to the cluster (or start a local one) for the length of `stack`."""
    from according.scale.dask import DaskAnalyzer, connect

    try:
        client = stack.enter_context(connect(scheduler, workers=workers))
    except ImportError as exc:
        err.print(f"[red]error:[/] {escape(str(exc))}; install the extra: pip install 'according\\[dask]'")
        raise typer.Exit(1) from None
    except OSError as exc:  # nothing answers at the address, within distributed's connect timeout
        err.print(f"[red]error:[/] cannot reach the Dask scheduler {scheduler!r}: {exc}", markup=False)
        raise typer.Exit(1) from None
    return DaskAnalyzer(client, model=model, batch_size=batch_size)


def ingest_command(
    paths: Annotated[
        list[str], typer.Argument(help="Files or folders: .txt .md .html .json .jsonl .csv .rss .atom .xml .warc(.gz).")
    ],
    db: DbOption = DEFAULT_PATH,
    workers: Annotated[
        int,
        typer.Option(
            "--workers", "-w", min=1, help="Parser processes; with --engine dask, local workers (without --scheduler)."
        ),
    ] = 1,
    batch_size: Annotated[int, typer.Option(min=1, help="Texts per nlp.pipe batch.")] = 32,
    commit_every: Annotated[int, typer.Option(min=1, help="Ledgers per transaction (what a kill can lose).")] = 128,
    model: Annotated[str | None, typer.Option(help="spaCy model name or path.")] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Exit with status 1 when any record was bad.")] = False,
    engine: Annotated[
        Engine, typer.Option(help="Where parsing runs: local processes, or a Dask cluster (needs according\\[dask]).")
    ] = Engine.local,
    scheduler: Annotated[
        str | None,
        typer.Option(
            help="Dask scheduler address (tcp://host:8786) for --engine dask; without it, a local cluster is started."
        ),
    ] = None,
    framing: FramingOption = None,
) -> None:
    """Analyse articles into a store; stored documents are skipped, so a rerun resumes an interrupted one.

    This process alone writes the store; with --engine dask the cluster's workers parse and return ledgers.
    """
    if scheduler is not None and engine is not Engine.dask:
        raise typer.BadParameter("needs --engine dask", param_hint="--scheduler")
    if framing is not None and scheduler is not None:
        raise typer.BadParameter(
            "a remote cluster's workers read their own ACCORDING_FRAMING_ENCODER", param_hint="--framing"
        )
    use_framing(framing)
    from according.ingest.corpus import IngestReport, ingest
    from according.ingest.inputs import count_inputs
    from according.nlp.pipeline import build_nlp

    err = Console(stderr=True)
    store = _open(db, err)
    stack = ExitStack()
    stack.callback(store.close)
    try:
        analyzer: Analyzer | None
        if engine is Engine.dask:  # the workers load the model; this process only reads and writes
            analyzer = _dask_analyzer(stack, scheduler, workers, model, batch_size, err)
            nlp = None
        elif workers > 1:  # whole ledgers in worker processes; this process only reads and writes
            from according.scale.local import ProcessAnalyzer

            build_nlp(model)  # a bad model name fails here, once, with its pip hint, not in every worker
            analyzer = stack.enter_context(ProcessAnalyzer(workers, model=model, batch_size=batch_size))
            nlp = None
        else:
            analyzer, nlp = None, build_nlp(model)
        total = count_inputs(paths)
        with Progress(
            TextColumn("[progress.description]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            _Rate(),
            TimeElapsedColumn(),
            TextColumn("eta"),
            TimeRemainingColumn(),
            console=err,
        ) as bar:
            task = bar.add_task("ingesting", total=total or None)

            def advance(_report: IngestReport, n: int) -> None:
                bar.advance(task, n)

            report = ingest(
                paths,
                store,
                nlp=nlp,
                batch_size=batch_size,
                n_process=workers,
                commit_every=commit_every,
                total=total,
                on_progress=advance,
                analyzer=analyzer,
            )
    except AccordingError as exc:
        err.print(f"[red]error:[/] {exc}", markup=False)
        raise typer.Exit(1) from None
    finally:
        stack.close()  # the Dask client and cluster, if any, then the store
    err.print(
        f"{report.saved} document(s) added, {report.already_stored} already stored, "
        f"{len(report.errors)} bad record(s) (run {report.run_id}, {store.url})",
        markup=False,
    )
    if report.errors:
        reasons = ", ".join(f"{reason}: {n}" for reason, n in report.reasons.most_common())
        err.print(f"[yellow]bad records by reason:[/] {reasons}")
        for s in report.errors[:_SHOWN_ERRORS]:
            err.print(
                f"  {s.source}: {s.reason}" + (f" ({s.detail})" if s.detail else ""), soft_wrap=True, markup=False
            )
        if len(report.errors) > _SHOWN_ERRORS:
            err.print(f"  ... and {len(report.errors) - _SHOWN_ERRORS} more, stored in the ingest_errors table")
        if strict:
            raise typer.Exit(1)


class Scope(StrEnum):
    documents = "documents"
    attributions = "attributions"


def search_command(
    text: Annotated[str, typer.Argument(help="Words that must all occur (stemmed).")],
    db: DbOption = DEFAULT_PATH,
    scope: Annotated[Scope, typer.Option(help="Search article text or attribution content.")] = Scope.documents,
    limit: Annotated[int, typer.Option(min=1, help="Hits to show.")] = 20,
    offset: Annotated[int, typer.Option(min=0, help="Hits to skip (for paging).")] = 0,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per hit.")] = False,
) -> None:
    """Full-text search over a store's articles or attribution content."""
    err = Console(stderr=True)
    store = _open(db, err)
    try:
        hits = store.search(text, limit=limit, offset=offset, scope=scope.value)
    finally:
        store.close()
    if as_json:
        for h in hits:
            print(
                json.dumps(
                    {
                        "doc_id": h.doc_id,
                        "attribution_id": h.attribution_id,
                        "title": h.title,
                        "url": h.url,
                        "score": h.score,
                        "snippet": h.snippet,
                    },
                    ensure_ascii=False,
                )
            )
        return
    out = Console()
    for h in hits:
        where = h.doc_id + (f"/{h.attribution_id}" if h.attribution_id else "")
        out.print(f"[bold]{where}[/]  {h.title or ''}", highlight=False)
        out.print("  " + " ".join(h.snippet.split()), markup=False, highlight=False)
    if not hits:
        err.print("no matches")


class ExportFormat(StrEnum):
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"
    graphml = "graphml"
    json = "json"


class ExportWhat(StrEnum):
    ledgers = "ledgers"
    attributions = "attributions"
    frames = "frames"
    entities = "entities"
    graph = "graph"


#: Columns of the CSV and Parquet exports: one row per attribution, with its document's metadata.
CSV_COLUMNS: tuple[str, ...] = COLUMNS
#: The formats each kind of export can be written in; the first is what `--what` alone gives.
EXPORT_FORMATS: dict[ExportWhat, tuple[ExportFormat, ...]] = {
    ExportWhat.ledgers: (ExportFormat.jsonl,),
    ExportWhat.attributions: (ExportFormat.csv, ExportFormat.parquet),
    ExportWhat.frames: (ExportFormat.csv, ExportFormat.parquet, ExportFormat.jsonl),
    ExportWhat.entities: (ExportFormat.csv, ExportFormat.parquet, ExportFormat.jsonl),
    ExportWhat.graph: (ExportFormat.graphml, ExportFormat.json),
}
#: What `--format` alone exports (the behaviour before `--what` existed).
_DEFAULT_WHAT = {
    ExportFormat.jsonl: ExportWhat.ledgers,
    ExportFormat.csv: ExportWhat.attributions,
    ExportFormat.parquet: ExportWhat.attributions,
    ExportFormat.graphml: ExportWhat.graph,
    ExportFormat.json: ExportWhat.graph,
}


def export_command(
    db: DbOption = DEFAULT_PATH,
    fmt: Annotated[
        ExportFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="jsonl, csv, parquet (needs according\\[parquet]) for tables; graphml or json for --what graph. "
            "Default: the first format --what allows (jsonl for ledgers).",
        ),
    ] = None,
    what: Annotated[
        ExportWhat | None,
        typer.Option(
            "--what",
            "-w",
            help="ledgers (jsonl), attributions (csv, parquet), frames or corpus entities (csv, parquet, jsonl), "
            "or the actor -> target graph of corpus entities (graphml, json). Default: ledgers for jsonl, "
            "attributions for csv and parquet, graph for graphml and json.",
        ),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here instead of stdout (required for parquet).")
    ] = None,
) -> None:
    """Write every stored ledger, attribution, frame or corpus entity, or the entity graph, in ingest order.

    Frames, entities and the graph come from the latest version of each article; corpus entities and the graph
    need `according cluster` to have run.
    """
    err = Console(stderr=True)
    if what is None:
        what = _DEFAULT_WHAT[fmt or ExportFormat.jsonl]
    fmt = fmt or EXPORT_FORMATS[what][0]
    if fmt not in EXPORT_FORMATS[what]:
        allowed = ", ".join(f.value for f in EXPORT_FORMATS[what])
        raise typer.BadParameter(f"--what {what.value} is written as {allowed}, not {fmt.value}", param_hint="--format")
    if fmt is ExportFormat.parquet:
        if output is None:
            raise typer.BadParameter("--format parquet writes a file: give one", param_hint="--output")
        try:
            require_pyarrow()
        except ImportError as exc:
            err.print(f"[red]error:[/] {exc}", markup=False)
            raise typer.Exit(1) from None
    store = _open(db, err)
    if fmt is ExportFormat.parquet:
        assert output is not None
        try:
            n = _export_parquet(store, what, output)
        finally:
            store.close()
        err.print(f"{n} {what.value} row(s) written to {output}", markup=False)
        return
    out_file = output.open("w", encoding="utf-8", newline="") if output else None
    out = out_file or sys.stdout
    try:
        n = _export_text(store, what, fmt, out)
    finally:
        store.close()
        if out_file:
            out_file.close()
    if what in (ExportWhat.entities, ExportWhat.graph) and n == 0:
        err.print("no corpus entities: run `according cluster` first (after ingesting)")


def _export_parquet(store: Store, what: ExportWhat, output: Path) -> int:
    from according.store import export as ex

    pa, _ = require_pyarrow()
    if what is ExportWhat.frames:
        return ex.write_rows_parquet(ex.frame_rows(store), ex.frames_parquet_schema(pa), output)
    if what is ExportWhat.entities:
        return ex.write_rows_parquet(ex.entity_rows(store), ex.entities_parquet_schema(pa), output)
    return write_parquet(store, output)


def _export_text(store: Store, what: ExportWhat, fmt: ExportFormat, out: TextIO) -> int:
    """Write a text export; returns the rows (or graph nodes) written."""
    from according.store import export as ex

    if what is ExportWhat.attributions:
        return write_csv(store, out)
    if what is ExportWhat.ledgers:
        n = 0
        for doc_id in store.iter_doc_ids():
            out.write(json.dumps(store.get_ledger(doc_id).to_dict(), ensure_ascii=False) + "\n")
            n += 1
        return n
    if what is ExportWhat.graph:
        from according.corpus.facts import entity_graph

        graph = entity_graph(store)
        if fmt is ExportFormat.graphml:
            ex.write_graphml(graph, out)
        else:
            ex.write_graph_json(graph, out)
        return len(graph["nodes"]) or _entities_stored(store)
    rows, columns = (
        (ex.frame_rows(store), ex.FRAME_COLUMNS)
        if what is ExportWhat.frames
        else (ex.entity_rows(store), ex.ENTITY_COLUMNS)
    )
    if fmt is ExportFormat.csv:
        return ex.write_rows_csv(rows, columns, out)
    return ex.write_rows_jsonl(rows, out)


def _entities_stored(store: Store) -> int:
    from according.corpus.facts import list_entities

    return len(list_entities(store, limit=1))
