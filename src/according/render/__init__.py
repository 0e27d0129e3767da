"""Renderers that show a `Ledger` to people: a terminal report, GitHub Markdown and a self-contained HTML page."""
