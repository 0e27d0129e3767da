"""`according eval`: score the ledger against gold attributions and hedge cues (docs/eval.md).

Thin wrappers over `according.eval`; the extractor is imported inside the commands, so the CLI
loads (and `--help` works) without the spaCy model.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from itertools import islice, zip_longest
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from according.errors import AccordingError
from according.eval.gold import GoldDoc, read_any
from according.eval.hedges import HedgeScores, evaluate_hedges, ledger_detector, read_szeged
from according.eval.scorer import PRF, Accuracy, DocResult, Predicted, Scores, predictions, score_document, total

app = typer.Typer(
    name="eval",
    help="Score the ledger against gold annotations (our gold JSON, PolNeAR, Szeged hedge cues).",
    no_args_is_help=True,
)

_out = Console()
_err = Console(stderr=True)


def _fail(message: str) -> typer.Exit:
    """Print `message` as the error on stderr; the caller raises the returned exit (status 1).

    Typer vendors its own click, so `click.ClickException` would not be caught; this prints what it would.
    """
    _err.print(f"Error: {message}", highlight=False, markup=False)
    return typer.Exit(1)


def _progress() -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=_err,
        transient=True,
    )


def _fmt(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


def _prf_rows(name: str, prf: PRF) -> list[tuple[str, str]]:
    return [
        (f"{name} precision", f"{_fmt(prf.precision)} ({prf.tp}/{prf.predicted})"),
        (f"{name} recall", f"{_fmt(prf.recall)} ({prf.tp}/{prf.gold})"),
        (f"{name} F1", _fmt(prf.f1)),
    ]


def _acc_row(name: str, acc: Accuracy) -> tuple[str, str]:
    return (f"{name} accuracy", f"{_fmt(acc.value)} ({acc.correct}/{acc.total})" if acc.total else "–")


def _score_rows(s: Scores) -> list[tuple[str, str]]:
    rows = [("documents", str(s.documents))]
    rows += _prf_rows("content", s.content)
    rows += _prf_rows("end-to-end", s.end_to_end)
    rows += [
        _acc_row("cue", s.cue),
        _acc_row("source", s.source),
        _acc_row("kind", s.kind),
        _acc_row("source type", s.source_type),
        _acc_row("anonymous", s.anonymous),
        _acc_row("count", s.count),
        _acc_row("parent", s.parent),
    ]
    hedge_rows = _prf_rows("hedge", s.hedges)
    if not s.hedge_documents:  # the gold has no hedge annotation: keep the rows, show no value
        hedge_rows = [(measure, "–") for measure, _ in hedge_rows]
    opinion_rows = _prf_rows("opinion sentence", s.opinion)
    if not s.opinion_documents:
        opinion_rows = [(measure, "–") for measure, _ in opinion_rows]
    return rows + hedge_rows + opinion_rows


def _excerpt(text: str, spans: Iterable[tuple[int, int]], width: int = 160) -> str:
    s = " … ".join(text[a:b] for a, b in spans)
    s = " ".join(s.split())
    return s if len(s) <= width else s[: width - 1] + "…"


def _round_robin(per_doc: list[list[dict[str, Any]]], n: int) -> list[dict[str, Any]]:
    """Up to n items taken from each document in turn, so one long article does not fill the list."""
    flat = (x for row in zip_longest(*per_doc) for x in row if x is not None)
    return list(islice(flat, n))


def _errors(runs: list[tuple[GoldDoc, list[Predicted], DocResult]], n: int) -> dict[str, list[dict[str, Any]]]:
    missed: list[list[dict[str, Any]]] = []
    spurious: list[list[dict[str, Any]]] = []
    for gold, preds, r in runs:
        missed.append(
            [
                {
                    "doc": gold.id,
                    "start": gold.attributions[i].content[0][0],
                    "content": _excerpt(gold.text, gold.attributions[i].content),
                }
                for i in r.missed
            ]
        )
        spurious.append(
            [
                {"doc": gold.id, "start": preds[i].content[0][0], "content": _excerpt(gold.text, preds[i].content)}
                for i in r.spurious
            ]
        )
    return {"missed": _round_robin(missed, n), "spurious": _round_robin(spurious, n)}


def _score_path(
    path: Path, limit: int | None, nlp: Any, batch_size: int, progress: Progress
) -> tuple[Scores, list[tuple[GoldDoc, list[Predicted], DocResult]]]:
    import according
    from according.ingest.text import make_document

    golds = list(islice(read_any(path), limit))
    task = progress.add_task(f"scoring {path.name}", total=len(golds))

    def ledgers() -> Iterator[according.Ledger]:
        docs = (make_document(g.text) for g in golds)
        yield from according.analyze_many(docs, nlp=nlp, batch_size=batch_size)

    runs: list[tuple[GoldDoc, list[Predicted], DocResult]] = []
    for gold, ledger in zip(golds, ledgers(), strict=True):
        runs.append((gold, predictions(ledger), score_document(gold, ledger)))
        progress.advance(task)
    return total(r for _, _, r in runs), runs


@app.command()
def attribution(
    paths: Annotated[
        list[Path],
        typer.Argument(
            exists=True,
            metavar="PATH",
            help="A folder of gold .json files, one .json file, or a PolNeAR split folder (text/, attributions/).",
        ),
    ],
    limit: Annotated[int | None, typer.Option("--limit", min=1, help="Score at most N documents of each PATH.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON instead of a table.")] = False,
    show_errors: Annotated[
        int, typer.Option("--show-errors", min=0, metavar="N", help="Also list N missed and N spurious contents.")
    ] = 0,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1, help="Documents per spaCy batch.")] = 32,
) -> None:
    """Score attribution extraction: content, end-to-end, cue, source and the source's details."""
    import according

    try:
        nlp = according.build_nlp()
        results: dict[str, tuple[Scores, list[tuple[GoldDoc, list[Predicted], DocResult]]]] = {}
        with _progress() as progress:
            for path in paths:
                results[str(path)] = _score_path(path, limit, nlp, batch_size, progress)
    except AccordingError as e:
        raise _fail(str(e)) from e

    if as_json:
        payload: dict[str, Any] = {}
        for name, (scores, runs) in results.items():
            payload[name] = scores.to_dict()
            if show_errors:
                payload[name]["errors"] = _errors(runs, show_errors)
        _out.print_json(json.dumps(payload, ensure_ascii=False))
        return

    table = Table(title="Attribution accuracy (micro-averaged)")
    table.add_column("measure")
    columns = [_score_rows(scores) for scores, _ in results.values()]
    for name in results:
        table.add_column(Path(name).name or name, justify="right")
    for i, (measure, _) in enumerate(columns[0]):
        table.add_row(measure, *(col[i][1] for col in columns))
    _out.print(table)
    if show_errors:
        for name, (_, runs) in results.items():
            errs = _errors(runs, show_errors)
            for label, items in (("missed (gold not found)", errs["missed"]), ("spurious (no gold)", errs["spurious"])):
                _out.print(f"\n[bold]{Path(name).name}: {label}[/bold]")
                for item in items:
                    _out.print(f"  {item['doc']} @{item['start']}: {item['content']}", highlight=False, markup=False)


@app.command()
def hedges(
    path: Annotated[
        Path,
        typer.Argument(
            exists=True, dir_okay=False, metavar="PATH", help="A Szeged uncertainty XML file (factbank.xml)."
        ),
    ],
    limit: Annotated[int | None, typer.Option("--limit", min=1, help="Score at most N sentences.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON instead of a table.")] = False,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1, help="Sentences per batch.")] = 256,
) -> None:
    """Score hedge cues (the ledger's `hedge` spans, not boosters) against the Szeged news cues."""
    import according

    try:
        sentences = list(islice(read_szeged(path), limit))
        detect = ledger_detector(nlp=according.build_nlp())
        with _progress() as progress:
            task = progress.add_task(f"scoring {path.name}", total=len(sentences))
            scores = evaluate_hedges(
                sentences, detect, batch_size=batch_size, on_batch=lambda n: progress.advance(task, n)
            )
    except ET.ParseError as e:
        raise _fail(f"{path}: not XML ({e})") from e
    except AccordingError as e:
        raise _fail(str(e)) from e
    if as_json:
        _out.print_json(json.dumps(scores.to_dict()))
        return
    _out.print(_hedge_table(path.name, scores))


def _hedge_table(name: str, s: HedgeScores) -> Table:
    table = Table(title=f"Hedge cues: {name} (micro-averaged)")
    table.add_column("measure")
    table.add_column("value", justify="right")
    table.add_row("sentences", str(s.sentences))
    for measure, value in _prf_rows("cue", s.cues) + _prf_rows("uncertain sentence", s.uncertain_sentences):
        table.add_row(measure, value)
    for t, acc in sorted(s.recall_by_type.items()):
        table.add_row(f"cue recall: {t}", f"{_fmt(acc.value)} ({acc.correct}/{acc.total})")
    return table


@app.command("frames")
def frames_command(
    data: Annotated[
        Path,
        typer.Option("--data", exists=True, file_okay=False, help="The ECB+ folder (ECB+/ and ECB+_LREC2014/ inside)."),
    ],
    limit: Annotated[int | None, typer.Option("--limit", min=1, help="Score at most N documents.")] = None,
    mode: Annotated[
        str, typer.Option("--mode", help="ledger: frames of the full ledger; sentences: every sentence is a claim.")
    ] = "ledger",
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON instead of a table.")] = False,
) -> None:
    """Score frames (actions, actors+targets, times, places) against ECB+ mentions (docs/frames.md)."""
    import according
    from according.eval.frames import CATEGORIES, RULES, evaluate_frames, read_ecbplus

    if mode not in ("ledger", "sentences"):
        raise _fail(f"--mode must be 'ledger' or 'sentences', not {mode!r}")
    try:
        nlp = according.build_nlp()
        n = sum(1 for _ in read_ecbplus(data, limit=limit))
        with _progress() as progress:
            task = progress.add_task(f"scoring {data.name}", total=n)
            scores = evaluate_frames(
                data,
                nlp,
                limit=limit,
                mode="sentences" if mode == "sentences" else "ledger",
                on_document=lambda: progress.advance(task),
            )
    except (OSError, ET.ParseError, KeyError) as e:
        raise _fail(f"{data}: not a readable ECB+ folder ({e})") from e
    except AccordingError as e:
        raise _fail(str(e)) from e
    if as_json:
        _out.print_json(json.dumps({"mode": mode, **scores.to_dict()}))
        return
    table = Table(title=f"Frames vs ECB+ mentions ({mode}; {scores.documents} documents, {scores.sentences} sentences)")
    table.add_column("role")
    for rule in RULES:
        table.add_column(f"{rule} P / R / F1", justify="right")
    for category in CATEGORIES:
        cells = []
        for rule in RULES:
            prf = scores.get(category, rule)
            cells.append(f"{_fmt(prf.precision)} / {_fmt(prf.recall)} / {_fmt(prf.f1)}")
        table.add_row(f"{category} ({scores.get(category, 'lenient').gold} gold)", *cells)
    _out.print(table)


@app.command("entities")
def entities_command(
    data: Annotated[
        Path,
        typer.Option("--data", exists=True, file_okay=False, help="The ECB+ folder (ECB+/ and ECB+_LREC2014/ inside)."),
    ],
    limit: Annotated[int | None, typer.Option("--limit", min=1, help="Score at most N documents.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON instead of a table.")] = False,
) -> None:
    """Score cross-document entity merging: B-cubed of ECB+ participant chains, with an exact-string baseline."""
    import according
    from according.eval.entities import evaluate_entities, read_ecbplus

    try:
        nlp = according.build_nlp()
        docs = list(read_ecbplus(data, limit=limit))
        with _progress() as progress:
            task = progress.add_task(f"scoring {data.name}", total=len(docs))
            scores = evaluate_entities(docs, nlp, on_doc=lambda: progress.advance(task))
    except (OSError, ET.ParseError, KeyError, ValueError) as e:
        raise _fail(f"{data}: not a readable ECB+ folder ({e})") from e
    except AccordingError as e:
        raise _fail(str(e)) from e
    if as_json:
        _out.print_json(json.dumps(scores))
        return
    table = Table(title=f"Entity merging vs ECB+ participant chains ({scores['documents']} documents, B-cubed)")
    table.add_column("scored mentions")
    table.add_column("system P / R / F1", justify="right")
    table.add_column("exact-string baseline P / R / F1", justify="right")
    rows = (("all gold", ""), ("in gold chains of 2+", "_non_singleton_gold"), ("matched", "_matched_only"))
    for label, suffix in rows:
        sys_, base = scores["system" + suffix], scores["baseline" + (suffix or "_exact_string")]
        cells = [f"{_fmt(s['precision'])} / {_fmt(s['recall'])} / {_fmt(s['f1'])}" for s in (sys_, base)]
        table.add_row(f"{label} ({sys_['mentions']})", *cells)
    _out.print(table)
    share = ", ".join(f"{k} {v:.3f}" for k, v in sorted(scores["matched_share_by_kind"].items()))
    _out.print(
        f"gold mentions reached by a predicted mention: {scores['matched_share']:.3f} ({share}); the rest are"
        f" singletons. {scores['corpus_entities']} corpus entities from {scores['article_entities']} article"
        f" entities, {scores['cross_key_merges']} cross-key merges.",
        highlight=False,
    )
