"""Server-side inline SVG of an entity's timeline: claims per month (or day) with it as actor and as target.

No script and no chart library: grouped bars, a y axis with gridlines, period labels, a legend, and a `<title>` on
every bar so a screen reader (and a pointer) gets its numbers. Gaps between periods are drawn as empty periods, so
the x axis is time, not a list of dates. Every string is escaped here; the result is marked safe for the templates.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from html import escape
from typing import Any

from markupsafe import Markup

#: The most periods drawn; a longer run of months is folded into years.
MAX_PERIODS = 120
_BAR = 9  # width of one bar; two per period
_PAD = 4  # between periods
_CH = 120  # chart height
_LEFT, _TOP, _BOTTOM = 36, 26, 44


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _kind(period: str) -> str:
    return {4: "year", 7: "month", 10: "day"}.get(len(period), "period")


def _next(period: str) -> str:
    """The period after `period` (a year, month or day as ISO text)."""
    if len(period) == 4:
        return f"{int(period) + 1:04d}"
    if len(period) == 7:
        y, m = int(period[:4]), int(period[5:7])
        return f"{y + m // 12:04d}-{m % 12 + 1:02d}"
    return (date.fromisoformat(period) + timedelta(days=1)).isoformat()


def _filled(counts: dict[str, list[int]]) -> list[tuple[str, int, int]] | None:
    """Every period from the first to the last, empty ones included; None when that is too many or not ISO dates."""
    keys = sorted(counts)
    out: list[tuple[str, int, int]] = []
    cur = keys[0]
    try:
        while cur <= keys[-1]:
            if len(out) >= MAX_PERIODS:
                return None
            a, t = counts.get(cur, [0, 0])
            out.append((cur, a, t))
            cur = _next(cur)
    except ValueError:  # a period that is no ISO date
        return None
    return out


_COARSER = {"day": 7, "month": 4}  # the length of the next coarser unit: day -> month -> year


def periods(timeline: Iterable[Sequence[Any]]) -> tuple[str, list[tuple[str, int, int]]]:
    """The unit ("day", "month" or "year") and the bars to draw, from `(period, as actor, as target)` rows.

    Rows without a period are left out; days and months mixed are counted by month; a span of more than
    `MAX_PERIODS` days is drawn by month, and of months, by year.
    """
    rows = [(str(p), int(a), int(t)) for p, a, t in timeline if p]
    if not rows:
        return "month", []
    kinds = {_kind(p) for p, _, _ in rows}
    unit = kinds.pop() if len(kinds) == 1 else "month"
    cut = {"day": 10, "month": 7, "year": 4}.get(unit, len(max((p for p, _, _ in rows), key=len)))
    counts: dict[str, list[int]] = {}
    for p, a, t in rows:
        c = counts.setdefault(p[:cut], [0, 0])
        c[0] += a
        c[1] += t
    bars = _filled(counts)
    if bars is not None:
        return unit, bars
    if unit in _COARSER:
        return periods((p[: _COARSER[unit]], a, t) for p, (a, t) in counts.items())
    return unit, [(k, counts[k][0], counts[k][1]) for k in sorted(counts)]


def _ticks(top: int) -> list[int]:
    step = max(1, -(-top // 4))
    return list(range(0, top + 1, step))


def timeline_svg(name: str, timeline: Iterable[Sequence[Any]]) -> Markup:
    """Grouped bars per period (as actor, as target) for the entity `name`; an empty string when nothing is dated."""
    unit, bars = periods(timeline)
    if not bars:
        return Markup("")
    top = max(max(a, t) for _, a, t in bars) or 1
    ticks = _ticks(top)
    top = max(top, ticks[-1])
    bar = max(_BAR, min(24, 320 // (2 * len(bars))))  # few periods get wider bars
    step = 2 * bar + _PAD
    width = max(_LEFT + len(bars) * step + 12, _LEFT + 230)  # room for the legend
    height = _TOP + _CH + _BOTTOM
    base = _TOP + _CH
    parts: list[str] = []
    for v in ticks:
        y = base - _CH * v / top
        parts.append(f'<line class="grid" x1="{_LEFT}" y1="{y:.1f}" x2="{width - 8}" y2="{y:.1f}"/>')
        parts.append(f'<text class="tick" x="{_LEFT - 4}" y="{y + 4:.1f}" text-anchor="end">{v}</text>')
    label_every = max(1, -(-(7 * max(len(p) for p, _, _ in bars) + 10) // step))  # labels never overlap
    for i, (period, a, t) in enumerate(bars):
        x = _LEFT + i * step + _PAD / 2
        group = [f'<g class="period" data-period="{_e(period)}">']
        for role, n, dx in (("actor", a, 0), ("target", t, bar)):
            h = _CH * n / top
            tip = f"{period}: {n} claim{'s' if n != 1 else ''} with {name} as {role}"
            group.append(
                f'<g class="bar {role}"><title>{_e(tip)}</title>'
                f'<rect x="{x + dx:.1f}" y="{base - h:.1f}" width="{bar}" height="{h:.1f}"/></g>'
            )
        if i % label_every == 0:
            group.append(
                f'<text class="period-label" x="{x + bar:.1f}" y="{base + 14}" text-anchor="middle">{_e(period)}</text>'
            )
        group.append("</g>")
        parts.append("".join(group))
    parts.append(f'<line class="axis" x1="{_LEFT}" y1="{base}" x2="{width - 8}" y2="{base}"/>')
    parts.append(f'<line class="axis" x1="{_LEFT}" y1="{_TOP}" x2="{_LEFT}" y2="{base}"/>')
    parts.append(f'<text class="axis-title" x="{_LEFT}" y="{base + 34}">{_e(unit)}</text>')
    parts.append(f'<text class="axis-title" x="4" y="{_TOP - 12}">claims</text>')
    parts.append(
        f'<g class="legend"><rect class="key-actor" x="{_LEFT + 60}" y="{_TOP - 22}" width="10" height="10"/>'
        f'<text x="{_LEFT + 74}" y="{_TOP - 13}">as actor</text>'
        f'<rect class="key-target" x="{_LEFT + 140}" y="{_TOP - 22}" width="10" height="10"/>'
        f'<text x="{_LEFT + 154}" y="{_TOP - 13}">as target</text></g>'
    )
    summary = f"Claims per {unit} with {name} as actor and as target: " + ", ".join(
        f"{p} {a} as actor, {t} as target" for p, a, t in bars if a or t
    )
    return Markup(  # every corpus string went through _e
        f'<svg class="timeline" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="{_e(summary)}">' + "".join(parts) + "</svg>"
    )
