"""The REST API: `create_app(store)` gives an ASGI app (FastAPI) serving the JSON API and the web UI.

Needs the `serve` extra: `pip install "according[serve]"`.
"""

from __future__ import annotations

from according.api.app import create_app

__all__ = ["create_app"]
