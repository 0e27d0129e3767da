"""Server-side inline SVG: a claim's provenance graph and small bar charts of outlets over periods.

Every string from the corpus is escaped here (the result is marked safe for the templates); nothing needs
script or an external stylesheet. Colour never carries meaning alone: node kinds differ in shape and are
labelled in a legend, origins are boxed and titled.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import Any

from markupsafe import Markup

_ROW = 54  # height of one article's row
_HEAD = 30  # an origin box's title band
_GAP = 14  # between origin boxes
_NODE_H = 36
_COLS = (12, 206, 470)  # x of the outlet, article and first source columns
_W = {"outlet": 170, "article": 240, "source": 170}
_SOURCE_STEP = 190
_MAX_SOURCES = 3


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _short(text: str, n: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _node(kind: str, x: int, y: int, label: str, tip: str, href: str | None = None, extra: str = "") -> str:
    w, h = _W[kind], _NODE_H
    if kind == "outlet":
        shape = f'<rect x="{x}" y="{y}" width="{w}" height="{h}" rx="18" class="shape"/>'
    elif kind == "article":
        shape = f'<rect x="{x}" y="{y}" width="{w}" height="{h}" rx="2" class="shape"/>'
    else:
        points = (
            f"{x + 10},{y} {x + w - 10},{y} {x + w},{y + h / 2} {x + w - 10},{y + h} {x + 10},{y + h} {x},{y + h / 2}"
        )
        shape = f'<polygon points="{points}" class="shape"/>'
    chars = w // 7
    body = (
        f'<g class="node {kind}"{extra}><title>{_e(tip)}</title>{shape}'
        f'<text x="{x + w / 2}" y="{y + h / 2 + 4}" text-anchor="middle">{_e(_short(label, chars))}</text></g>'
    )
    if href:
        return f'<a href="{_e(href)}" aria-label="{_e(tip)}">{body}</a>'
    return body


def _edge(x1: float, y1: float, x2: float, y2: float) -> str:
    return f'<line class="edge" x1="{x1}" y1="{y1}" x2="{x2 - 3}" y2="{y2}" marker-end="url(#arrow)"/>'


def _sources(member: dict[str, Any]) -> list[dict[str, Any]]:
    """The distinct named sources along a member's citation chain, outermost first."""
    out: list[dict[str, Any]] = []
    seen: set[str] = set()
    for link in member["chain"]:
        s = link["source"]
        if s is None or s["name"] in seen:
            continue
        seen.add(s["name"])
        out.append(s)
    return out


def provenance_svg(trace: dict[str, Any]) -> Markup:
    """The trace payload (`according.api.provenance.trace_payload`) as an SVG graph.

    One boxed group per independent origin; in it one row per article: outlet -> article -> the sources of its
    citation chain. Article nodes link to the article view.
    """
    origins: Sequence[dict[str, Any]] = trace["origins"]
    claim = trace["claim"]
    width = _COLS[2] + _SOURCE_STEP * _MAX_SOURCES + 10
    parts: list[str] = []
    y = 10
    for origin in origins:
        members = origin["members"]
        h = _HEAD + _ROW * len(members) + 6
        ties = ", ".join(origin["reasons"]) if origin["reasons"] else "one article"
        dash = ' stroke-dasharray="6 4"' if origin["n"] % 2 == 0 else ""
        rows: list[str] = []
        for k, m in enumerate(members):
            ry = y + _HEAD + k * _ROW
            mid = ry + _NODE_H / 2
            outlet = m["outlet"] or "(no outlet)"
            date = (m["published"] or "")[:10] or "undated"
            title = m["title"] or m["url"] or m["doc_id"][:12]
            rows.append(_node("outlet", _COLS[0], ry, outlet, f"Outlet: {outlet}"))
            rows.append(_edge(_COLS[0] + _W["outlet"], mid, _COLS[1], mid))
            tip = f"Article: {title} ({outlet}, {date})"
            if m["syndicated_from"]:
                tip += f"; syndicated copy of {m['syndicated_from'][:12]}"
            extra = f' data-doc="{_e(m["doc_id"])}"'
            rows.append(_node("article", _COLS[1], ry, f"{date} · {title}", tip, m["links"]["html"], extra))
            x_prev = _COLS[1] + _W["article"]
            sources = _sources(m)
            for j, s in enumerate(sources[:_MAX_SOURCES]):
                sx = _COLS[2] + j * _SOURCE_STEP
                label = s["name"] + (
                    f" (+{len(sources) - _MAX_SOURCES})"
                    if j == _MAX_SOURCES - 1 and len(sources) > _MAX_SOURCES
                    else ""
                )
                rows.append(_edge(x_prev, mid, sx, mid))
                kind = s["type"].replace("_", " ")
                rows.append(_node("source", sx, ry, label, f"Source: {s['name']} ({kind})"))
                x_prev = sx + _W["source"]
        label = f"Origin {origin['n']} · tied by: {ties}"
        parts.append(
            f'<g class="origin" data-origin="{origin["n"]}" role="group" aria-label="{_e(label)}">'
            f'<rect class="box" x="4" y="{y}" width="{width - 8}" height="{h}" rx="8"{dash}/>'
            f'<text class="origin-label" x="14" y="{y + 20}">{_e(_short(label, 110))}</text>' + "".join(rows) + "</g>"
        )
        y += h + _GAP
    legend_y = y + 4
    legend = (
        f'<g class="legend" aria-hidden="true" transform="translate(12,{legend_y})">'
        '<rect x="0" y="0" width="28" height="16" rx="8" class="shape outlet-key"/><text x="34" y="12">outlet</text>'
        '<rect x="110" y="0" width="28" height="16" rx="1" class="shape article-key"/>'
        '<text x="144" y="12">article (link)</text>'
        '<polygon points="260,0 280,0 288,8 280,16 260,16 252,8" class="shape source-key"/>'
        '<text x="294" y="12">source in the citation chain</text></g>'
    )
    height = legend_y + 26
    n_origins, n_docs = len(origins), sum(len(o["members"]) for o in origins)
    desc = (
        f"{n_origins} independent origin(s) and {n_docs} article appearance(s) of the claim "
        f"“{_short(claim['label'], 200)}”; each origin is a box, each row an outlet, its article and the sources "
        "it cites. The same graph is listed as text below."
    )
    svg = (
        f'<svg class="provenance" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-labelledby="graph-title graph-desc">'
        f'<title id="graph-title">Provenance graph of claim {_e(claim["id"])}</title>'
        f'<desc id="graph-desc">{_e(desc)}</desc>'
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
        'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z"/></marker></defs>'
        + "".join(parts)
        + legend
        + "</svg>"
    )
    return Markup(svg)  # every corpus string above went through _e


def bars_svg(outlet: str | None, periods: Sequence[dict[str, Any]], unit: str) -> Markup:
    """A small bar chart of articles per period for one outlet; every bar has its number as text and a title."""
    name = outlet or "(no outlet)"
    top = max((p["articles"] for p in periods), default=0) or 1
    bw, gap, ch = 26, 6, 60
    width = max(len(periods) * (bw + gap) + 8, 120)
    height = ch + 40
    bars: list[str] = []
    for i, p in enumerate(periods):
        h = max(round(ch * p["articles"] / top), 1)
        x = 4 + i * (bw + gap)
        tip = f"{p['period']}: {p['articles']} article(s), {p['anonymous_share']:.0%} anonymous sourcing"
        bars.append(
            f'<g class="bar"><title>{_e(tip)}</title>'
            f'<rect x="{x}" y="{14 + ch - h}" width="{bw}" height="{h}"/>'
            f'<text x="{x + bw / 2}" y="{12 + ch - h}" text-anchor="middle">{p["articles"]}</text>'
            f'<text class="period" x="{x + bw / 2}" y="{ch + 28}" text-anchor="middle">'
            f"{_e(p['period'][-5:])}</text></g>"
        )
    label = f"Articles per {unit} for {name}: " + ", ".join(f"{p['period']} {p['articles']}" for p in periods)
    return Markup(  # every corpus string went through _e
        f'<svg class="bars" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" role="img" aria-label="{_e(label)}">'
        f'<line class="axis" x1="0" y1="{14 + ch}" x2="{width}" y2="{14 + ch}"/>' + "".join(bars) + "</svg>"
    )
