"""Web fixtures: a store with two bundled examples and a hostile article, apps over it, and a live server + browser.

Browser tests drive Debian's Chromium (`/usr/bin/chromium`, installed by `.ci/run`) through Playwright's Python
client; Playwright never downloads a browser here. They skip with the reason when Chromium is absent.
"""

from __future__ import annotations

import importlib.util
import json
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from spacy.language import Language

from according.analysis import analyze, analyze_many
from according.ingest.read import read_path
from according.store import Store, open_store
from according.types import Ledger

if TYPE_CHECKING:
    from fastapi import FastAPI
    from fastapi.testclient import TestClient

# Without the serve extra (the core-only test pass) there is no app to test: collect nothing here.
if importlib.util.find_spec("fastapi") is None or importlib.util.find_spec("jinja2") is None:
    collect_ignore_glob = ["test_*.py"]

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"
ARTIFACTS = REPO / "artifacts"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SLUGS = ("wikinews-hamza-bin-laden", "voa-north-korea-expels-bbc")
# Article text and metadata that would run script or break out of an attribute if any of it were not escaped.
HOSTILE_TEXT = (
    'The minister said <script>alert(1)</script> was "fine" & " onmouseover="alert(2)" | ok.\n\n'
    "</textarea><!-- <script> --> It is, according to the ministry, <img src=x onerror=alert(3)> safe.\n\n"
    '"We will not comment," a spokesman for the ministry told reporters on Tuesday.'
)
HOSTILE_META = {
    "title": '"><script>alert(4)</script> Minister\'s "claims"',
    "outlet": "<b onmouseover=alert(5)>Outlet</b>",
    "url": 'https://example.com/a"><script>alert(6)</script>',
}


@pytest.fixture(scope="session")
def example_ledgers(nlp_sm: Language) -> list[Ledger]:
    return list(analyze_many([read_path(EXAMPLES / f"{s}.txt") for s in SLUGS], nlp=nlp_sm))


@pytest.fixture(scope="session")
def hostile_ledger(nlp_sm: Language) -> Ledger:
    return analyze(HOSTILE_TEXT, nlp=nlp_sm, **HOSTILE_META)


@pytest.fixture
def store(example_ledgers: list[Ledger], hostile_ledger: Ledger) -> Iterator[Store]:
    s = open_store(":memory:")
    for ledger in [*example_ledgers, hostile_ledger]:
        s.save(ledger)
    yield s
    s.close()


@pytest.fixture
def examples_dir(tmp_path: Path) -> Path:
    """Two real examples and a hostile one, whose credit line is hostile too."""
    d = tmp_path / "examples"
    d.mkdir()
    for slug in SLUGS:
        for suffix in (".txt", ".json"):
            shutil.copy(EXAMPLES / f"{slug}{suffix}", d / f"{slug}{suffix}")
    (d / "hostile.txt").write_text(HOSTILE_TEXT, encoding="utf-8")
    meta = {**HOSTILE_META, "attribution": 'Credit: <script>alert(7)</script> & "friends"'}
    (d / "hostile.json").write_text(json.dumps(meta), encoding="utf-8")
    return d


@pytest.fixture
def app(store: Store, nlp_sm: Language, examples_dir: Path) -> FastAPI:
    from according.api import create_app

    return create_app(store, nlp=nlp_sm, examples_dir=examples_dir, max_bytes=200_000)


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    from fastapi.testclient import TestClient

    with TestClient(app) as c:
        yield c


@pytest.fixture
def empty_client(nlp_sm: Language) -> Iterator[TestClient]:
    """An app over an empty store, offering the repository's own examples."""
    from fastapi.testclient import TestClient

    from according.api import create_app

    s = open_store(":memory:")
    with TestClient(create_app(s, nlp=nlp_sm)) as c:
        yield c
    s.close()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture
def live_server(app: FastAPI) -> Iterator[str]:
    """The app served by uvicorn on a free loopback port, in a thread; yields its base URL."""
    import uvicorn

    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is absent: install Debian's chromium (apt-get install -y chromium), as .ci/run does")
    sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright Python client is not installed")
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh page that fails the test on any JavaScript error or alert."""
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    p = context.new_page()
    problems: list[str] = []
    p.on("pageerror", lambda exc: problems.append(f"page error: {exc}"))
    p.on("dialog", lambda d: (problems.append(f"dialog: {d.message}"), d.dismiss()))
    p.on("console", lambda m: problems.append(f"console: {m.text}") if m.type == "error" else None)
    yield p
    context.close()
    assert not problems, problems
