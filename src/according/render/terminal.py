"""Print a Ledger to a Rich console: a readable claim table that still fits an 80-column terminal."""

from __future__ import annotations

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from according.render.markdown import (
    COLUMNS,
    credit_parts,
    format_value,
    framing_ordered,
    hedge_owner,
    label,
    rows,
    score_text,
    shorten,
    title_line,
)
from according.types import Ledger

# Colour carries meaning only alongside the words themselves, so a monochrome terminal loses nothing.
_CERTAINTY_STYLE = {"asserted": "", "hedged": "yellow", "boosted": "cyan", "denied": "red"}
_TYPE_STYLE = {
    "named person": "blue",
    "named organization": "green",
    "media outlet": "dark_orange",
    "anonymous person": "red",
    "anonymous group": "magenta",
    "document": "cyan",
    "unspecified": "dim",
}


# (header, ratio, min_width): short code-like columns keep their width, prose columns share what is left.
_WIDE = 130  # below this the nine columns are stacked into four, so nothing is cut to a few letters


def _wide_table(table: Table, ledger: Ledger) -> None:
    table.expand = True  # natural widths for the short columns; excerpt and nesting share what is left
    for name in COLUMNS:
        table.add_column(
            "Cnt" if name == "Count" else name,
            justify="right" if name in ("#", "Count") else "left",
            overflow="fold",
            ratio={"Excerpt": 3, "Nesting": 2}.get(name),
        )
    for num, source, stype, count, cue, excerpt, kind, certainty, nesting in rows(ledger):
        table.add_row(
            Text(num, style="dim"),
            Text(source, style="bold"),
            Text(stype, style=_TYPE_STYLE.get(stype, "")),
            Text(count),
            Text(cue, style="italic"),
            Text(excerpt),
            Text(kind),
            Text(certainty, style=_CERTAINTY_STYLE.get(certainty, "")),
            Text(nesting, style="dim"),
        )


def _narrow_table(table: Table, ledger: Ledger) -> None:
    table.add_column("#", justify="right", min_width=2)
    table.add_column("Source · type · count", min_width=15, max_width=22, overflow="fold")
    table.add_column("Cue · kind", min_width=12, max_width=16, overflow="fold")
    table.add_column("Excerpt · nesting", min_width=20, overflow="fold")
    for num, source, stype, count, cue, excerpt, kind, certainty, nesting in rows(ledger):
        who = Text(source, style="bold")
        who.append("\n" + stype, style=_TYPE_STYLE.get(stype, ""))
        if count:
            who.append(f"\ncount {count}")
        how = Text(cue or "—", style="italic")
        how.append(f"\n{kind}\n")
        how.append(certainty, style=_CERTAINTY_STYLE.get(certainty, ""))
        what = Text(excerpt)
        what.append("\n" + nesting, style="dim")
        table.add_row(Text(num, style="dim"), who, how, what)


def _attribution_table(ledger: Ledger, width: int) -> Table:
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, padding=(0, 1), show_lines=width < _WIDE)
    if width >= _WIDE:
        _wide_table(table, ledger)
    else:
        _narrow_table(table, ledger)
    return table


def _heading(console: Console, text: str) -> None:
    console.print()
    console.print(Text(text, style="bold underline"))


def report(ledger: Ledger, console: Console) -> None:
    """Print the ledger: title, attribution table, sources, hedges, the author's opinion, framing and the profile.

    Every string from the article goes through `Text`, so brackets in news text are never read as Rich markup.
    """
    doc = ledger.document
    console.print(Text(title_line(doc), style="bold"))
    credit = " · ".join(credit_parts(doc))
    if credit:
        console.print(Text(credit, style="dim"))

    _heading(console, f"Attributions ({len(ledger.attributions)})")
    if ledger.attributions:
        console.print(_attribution_table(ledger, console.width))
    else:
        console.print(Text("No attributed claims found.", style="dim"))

    if ledger.sources:
        _heading(console, f"Sources ({len(ledger.sources)})")
        claims = {s.id: sum(a.source_id == s.id for a in ledger.attributions) for s in ledger.sources}
        for s in ledger.sources:
            line = Text("• ")
            line.append(s.name, style="bold")
            details = [label(s.type)]
            if s.count is not None or s.count_phrase:
                details.append(f"count {s.count if s.count is not None else s.count_phrase}")
            if s.affiliation:
                details.append(s.affiliation)
            details.append(f"{claims[s.id]} claim{'s' if claims[s.id] != 1 else ''}")
            line.append(" — " + ", ".join(details), style="dim")
            console.print(line)

    if ledger.hedges:
        _heading(console, "Hedges and boosters")
        for h in sorted(ledger.hedges, key=lambda h: h.span.start):
            line = Text(f"• {h.kind:<7} ", style="yellow" if h.kind == "hedge" else "cyan")
            line.append(f"“{shorten(h.span.text, 50)}”")
            line.append(f"  ({hedge_owner(ledger, h.id, h.span.start, h.span.end)})", style="dim")
            console.print(line)

    if ledger.opinion_sentences:
        _heading(console, "The author's opinion")
        for sentence in ledger.opinion_sentences:
            console.print(Text("• " + shorten(sentence.text, 150)))

    if ledger.framing:
        _heading(console, f"Framing ({len(ledger.framing)})")
        for f in framing_ordered(ledger):
            line = Text("• ")
            line.append(label(f.technique), style="bold magenta")
            line.append(f" {score_text(f.score)} ", style="dim")
            line.append(f"“{shorten(f.span.text, 100)}”")
            console.print(line)

    if ledger.profile:
        _heading(console, "Sourcing profile")
        grid = Table.grid(padding=(0, 2))
        grid.add_column(style="bold", no_wrap=True)
        grid.add_column(overflow="fold")
        for key, value in ledger.profile.items():
            grid.add_row(Text(label(str(key))), Text(format_value(value)))
        console.print(grid)

    for warning in ledger.warnings:
        console.print(Text(f"warning: {warning}", style="yellow"))
