"""Entities across the corpus: one record per real-world actor, merged from every article's entities by key.

Pure library code: the store calls `merge_corpus` at build time with one `EntityRef` per article entity.

- Refs with the same key ("org:quds force", "country:IR") are one corpus entity.
- A bare surname key ("person:soleimani") joins a full-name key only when exactly one full-name key in the
  corpus ends with that surname; with two ("person:john smith", "person:adam smith") it stays apart.
- An acronym key ("org:irgc", whatever its type prefix) joins the key of its expansion when some article
  recorded the acronym as an alias of that entity, and only when all such articles point to one key.

Every cross-key merge is recorded with its reason. The work is a few passes of dict look-ups over the refs
(blocking by surname and by acronym), so time and memory grow linearly with the refs; no pair is compared.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TypeVar

from according.types import EntityMerge, EntityType

_T = TypeVar("_T", bound=str)


@dataclass(frozen=True, slots=True)
class EntityRef:
    """One article's entity, as stored."""

    doc_id: str
    entity_id: str  # "e3"
    key: str
    name: str
    type: EntityType
    aliases: tuple[str, ...]
    mentions: int


@dataclass(frozen=True, slots=True)
class CorpusEntity:
    """One real-world actor across the corpus, with the article entities it gathers and why they were joined."""

    id: str  # "E" + 12 hex digits of sha1(key): stable across runs
    key: str
    name: str  # the most frequent full name
    type: EntityType
    aliases: tuple[str, ...]
    members: tuple[tuple[str, str], ...]  # (doc_id, entity_id)
    merges: tuple[EntityMerge, ...]


@dataclass(slots=True)
class _Key:
    """What the refs of one key have in common, gathered in one pass."""

    key: str
    names: dict[str, int] = field(default_factory=dict)  # plain dicts: a Counter each costs more per key
    types: dict[EntityType, int] = field(default_factory=dict)
    aliases: dict[str, int] = field(default_factory=dict)
    members: list[tuple[str, str]] = field(default_factory=list)
    acronym_docs: dict[str, str] = field(default_factory=dict)  # acronym alias -> first doc that recorded it


def entity_id(key: str) -> str:
    """The corpus entity id of a key: "E" + 12 hex digits of its sha1, the same in every run."""
    return "E" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


def _is_acronym(s: str) -> bool:
    bare = s.replace(".", "")
    return 2 <= len(bare) <= 10 and bare.isalpha() and bare.isupper()


def _split(key: str) -> tuple[str, str]:
    prefix, _, rest = key.partition(":")
    return prefix, rest


class _Union:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}
        self.merges: dict[str, list[EntityMerge]] = {}

    def find(self, k: str) -> str:
        parent = self.parent
        root = k
        while parent.get(root, root) != root:
            root = parent[root]
        while k != root:  # path compression
            parent[k], k = root, parent[k]
        return root

    def union(self, keep: str, other: str, merge: EntityMerge) -> bool:
        a, b = self.find(keep), self.find(other)
        if a == b:
            return False
        self.parent[b] = a
        self.merges.setdefault(a, []).extend([merge, *self.merges.pop(b, [])])
        return True


def _gather(refs: Iterable[EntityRef]) -> dict[str, _Key]:
    keys: dict[str, _Key] = {}
    for r in refs:
        k = keys.get(r.key)
        if k is None:
            k = keys[r.key] = _Key(r.key)
        k.names[r.name] = k.names.get(r.name, 0) + 1
        k.types[r.type] = k.types.get(r.type, 0) + 1
        k.members.append((r.doc_id, r.entity_id))
        for a in r.aliases:
            k.aliases[a] = k.aliases.get(a, 0) + 1
            if a[:1].isupper() and _is_acronym(a):
                k.acronym_docs.setdefault(a.replace(".", "").upper(), r.doc_id)
    return keys


def _surname_merges(keys: dict[str, _Key], uf: _Union) -> None:
    """A bare surname key joins the only full-name key in the corpus that ends with that surname."""
    by_surname: dict[str, list[str]] = {}
    for key in keys:
        prefix, name = _split(key)
        words = name.split()
        if prefix == "person" and len(words) >= 2:
            by_surname.setdefault(words[-1], []).append(key)
    for key in keys:
        prefix, name = _split(key)
        if prefix != "person" or " " in name:
            continue
        full = by_surname.get(name, [])
        if len(full) == 1:
            reason = f"surname '{name}' of the only person key with it ({full[0]})"
            uf.union(full[0], key, EntityMerge(key, reason))


def _acronym_merges(keys: dict[str, _Key], uf: _Union) -> None:
    """An acronym key joins the key of the entity some article recorded it as an alias of, when that is one key."""
    expansions: dict[str, list[str]] = {}
    for key, k in keys.items():
        prefix, name = _split(key)
        if prefix in ("person", "country"):
            continue
        for a in k.acronym_docs:
            if a.lower() != name.replace(" ", ""):
                expansions.setdefault(a, []).append(key)
    for key in keys:
        prefix, name = _split(key)
        if prefix in ("person", "country") or " " in name:
            continue
        targets = expansions.get(name.upper(), [])
        if len(targets) == 1:
            target = targets[0]
            doc = keys[target].acronym_docs[name.upper()]
            reason = f"acronym '{name.upper()}' recorded as an alias of {target} (first in {doc})"
            uf.union(target, key, EntityMerge(key, reason))


def _top(counter: dict[_T, int]) -> _T:
    """The most frequent value; ties go to the longest, then the alphabetically first, so runs agree."""
    return min(counter.items(), key=lambda kv: (-kv[1], -len(kv[0]), kv[0]))[0]


def merge_corpus(refs: Iterable[EntityRef]) -> list[CorpusEntity]:
    """One CorpusEntity per real-world actor: same key together, cross-key merges only when unambiguous.

    Returns the entities with the most members first (ties by key), each with its members sorted.
    """
    keys = _gather(refs)
    uf = _Union()
    _surname_merges(keys, uf)
    _acronym_merges(keys, uf)
    groups: dict[str, list[_Key]] = {}
    for key, k in keys.items():
        groups.setdefault(uf.find(key), []).append(k)
    out: list[CorpusEntity] = []
    for root, ks in groups.items():
        head = keys[root]
        name = _top(head.names)  # the root key holds the full name ("Qasem Soleimani", not "Soleimani")
        aliases: dict[str, int] = {}
        members: list[tuple[str, str]] = []
        for k in ks:
            for counts in (k.aliases, k.names):
                for a, c in counts.items():
                    aliases[a] = aliases.get(a, 0) + c
            members.extend(k.members)
        merges = [
            EntityMerge(k.key, f"same key {k.key} in {len(k.members)} article entities")
            for k in sorted(ks, key=lambda k: k.key)
            if len(k.members) > 1
        ]
        merges.extend(uf.merges.get(root, []))
        alias_order = sorted((a for a in aliases if a != name), key=lambda a: (-aliases[a], a))
        out.append(
            CorpusEntity(
                id=entity_id(root),
                key=root,
                name=name,
                type=_top(head.types),
                aliases=tuple(alias_order),
                members=tuple(sorted(members)),
                merges=tuple(merges),
            )
        )
    out.sort(key=lambda e: (-len(e.members), e.key))
    return out
