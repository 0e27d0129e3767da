"""The Markdown report: one table row per attribution, cells that cannot break the table."""

from __future__ import annotations

from according.render.markdown import chain, format_value, render, shorten
from according.types import Ledger


def _table_rows(md: str) -> list[str]:
    section = md.split("## Attributions", 1)[1].split("\n## ", 1)[0]
    return [line for line in section.splitlines() if line.startswith("|")][2:]  # skip header and separator


def _unescaped_pipes(line: str) -> int:
    return sum(1 for i, c in enumerate(line) if c == "|" and (i == 0 or line[i - 1] != "\\"))


def test_markdown_has_one_row_per_attribution(any_ledger: Ledger) -> None:
    assert len(_table_rows(render(any_ledger))) == len(any_ledger.attributions)


def test_markdown_rows_follow_text_order(ledger: Ledger) -> None:
    rows = _table_rows(render(ledger))
    assert rows[0].startswith("| 1 | Reuters |")
    assert rows[1].startswith("| 2 | Iranian officials |")
    assert "author › Reuters › Iranian officials" in rows[1]


def test_markdown_escapes_pipes_and_newlines_in_cells(hostile_ledger: Ledger) -> None:
    rows = _table_rows(render(hostile_ledger))
    assert len(rows) == 3
    for row in rows:
        assert _unescaped_pipes(row) == 10  # 9 columns
    assert r"\| ok \[bold red\]really\[/\]" in rows[1]
    assert r"\<script\>" in rows[0]


def test_markdown_shows_credit_hedges_opinion_and_profile(ledger: Ledger) -> None:
    md = render(ledger)
    assert md.startswith("# Iran moves missiles\n")
    assert "By Jane Doe · Example News · 2024-05-01" in md
    assert "- **hedge** “alleged” (author)" in md
    assert "- **booster** “Naturally” (author)" in md
    assert "Naturally, the scheme is alleged." in md
    assert "| anonymous share | 0.5 |" in md
    assert "| kinds | direct: 1, indirect: 1 |" in md


def test_markdown_hedge_owner_comes_from_hedge_ids(nested_ledger: Ledger) -> None:
    assert "- **hedge** “allegedly” (#2)" in render(nested_ledger)


def test_markdown_renders_a_ledger_without_claims(nested_ledger: Ledger) -> None:
    from dataclasses import replace

    md = render(replace(nested_ledger, attributions=()))
    assert "No attributed claims found." in md
    assert "(untitled article)" in md


def test_markdown_chain_survives_a_parent_cycle(ledger: Ledger) -> None:
    from dataclasses import replace

    a1, a2 = sorted(ledger.attributions, key=lambda a: a.id)
    looped = replace(ledger, attributions=(replace(a1, parent="a2"), a2))
    assert chain(looped, a2) == ["author", "Reuters", "Iranian officials"]


def test_markdown_helpers_shorten_and_format() -> None:
    assert shorten("word " * 40, 20).endswith("…")
    assert len(shorten("word " * 40, 20)) <= 20
    assert shorten("a\n\nb") == "a b"
    assert format_value(0.3333) == "0.33"
    assert format_value(2.0) == "2"
    assert format_value({"a": 1, "b": 3}) == "b: 3, a: 1"
    assert format_value(None) == "—"


def test_markdown_lists_framing_spans_and_readable_technique_counts(ledger: Ledger) -> None:
    md = render(ledger)
    section = md.split("## Framing", 1)[1].split("\n## ", 1)[0]
    assert '- **Loaded Language** (0.81) “moving missiles. "The logic”' in section
    assert "- **Name Calling/Labeling** (0.42) “backup plan”" in section
    assert "| framing by technique | Loaded Language: 1, Name Calling/Labeling: 1 |" in md


def test_markdown_has_no_framing_section_without_framing(ledger: Ledger) -> None:
    from dataclasses import replace

    assert "## Framing" not in render(replace(ledger, framing=()))


def _section(md: str, heading: str) -> str:
    return md.split(f"\n## {heading}\n", 1)[1].split("\n## ", 1)[0]


def test_markdown_attribution_table_has_grade_and_reason(seed_ledger: Ledger) -> None:
    md = render(seed_ledger)
    rows = _table_rows(md)
    assert md.split("## Attributions", 1)[1].split("\n")[2].endswith("| Nesting | Grade | Why |")
    assert len(rows) == len(seed_ledger.attributions)
    for row in rows:
        assert _unescaped_pipes(row) == 12  # 11 columns
    by_id = {ev.claim_id: ev for ev in seed_ledger.evidence}
    ordered = sorted(seed_ledger.attributions, key=lambda a: (a.content.start, a.content.end, a.id))
    for row, a in zip(rows, ordered, strict=True):
        ev = by_id[a.id]
        assert f"| {ev.grade} {ev.label} |" in row
        assert ev.reasons[0][:20] in row.replace("\\", "")
    assert "grades rate the sourcing, never the truth; see docs/evidence.md" in md


def test_markdown_structured_claims_table(seed_ledger: Ledger) -> None:
    section = _section(render(seed_ledger), "Structured claims")
    lines = [line for line in section.splitlines() if line.startswith("|")]
    assert lines[0] == "| Claim | Grade | Actor | Action | Target | Place | Time | Quantity |"
    frames = [f for f in seed_ledger.frames if f.actors or f.targets]
    assert len(lines) - 2 == len(frames)
    move = [line for line in lines if "| Iran | move |" in line]
    assert move and "ballistic missiles" in move[0] and "| Iraq |" in move[0]
    claim_id = next(f.claim_id for f in seed_ledger.frames if f.lemma == "move")
    ev = next(e for e in seed_ledger.evidence if e.claim_id == claim_id)
    assert move[0].startswith(f"| {claim_id} (#") and f"| {ev.grade} {ev.label} |" in move[0]
    assert "a couple of dozen (~24)" in section  # the quantity as written and its value
    skipped = len(seed_ledger.frames) - len(frames)
    if skipped:
        assert f"{skipped} frame{'s' if skipped != 1 else ''} with neither actor nor target not shown." in section


def test_markdown_entities_table_with_aliases_and_merges(seed_ledger: Ledger) -> None:
    section = _section(render(seed_ledger), "Entities")
    iran = next(e for e in seed_ledger.entities if e.name == "Iran")
    row = next(line for line in section.splitlines() if line.startswith("| **Iran** |"))
    assert f"| country | {len(iran.mentions)} |" in row
    assert "| Iranian, Tehran, Iranians |" in row
    assert "Tehran: capital of Iran used for its government" in row
    assert "Iranian, Iranians: demonym of Iran" in row


def test_markdown_without_frames_or_entities_has_no_such_sections(seed_ledger: Ledger) -> None:
    from dataclasses import replace

    md = render(replace(seed_ledger, frames=(), entities=(), evidence=()))
    assert "## Structured claims" not in md and "## Entities" not in md
    assert "| Grade |" not in md and "never the truth" not in md
    assert all(_unescaped_pipes(row) == 10 for row in _table_rows(md))


def test_markdown_helpers_read_frames_and_merges() -> None:
    from according.render.markdown import action_text, merge_notes, quantity_value
    from according.types import EntityMerge, Frame, Quantity, TextSpan

    text = "We cannot restrain about 200 km to 700 km"
    span = TextSpan.of(text, text.index("restrain"), text.index("restrain") + len("restrain"))
    frame = Frame("f1", "a1", span, "restrain", True, "can")
    assert action_text(frame) == "restrain (not, can)"
    q = Quantity(TextSpan.of(text, text.index("about"), len(text)), None, 200.0, 700.0, "km", True)
    assert quantity_value(q) == "about 200 km to 700 km (~200–700 km)"
    merges = (
        EntityMerge("it", "pronoun 'it' resolved to the nearest preceding country"),
        EntityMerge("its", "pronoun 'its' resolved to the nearest preceding country"),
        EntityMerge("Tehran", "capital of Iran used for its government"),
    )
    assert merge_notes(merges) == [
        "it, its: pronoun resolved to the nearest preceding country",
        "Tehran: capital of Iran used for its government",
    ]
