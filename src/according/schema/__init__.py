"""The JSON Schema of `according.ledger/2`, shipped as package data (docs/ledger.md)."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

LEDGER_SCHEMA_FILE = "ledger.schema.json"

__all__ = ["LEDGER_SCHEMA_FILE", "ledger_schema"]


def ledger_schema() -> dict[str, Any]:
    """The draft 2020-12 JSON Schema of `Ledger.to_dict()`, freshly parsed on each call so callers may modify it."""
    data: dict[str, Any] = json.loads(
        resources.files(__name__).joinpath(LEDGER_SCHEMA_FILE).read_text(encoding="utf-8")
    )
    return data
