"""`according serve`: the REST API and web UI over one store, bound to loopback unless told otherwise."""

from __future__ import annotations

import ipaddress
from pathlib import Path
from typing import Annotated

import typer

from according.store import DEFAULT_PATH

# The defaults are repeated here, not imported from according.api, so `according --help` works without the extra.
DEFAULT_MAX_BYTES = 5_000_000
DEFAULT_TIMEOUT = 30.0

LOOPBACK_NAMES = frozenset({"localhost", "ip6-localhost", "ip6-loopback"})


def is_loopback(host: str) -> bool:
    """Whether `host` is a loopback name or address (127.0.0.0/8, ::1)."""
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_host(host: str, *, allow_remote: bool) -> None:
    """Refuse to listen on a non-loopback address unless `allow_remote` says so.

    Raises:
        typer.BadParameter: a non-loopback host without `allow_remote`.
    """
    if not allow_remote and not is_loopback(host):
        raise typer.BadParameter(
            f"{host!r} is not a loopback address: anyone who can reach it could read the corpus and run analyses. "
            "Pass --allow-remote to serve it anyway.",
            param_hint="--host",
        )


def serve_command(
    db: Annotated[
        str,
        typer.Option("--db", help="The store: a SQLite file (created if missing), sqlite:/// or postgresql:// URL."),
    ] = DEFAULT_PATH,
    host: Annotated[
        str, typer.Option("--host", help="Address to listen on; loopback only unless --allow-remote.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=0, max=65535, help="Port to listen on.")] = 8000,
    allow_remote: Annotated[
        bool, typer.Option("--allow-remote", help="Allow a --host that is not a loopback address.")
    ] = False,
    max_bytes: Annotated[
        int, typer.Option("--max-bytes", min=1, help="Largest request body, in bytes (larger: 413).")
    ] = DEFAULT_MAX_BYTES,
    timeout: Annotated[
        float, typer.Option("--timeout", min=0.1, help="Seconds one analysis may take (longer: 503).")
    ] = DEFAULT_TIMEOUT,
    examples: Annotated[
        Path | None,
        typer.Option(
            "--examples",
            exists=True,
            file_okay=False,
            help="Folder of example articles for the home page (default: the repository's examples/).",
        ),
    ] = None,
) -> None:
    """Serve the REST API (/openapi.json) and the web UI over the store at --db."""
    check_host(host, allow_remote=allow_remote)
    try:
        import uvicorn

        from according.api import create_app
    except ImportError as exc:
        raise typer.BadParameter(
            f'the web server needs the serve extra ({exc.name} is missing): pip install "according[serve]"'
        ) from exc
    from according.store import open_store

    store = open_store(db)
    try:
        app = create_app(store, max_bytes=max_bytes, analysis_timeout=timeout, examples_dir=examples)
        shown = f"[{host}]" if ":" in host else host
        typer.echo(f"according: serving {db} at http://{shown}:{port}/ (Ctrl+C to stop)", err=True)
        uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)
    finally:
        store.close()
