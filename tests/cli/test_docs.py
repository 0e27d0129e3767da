"""Every command has help, every option says what it does, every command is documented (as sqlite-utils does)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import typer

from according.cli import app

ROOT = Path(__file__).resolve().parents[2]
DOCS = "\n".join(p.read_text(encoding="utf-8") for p in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))])


def _commands() -> list[tuple[str, Any]]:
    """(command line, command) for every leaf command; typer vendors click, so groups are told by `commands`."""
    out: list[tuple[str, Any]] = []

    def walk(prefix: str, cmd: Any) -> None:
        if hasattr(cmd, "commands"):
            for name, sub in sorted(cmd.commands.items()):
                walk(f"{prefix} {name}", sub)
        else:
            out.append((prefix, cmd))

    walk("according", typer.main.get_command(app))
    return out


COMMANDS = _commands()


def test_the_cli_has_the_commands_we_document() -> None:
    assert len(COMMANDS) >= 18 and ("according eval framing" in dict(COMMANDS))


@pytest.mark.parametrize(("path", "cmd"), COMMANDS, ids=[p for p, _ in COMMANDS])
def test_every_command_has_help_and_is_documented(path: str, cmd: Any) -> None:
    assert (cmd.help or "").strip(), f"{path} has no help"
    assert path in DOCS, f"{path} is not in README.md or docs/"
    for param in cmd.params:
        if param.param_type_name == "option" and not param.hidden:
            assert (param.help or "").strip(), f"{path} {param.opts[0]} has no help"


@pytest.mark.parametrize(("path", "cmd"), COMMANDS, ids=[p for p, _ in COMMANDS])
def test_help_shows_the_extras_it_names(path: str, cmd: Any) -> None:
    """`according[dask]` in an option's help must not be eaten as a markup tag when the help is rendered."""
    from typer.testing import CliRunner

    named = {m for p in cmd.params for m in re.findall(r"according\\?\[(\w+)\]", getattr(p, "help", None) or "")}
    if not named:
        return
    out = CliRunner().invoke(app, [*path.split()[1:], "--help"], env={"COLUMNS": "400"}).output
    for extra in named:
        assert f"according[{extra}]" in out, f"{path} --help lost 'according[{extra}]'"
