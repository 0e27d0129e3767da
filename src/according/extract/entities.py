"""Entities of one article: spaCy's named-entity mentions grouped into one record per actor, place or group."""

from __future__ import annotations

from spacy.tokens import Doc

from according.types import Entity, EntityMention, EntityType, TextSpan

_TYPES: dict[str, EntityType] = {
    "PERSON": "person",
    "ORG": "organization",
    "GPE": "country",
    "LOC": "place",
    "FAC": "place",
    "NORP": "group",
}


def entities(sdoc: Doc) -> tuple[Entity, ...]:
    """One Entity per distinct name (first version: exact, case-folded names; issue 6 adds coreference)."""
    text = sdoc.text
    groups: dict[str, list[EntityMention]] = {}
    kinds: dict[str, EntityType] = {}
    for e in sdoc.ents:
        kind = _TYPES.get(e.label_, "other")
        key = f"{kind}:{e.text.lower()}"
        groups.setdefault(key, []).append(EntityMention(TextSpan.of(text, e.start_char, e.end_char), e.label_, "ner"))
        kinds.setdefault(key, kind)
    return tuple(
        Entity(f"e{i + 1}", ms[0].span.text, kinds[key], key, tuple(ms)) for i, (key, ms) in enumerate(groups.items())
    )
