"""Where a claim comes from: a cluster's citation chains, its earliest appearance and its independent origins.

Two members of a claim cluster are *not* independent when any of these holds (and the relation is transitive):

- they sit in the same article, or in syndicated copies of one article (`syndication`);
- their citation chains (the attribution and its `parent`s) name the same upstream report: a `media_outlet`
  source with a proper name ("Reuters", "The Jakarta Post"; "the report" alone is too vague to tie two
  articles together);
- their chains name the same anonymous source group: an anonymous source with the same descriptor,
  affiliation and count ("three Iranian officials", "Iranian", 3).

The number of independent origins is the number of connected groups under these links. docs/provenance.md
has a worked example.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from according.corpus._unionfind import UnionFind
from according.types import Attribution, Ledger, Source

METHOD = "according.provenance.v1"
_SPACE = re.compile(r"\s+")
_LEADING_ARTICLE = re.compile(r"^(the|a|an)\s+")


def normalise(name: str) -> str:
    """A source name for comparison: lowercased, spaces collapsed, a leading article dropped."""
    return _LEADING_ARTICLE.sub("", _SPACE.sub(" ", name.strip().lower()))


@dataclass(frozen=True, slots=True)
class Link:
    """One step of a citation chain: an attribution and the source it names (None = unattributed)."""

    attribution_id: str
    kind: str
    content: str
    cue: str | None
    source: Source | None


def chain(ledger: Ledger, attribution_id: str) -> list[Link]:
    """The citation chain of one attribution, outermost first: report -> sources -> ... -> the attribution.

    Raises:
        KeyError: no attribution with this id in the ledger.
    """
    by_id = {a.id: a for a in ledger.attributions}
    out: list[Link] = []
    seen: set[str] = set()
    current: Attribution | None = by_id[attribution_id]
    while current is not None and current.id not in seen:  # a cycle would be a ledger bug; stop, don't spin
        seen.add(current.id)
        out.append(
            Link(
                current.id,
                current.kind,
                current.content.text,
                current.cue.text if current.cue else None,
                ledger.source(current.source_id),
            )
        )
        current = by_id.get(current.parent) if current.parent else None
    out.reverse()
    return out


def report_key(source: Source) -> str | None:
    """The key of an upstream report this source stands for, or None (not an outlet, or no proper name)."""
    if source.type != "media_outlet" or not any(c.isupper() for c in source.name):
        return None
    return "report:" + normalise(source.name)


def anonymous_key(source: Source) -> str | None:
    """The key of an anonymous source group (descriptor | affiliation | count), or None for a named source."""
    if not source.anonymous:
        return None
    affiliation = normalise(source.affiliation) if source.affiliation else ""
    count = "" if source.count is None else str(source.count)
    return f"anonymous:{normalise(source.name)}|{affiliation}|{count}"


@dataclass(frozen=True, slots=True)
class MemberContext:
    """What origin counting needs to know about one cluster member."""

    doc_id: str
    attribution_id: str
    article_key: str  # the syndication group id, or the document id for an article nobody copied
    published: datetime | None
    order: int  # ingest order of the document
    links: tuple[Link, ...]

    def origin_keys(self) -> list[str]:
        out = ["article:" + self.article_key]
        for link in self.links:
            if link.source is None:
                continue
            for key in (report_key(link.source), anonymous_key(link.source)):
                if key is not None and key not in out:
                    out.append(key)
        return out


@dataclass(frozen=True, slots=True)
class Origin:
    """Members that count as one origin, and the shared keys that tie them together."""

    members: tuple[int, ...]  # indices into the cluster's members
    reasons: tuple[str, ...]  # "article:g1...", "report:reuters", "anonymous:officials|iranian|3"

    def to_dict(self) -> dict[str, object]:
        return {"members": list(self.members), "reasons": list(self.reasons)}


@dataclass(frozen=True, slots=True)
class Provenance:
    """A cluster's origins (earliest first) and its earliest member."""

    origins: tuple[Origin, ...]
    earliest: int  # index of the earliest member
    member_origin: tuple[int, ...] = field(default=())  # origin index per member

    @property
    def independent(self) -> int:
        return len(self.origins)


def _time_key(m: MemberContext) -> tuple[int, float, int]:
    return (m.published is None, m.published.timestamp() if m.published else 0.0, m.order)


def origins(members: Sequence[MemberContext]) -> Provenance:
    """Group members into independent origins; see the module docstring for what ties two members."""
    uf = UnionFind()
    for _ in members:
        uf.add()
    first_with: dict[str, int] = {}
    shared_by: dict[str, set[int]] = {}
    for i, m in enumerate(members):
        for key in m.origin_keys():
            shared_by.setdefault(key, set()).add(i)
            if key in first_with:
                uf.union(i, first_with[key])
            else:
                first_with[key] = i
    groups = sorted(uf.groups().values(), key=lambda g: min(_time_key(members[i]) for i in g))
    out: list[Origin] = []
    member_origin = [0] * len(members)
    for n, g in enumerate(groups):
        for i in g:
            member_origin[i] = n
        # the reasons worth showing are the keys that actually join two or more members of this origin
        reasons = sorted({k for k, who in shared_by.items() if len(who) > 1 and who <= set(g)})
        out.append(Origin(tuple(sorted(g, key=lambda i: _time_key(members[i]))), tuple(reasons)))
    earliest = min(range(len(members)), key=lambda i: _time_key(members[i])) if members else 0
    return Provenance(tuple(out), earliest, tuple(member_origin))


def member_contexts(
    members: Sequence[tuple[str, str]],
    ledgers: Mapping[str, Ledger],
    article_keys: Mapping[str, str],
    order: Mapping[str, int],
) -> list[MemberContext]:
    """Contexts for (doc_id, attribution_id) pairs, from the documents' ledgers and syndication groups."""
    out: list[MemberContext] = []
    for doc_id, attribution_id in members:
        ledger = ledgers[doc_id]
        out.append(
            MemberContext(
                doc_id,
                attribution_id,
                article_keys.get(doc_id, doc_id),
                ledger.document.published,
                order.get(doc_id, 0),
                tuple(chain(ledger, attribution_id)),
            )
        )
    return out
