"""The golden quality gate (tests/golden/gate.py) as a test: scores on gold and PolNeAR dev stay above their floors."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

_spec = importlib.util.spec_from_file_location("gate", Path(__file__).parent / "gate.py")
assert _spec is not None and _spec.loader is not None
gate = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(gate)

BASELINE = json.loads((Path(__file__).parent / "baseline.json").read_text())


@pytest.mark.data
@pytest.mark.parametrize("name", sorted(gate.SETS))
def test_gate_scores_stay_above_floors(name: str) -> None:
    if not gate.SETS[name].exists():
        pytest.skip(f"{gate.SETS[name]} is not here (the annotated data is read in place, never copied)")
    assert gate.check(BASELINE, [name]) == []
