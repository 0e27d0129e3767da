"""`according serve`: loopback only unless --allow-remote; the server itself is exercised in tests/web."""

from __future__ import annotations

import pytest
import typer
from typer.testing import CliRunner

from according.cli.serve import check_host, is_loopback, serve_command


@pytest.mark.parametrize("host", ["127.0.0.1", "127.1.2.3", "::1", "[::1]", "localhost", "LOCALHOST"])
def test_serve_accepts_loopback(host: str) -> None:
    assert is_loopback(host)
    check_host(host, allow_remote=False)


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.10", "example.com", ""])
def test_serve_refuses_other_hosts_unless_allowed(host: str) -> None:
    assert not is_loopback(host)
    with pytest.raises(typer.BadParameter, match="--allow-remote"):
        check_host(host, allow_remote=False)
    check_host(host, allow_remote=True)


def test_serve_command_refuses_a_public_host_before_starting(tmp_path: object) -> None:
    app = typer.Typer()
    app.command()(serve_command)
    result = CliRunner().invoke(app, ["--db", ":memory:", "--host", "0.0.0.0"])
    assert result.exit_code == 2
    assert "--allow-remote" in result.output


def test_serve_command_has_help() -> None:
    app = typer.Typer()
    app.command()(serve_command)
    result = CliRunner().invoke(app, ["--help"])
    assert result.exit_code == 0
    for option in ("--db", "--host", "--port", "--allow-remote", "--max-bytes", "--timeout"):
        assert option in result.output
