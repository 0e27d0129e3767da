"""The terminal report on an 80-column console: every source named, no overflow, article text never read as markup."""

from __future__ import annotations

from rich.console import Console

from according.render.terminal import report
from according.types import Ledger, TextSpan


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


def _section(out: str, heading: str) -> str:
    """The lines from `heading` to the next blank line followed by a heading."""
    body = out.split("\n" + heading, 1)[1]
    return body.split("\n\n", 1)[0]


def test_terminal_grades_each_claim_with_its_reason(seed_ledger: Ledger) -> None:
    out = _output(seed_ledger)
    assert "Excerpt · nesting · grade" in out
    assert "grades rate the sourcing, never the truth; see docs/evidence.md" in out
    by_id = {ev.claim_id: ev for ev in seed_ledger.evidence}
    table = out.split("Attributions (", 1)[1].split("Structured claims", 1)[0]
    graded = [a for a in seed_ledger.attributions if a.id in by_id]
    assert graded, "the seed's claims must be graded"
    for a in graded:  # every attribution's grade is in the table, with the start of its most decisive reason
        ev = by_id[a.id]
        assert f"{ev.grade} {ev.label}" in table
    assert "1 named source: Reuters" in table


def test_terminal_grade_column_on_a_wide_console(seed_ledger: Ledger) -> None:
    out = _output(seed_ledger, width=200)
    header = next(line for line in out.splitlines() if line.lstrip().startswith("#"))
    assert "Grade" in header and "Nesting" in header
    assert max(len(line) for line in out.splitlines()) <= 200


def test_terminal_structured_claims_show_frames_by_claim(seed_ledger: Ledger) -> None:
    out = _output(seed_ledger)
    section = _section(out, "Structured claims")
    lines = section.splitlines()
    move = [line for line in lines if "Iran → move →" in line]
    assert move and "ballistic missiles" in move[0] and "in Iraq" in move[0]
    # the frame sits under its claim's header, which carries the claim id and its grade
    claim_id = next(f.claim_id for f in seed_ledger.frames if f.lemma == "move")
    ev = next(e for e in seed_ledger.evidence if e.claim_id == claim_id)
    head = max(i for i, line in enumerate(lines[: lines.index(move[0])]) if line.startswith(claim_id + " "))
    assert f"{ev.grade} {ev.label}" in lines[head]
    skipped = sum(1 for f in seed_ledger.frames if not f.actors and not f.targets)
    shown = len(seed_ledger.frames) - skipped
    assert out.split("Structured claims (", 1)[1].startswith(f"{shown} frames in ")
    if skipped:
        assert f"{skipped} frame{'s' if skipped != 1 else ''} with neither actor nor target not shown." in out


def test_terminal_structured_claims_mark_negation_and_modality(seed_ledger: Ledger) -> None:
    out = _output(seed_ledger, width=200)
    negated = next(f for f in seed_ledger.frames if f.negated and (f.actors or f.targets))
    assert f"→ {negated.lemma} (not" in out
    modal = next(f for f in seed_ledger.frames if f.modality and not f.negated and (f.actors or f.targets))
    assert f"→ {modal.lemma} ({modal.modality})" in out


def test_terminal_lists_entities_with_aliases_and_merge_reasons(seed_ledger: Ledger) -> None:
    out = _output(seed_ledger)
    section = _section(out, "Entities")
    iran = next(e for e in seed_ledger.entities if e.name == "Iran")
    assert f"• Iran — country, {len(iran.mentions)} mentions" in section
    assert "aka Iranian, Tehran, Iranians" in section
    assert "merged Tehran: capital of Iran used for its government" in section
    # an entity seen once and in no frame is left out; one in a frame stays
    in_frames = {a.entity_id for f in seed_ledger.frames for a in (*f.actors, *f.targets, *f.places)}
    once = [e for e in seed_ledger.entities if len(e.mentions) == 1 and e.id not in in_frames]
    for e in once:
        assert f"• {e.name} —" not in section
    assert f"Entities ({len(seed_ledger.entities) - len(once)} of {len(seed_ledger.entities)})" in out


def test_terminal_seed_report_fits_80_columns(seed_ledger: Ledger) -> None:
    assert max(len(line) for line in _output(seed_ledger).splitlines()) <= 80


def test_terminal_without_frames_or_entities_has_no_such_sections(seed_ledger: Ledger) -> None:
    from dataclasses import replace

    out = _output(replace(seed_ledger, frames=(), entities=(), evidence=()))
    assert "Structured claims" not in out and "Entities (" not in out
    assert "grades rate the sourcing" not in out  # no grade, no caption about grades
    assert "Reuters" in out


def test_terminal_frame_and_entity_text_is_never_markup(hostile_ledger: Ledger) -> None:
    from dataclasses import replace

    from according.types import Argument, Entity, EntityMention, EntityMerge, Frame

    t = hostile_ledger.text
    markup = t.index("[bold red]really[/]")
    span = TextSpan.of(t, markup, markup + len("[bold red]really[/]"))
    minister = TextSpan.of(t, t.index("The minister"), t.index("The minister") + len("The minister"))
    said = TextSpan.of(t, t.index("said"), t.index("said") + 4)
    ent = Entity(
        "e1",
        "[i]minister[/i]",
        "person",
        "person:x",
        (EntityMention(minister, "PERSON", "ner"),) * 2,
        ("[b]min[/b]",),
        (EntityMerge("[b]min[/b]", "[red]why[/red]"),),
    )
    frame = Frame("f1", "a1", said, "say", False, None, (Argument(minister, "e1"),), (Argument(span),))
    out = _output(replace(hostile_ledger, entities=(ent,), frames=(frame,)), width=200)
    assert "[bold red]really[/]" in out and "[i]minister[/i]" in out and "[red]why[/red]" in out
