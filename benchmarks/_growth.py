"""The growth exponent the scaling benchmarks print: the least-squares slope of log(time) over log(size)."""

from __future__ import annotations

import math


def slope(xs: list[float], ys: list[float]) -> float:
    """Slope of log(ys) against log(xs): 1.0 is linear growth, 2.0 quadratic."""
    lx, ly = [math.log(x) for x in xs], [math.log(y) for y in ys]
    mx, my = sum(lx) / len(lx), sum(ly) / len(ly)
    return sum((a - mx) * (b - my) for a, b in zip(lx, ly, strict=True)) / sum((a - mx) ** 2 for a in lx)
