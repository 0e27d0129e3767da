"""Print a Ledger to a Rich console: a readable claim table that still fits an 80-column terminal."""

from __future__ import annotations

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from according.render.markdown import (
    COLUMNS,
    GRADE_NOTE,
    UNGRADED,
    claim_excerpt,
    claim_ref,
    credit_parts,
    entity_details,
    format_value,
    frame_line,
    frame_roles,
    framing_ordered,
    grade_words,
    grades,
    hedge_owner,
    label,
    merge_notes,
    notable_entities,
    numbers,
    rows,
    score_text,
    shorten,
    squash,
    structured_claims,
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
# Green for well sourced, through amber, to red for contradicted; 6 ("cannot be judged") is grey, not a warning.
_GRADE_STYLE = {1: "bold green", 2: "green", 3: "yellow", 4: "dark_orange", 5: "bold red", 6: "dim"}


def _grade_style(grade: str) -> str:
    """The style of a grade cell such as "3 possibly true"."""
    head = grade.split(" ", 1)[0]
    return _GRADE_STYLE.get(int(head), "") if head.isdigit() else "dim"


# (header, ratio, min_width): short code-like columns keep their width, prose columns share what is left.
_WIDE = 170  # below this the ten columns are stacked into four, so nothing is cut to a few letters


def _wide_table(table: Table, ledger: Ledger) -> None:
    table.expand = True  # natural widths for the short columns; excerpt and nesting share what is left
    graded = bool(ledger.evidence)  # a ledger/1 ledger has no grades: no column of dashes for it
    for name in COLUMNS[:-1] if graded else COLUMNS[:-2]:  # the grade's reason shares the grade's cell
        table.add_column(
            "Cnt" if name == "Count" else name,
            justify="right" if name in ("#", "Count") else "left",
            overflow="fold",
            ratio={"Excerpt": 3, "Nesting": 2, "Grade": 2}.get(name),
            max_width=28 if name == "Source" else None,  # a list of seven sources must not squeeze the excerpt
        )
    for num, source, stype, count, cue, excerpt, kind, certainty, nesting, grade, reason in rows(ledger):
        cells = [
            Text(num, style="dim"),
            Text(source, style="bold"),
            Text(stype, style=_TYPE_STYLE.get(stype, "")),
            Text(count),
            Text(cue, style="italic"),
            Text(excerpt),
            Text(kind),
            Text(certainty, style=_CERTAINTY_STYLE.get(certainty, "")),
            Text(nesting, style="dim"),
        ]
        table.add_row(*cells, *([_grade_cell(grade, reason)] if graded else []))


def _grade_cell(grade: str, reason: str) -> Text:
    """The grade in its colour, then its most decisive reason."""
    out = Text(grade, style=_grade_style(grade))
    if reason:
        out.append("\n" + reason, style="dim")
    return out


def _narrow_table(table: Table, ledger: Ledger) -> None:
    table.add_column("#", justify="right", min_width=2)
    table.add_column("Source · type · count", min_width=15, max_width=22, overflow="fold")
    table.add_column("Cue · kind", min_width=12, max_width=16, overflow="fold")
    graded = bool(ledger.evidence)
    table.add_column("Excerpt · nesting · grade" if graded else "Excerpt · nesting", min_width=20, overflow="fold")
    for num, source, stype, count, cue, excerpt, kind, certainty, nesting, grade, reason in rows(ledger):
        who = Text(source, style="bold")
        who.append("\n" + stype, style=_TYPE_STYLE.get(stype, ""))
        if count:
            who.append(f"\ncount {count}")
        how = Text(cue or "—", style="italic")
        how.append(f"\n{kind}\n")
        how.append(certainty, style=_CERTAINTY_STYLE.get(certainty, ""))
        what = Text(excerpt)
        what.append("\n" + nesting, style="dim")
        if graded:
            what.append("\n")
            what.append_text(_grade_cell(grade, reason))
        table.add_row(Text(num, style="dim"), who, how, what)


def _attribution_table(ledger: Ledger, width: int) -> Table:
    table = Table(
        box=box.SIMPLE_HEAD,
        pad_edge=False,
        padding=(0, 1),
        show_lines=width < _WIDE,
        caption=GRADE_NOTE if ledger.evidence else None,
        caption_justify="left",
    )
    if width >= _WIDE:
        _wide_table(table, ledger)
    else:
        _narrow_table(table, ledger)
    return table


def _heading(console: Console, text: str) -> None:
    console.print()
    console.print(Text(text, style="bold underline"))


def _structured_claims(ledger: Ledger, console: Console) -> None:
    """One line per frame, under its claim's id and grade; frames with neither actor nor target are only counted."""
    groups, skipped = structured_claims(ledger)
    if not groups and not skipped:
        return
    shown = sum(len(frames) for _, frames in groups)
    _heading(console, f"Structured claims ({shown} frame{'s' if shown != 1 else ''} in {len(groups)} claims)")
    nums = numbers(ledger)
    graded = grades(ledger)
    for claim_id, frames in groups:
        grade = grade_words(graded.get(claim_id))
        head = Text(claim_ref(claim_id, nums), style="bold")
        head.append(" · ")
        head.append(grade if grade != UNGRADED else "not graded", style=_grade_style(grade))
        room = console.width - len(head) - 4  # the excerpt only fills what is left of the line
        excerpt = claim_excerpt(ledger, claim_id, room) if room >= 20 else ""
        if excerpt:
            head.append(f"  “{excerpt}”", style="dim")
        console.print(head, no_wrap=True, overflow="ellipsis")
        lines = Table.grid(padding=(0, 1))
        lines.add_column(width=3, justify="right")
        lines.add_column(overflow="fold")  # a long frame wraps under itself, not under the bullet
        for f in frames:
            lines.add_row("•", Text(frame_line(ledger, f)))
        console.print(lines)
    if skipped:
        console.print(
            Text(f"{skipped} frame{'s' if skipped != 1 else ''} with neither actor nor target not shown.", style="dim")
        )


def _entities(ledger: Ledger, console: Console) -> None:
    """Entities mentioned twice or more or named in a frame: type, mentions, frame roles, aliases and merge reasons."""
    shown = notable_entities(ledger)
    if not shown:
        return
    _heading(console, f"Entities ({len(shown)} of {len(ledger.entities)})")
    roles = frame_roles(ledger)
    for e in shown:
        line = Text("• ")
        line.append(squash(e.name), style="bold")
        line.append(" — " + ", ".join(entity_details(e, roles)), style="dim")
        console.print(line)
        notes = Table.grid(padding=(0, 1))
        notes.add_column(width=9, justify="right", style="dim")
        notes.add_column(overflow="fold")
        if e.aliases:
            notes.add_row("aka", Text(", ".join(squash(a) for a in e.aliases)))
        for note in merge_notes(e.merges):  # one line each: the ledger JSON keeps every reason in full
            notes.add_row("merged", Text(shorten(note, max(console.width - 12, 30)), style="dim"))
        if notes.row_count:
            console.print(notes)


def report(ledger: Ledger, console: Console) -> None:
    """Print the ledger: title, attribution table with grades, structured claims, entities, sources, hedges, the
    author's opinion, framing and the profile.

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

    _structured_claims(ledger, console)
    _entities(ledger, console)

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
