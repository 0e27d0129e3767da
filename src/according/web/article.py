"""The article view's context: the shared highlighted text (render.html) plus one source card per claim and source."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from markupsafe import Markup

from according.render import html
from according.render.markdown import (
    chain,
    count_text,
    credit_parts,
    label,
    numbers,
    ordered,
    shorten,
    source_name,
    title_line,
)
from according.types import Argument, Attribution, Entity, Evidence, Frame, Ledger, Source


def _source_fields(src: Source | None) -> dict[str, Any]:
    if src is None:
        return {
            "type": "unspecified",
            "type_label": label("unspecified"),
            "anonymous": None,
            "count": "",
            "affiliation": None,
            "role": None,
        }
    return {
        "type": src.type,
        "type_label": label(src.type),
        "anonymous": src.anonymous,
        "count": count_text(src),
        "affiliation": src.affiliation,
        "role": src.role,
        "mentions": len(src.mentions),
    }


def entity_href(name_or_id: str) -> str:
    """The entity page of a corpus entity, found by id, name or alias."""
    return "/ui/entities/" + quote(name_or_id, safe="")


def _argument(entities: dict[str, Entity], arg: Argument) -> dict[str, Any]:
    """An argument as written, and the name of its entity (what the entity page is found by), when linked."""
    ent = entities.get(arg.entity_id) if arg.entity_id else None
    return {
        "text": shorten(arg.span.text, 60),
        "entity": ent.name if ent else None,
        "href": entity_href(ent.name) if ent else None,
    }


def frame_card(ledger: Ledger, frame: Frame) -> dict[str, Any]:
    """One frame for the side panel: the texts of `render.html.frame_parts`, with arguments tied to their entities."""
    entities = {e.id: e for e in ledger.entities}
    parts = html.frame_parts(ledger, frame)
    for role in ("actors", "targets", "places"):
        parts[role] = [_argument(entities, a) for a in getattr(frame, role)]
    parts["text"] = html.frame_text(ledger, frame)
    return parts


def evidence_card(ev: Evidence | None) -> dict[str, Any] | None:
    """A claim's evidence grade for the side panel: number, label ("on its sourcing") and reasons."""
    if ev is None:
        return None
    return {"grade": ev.grade, "label": ev.label, "text": html.grade_text(ev), "reasons": list(ev.reasons)}


def _facts(ledger: Ledger, frames: list[Frame], ev: Evidence | None) -> dict[str, Any]:
    return {
        "frames": [frame_card(ledger, f) for f in frames],
        "fids": " ".join(f.id for f in frames),
        "evidence": evidence_card(ev),
    }


def statement_card(
    ledger: Ledger, claim_id: str, start: int, end: int, frames: list[Frame], ev: Evidence | None
) -> dict[str, Any]:
    """The card of a sentence in the author's own voice: its frames and evidence grade."""
    card = {"key": f"stmt:{claim_id}", "id": claim_id, "excerpt": shorten(ledger.text[start:end], 240)}
    return card | _facts(ledger, frames, ev)


def claim_card(
    ledger: Ledger, att: Attribution, num: int, frames: list[Frame] | None = None, ev: Evidence | None = None
) -> dict[str, Any]:
    """What the source card of one claim shows: who, how, how sure, the chain of reporters, its frames and grade."""
    hedges = [h.span.text for h in ledger.hedges if h.id in att.hedge_ids]
    return {
        "key": f"att:{att.id}",
        "num": num,
        "name": source_name(ledger, att),
        **_source_fields(ledger.source(att.source_id)),
        "cue": shorten(att.cue.text, 60) if att.cue else None,
        "kind": att.kind,
        "kind_label": label(att.kind),
        "stance": att.stance,
        "certainty": att.certainty,
        "hedges": hedges,
        "excerpt": shorten(att.content.text, 240),
        "chain": chain(ledger, att),
        **_facts(ledger, frames or [], ev),
    }


def source_card(ledger: Ledger, src: Source) -> dict[str, Any]:
    """What the card of a source mentioned outside any claim shows."""
    return {
        "key": f"src:{src.id}",
        "name": src.name,
        **_source_fields(src),
        "claims": sum(a.source_id == src.id for a in ledger.attributions),
    }


def context(
    ledger: Ledger, *, credit: str | None = None, json_url: str | None = None, entity_links: bool = False
) -> dict[str, Any]:
    """Everything `article.html` needs; the markup strings come escaped from `render.html`.

    With `entity_links` (a stored article) the entities in frames link to their entity pages.
    """
    doc = ledger.document
    nums = numbers(ledger)
    by_claim = html.claim_frames(ledger)
    grades = {ev.claim_id: ev for ev in ledger.evidence}
    n_src = len({a.source_id for a in ledger.attributions if a.source_id})
    return {
        "title": title_line(doc),
        "byline": " · ".join(credit_parts(doc)),
        "credit": credit,
        "summary": (
            f"{len(ledger.attributions)} attributed claims from {n_src} sources · "
            f"{len(ledger.hedges)} hedges and boosters · {len(ledger.opinion_sentences)} opinion sentences · "
            f"{len(ledger.framing)} framing spans"
        ),
        "highlighted": Markup(html.highlighted(ledger)),  # render.html escapes every article string
        "legend": Markup(html.legend(ledger)),
        "profile": Markup(html.profile_section(ledger.profile)) if ledger.profile else "",
        "sources": Markup(html.sources_section(ledger)) if ledger.sources else "",
        "claims": Markup(html.claims_section(ledger)),
        "ledger_json": Markup(html.ledger_json(ledger)),
        "claim_cards": [
            claim_card(ledger, a, nums[a.id], by_claim.get(a.id), grades.get(a.id)) for a in ordered(ledger)
        ],
        "statement_cards": [
            statement_card(ledger, cid, s, e, by_claim.get(cid, []), grades.get(cid))
            for cid, s, e in html.statements(ledger)
        ],
        "entity_links": entity_links,
        "has_frames": bool(ledger.frames or ledger.evidence),
        "source_cards": [source_card(ledger, s) for s in ledger.sources],
        "warnings": list(ledger.warnings),
        "has_opinion": bool(ledger.opinion_sentences),
        "has_hedges": bool(ledger.hedges),
        "has_framing": bool(ledger.framing),
        "footer": f"{ledger.schema}"
        + (f" · model {ledger.model}" if ledger.model else "")
        + f" · text sha256 {doc.sha256[:16]}",
        "json_url": json_url,
    }
