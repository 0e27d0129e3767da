"""`according analyze`: one article -> a readable report or JSON; many -> a JSONL stream."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Annotated, TextIO

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from spacy.language import Language

from according.errors import AccordingError
from according.types import Document, Ledger, Skipped


class Format(StrEnum):
    text = "text"
    json = "json"
    jsonl = "jsonl"
    markdown = "markdown"
    html = "html"


class Framing(StrEnum):
    """The framing model (docs/framing.md): linear (none), MiniLM technique features, or the transformer ensemble."""

    none = "none"
    minilm = "minilm"
    transformer = "transformer"


FramingOption = Annotated[
    Framing | None,
    typer.Option(
        "--framing",
        help="Framing model: none (linear, fast), minilm (extra: semantic) or transformer (extra: transformer; "
        "more accurate, 6x slower). Default: ACCORDING_FRAMING_ENCODER, else none.",
    ),
]


def use_framing(choice: Framing | None) -> None:
    """Select the framing model for this process and the worker processes it starts (they inherit the setting)."""
    if choice is not None:
        os.environ["ACCORDING_FRAMING_ENCODER"] = choice.value


class OnError(StrEnum):
    skip = "skip"
    fail = "fail"


def _render(ledger: Ledger, fmt: Format, console: Console) -> str | None:
    """The ledger in the asked format (None when it was printed to the console directly)."""
    if fmt is Format.json:
        return json.dumps(ledger.to_dict(), ensure_ascii=False, indent=2)
    if fmt is Format.jsonl:
        return json.dumps(ledger.to_dict(), ensure_ascii=False)
    if fmt is Format.markdown:
        from according.render import markdown

        return markdown.render(ledger)
    if fmt is Format.html:
        from according.render import html

        return html.render(ledger)
    from according.render import terminal

    terminal.report(ledger, console)
    return None


def _parse_date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError as exc:
        raise typer.BadParameter(f"not an ISO date: {value!r}") from exc


def analyze_command(
    paths: Annotated[list[str], typer.Argument(help="Files or folders to analyse; '-' reads standard input.")],
    fmt: Annotated[
        Format | None,
        typer.Option("--format", "-f", help="Output format (default: text for one input, jsonl for many)."),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file instead of standard output.")
    ] = None,
    title: Annotated[str | None, typer.Option(help="Headline (for a single input).")] = None,
    outlet: Annotated[str | None, typer.Option(help="Outlet name (for a single input).")] = None,
    url: Annotated[str | None, typer.Option(help="Address of the article (for a single input).")] = None,
    published: Annotated[str | None, typer.Option(help="Publication date, ISO 8601 (for a single input).")] = None,
    model: Annotated[
        str | None, typer.Option(help="spaCy model name or path (default: the best installed English model).")
    ] = None,
    batch_size: Annotated[int, typer.Option(min=1, help="Texts per nlp.pipe batch.")] = 32,
    n_process: Annotated[int, typer.Option(min=1, help="Parser processes for many inputs.")] = 1,
    on_error: Annotated[
        OnError, typer.Option(help="skip: report bad inputs and go on; fail: stop at the first.")
    ] = OnError.skip,
    framing: FramingOption = None,
) -> None:
    """Analyse articles (text, HTML or JSON {text, title, url, outlet, published}) and print their claim ledgers."""
    use_framing(framing)
    from according.ingest import read
    from according.nlp.pipeline import build_nlp

    err = Console(stderr=True)
    single = len(paths) == 1 and (paths[0] == "-" or not Path(paths[0]).is_dir())
    fmt = fmt or (Format.text if single else Format.jsonl)
    out_file = output.open("w", encoding="utf-8") if output else None
    out = out_file or sys.stdout
    console = Console(file=out) if out_file else Console()
    try:
        nlp = build_nlp(model)
        if single:
            doc = read.read_path(paths[0], title=title, outlet=outlet, url=url, published=_parse_date(published))
            from according.analysis import analyze_document

            ledger = analyze_document(doc, nlp=nlp)
            for w in ledger.warnings:
                err.print(f"[yellow]warning:[/] {w}")
            rendered = _render(ledger, fmt, console)
            if rendered is not None:
                out.write(rendered + ("\n" if not rendered.endswith("\n") else ""))
            return
        _many(paths, fmt, out, console, err, nlp, batch_size, n_process, on_error)
    except AccordingError as exc:
        err.print(f"[red]error:[/] {exc}")
        raise typer.Exit(1) from None
    finally:
        if out_file:
            out_file.close()


def _many(
    paths: list[str],
    fmt: Format,
    out: TextIO,
    console: Console,
    err: Console,
    nlp: Language,
    batch_size: int,
    n_process: int,
    on_error: OnError,
) -> None:
    """Stream ledgers for many inputs; bad files are listed at the end and make the exit code 1."""
    from according.analysis import analyze_many
    from according.ingest import read

    skipped: list[Skipped] = []
    items = list(read.iter_paths(paths))
    docs_total = sum(1 for i in items if isinstance(i, Document))

    def docs() -> Iterator[Document]:
        for item in items:
            if isinstance(item, Skipped):
                skipped.append(item)
                if on_error is OnError.fail:
                    raise AccordingError(f"{item.source}: {item.reason}: {item.detail}", reason=item.reason)
                continue
            yield item

    with Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]}"),
        TimeElapsedColumn(),
        console=err,
        transient=False,
    ) as progress:
        task = progress.add_task("analysing", total=docs_total, rate="")
        for n, ledger in enumerate(analyze_many(docs(), nlp=nlp, batch_size=batch_size, n_process=n_process), 1):
            rendered = _render(ledger, fmt, console)
            if rendered is not None:
                out.write(rendered + "\n")
            elapsed = progress.tasks[0].elapsed or 0.0
            progress.update(task, advance=1, rate=f"{n / elapsed:.1f} docs/s" if elapsed else "")
    if skipped:
        err.print(f"[red]{len(skipped)} input(s) could not be analysed:[/]")
        for s in skipped:
            # one line per file, never wrapped or read as markup, so it can be grepped
            err.print(
                f"  {s.source}: {s.reason}" + (f" ({s.detail})" if s.detail else ""), soft_wrap=True, markup=False
            )
        raise typer.Exit(1)
