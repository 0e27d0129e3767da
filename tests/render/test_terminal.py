"""The terminal report on an 80-column console: every source named, no overflow, article text never read as markup."""

from __future__ import annotations

from rich.console import Console

from according.render.terminal import report
from according.types import Ledger


def _output(ledger: Ledger, width: int = 80) -> str:
    console = Console(record=True, width=width, color_system=None, force_terminal=False)
    report(ledger, console)
    return console.export_text()


def test_terminal_mentions_each_source(any_ledger: Ledger) -> None:
    out = _output(any_ledger)
    for src in any_ledger.sources:
        assert src.name in out


def test_terminal_fits_80_columns(any_ledger: Ledger) -> None:
    assert max(len(line) for line in _output(any_ledger).splitlines()) <= 80


def test_terminal_shows_title_table_hedges_opinion_and_profile(ledger: Ledger) -> None:
    out = _output(ledger, width=200)
    assert out.splitlines()[0] == "Iran moves missiles"
    assert "By Jane Doe · Example News · 2024-05-01" in out
    assert "author › Reuters › Iranian officials" in out
    assert "Iran is moving missiles" in out and "revealed" in out and "explained" in out
    assert "“alleged”" in out and "Naturally, the scheme is alleged." in out
    assert "anonymous share" in out and "direct: 1, indirect: 1" in out


def test_terminal_stacks_columns_on_a_narrow_console(nested_ledger: Ledger) -> None:
    out = _output(nested_ledger)
    for text in ("anonymous group", "count 2", "said", "direct", "hedged", "author › Reuters"):
        assert text in out


def test_terminal_prints_rich_markup_in_the_article_literally(hostile_ledger: Ledger) -> None:
    out = _output(hostile_ledger, width=200)
    assert "[bold red]really[/]" in out
    assert "the [i]ministry[/i]" in out


def test_terminal_reports_a_ledger_without_claims(ledger: Ledger) -> None:
    from dataclasses import replace

    out = _output(replace(ledger, attributions=(), hedges=(), opinion_sentences=(), profile={}))
    assert "No attributed claims found." in out


def test_terminal_lists_framing_spans(ledger: Ledger) -> None:
    out = _output(ledger, width=200)
    assert "Framing (2)" in out
    assert '• Loaded Language 0.81 “moving missiles. "The logic”' in out
    assert "• Name Calling/Labeling 0.42 “backup plan”" in out
    assert "framing by technique" in out and "Loaded Language: 1, Name Calling/Labeling: 1" in out


def test_terminal_prints_hostile_technique_literally(hostile_ledger: Ledger) -> None:
    out = _output(hostile_ledger, width=200)
    assert '"><script>alert(6)</script>' in out
