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
    framing_counts,
    framing_ordered,
    is_number,
    label,
    number_text,
    numbers,
    ordered,
    score_text,
    shorten,
    source_name,
    squash,
    title_line,
)
from according.types import KINDS, SOURCE_TYPES, Argument, Attribution, Entity, Evidence, Frame, Ledger, Quantity

_CSS = """
:root{--ink:#1f1d1a;--muted:#5b5752;--paper:#fdfcf9;--rule:#e4dfd5;--accent:#4a5563;color-scheme:light}
*{box-sizing:border-box}
body{margin:0;background:var(--paper);color:var(--ink)}
body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
header.masthead,main.layout,section.claims,footer{max-width:76rem;margin:0 auto;padding:0 1.5rem}
header.masthead{padding-top:2rem;padding-bottom:1rem;border-bottom:1px solid var(--rule)}
.kicker{margin:0;text-transform:uppercase;letter-spacing:.12em;font-size:.75rem;color:var(--muted)}
h1{font:700 2rem/1.2 Charter,"Bitstream Charter","Sitka Text",Cambria,Georgia,serif;margin:.3rem 0 .5rem}
h2{font-size:.8rem;text-transform:uppercase;letter-spacing:.1em;color:var(--muted);margin:1.6rem 0 .6rem}
.credit,.summary{margin:.2rem 0;color:var(--muted);overflow-wrap:anywhere}
.credit.none{font-style:italic}
main.layout{display:grid;grid-template-columns:minmax(0,40rem) minmax(18rem,1fr);gap:3rem;padding-top:1.5rem}
@media (max-width:960px){main.layout{grid-template-columns:minmax(0,1fr)}}
article.text{white-space:pre-wrap;overflow-wrap:break-word}
article.text{font:1.15rem/1.95 Charter,"Bitstream Charter","Sitka Text",Cambria,Georgia,serif}
aside{font-size:.9rem;min-width:0}
.hint{color:var(--muted);font-size:.85rem}
table{border-collapse:collapse;width:100%;font-size:.85rem}
.scroll{overflow-x:auto}.scroll table{min-width:44rem}td{overflow-wrap:anywhere}
th,td{text-align:left;vertical-align:top;padding:.35rem .5rem;border-bottom:1px solid var(--rule)}
th{font-weight:600;color:var(--muted);font-size:.75rem;text-transform:uppercase;letter-spacing:.05em}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
td .sub{color:var(--muted);font-size:.8rem}
tr[data-row]{cursor:pointer}
tr.hl,tr[data-row]:focus{background:#ece8f4}
tr[data-row]:focus{outline:2px solid var(--accent);outline-offset:-2px}
.t-named_person{--c:#1d5fb4;--bg:rgba(0,114,178,.14);--bg2:rgba(0,114,178,.38)}
.t-named_organization{--c:#0b7352;--bg:rgba(0,158,115,.14);--bg2:rgba(0,158,115,.38)}
.t-media_outlet{--c:#8f5800;--bg:rgba(230,159,0,.17);--bg2:rgba(230,159,0,.42)}
.t-anonymous_person{--c:#b4300c;--bg:rgba(213,94,0,.13);--bg2:rgba(213,94,0,.36)}
.t-anonymous_group{--c:#a03878;--bg:rgba(204,121,167,.17);--bg2:rgba(204,121,167,.42)}
.t-document{--c:#6241a8;--bg:rgba(142,107,209,.15);--bg2:rgba(142,107,209,.38)}
.t-unspecified{--c:#5f5f5f;--bg:rgba(138,138,138,.14);--bg2:rgba(138,138,138,.36)}
.att{background:var(--bg);border-bottom:2px solid var(--c)}
.att.k-direct{border-bottom-width:3px}
.att.k-indirect{border-bottom-style:dashed}
.att.k-mixed{border-bottom-style:dotted;border-bottom-width:3px}
.att.k-according_to{border-bottom-style:double;border-bottom-width:4px}
.att.k-other{border-bottom-width:1px}
.att.h1{padding-bottom:5px}.att.h2{padding-bottom:10px}.att.h3{padding-bottom:15px}
.att.hl{background:var(--bg2)}
.att[tabindex]:focus{outline:2px solid var(--c);outline-offset:2px}
.att[data-n]::before{content:attr(data-n);font:700 .62rem/1 system-ui,sans-serif;color:#fff;background:var(--c)}
.att[data-n]::before{border-radius:.5rem;padding:.12rem .3rem;margin-right:.2rem;vertical-align:.3rem}
.cue{font-weight:700}
.src{border-top:1.5px solid var(--c,#5f5f5f);border-bottom:1.5px solid var(--c,#5f5f5f)}
.src.b{border-left:1.5px solid var(--c,#5f5f5f);border-radius:4px 0 0 4px;padding-left:2px}
.src.e{border-right:1.5px solid var(--c,#5f5f5f);border-radius:0 4px 4px 0;padding-right:2px}
.src.b.e{border-radius:4px}
.src.anon{border-style:dashed}
.hedge,.boost{text-decoration:underline wavy;text-decoration-thickness:1.5px;text-underline-offset:4px}
.hedge{text-decoration-color:#a14a00}.boost{text-decoration-color:#0a6b7d}
.hedge.e::after,.boost.e::after{font:700 .7rem/1 system-ui,sans-serif;vertical-align:.45rem;margin-left:1px}
.hedge.e::after{content:"?";color:#a14a00}.boost.e::after{content:"!";color:#0a6b7d}
.op{font-style:italic;background:rgba(74,85,99,.06)}
.op.b{border-left:4px solid var(--accent);padding-left:4px}
.headline{font-weight:700}
.frame{text-decoration:overline solid #9b1c6c;text-decoration-thickness:2px}
.frame.b::before{content:"\\25B8";font:700 .7rem/1 system-ui,sans-serif;color:#9b1c6c;vertical-align:.45rem}
.frame[tabindex]:focus{outline:2px dashed #9b1c6c;outline-offset:2px}
.frame[tabindex]:focus::after{content:" " attr(title);font:600 .75rem/1.2 system-ui,sans-serif;color:#fff}
.frame[tabindex]:focus::after{background:#9b1c6c;border-radius:3px;padding:0 .25rem;margin-left:.2rem}
body:has(#layer-framing:not(:checked)) #text .frame{text-decoration:none;outline:0}
body:has(#layer-framing:not(:checked)) #text .frame::before{content:none}
body:has(#layer-framing:not(:checked)) #text .frame::after{content:none}
label.toggle{display:block;margin:.4rem 0}
.legend ul,.bars{list-style:none;margin:0;padding:0}
.legend li{margin:.3rem 0;line-height:2.1}.legend ul.row{display:flex;flex-wrap:wrap;gap:0 .5rem}
.legend .sample{font-family:Charter,Georgia,serif;padding:0 .25rem;margin-right:.3rem}
.who::before{content:"\\25CF\\00A0";color:var(--c,#5f5f5f)}
dl.profile{display:grid;grid-template-columns:minmax(0,auto) minmax(0,1fr);gap:.25rem 1rem;margin:0}
dl.profile dt{color:var(--muted)}dl.profile dd{margin:0;font-variant-numeric:tabular-nums;min-width:0}
dl.profile .wide{grid-column:1/-1}dl.profile dd.wide{padding:0 0 .3rem 1rem}
.bars li{display:grid;grid-template-columns:minmax(0,10rem) minmax(2rem,1fr) 2.5rem;gap:.5rem;align-items:center}
.bars li{font-size:.8rem;line-height:1.3}
.bar{height:.55rem;background:var(--accent);border-radius:2px;min-width:2px}
.bars .n{text-align:right}
section.claims{padding-bottom:2rem}
footer{color:var(--muted);font-size:.8rem;border-top:1px solid var(--rule);padding-top:1rem;padding-bottom:2rem}
.card{position:fixed;z-index:10;max-width:min(24rem,calc(100vw - 16px));background:#fff;border:1px solid var(--rule)}
.card{border-left:4px solid var(--c,#5f5f5f);border-radius:6px;box-shadow:0 6px 24px rgba(0,0,0,.15)}
.card{padding:.6rem .8rem;font-size:.85rem;pointer-events:none;overflow-wrap:anywhere}
.card div{color:var(--muted)}
@media print{.card{display:none}main.layout{display:block}aside{break-before:page}}
.stmt{cursor:help}.stmt.hl{background:rgba(74,85,99,.10)}
.stmt[tabindex]:focus{outline:2px dotted var(--accent);outline-offset:2px}
.farg.fhl,.farg.fpin{background:rgba(255,200,0,.28);border-radius:2px}
.farg.r-action.fhl,.farg.r-action.fpin{box-shadow:inset 0 -3px #9b1c6c}
.farg.r-actor.fhl,.farg.r-actor.fpin{box-shadow:inset 0 -2px #1d5fb4}
.farg.r-target.fhl,.farg.r-target.fpin{box-shadow:inset 0 -2px #b4300c}
.card .fr{color:var(--ink);margin-top:.3rem}.card .gr{color:var(--ink);font-weight:600;margin-top:.3rem}
"""

# Hover cards reuse the `title` text Python already escaped, so the script never builds markup from article text.
# The first segment of each claim takes keyboard focus and shows the same card, below that segment instead of at the
# pointer; Escape hides it (WCAG 1.4.13) and Enter jumps between a claim and its table row. Framing spans keep
# their own `title` and take focus only while the framing layer is shown. Sentences in the author's own voice that
# hold frames or a grade (`data-stmt`) show a card too; while a card is shown, the spans of the claim's frames
# (`data-fids` -> `data-farg`) get a subtle highlight.
_JS = """
(function(){
var card=document.getElementById('card'),text=document.getElementById('text'),tips={},cur=null,anchor=null;
document.querySelectorAll('[data-att],[data-stmt]').forEach(function(el){
 if(el.title){tips[el.dataset.att||el.dataset.stmt]={tip:el.title,cls:el.className,fids:el.dataset.fids||''};
  el.removeAttribute('title');}});
function q(attr,id){return '['+attr+'="'+CSS.escape(id)+'"]';}
function mark(id,on){document.querySelectorAll(q('data-att',id)+','+q('data-row',id)+','+q('data-stmt',id))
 .forEach(function(el){el.classList.toggle('hl',on);});
 var t=tips[id];if(t&&t.fids)t.fids.split(' ').forEach(function(f){
  document.querySelectorAll(q('data-farg',f)).forEach(function(el){el.classList.toggle('fhl',on);});});}
function idOf(el){return el?el.dataset.att||el.dataset.stmt||el.dataset.cue||el.dataset.srcof:null;}
function fill(id){var t=tips[id];card.textContent='';if(!t)return false;
 card.className='card '+(t.cls.match(/t-[a-z_]+/)||[''])[0];
 t.tip.split('\\n').forEach(function(line,i){var d=document.createElement(i?'div':'strong');
  if(/^frame /.test(line))d.className='fr';if(/^evidence grade /.test(line))d.className='gr';
  d.textContent=line;card.appendChild(d);});
 return true;}
function hide(){if(cur)mark(cur,false);cur=null;anchor=null;card.hidden=true;}
function show(id){if(id===cur)return !card.hidden;hide();if(!id||!fill(id))return false;
 cur=id;mark(id,true);card.hidden=false;return true;}
function put(x,y,flipY){var w=card.offsetWidth,h=card.offsetHeight;
 if(x+w>innerWidth-8)x=Math.max(8,innerWidth-w-8);if(y+h>innerHeight-8)y=Math.max(8,flipY-h-8);
 card.style.left=x+'px';card.style.top=y+'px';}
function atPointer(ev){put(ev.clientX+16,ev.clientY+16,ev.clientY-8);}
function atAnchor(){var r=anchor.getBoundingClientRect(),f=anchor.getClientRects()[0]||r;put(f.left,r.bottom+8,r.top);}
text.addEventListener('mouseover',function(ev){
 var id=idOf(ev.target.closest('[data-att],[data-stmt],[data-cue],[data-srcof]'));
 if(id===cur)return;if(!id){if(!anchor)hide();return;}if(show(id)){anchor=null;atPointer(ev);}});
text.addEventListener('mousemove',function(ev){if(!card.hidden&&!anchor)atPointer(ev);});
text.addEventListener('mouseleave',function(){if(!anchor)hide();});
text.addEventListener('focusin',function(ev){if(ev.target.dataset&&ev.target.dataset.frame)return;
 var el=ev.target.closest('[data-att],[data-stmt]');
 if(el&&show(el.dataset.att||el.dataset.stmt)){anchor=el;atAnchor();}});
text.addEventListener('focusout',hide);
addEventListener('scroll',function(){if(anchor)atAnchor();},{passive:true});
document.addEventListener('keydown',function(ev){if(ev.key==='Escape'&&!card.hidden){hide();return;}
 if(ev.target.dataset&&ev.target.dataset.frame)return;
 var el=ev.target.closest&&ev.target.closest('#text [data-att]');
 if(el&&ev.key==='Enter'){var row=document.querySelector(q('data-row',el.dataset.att));
  if(row){row.scrollIntoView({block:'center'});row.focus({preventScroll:true});}}});
var fl=document.getElementById('layer-framing');
function frames(){document.querySelectorAll('#text [data-frame][tabindex]')
 .forEach(function(el){el.tabIndex=fl.checked?0:-1;});}
if(fl){fl.addEventListener('change',frames);frames();}
document.querySelectorAll('[data-row]').forEach(function(row){var id=row.dataset.row;
 row.addEventListener('mouseenter',function(){mark(id,true);});
 row.addEventListener('mouseleave',function(){if(id!==cur)mark(id,false);});
 row.addEventListener('click',function(){var el=document.querySelector(q('data-att',id)+'[tabindex]');
  if(el){el.scrollIntoView({block:'center'});el.focus({preventScroll:true});}});
 row.addEventListener('keydown',function(ev){if(ev.key==='Enter')row.click();});});
})();
"""

_KIND_NAMES = {
    "direct": "direct quote",
    "indirect": "indirect (reported speech)",
    "mixed": "mixed quote",
    "according_to": "“according to”",
    "other": "other (describes, asks, denies…)",
}


@dataclass(frozen=True, slots=True)
class _Layer:
    """One highlight over `[start, end)`; `rank` orders layers that cover the same text (lower = outer)."""

    start: int
    end: int
    rank: int
    cls: str
    attrs: tuple[tuple[str, str], ...] = ()
    lead: tuple[tuple[str, str], ...] = ()  # attributes only for the segment where the layer begins


def _e(text: str) -> str:
    return escape(text, quote=True)


def _arg_text(entities: Mapping[str, Entity], arg: Argument) -> str:
    """An argument as written, with its entity's name when that differs ("Tehran (Iran)")."""
    surface = squash(arg.span.text)
    ent = entities.get(arg.entity_id) if arg.entity_id else None
    if ent is None or ent.name.casefold() == surface.casefold():
        return surface
    return f"{surface} ({ent.name})"


def quantity_text(q: Quantity) -> str:
    """A quantity as written and, where read, its value or range and unit ("about 200 km to 700 km = ~200–700 km")."""
    surface = squash(q.span.text)
    if q.low is not None and q.high is not None and q.low != q.high:
        value = f"{number_text(q.low)}–{number_text(q.high)}"
    elif q.value is not None:
        value = number_text(q.value)
    else:
        return surface
    value = ("~" if q.approximate else "") + value + (f" {q.unit}" if q.unit else "")
    return surface if value == surface else f"{surface} = {value}"


def frame_parts(ledger: Ledger, frame: Frame) -> dict[str, Any]:
    """A frame as short texts: actors, the action (with negation and modality), targets, places, times, quantities."""
    entities = {e.id: e for e in ledger.entities}
    action = frame.lemma or squash(frame.action.text)
    if frame.modality:
        action = f"{frame.modality} {action}"
    if frame.negated:
        action = f"not {action}"
    return {
        "id": frame.id,
        "actors": [_arg_text(entities, a) for a in frame.actors],
        "action": action,
        "action_text": squash(frame.action.text),
        "targets": [_arg_text(entities, a) for a in frame.targets],
        "places": [_arg_text(entities, a) for a in frame.places],
        "times": [
            f"{squash(t.span.text)} = {t.value}" if t.value and t.value != t.span.text else squash(t.span.text)
            for t in frame.times
        ],
        "quantities": [quantity_text(q) for q in frame.quantities],
    }


def frame_text(ledger: Ledger, frame: Frame) -> str:
    """One line for a frame: "actors → action → targets · in places · when · how many"."""
    p = frame_parts(ledger, frame)
    line = f"{', '.join(p['actors']) or '?'} → {p['action']} → {', '.join(p['targets']) or '—'}"
    extra = [f"in {', '.join(p['places'])}"] if p["places"] else []
    extra += [f"when: {', '.join(p['times'])}"] if p["times"] else []
    extra += [f"how many: {', '.join(p['quantities'])}"] if p["quantities"] else []
    return " · ".join([line, *extra])


def grade_text(ev: Evidence) -> str:
    """The grade with its label, read as a statement about sourcing, never about truth."""
    return f"{ev.grade} · {ev.label}, on its sourcing"


def claim_frames(ledger: Ledger) -> dict[str, list[Frame]]:
    """Claim id ("a3", "u2") -> its frames in text order."""
    out: dict[str, list[Frame]] = {}
    for f in sorted(ledger.frames, key=lambda f: (f.action.start, f.action.end, f.id)):
        out.setdefault(f.claim_id, []).append(f)
    return out


def _claim_lines(ledger: Ledger, frames: list[Frame], ev: Evidence | None) -> list[str]:
    """The card lines for a claim's frames and evidence grade."""
    lines = [f"frame {f.id}: {frame_text(ledger, f)}" for f in frames]
    if ev is not None:
        lines.append(f"evidence grade {grade_text(ev)}")
        if ev.reasons:
            lines.append("why: " + "; ".join(ev.reasons))
    return lines


def statements(ledger: Ledger) -> list[tuple[str, int, int]]:
    """Claims in the author's own voice that have frames or a grade: (claim id, start, end), in text order.

    The span is the graded claim's; a statement with frames but no grade spans its frames.
    """
    atts = {a.id for a in ledger.attributions}
    spans = {ev.claim_id: (ev.claim.start, ev.claim.end) for ev in ledger.evidence if ev.claim_id not in atts}
    framed: dict[str, tuple[int, int]] = {}
    for f in ledger.frames:
        if f.claim_id in atts or f.claim_id in spans:
            continue
        lo, hi = min(x.start for x in f.spans()), max(x.end for x in f.spans())
        seen = framed.get(f.claim_id)
        framed[f.claim_id] = (min(lo, seen[0]), max(hi, seen[1])) if seen else (lo, hi)
    found = [(k, s, e) for k, (s, e) in {**spans, **framed}.items()]
    return sorted(found, key=lambda t: (t[1], t[2], t[0]))


def _tip(
    ledger: Ledger, att: Attribution, num: int, frames: list[Frame] | None = None, ev: Evidence | None = None
) -> str:
    """The hover text for one attribution: who, how, how sure, the chain of reporters, its frames and grade."""
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
    lines.extend(_claim_lines(ledger, frames or [], ev))
    return "\n".join(lines)


def _statement_tip(ledger: Ledger, claim_id: str, frames: list[Frame], ev: Evidence | None) -> str:
    """The hover text for a sentence in the author's own voice: its frames and grade."""
    return "\n".join([f"author's own statement {claim_id}", *_claim_lines(ledger, frames, ev)])


_ROLES = ("actors", "targets", "places")
_ROLE_CLASS = {"actors": "actor", "targets": "target", "places": "place"}


def _frame_layers(frame: Frame) -> list[_Layer]:
    """The spans of one frame, marked (invisibly until its claim's card is shown) with the frame id and role."""
    mark = (("data-farg", frame.id),)
    out = [_Layer(frame.action.start, frame.action.end, 7, "farg r-action", mark)]
    for role in _ROLES:
        args: tuple[Argument, ...] = getattr(frame, role)
        out += [_Layer(a.span.start, a.span.end, 7, f"farg r-{_ROLE_CLASS[role]}", mark) for a in args]
    out += [_Layer(t.span.start, t.span.end, 7, "farg r-time", mark) for t in frame.times]
    out += [_Layer(q.span.start, q.span.end, 7, "farg r-quantity", mark) for q in frame.quantities]
    return out


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
    by_claim = claim_frames(ledger)
    grades = {ev.claim_id: ev for ev in ledger.evidence}
    for claim_id, start, end in statements(ledger):
        frames = by_claim.get(claim_id, [])
        tip = _statement_tip(ledger, claim_id, frames, grades.get(claim_id))
        attrs: tuple[tuple[str, str], ...] = (("data-stmt", claim_id), ("title", tip))
        attrs += (("data-fids", " ".join(f.id for f in frames)),) if frames else ()
        out.append(_Layer(start, end, 2, "stmt", attrs, (("tabindex", "0"), ("aria-describedby", "card"))))
    out += [la for f in ledger.frames for la in _frame_layers(f)]
    marked: set[tuple[int, int]] = set()
    for a in atts:
        src = ledger.source(a.source_id)
        stype = src.type if src else "unspecified"
        frames = by_claim.get(a.id, [])
        attrs = (("data-att", a.id), ("title", _tip(ledger, a, nums[a.id], frames, grades.get(a.id))))
        attrs += (("data-fids", " ".join(f.id for f in frames)),) if frames else ()
        cls = f"att t-{stype} k-{a.kind} h{heights[a.id]}"
        # Each part shows the claim's number; only the first takes focus, so Tab visits each claim once.
        focus = (("tabindex", "0"), ("aria-describedby", "card"))
        for i, p in enumerate(a.content_parts or (a.content,)):
            out.append(_Layer(p.start, p.end, 2, cls, attrs, (("data-n", str(nums[a.id])), *(focus if i == 0 else ()))))
        if a.source_mention:
            sm = a.source_mention
            marked.add((sm.start, sm.end))
            anon = " anon" if src and src.anonymous else ""
            out.append(_Layer(sm.start, sm.end, 3, f"src t-{stype}{anon}", (("data-srcof", a.id),)))
        if a.cue:
            out.append(_Layer(a.cue.start, a.cue.end, 4, "cue", (("data-cue", a.id),)))
    for s in ledger.sources:
        for m in s.mentions:
            if (m.start, m.end) not in marked:
                marked.add((m.start, m.end))
                cls = f"src t-{s.type}" + (" anon" if s.anonymous else "")
                out.append(_Layer(m.start, m.end, 3, cls, (("data-src", s.id), ("title", s.name))))
    for h in ledger.hedges:
        kind = "hedge" if h.kind == "hedge" else "boost"
        out.append(_Layer(h.span.start, h.span.end, 5, kind, (("data-hedge", h.id), ("title", h.kind))))
    for i, f in enumerate(framing_ordered(ledger), 1):
        tip = f"framing: {label(f.technique)} · score {score_text(f.score)}"
        frame = (("data-frame", f"f{i}"), ("data-technique", f.technique), ("title", tip))
        out.append(_Layer(f.span.start, f.span.end, 6, "frame", frame, (("tabindex", "0"),)))
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
            attrs = "".join(f' {k}="{_e(v)}"' for k, v in la.attrs + (la.lead if la.start == a else ()))
            out.append(f'<span class="{_e(cls)}"{attrs}>')
        out.append(_e(text[a:b]))
        out.append("</span>" * len(active))
    return "".join(out)


def _framing_legend(ledger: Ledger | None, toggle: bool) -> str:
    """The framing layer's legend entry: its mark, each technique found with its count, and the layer's switch."""
    counts = framing_counts(ledger) if ledger is not None else {}
    items = "".join(
        f'<li><span class="sample frame b e" data-technique="{_e(t)}">{_e(label(t))}</span> {n}</li>'
        for t, n in counts.items()
    )
    body = f'<ul class="framing">{items}</ul>' if items else '<p class="hint">No framing found.</p>'
    switch = (
        '<label class="toggle"><input type="checkbox" id="layer-framing" checked'
        + ("" if counts else " disabled")
        + "> show framing</label>"
        if toggle
        else ""
    )
    return (
        "<p>Framing (persuasion techniques, SemEval-2020 Task 11; overline, Tab to one for its score):</p>"
        f"{switch}{body}"
    )


def _legend(ledger: Ledger | None = None, toggle: bool = False) -> str:
    types = "".join(f'<li><span class="sample att t-{t} k-direct b e">{_e(label(t))}</span></li>' for t in SOURCE_TYPES)
    kinds = "".join(
        f'<li><span class="sample att t-unspecified k-{k} b e">{_e(_KIND_NAMES.get(k, label(k)))}</span></li>'
        for k in KINDS
    )
    marks = (
        '<li><span class="sample att t-unspecified k-direct b e" data-n="7">claim</span> number, as in the table</li>'
        '<li><span class="sample att t-media_outlet k-indirect h1 b e">it said <span class="att t-anonymous_person '
        'k-direct h0 b e">“no”</span></span> a claim inside a claim</li>'
        '<li><span class="sample cue">said</span> reporting cue</li>'
        '<li><span class="sample src t-unspecified b e">Reuters</span> named source</li>'
        '<li><span class="sample src t-unspecified anon b e">officials</span> anonymous source</li>'
        '<li><span class="sample hedge b e">allegedly</span> hedge</li>'
        '<li><span class="sample boost b e">clearly</span> booster</li>'
        '<li><span class="sample op b e">The author thinks so.</span> opinion</li>'
    )
    return (
        '<section class="legend"><h2>Legend</h2>'
        '<p class="hint">Hover over a claim, or Tab to it, for its source, cue, certainty and chain of reporters; '
        "Enter jumps to its row in the table, and a row jumps back. The card also shows the claim's frames (who did "
        "what to whom, where, when) and its evidence grade on its sourcing, and highlights the frame's words; "
        "sentences in the author's own voice that hold a frame or a grade show one too.</p>"
        f'<p>Who says so (shade and line colour):</p><ul class="row">{types}</ul>'
        f'<p>How it is reported (line style):</p><ul class="row">{kinds}</ul>'
        f"<p>Other marks:</p><ul>{marks}</ul>{_framing_legend(ledger, toggle)}</section>"
    )


def _value(key: str, value: Any) -> str:
    """A profile value as text; shares read as percentages."""
    if "share" in key.split("_") and isinstance(value, float) and 0 <= value <= 1:
        return f"{value:.0%}"
    return format_value(value)


def _profile(profile: Mapping[str, Any]) -> str:
    items: list[str] = []
    for key, value in profile.items():
        name = _e(label(str(key)))
        if isinstance(value, Mapping) and value and all(is_number(v) for v in value.values()):
            top = max((float(v) for v in value.values()), default=0.0) or 1.0
            bars = "".join(
                f"<li><span>{_e(label(str(k)))}</span>"
                f'<span class="bar" style="width:{max(0.0, float(v)) / top * 100:.0f}%"></span>'
                f'<span class="n">{_e(format_value(v))}</span></li>'
                for k, v in sorted(value.items(), key=lambda kv: -float(kv[1]))
            )
            items.append(f'<dt class="wide">{name}</dt><dd class="wide"><ul class="bars">{bars}</ul></dd>')
        else:
            items.append(f"<dt>{name}</dt><dd>{_e(_value(str(key), value))}</dd>")
    return f'<section><h2>Sourcing profile</h2><dl class="profile">{"".join(items)}</dl></section>'


def _sources(ledger: Ledger) -> str:
    """One row per source: name over its type and affiliation, so the narrow column has room for long names."""
    claims = {s.id: sum(a.source_id == s.id for a in ledger.attributions) for s in ledger.sources}
    rows = []
    for s in ledger.sources:
        sub = " · ".join(x for x in (label(s.type), s.role, s.affiliation) if x)
        rows.append(
            f'<tr><td><span class="who t-{_e(s.type)}">{_e(s.name)}</span><div class="sub">{_e(sub)}</div></td>'
            f'<td class="num">{_e(count_text(s))}</td><td class="num">{claims[s.id]}</td></tr>'
        )
    return (
        "<section><h2>Sources</h2><table><thead><tr><th>Source · type · affiliation</th>"
        f'<th class="num">Count</th><th class="num">Claims</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></section>"
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
            f'<td><span class="who t-{_e(stype)}">{_e(source_name(ledger, a))}</span></td>',
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
        '<div class="scroll" tabindex="0" role="region" aria-label="Attributions table">'
        f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table></div></section>"
    )


def _ledger_json(ledger: Ledger) -> str:
    # Escaping every "<" (not only "</") also rules out "<!--" switching the script into its escaped state.
    return json.dumps(ledger.to_dict(), ensure_ascii=False, default=str).replace("<", "\\u003c")


def highlighted(ledger: Ledger) -> str:
    """The article text as escaped HTML, every claim, source, cue, hedge, opinion sentence and framing span marked.

    The one renderer of the highlighted article: this page and the web UI's article view both use it, with `CSS`
    and `SCRIPT` for its look and hover cards.
    """
    return _markup(ledger.document.text, _layers(ledger))


def legend(ledger: Ledger | None = None, *, toggle: bool = False) -> str:
    """The legend section: what each shade, line style and mark means, and the framing techniques `ledger` uses.

    With `toggle` it also holds the checkbox `#layer-framing` that shows and hides the framing layer; the web UI has
    its own in the layer switches, so it leaves this off.
    """
    return _legend(ledger, toggle)


def profile_section(profile: Mapping[str, Any]) -> str:
    """The sourcing profile as a definition list, counts by category as small bar charts."""
    return _profile(profile)


def sources_section(ledger: Ledger) -> str:
    """The table of sources: name, type, affiliation, count and number of claims."""
    return _sources(ledger)


def claims_section(ledger: Ledger) -> str:
    """The table of attributions in text order; each row is linked to its claim in the text."""
    return _claims(ledger)


def ledger_json(ledger: Ledger) -> str:
    """`ledger.to_dict()` as JSON that is safe inside a `<script type="application/json">` element."""
    return _ledger_json(ledger)


#: The page's stylesheet and script (hover cards, keyboard focus), which the web UI serves as files.
CSS = _CSS
SCRIPT = _JS


def render(ledger: Ledger) -> str:
    """The ledger as one HTML5 page that works offline: highlighted article, legend, profile, sources, claims."""
    doc = ledger.document
    title = title_line(doc)
    credit = " · ".join(credit_parts(doc))
    n_src = len({a.source_id for a in ledger.attributions if a.source_id})
    summary = (
        f"{len(ledger.attributions)} attributed claims from {n_src} sources · "
        f"{len(ledger.hedges)} hedges and boosters · {len(ledger.opinion_sentences)} opinion sentences · "
        f"{len(ledger.framing)} framing spans"
    )
    footer = f"Claim ledger by according · {ledger.schema}" + (f" · model {ledger.model}" if ledger.model else "")
    footer += f" · text sha256 {doc.sha256[:16]}"
    warnings = "".join(f"<li>{_e(w)}</li>" for w in ledger.warnings)
    return "".join(
        [
            '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n',
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
            f"<title>{_e(title)} · claim ledger</title>\n<style>{_CSS}</style>\n</head>\n<body>\n",
            f'<header class="masthead"><p class="kicker">Claim ledger</p><h1>{_e(title)}</h1>',
            f'<p class="credit">{_e(credit)}</p>'
            if credit
            else '<p class="credit none">No byline, outlet, date or URL.</p>',
            f'<p class="summary">{_e(summary)}</p></header>\n',
            f'<main class="layout">\n<article class="text" id="text">{highlighted(ledger)}</article>\n',
            f"<aside>{_legend(ledger, toggle=True)}{_profile(ledger.profile) if ledger.profile else ''}",
            f"{_sources(ledger) if ledger.sources else ''}</aside>\n</main>\n",
            _claims(ledger),
            f"\n<footer><p>{_e(footer)}</p>",
            f"<ul>{warnings}</ul>" if warnings else "",
            '</footer>\n<div id="card" class="card" role="tooltip" hidden></div>\n',
            f'<script type="application/json" id="ledger">{_ledger_json(ledger)}</script>\n',
            f"<script>{_JS}</script>\n</body>\n</html>\n",
        ]
    )
