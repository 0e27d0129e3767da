"""The web UI: server-rendered pages (Jinja2) and static assets shipped in the package; nothing from a CDN."""

from __future__ import annotations

from according.web.pages import mount

__all__ = ["mount"]
