"""`according entities`, `entity` and `facts`: who did what to whom across a corpus (docs/provenance.md).

Thin wrappers over `according.corpus.facts`; nothing here loads the spaCy model.
"""

from __future__ import annotations

import csv
import json
import re
import sys
from calendar import monthrange
from datetime import date, datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.table import Table

from according.cli.ingest import DbOption, _open
from according.store import DEFAULT_PATH

if TYPE_CHECKING:
    from according.corpus.facts import EntitySummary, Fact

_DATE = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")
_NO_ENTITIES = "no corpus entities (run `according cluster` after ingesting)"


def parse_day(value: str, *, end: bool = False) -> date:
    """A date given as YYYY, YYYY-MM or YYYY-MM-DD: its first day, or its last with `end` ("2018-01" -> 01-31).

    Raises:
        ValueError: anything else, or a date that does not exist.
    """
    m = _DATE.fullmatch(value.strip())
    if m is None:
        raise ValueError(f"{value!r} is not a date: use YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = int(m[1]), m[2], m[3]
    try:
        if day is not None:
            return date(year, int(month or 0), int(day))
        if month is not None:
            return date(year, int(month), monthrange(year, int(month))[1] if end else 1)
        return date(year, 12, 31) if end else date(year, 1, 1)
    except ValueError as exc:  # month 13, February 30, year 0
        raise ValueError(f"{value!r} is not a valid date ({exc})") from None


def _day_option(value: str | None, name: str, *, end: bool = False) -> date | None:
    if value is None:
        return None
    try:
        return parse_day(value, end=end)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint=name) from None


def _seen(value: datetime | None) -> str:
    return value.date().isoformat() if value else ""


def _short(text: str, n: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def entities_command(
    db: DbOption = DEFAULT_PATH,
    query: Annotated[
        str | None, typer.Option("--query", "-q", help="Only entities whose name or an alias contains this.")
    ] = None,
    type_: Annotated[
        str | None, typer.Option("--type", "-t", help="person, organization, country, place, group or other.")
    ] = None,
    limit: Annotated[int, typer.Option(min=1, help="Entities to show.")] = 50,
    offset: Annotated[int, typer.Option(min=0, help="Entities to skip (for paging).")] = 0,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per entity.")] = False,
) -> None:
    """Corpus entities, most claims first: articles, claims as actor and as target, first and last seen."""
    from according.corpus.facts import list_entities

    err = Console(stderr=True)
    store = _open(db, err)
    try:
        found = list_entities(store, query=query, type=type_, limit=limit, offset=offset)
    finally:
        store.close()
    if as_json:
        for e in found:
            print(json.dumps(e.to_dict(), ensure_ascii=False))
        return
    if not found:
        err.print(_NO_ENTITIES if query is None and type_ is None and not offset else "no matches")
        return
    table = Table("entity", "type", "articles", "as actor", "as target", "first seen", "last seen", "id")
    for e in found:
        table.add_row(
            e.name,
            e.type,
            str(e.documents),
            str(e.as_actor),
            str(e.as_target),
            _seen(e.first_seen),
            _seen(e.last_seen),
            e.id,
        )
    Console().print(table)


def _fact_line(f: Fact, role: str) -> str:
    other = f.targets if role == "actor" else f.actors
    verb = ("not " if f.negated else "") + (f"{f.modality} " if f.modality else "") + f.action
    grade = f"grade {f.grade} ({f.grade_label})" if f.grade is not None else "ungraded"
    who = f.source or "the author"
    where = " ".join(x for x in (f.outlet or "", f.published.date().isoformat() if f.published else "") if x)
    head = f"{verb} {', '.join(other)}".strip() if role == "actor" else f"{', '.join(other) or '?'} {verb}"
    return f"{head}  [{grade}; says {who}; {where or f.doc_id[:12]}]  “{_short(f.claim)}”"


def _print_entity(
    summary: EntitySummary, page_merges: list[tuple[str, str]], groups: dict[str, dict[str, list[Fact]]]
) -> None:
    out = Console(highlight=False)
    out.print(f"[bold]{summary.name}[/] ({summary.type}, {summary.id})")
    out.print(
        f"{summary.documents} article(s); {summary.as_actor} claim(s) as actor, {summary.as_target} as target; "
        f"first seen {_seen(summary.first_seen) or '?'}, last seen {_seen(summary.last_seen) or '?'}",
        markup=False,
    )
    if summary.aliases:
        out.print("aliases: " + ", ".join(summary.aliases), markup=False)
    for alias, reason in page_merges:
        out.print(f"  merged {alias!r}: {reason}", markup=False)
    for role, by_lemma in groups.items():
        if not by_lemma:
            continue
        out.print(f"\n[bold]as {role}[/]")
        for lemma, found in by_lemma.items():
            out.print(f"  [cyan]{lemma}[/] ({len(found)})")
            for f in found:
                out.print("    " + _fact_line(f, role), markup=False)


def entity_command(
    name: Annotated[str, typer.Argument(help="A corpus entity's name, alias or id (case-insensitive).")],
    db: DbOption = DEFAULT_PATH,
    as_json: Annotated[bool, typer.Option("--json", help="The entity page as one JSON object.")] = False,
) -> None:
    """An entity's page: aliases and why they were merged, its claims as actor and as target by action."""
    from according.corpus.facts import entity_page

    err = Console(stderr=True)
    store = _open(db, err)
    try:
        page = entity_page(store, name)
    finally:
        store.close()
    if page is None:
        err.print(f"Error: no entity {name!r}; see `according entities`", markup=False)
        raise typer.Exit(1)
    if as_json:
        print(json.dumps(page.to_dict(), ensure_ascii=False))
        return
    merges = [(m.alias, m.reason) for m in page.merges]
    _print_entity(page.entity, merges, {"actor": page.as_actor, "target": page.as_target})


class FactFormat(StrEnum):
    table = "table"
    jsonl = "jsonl"
    csv = "csv"


#: Columns of `according facts --format csv` (lists joined with "; ").
FACT_COLUMNS = (
    "doc_id",
    "frame_id",
    "claim_id",
    "actors",
    "lemma",
    "action",
    "negated",
    "modality",
    "targets",
    "places",
    "times",
    "quantities",
    "source",
    "grade",
    "grade_label",
    "outlet",
    "published",
    "claim",
)


def facts_command(
    db: DbOption = DEFAULT_PATH,
    actor: Annotated[str | None, typer.Option(help="Actor: a corpus entity's name, alias or id.")] = None,
    target: Annotated[str | None, typer.Option(help="Target: a corpus entity's name, alias or id.")] = None,
    action: Annotated[str | None, typer.Option(help="The action's lemma (transfer, deny, ship ...).")] = None,
    since: Annotated[
        str | None, typer.Option(help="Facts dated on or after: YYYY, YYYY-MM or YYYY-MM-DD (2018-01 = 2018-01-01).")
    ] = None,
    until: Annotated[
        str | None, typer.Option(help="Facts dated up to the end of: YYYY, YYYY-MM or YYYY-MM-DD (2018 = 2018-12-31).")
    ] = None,
    max_grade: Annotated[
        int | None, typer.Option("--max-grade", min=1, max=6, help="Only claims graded this or better (1 best).")
    ] = None,
    doc_id: Annotated[str | None, typer.Option("--doc", help="Only this document.")] = None,
    limit: Annotated[int, typer.Option(min=1, help="Facts to show.")] = 50,
    offset: Annotated[int, typer.Option(min=0, help="Facts to skip (for paging).")] = 0,
    fmt: Annotated[FactFormat, typer.Option("--format", "-f", help="table, jsonl or csv.")] = FactFormat.table,
) -> None:
    """Structured claims (who did what to whom, where, when), filtered; each with its source and evidence grade.

    A fact's date is its own normalised time where the text gives one, else its article's publication date.
    """
    from according.corpus.facts import facts

    since_day = _day_option(since, "--since")
    until_day = _day_option(until, "--until", end=True)
    err = Console(stderr=True)
    store = _open(db, err)
    try:
        found = facts(
            store,
            actor=actor,
            target=target,
            action=action,
            since=since_day,
            until=until_day,
            max_grade=max_grade,
            doc_id=doc_id,
            limit=limit,
            offset=offset,
        )
    finally:
        store.close()
    if fmt is FactFormat.jsonl:
        for f in found:
            print(json.dumps(f.to_dict(), ensure_ascii=False))
        return
    if fmt is FactFormat.csv:
        writer = csv.writer(sys.stdout)
        writer.writerow(FACT_COLUMNS)
        for f in found:
            d = f.to_dict()
            writer.writerow(["; ".join(v) if isinstance(v, list) else v for v in (d[c] for c in FACT_COLUMNS)])
        return
    if not found:
        err.print("no facts match")
        return
    table = Table("actor", "action", "target", "where / when", "grade", "says", "outlet, date")
    for f in found:
        verb = ("not " if f.negated else "") + (f"{f.modality} " if f.modality else "") + f.lemma
        when = "; ".join(x for x in ("; ".join(f.places), "; ".join(f.times)) if x)
        where = " ".join(x for x in (f.outlet or "", f.published.date().isoformat() if f.published else "") if x)
        table.add_row(
            "; ".join(f.actors),
            verb,
            "; ".join(f.targets),
            when,
            str(f.grade) if f.grade is not None else "",
            f.source or "(author)",
            where,
        )
    Console().print(table)
