"""`according cluster`, `claims`, `trace`, `outlets`, `revisions` and `eval syndication|clusters` (docs/provenance.md).

Thin wrappers over `according.corpus`; nothing here loads the spaCy model.
"""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal, cast

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from according.cli.ingest import DbOption, _open
from according.corpus.provenance import Link
from according.store import DEFAULT_PATH

if TYPE_CHECKING:
    from according.corpus.semantic import Encoder

_SHARED = Path(__file__).resolve().parents[4] / "shared" / "data"


def _short(text: str, n: int = 110) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def cluster_command(
    db: DbOption = DEFAULT_PATH,
    force: Annotated[bool, typer.Option("--force", help="Rebuild even when the corpus has not changed.")] = False,
    semantic: Annotated[
        bool,
        typer.Option("--semantic", help="Also merge paraphrases by sentence embeddings (needs according\\[semantic])."),
    ] = False,
) -> None:
    """Group syndicated copies and the same claim across articles, and count each claim's independent origins."""
    from according.corpus.build import build

    err = Console(stderr=True)
    encoder = _encoder(err) if semantic else None
    store = _open(db, err)
    try:
        report = build(store, force=force, encoder=encoder)
    finally:
        store.close()
    if report.skipped:
        err.print(
            f"corpus unchanged since the last build: {report.clusters} claim cluster(s), {report.groups} group(s), "
            f"{report.entities} corpus entit{'y' if report.entities == 1 else 'ies'}"
        )
        return
    err.print(
        f"{report.documents} document(s), {report.attributions} attribution(s): "
        f"{report.groups} syndication group(s), {report.clusters} claim cluster(s), "
        f"{report.entities} corpus entit{'y' if report.entities == 1 else 'ies'}"
    )


def claims_command(
    db: DbOption = DEFAULT_PATH,
    query: Annotated[
        str | None, typer.Option("--query", "-q", help="Only claims whose content has these words.")
    ] = None,
    limit: Annotated[int, typer.Option(min=1, help="Claims to show.")] = 20,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per claim.")] = False,
) -> None:
    """Claims found in several articles, most independently corroborated first, with where each first appeared."""
    from according.corpus.claims import ranked_claims

    err = Console(stderr=True)
    store = _open(db, err)
    try:
        claims = ranked_claims(store, query=query, limit=limit)
    finally:
        store.close()
    if as_json:
        for c in claims:
            print(json.dumps(c.to_dict(), ensure_ascii=False))
        return
    if not claims:
        err.print("no claim clusters (run `according cluster` after ingesting)" if query is None else "no matches")
        return
    table = Table(
        "claim",
        "indep.",
        "articles",
        "grade",
        "first seen",
        "claim text",
        caption="grade: Admiralty 1-6 on the claim's sourcing, not its truth (docs/evidence.md)",
    )
    for c in claims:
        first = (
            " ".join(x for x in (c.earliest_outlet, (c.earliest_published or "")[:10]) if x) or c.earliest_doc_id[:12]
        )
        grade = f"{c.evidence.grade} {c.evidence.label}" if c.evidence else "-"
        table.add_row(c.id, str(c.independent_origins), str(c.documents), grade, first, _short(c.label, 80))
    Console().print(table)


def _link_label(link: Link) -> Text:
    s = link.source
    who = Text(s.name if s else "(no source)", style="bold")
    if s is not None:
        bits = (
            [s.type]
            + ([f"count {s.count}"] if s.count is not None else [])
            + ([s.affiliation] if s.affiliation else [])
        )
        who.append(f" ({', '.join(bits)})", style="dim")
    who.append(f" {link.kind}")
    if link.cue:
        who.append(f" “{link.cue}”", style="italic")
    who.append(f": {_short(link.content, 90)}")
    return who


def _grade_lines(grade: int, label: str, reasons: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """The cluster's grade under the trace header, with the reasons that led to it."""
    return (
        (f"\nevidence grade {grade}: {label}, on its sourcing (not its truth)", "bold magenta"),
        *((f"\n  - {r}", "magenta") for r in reasons),
    )


def trace_command(
    claim_id: Annotated[str, typer.Argument(help="A claim cluster id, as `according claims` lists them.")],
    db: DbOption = DEFAULT_PATH,
) -> None:
    """Draw a claim's provenance: its independent origins, the articles in each, and their citation chains."""
    from according.corpus.claims import trace

    err = Console(stderr=True)
    store = _open(db, err)
    try:
        tr = trace(store, claim_id)
    except KeyError:
        err.print(f"Error: no claim cluster {claim_id!r}; see `according claims`", markup=False)
        raise typer.Exit(1) from None
    finally:
        store.close()
    s = tr.summary
    root = Tree(
        Text.assemble(
            (f"{s.id} ", "bold"),
            f"“{_short(s.label)}”\n",
            (f"{s.independent_origins} independent origin(s), {s.documents} article(s), {s.size} attribution(s); ", ""),
            (f"first: {s.earliest_outlet or s.earliest_doc_id[:12]} {(s.earliest_published or '')[:10]}", "dim"),
            *(_grade_lines(s.evidence.grade, s.evidence.label, s.evidence.reasons) if s.evidence else ()),
        )
    )
    for n, origin in enumerate(tr.origins, 1):
        ties = ", ".join(origin.reasons) if origin.reasons else "one article"
        branch = root.add(Text.assemble((f"origin {n}", "bold green"), (f"  tied by: {ties}", "dim")))
        for m in origin.members:
            head = Text(f"{m.outlet or '(no outlet)'}", style="cyan")
            head.append(f"  {m.published.date().isoformat() if m.published else 'undated'}  ")
            head.append(_short(m.title or m.url or m.doc_id, 60))
            head.append(f"  [{m.doc_id[:12]}/{m.attribution_id}]", style="dim")
            if m.evidence:
                head.append(f"  grade {m.evidence.grade} in its article", style="magenta")
            if m.syndicated_from:
                head.append(f"  syndicated copy of {m.syndicated_from[:12]} (jaccard {m.syndication_score:.2f})")
            if m.matched:
                head.append(
                    f"\nmerged: {m.reason} {m.score:.2f} with {m.matched[:12]}…; shared: {m.shared}", style="yellow"
                )
            node = branch.add(head)
            for link in m.links:
                node = node.add(_link_label(link))
    Console().print(root)


class Period(StrEnum):
    month = "month"
    year = "year"
    all = "all"


def outlets_command(
    db: DbOption = DEFAULT_PATH,
    period: Annotated[Period, typer.Option(help="Group articles by publication month, year, or not at all.")] = (
        Period.month
    ),
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per outlet and period.")] = False,
) -> None:
    """Per outlet and period: articles, quotes per article, anonymous sourcing, attribution kinds, opinion share."""
    from according.corpus.outlets import outlet_profiles

    err = Console(stderr=True)
    store = _open(db, err)
    try:
        profiles = outlet_profiles(store, period=period.value)
    finally:
        store.close()
    if as_json:
        for p in profiles:
            print(json.dumps(p.to_dict(), ensure_ascii=False))
        return
    table = Table("outlet", "period", "articles", "quotes/article", "anonymous", "opinion", "kinds")
    for p in profiles:
        kinds = ", ".join(f"{k} {v}" for k, v in sorted(p.kinds.items(), key=lambda kv: -kv[1]))
        table.add_row(
            p.outlet or "(none)",
            p.period,
            str(p.articles),
            f"{p.quotes_per_article:.2f}",
            f"{p.anonymous_share:.1%}",
            f"{p.opinion_share:.1%}",
            kinds,
        )
    Console().print(table)


def revisions_command(
    url: Annotated[str, typer.Argument(help="An article URL ingested more than once with changed text.")],
    db: DbOption = DEFAULT_PATH,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per pair of versions.")] = False,
) -> None:
    """What changed in an article's ledger from one stored version to the next."""
    from according.corpus.revisions import url_revisions

    err = Console(stderr=True)
    store = _open(db, err)
    try:
        diffs = url_revisions(store, url)
    finally:
        store.close()
    if not diffs:
        err.print(f"fewer than two stored versions of {url}")
        return
    out = Console()
    for d in diffs:
        if as_json:
            print(json.dumps(d.to_dict(), ensure_ascii=False))
            continue
        out.print(f"[bold]{d.old_doc_id[:12]} -> {d.new_doc_id[:12]}[/]: {len(d.changes)} change(s)")
        for c in d.changes:
            out.print(f"  {c.kind}: {c.detail}", markup=False, highlight=False)


def eval_syndication_command(
    metadata: Annotated[Path, typer.Option(help="PolNeAR metadata.tsv; the texts are read beside it.")] = _SHARED
    / "polnear"
    / "data"
    / "metadata.tsv",
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
) -> None:
    """Score syndication detection on PolNeAR: real repeats, and wire stories reprinted with outlet edits."""
    from according.corpus.evaluate import evaluate_syndication

    if not metadata.is_file():
        Console(stderr=True).print(f"Error: {metadata} not found", markup=False)
        raise typer.Exit(1)
    scores = evaluate_syndication(metadata)
    _print_scores("syndication (PolNeAR)", scores, as_json)


def eval_clusters_command(
    ecbplus: Annotated[Path, typer.Option(help="The ECB+ folder (with ECB+/ and ECB+_LREC2014/).")] = (
        _SHARED / "ecbplus"
    ),
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
    semantic: Annotated[
        bool, typer.Option("--semantic", help="Add sentence embeddings (needs according\\[semantic]).")
    ] = False,
    topics: Annotated[
        str, typer.Option(help="all, odd (used to choose the semantic threshold) or even (held out).")
    ] = "all",
) -> None:
    """Score claim clustering against ECB+ cross-document event coreference, sentence by sentence."""
    from according.corpus.evaluate import evaluate_clusters

    err = Console(stderr=True)
    if not (ecbplus / "ECB+").is_dir():
        err.print(f"Error: {ecbplus / 'ECB+'} not found", markup=False)
        raise typer.Exit(1)
    if topics not in ("all", "odd", "even"):
        err.print(f"Error: --topics must be all, odd or even, not {topics!r}", markup=False)
        raise typer.Exit(2)
    encoder = _encoder(err) if semantic else None
    scores = evaluate_clusters(ecbplus, encoder=encoder, topics=cast(Literal["all", "odd", "even"], topics))
    _print_scores("claim clusters vs ECB+ events", scores, as_json)


def _encoder(err: Console) -> Encoder:
    """The sentence encoder of the semantic extra, or a clear error and exit 1 when it is not installed."""
    from according.corpus.semantic import EncoderUnavailable, load_encoder

    try:
        return load_encoder()
    except EncoderUnavailable as exc:
        err.print(f"Error: {exc}", markup=False)
        raise typer.Exit(1) from exc


def _print_scores(title: str, scores: dict[str, float | int | str], as_json: bool) -> None:
    if as_json:
        print(json.dumps(scores, ensure_ascii=False))
        return
    table = Table("measure", "value", title=title)
    for k, v in scores.items():
        table.add_row(k, f"{v:.3f}" if isinstance(v, float) else str(v))
    Console().print(table)
