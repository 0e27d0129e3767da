"""Render a Ledger as one self-contained HTML page (no external resources): the article with every claim marked up."""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from html import escape
from typing import Any

from according.render.markdown import (
    CHAIN_SEP,
    chain,
    count_text,
    credit_parts,
    format_value,
    label,
    numbers,
    ordered,
    shorten,
    source_name,
    title_line,
)
from according.types import KINDS, SOURCE_TYPES, Attribution, Ledger

_CSS = """
:root{--ink:#1f1d1a;--muted:#5b5752;--paper:#fdfcf9;--rule:#e4dfd5;--panel:#f6f3ec;--accent:#6b4fa0;color-scheme:light}
*{box-sizing:border-box}
body{margin:0;background:var(--paper);color:var(--ink)}
body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
header.masthead,main.layout,section.claims,footer{max-width:74rem;margin:0 auto;padding:0 1.5rem}
header.masthead{padding-top:2rem;padding-bottom:1rem;border-bottom:1px solid var(--rule)}
.kicker{margin:0;text-transform:uppercase;letter-spacing:.12em;font-size:.75rem;color:var(--muted)}
h1{font:700 2rem/1.2 Charter,"Bitstream Charter","Sitka Text",Cambria,Georgia,serif;margin:.3rem 0 .5rem}
h2{font-size:.8rem;text-transform:uppercase;letter-spacing:.1em;color:var(--muted);margin:1.6rem 0 .6rem}
.credit,.summary{margin:.2rem 0;color:var(--muted);overflow-wrap:anywhere}
main.layout{display:grid;grid-template-columns:minmax(0,40rem) minmax(16rem,1fr);gap:3rem;padding-top:1.5rem}
@media (max-width:960px){main.layout{grid-template-columns:minmax(0,1fr)}}
article.text{white-space:pre-wrap;overflow-wrap:break-word}
article.text{font:1.15rem/1.95 Charter,"Bitstream Charter","Sitka Text",Cambria,Georgia,serif}
aside{font-size:.9rem}
table{border-collapse:collapse;width:100%;font-size:.85rem}
th,td{text-align:left;vertical-align:top;padding:.35rem .5rem;border-bottom:1px solid var(--rule)}
th{font-weight:600;color:var(--muted);font-size:.75rem;text-transform:uppercase;letter-spacing:.05em}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
tr[data-row]{cursor:pointer}
tr.hl,tr[data-row]:focus{background:#efe9f7;outline:none}
.src,.dot{--c:#555}
.t-named_person{--c:#0b5fa5;--bg:rgba(0,114,178,.12);--bg2:rgba(0,114,178,.28)}
.t-named_organization{--c:#00775a;--bg:rgba(0,158,115,.13);--bg2:rgba(0,158,115,.3)}
.t-media_outlet{--c:#a35f00;--bg:rgba(230,159,0,.17);--bg2:rgba(230,159,0,.38)}
.t-anonymous_person{--c:#b23c00;--bg:rgba(213,94,0,.12);--bg2:rgba(213,94,0,.28)}
.t-anonymous_group{--c:#a2467d;--bg:rgba(204,121,167,.17);--bg2:rgba(204,121,167,.36)}
.t-document{--c:#2a7ab0;--bg:rgba(86,180,233,.17);--bg2:rgba(86,180,233,.38)}
.t-unspecified{--c:#6b6b6b;--bg:rgba(120,120,120,.12);--bg2:rgba(120,120,120,.28)}
.att{background:var(--bg);border-bottom:2px solid var(--c)}
.att.k-indirect{border-bottom-style:dashed}
.att.k-mixed{border-bottom-style:dotted;border-bottom-width:3px}
.att.k-according_to{border-bottom-style:double;border-bottom-width:4px}
.att.k-other{border-bottom-width:1px}
.att.h1{padding-bottom:5px}.att.h2{padding-bottom:10px}.att.h3{padding-bottom:15px}
.att.hl{background:var(--bg2)}
.cue{font-weight:700}
.src{border-top:1.5px solid var(--c);border-bottom:1.5px solid var(--c)}
.src.b{border-left:1.5px solid var(--c);border-radius:4px 0 0 4px;padding-left:2px}
.src.e{border-right:1.5px solid var(--c);border-radius:0 4px 4px 0;padding-right:2px}
.src.b.e{border-radius:4px}
.hedge{text-decoration:underline wavy #b45309;text-decoration-thickness:1.5px;text-underline-offset:4px}
.boost{text-decoration:underline double #0e7490;text-decoration-thickness:1.5px;text-underline-offset:4px}
.op{background:rgba(107,79,160,.08)}
.op.b{border-left:4px solid var(--accent);padding-left:4px}
.headline{font-weight:700}
.legend ul,.bars{list-style:none;margin:0;padding:0}
.legend li{margin:.3rem 0;line-height:1.9}
.legend .sample{font-family:Charter,Georgia,serif;padding:0 .25rem}
.dot{display:inline-block;width:.7em;height:.7em;border-radius:50%;background:var(--c);margin-right:.4em}
dl.profile{display:grid;grid-template-columns:auto 1fr;gap:.25rem 1rem;margin:0}
dl.profile dt{color:var(--muted)}dl.profile dd{margin:0;font-variant-numeric:tabular-nums}
.bars li{display:grid;grid-template-columns:minmax(6rem,auto) 1fr 2.5rem;gap:.5rem;align-items:center;font-size:.8rem}
.bar{height:.55rem;background:var(--accent);border-radius:2px;min-width:2px}
.bars .n{text-align:right}
section.claims{padding-bottom:2rem}
footer{color:var(--muted);font-size:.8rem;border-top:1px solid var(--rule);padding-top:1rem;padding-bottom:2rem}
.card{position:fixed;z-index:10;max-width:24rem;background:#fff;border:1px solid var(--rule)}
.card{border-left:4px solid var(--c,#555);border-radius:6px;box-shadow:0 6px 24px rgba(0,0,0,.15)}
.card{padding:.6rem .8rem;font-size:.85rem;pointer-events:none}
.card div{color:var(--muted)}
"""

# Hover cards reuse the `title` text Python already escaped, so the script never builds markup from article text.
_JS = """
(function(){
var card=document.getElementById('card'),text=document.getElementById('text'),tips={},cur=null;
document.querySelectorAll('[data-att]').forEach(function(el){
 if(el.title){tips[el.dataset.att]={tip:el.title,cls:el.className};el.removeAttribute('title');}});
function mark(id,on){document.querySelectorAll('[data-att="'+CSS.escape(id)+'"],[data-row="'+CSS.escape(id)+'"]')
 .forEach(function(el){el.classList.toggle('hl',on);});}
function idOf(el){return el.dataset.att||el.dataset.cue||el.dataset.srcof;}
function fill(id){var t=tips[id];card.textContent='';if(!t)return false;
 card.className='card '+(t.cls.match(/t-[a-z_]+/)||[''])[0];
 t.tip.split('\\n').forEach(function(line,i){var d=document.createElement(i?'div':'strong');
  d.textContent=line;card.appendChild(d);});
 return true;}
function place(ev){var w=card.offsetWidth,h=card.offsetHeight,x=ev.clientX+16,y=ev.clientY+16;
 if(x+w>innerWidth-8)x=Math.max(8,ev.clientX-w-16);if(y+h>innerHeight-8)y=Math.max(8,ev.clientY-h-16);
 card.style.left=x+'px';card.style.top=y+'px';}
text.addEventListener('mouseover',function(ev){var el=ev.target.closest('[data-att],[data-cue],[data-srcof]');
 var id=el?idOf(el):null;if(id===cur)return;if(cur)mark(cur,false);cur=id;
 if(id&&fill(id)){mark(id,true);card.hidden=false;place(ev);}else{card.hidden=true;}});
text.addEventListener('mousemove',function(ev){if(!card.hidden)place(ev);});
text.addEventListener('mouseleave',function(){if(cur)mark(cur,false);cur=null;card.hidden=true;});
document.querySelectorAll('[data-row]').forEach(function(row){var id=row.dataset.row;
 row.addEventListener('mouseenter',function(){mark(id,true);});row.addEventListener('mouseleave',function(){mark(id,false);});
 row.addEventListener('click',function(){var el=document.querySelector('[data-att="'+CSS.escape(id)+'"]');
  if(el)el.scrollIntoView({behavior:'smooth',block:'center'});});
 row.addEventListener('keydown',function(ev){if(ev.key==='Enter')row.click();});});
})();
"""

_KIND_NAMES = {
    "direct": "direct quote",
    "indirect": "indirect (reported speech)",
    "mixed": "mixed quote",
    "according_to": "“according to”",
    "other": "other",
}


@dataclass(frozen=True, slots=True)
class _Layer:
    """One highlight over `[start, end)`; `rank` orders layers that cover the same text (lower = outer)."""

    start: int
    end: int
    rank: int
    cls: str
    attrs: tuple[tuple[str, str], ...] = ()


def _e(text: str) -> str:
    return escape(text, quote=True)


def _tip(ledger: Ledger, att: Attribution, num: int) -> str:
    """The hover text for one attribution: who, how, how sure, and the chain of reporters above it."""
    src = ledger.source(att.source_id)
    who = f"type: {label(src.type) if src else 'unspecified'}"
    if src is not None:
        who += f" · count: {count_text(src) or '—'} · {'anonymous' if src.anonymous else 'named'}"
    lines = [f"#{num} {source_name(ledger, att)}", who]
    if src is not None and (src.affiliation or src.role):
        lines.append("affiliation: " + ", ".join(x for x in (src.role, src.affiliation) if x))
    cue = f"cue: “{shorten(att.cue.text, 40)}” · " if att.cue else ""
    lines.append(f"{cue}kind: {label(att.kind)} · stance: {att.stance}")
    hedges = [shorten(h.span.text, 30) for h in ledger.hedges if h.id in att.hedge_ids]
    lines.append(f"certainty: {att.certainty}" + (f" ({', '.join(hedges)})" if hedges else ""))
    lines.append("nesting: " + CHAIN_SEP.join(chain(ledger, att)))
    return "\n".join(lines)


def _heights(atts: list[Attribution]) -> dict[str, int]:
    """How many levels of attribution sit inside each one, so nested underlines can be stacked apart."""
    by_size = sorted(atts, key=lambda a: (a.content.end - a.content.start, a.id))
    height: dict[str, int] = {}
    for i, a in enumerate(by_size):
        inner = [
            height[b.id]
            for b in by_size[:i]
            if a.content.start <= b.content.start and b.content.end <= a.content.end and b.content != a.content
        ]
        height[a.id] = min(3, 1 + max(inner)) if inner else 0
    return height


def _layers(ledger: Ledger) -> list[_Layer]:
    out: list[_Layer] = []
    if ledger.document.title_span:
        out.append(_Layer(ledger.document.title_span.start, ledger.document.title_span.end, 0, "headline"))
    out += [_Layer(s.start, s.end, 1, "op") for s in ledger.opinion_sentences]
    nums = numbers(ledger)
    atts = ordered(ledger)
    heights = _heights(atts)
    marked: set[tuple[int, int]] = set()
    for a in atts:
        src = ledger.source(a.source_id)
        stype = src.type if src else "unspecified"
        attrs = (("data-att", a.id), ("title", _tip(ledger, a, nums[a.id])))
        cls = f"att t-{stype} k-{a.kind} h{heights[a.id]}"
        out += [_Layer(p.start, p.end, 2, cls, attrs) for p in (a.content_parts or (a.content,))]
        if a.source_mention:
            sm = a.source_mention
            marked.add((sm.start, sm.end))
            out.append(_Layer(sm.start, sm.end, 3, f"src t-{stype}", (("data-srcof", a.id),)))
        if a.cue:
            out.append(_Layer(a.cue.start, a.cue.end, 4, "cue", (("data-cue", a.id),)))
    for s in ledger.sources:
        for m in s.mentions:
            if (m.start, m.end) not in marked:
                marked.add((m.start, m.end))
                out.append(_Layer(m.start, m.end, 3, f"src t-{s.type}", (("data-src", s.id), ("title", s.name))))
    for h in ledger.hedges:
        kind = "hedge" if h.kind == "hedge" else "boost"
        out.append(_Layer(h.span.start, h.span.end, 5, kind, (("data-hedge", h.id), ("title", h.kind))))
    return out


def _markup(text: str, layers: Iterable[_Layer]) -> str:
    """The escaped text with every layer as `<span>`s: cut at each span boundary, each segment wrapped whole.

    Wrapping segment by segment keeps the output well-formed however spans overlap; classes `b` and `e` mark
    the segments where a layer begins and ends, so borders are drawn only at the real edges.
    """
    n = len(text)
    kept = [la for la in layers if 0 <= la.start < la.end <= n]  # empty or out-of-range spans have nothing to mark
    bounds = sorted({0, n, *(la.start for la in kept), *(la.end for la in kept)})
    out: list[str] = []
    for a, b in itertools.pairwise(bounds):
        active = sorted(
            (la for la in kept if la.start <= a and b <= la.end), key=lambda la: (la.start, -la.end, la.rank)
        )
        for la in active:
            cls = la.cls + (" b" if la.start == a else "") + (" e" if la.end == b else "")
            attrs = "".join(f' {k}="{_e(v)}"' for k, v in la.attrs)
            out.append(f'<span class="{_e(cls)}"{attrs}>')
        out.append(_e(text[a:b]))
        out.append("</span>" * len(active))
    return "".join(out)


def _legend() -> str:
    types = "".join(f'<li><span class="sample att t-{t} k-direct b e">{_e(label(t))}</span></li>' for t in SOURCE_TYPES)
    kinds = "".join(
        f'<li><span class="sample att t-unspecified k-{k} b e">{_e(_KIND_NAMES.get(k, label(k)))}</span></li>'
        for k in KINDS
    )
    marks = (
        '<li><span class="sample cue">said</span> reporting cue</li>'
        '<li><span class="sample src b e">Reuters</span> source mention</li>'
        '<li><span class="sample hedge">allegedly</span> hedge</li>'
        '<li><span class="sample boost">clearly</span> booster</li>'
        '<li><span class="sample op b e">The author thinks so.</span> opinion</li>'
    )
    return (
        '<section class="legend"><h2>Legend</h2>'
        f"<p>Claims are shaded by who says so:</p><ul>{types}</ul>"
        f"<p>and underlined by how it is reported:</p><ul>{kinds}</ul>"
        f"<p>Other marks:</p><ul>{marks}</ul></section>"
    )


def _is_count(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _profile(profile: Mapping[str, Any]) -> str:
    items: list[str] = []
    for key, value in profile.items():
        name = _e(label(str(key)))
        if isinstance(value, Mapping) and value and all(_is_count(v) for v in value.values()):
            top = max((float(v) for v in value.values()), default=0.0) or 1.0
            bars = "".join(
                f"<li><span>{_e(label(str(k)))}</span>"
                f'<span class="bar" style="width:{max(0.0, float(v)) / top * 100:.0f}%"></span>'
                f'<span class="n">{_e(format_value(v))}</span></li>'
                for k, v in sorted(value.items(), key=lambda kv: -float(kv[1]))
            )
            items.append(f'<dt>{name}</dt><dd><ul class="bars">{bars}</ul></dd>')
        else:
            items.append(f"<dt>{name}</dt><dd>{_e(format_value(value))}</dd>")
    return f'<section><h2>Sourcing profile</h2><dl class="profile">{"".join(items)}</dl></section>'


def _sources(ledger: Ledger) -> str:
    claims = {s.id: sum(a.source_id == s.id for a in ledger.attributions) for s in ledger.sources}
    body = "".join(
        f'<tr><td><span class="dot t-{_e(s.type)}"></span>{_e(s.name)}</td><td>{_e(label(s.type))}</td>'
        f'<td class="num">{_e(count_text(s))}</td><td>{_e(s.affiliation or "")}</td>'
        f'<td class="num">{claims[s.id]}</td></tr>'
        for s in ledger.sources
    )
    return (
        "<section><h2>Sources</h2><table><thead><tr><th>Source</th><th>Type</th>"
        f'<th class="num">Count</th><th>Affiliation</th><th class="num">Claims</th></tr></thead>'
        f"<tbody>{body}</tbody></table></section>"
    )


def _claims(ledger: Ledger) -> str:
    if not ledger.attributions:
        return '<section class="claims"><h2>Attributions</h2><p>No attributed claims found.</p></section>'
    body = []
    for i, a in enumerate(ordered(ledger), 1):
        src = ledger.source(a.source_id)
        stype = src.type if src else "unspecified"
        cells = [
            f'<td class="num">{i}</td>',
            f'<td><span class="dot t-{_e(stype)}"></span>{_e(source_name(ledger, a))}</td>',
            f"<td>{_e(shorten(a.cue.text, 30)) if a.cue else ''}</td>",
            f"<td>{_e(shorten(a.content.text, 120))}</td>",
            f"<td>{_e(label(a.kind))}</td><td>{_e(a.stance)}</td><td>{_e(a.certainty)}</td>",
            f"<td>{_e(CHAIN_SEP.join(chain(ledger, a)))}</td>",
        ]
        body.append(f'<tr data-row="{_e(a.id)}" tabindex="0">{"".join(cells)}</tr>')
    head = '<th class="num">#</th>' + "".join(
        f"<th>{h}</th>" for h in ("Source", "Cue", "Excerpt", "Kind", "Stance", "Certainty", "Nesting")
    )
    return (
        '<section class="claims"><h2>Attributions (in text order)</h2>'
        f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table></section>"
    )


def _ledger_json(ledger: Ledger) -> str:
    # Escaping every "<" (not only "</") also rules out "<!--" switching the script into its escaped state.
    return json.dumps(ledger.to_dict(), ensure_ascii=False, default=str).replace("<", "\\u003c")


def render(ledger: Ledger) -> str:
    """The ledger as one HTML5 page that works offline: highlighted article, legend, profile, sources, claims."""
    doc = ledger.document
    title = title_line(doc)
    credit = " · ".join(credit_parts(doc))
    n_src = len({a.source_id for a in ledger.attributions if a.source_id})
    summary = (
        f"{len(ledger.attributions)} attributed claims from {n_src} sources · "
        f"{len(ledger.hedges)} hedges and boosters · {len(ledger.opinion_sentences)} opinion sentences"
    )
    footer = f"Claim ledger by according · {ledger.schema}" + (f" · model {ledger.model}" if ledger.model else "")
    warnings = "".join(f"<li>{_e(w)}</li>" for w in ledger.warnings)
    return "".join(
        [
            '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n',
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
            f"<title>{_e(title)} · claim ledger</title>\n<style>{_CSS}</style>\n</head>\n<body>\n",
            f'<header class="masthead"><p class="kicker">Claim ledger</p><h1>{_e(title)}</h1>',
            f'<p class="credit">{_e(credit)}</p>' if credit else "",
            f'<p class="summary">{_e(summary)}</p></header>\n',
            f'<main class="layout">\n<article class="text" id="text">{_markup(doc.text, _layers(ledger))}</article>\n',
            f"<aside>{_legend()}{_profile(ledger.profile) if ledger.profile else ''}",
            f"{_sources(ledger) if ledger.sources else ''}</aside>\n</main>\n",
            _claims(ledger),
            f"\n<footer><p>{_e(footer)}</p>",
            f"<ul>{warnings}</ul>" if warnings else "",
            '</footer>\n<div id="card" class="card" role="tooltip" hidden></div>\n',
            f'<script type="application/json" id="ledger">{_ledger_json(ledger)}</script>\n',
            f"<script>{_JS}</script>\n</body>\n</html>\n",
        ]
    )
