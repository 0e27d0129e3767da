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
