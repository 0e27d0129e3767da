"""The article view's context: the shared highlighted text (render.html) plus one source card per claim and source."""

from __future__ import annotations

from typing import Any

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
from according.types import Attribution, Ledger, Source


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


def claim_card(ledger: Ledger, att: Attribution, num: int) -> dict[str, Any]:
    """What the source card of one claim shows: who, how, how sure, and the chain of reporters from the author."""
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
    }


def source_card(ledger: Ledger, src: Source) -> dict[str, Any]:
    """What the card of a source mentioned outside any claim shows."""
    return {
        "key": f"src:{src.id}",
        "name": src.name,
        **_source_fields(src),
        "claims": sum(a.source_id == src.id for a in ledger.attributions),
    }


def context(ledger: Ledger, *, credit: str | None = None, json_url: str | None = None) -> dict[str, Any]:
    """Everything `article.html` needs; the markup strings come escaped from `render.html`."""
    doc = ledger.document
    nums = numbers(ledger)
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
        "claim_cards": [claim_card(ledger, a, nums[a.id]) for a in ordered(ledger)],
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
