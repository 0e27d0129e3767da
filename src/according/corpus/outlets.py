"""Outlet profiles: per outlet and period, how much anonymous sourcing, how many quotes, which kinds, how much opinion.

Counts come from each stored document's ledger profile (docs/ledger.md), latest versions only, summed per
outlet and period before any ratio is taken, so a long article weighs more than a short one.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Literal

import sqlalchemy as sa

from according.corpus.build import _engine, _latest, _pages
from according.store import schema as t
from according.store.base import Store

PeriodName = Literal["month", "year", "all"]
_ANONYMOUS = ("anonymous_person", "anonymous_group")
_QUOTES = ("direct", "mixed")
_PAGE = 1000


@dataclass(slots=True)
class OutletProfile:
    """Sums over one outlet's articles in one period; the properties are the ratios."""

    outlet: str | None
    period: str  # "2019-01", "2019", "all", or "undated"
    articles: int = 0
    attributions: int = 0
    anonymous: int = 0  # attributions whose source is anonymous
    quotes: int = 0  # direct and mixed quotations
    sentences: int = 0
    opinion_sentences: int = 0
    kinds: Counter[str] = field(default_factory=Counter)

    @property
    def quotes_per_article(self) -> float:
        return self.quotes / self.articles if self.articles else 0.0

    @property
    def anonymous_share(self) -> float:
        """Anonymously sourced attributions over all attributions."""
        return self.anonymous / self.attributions if self.attributions else 0.0

    @property
    def opinion_share(self) -> float:
        """Opinion sentences over all sentences."""
        return self.opinion_sentences / self.sentences if self.sentences else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "outlet": self.outlet,
            "period": self.period,
            "articles": self.articles,
            "attributions": self.attributions,
            "quotes": self.quotes,
            "quotes_per_article": round(self.quotes_per_article, 4),
            "anonymous_share": round(self.anonymous_share, 4),
            "opinion_share": round(self.opinion_share, 4),
            "kinds": dict(self.kinds),
        }


def _period(published: str | None, period: PeriodName) -> str:
    if period == "all":
        return "all"
    if not published:
        return "undated"
    return published[:7] if period == "month" else published[:4]


def _profiles(store: Store) -> Iterator[tuple[str | None, str | None, int, dict[str, Any]]]:
    d = t.documents
    engine = _engine(store)
    q = sa.select(d.c.pk, d.c.outlet, d.c.published, d.c.sentences, d.c.profile).where(_latest())
    for r in _pages(engine, q, d.c.pk, _PAGE):
        yield r.outlet, r.published, int(r.sentences), dict(r.profile)


def outlet_profiles(store: Store, *, period: PeriodName = "month") -> list[OutletProfile]:
    """One profile per (outlet, period), sorted by outlet then period; articles without an outlet under None."""
    out: dict[tuple[str | None, str], OutletProfile] = {}
    for outlet, published, sentences, profile in _profiles(store):
        key = (outlet, _period(published, period))
        p = out.get(key)
        if p is None:
            p = out[key] = OutletProfile(*key)
        by_kind = profile.get("by_kind", {})
        by_type = profile.get("by_source_type", {})
        p.articles += 1
        p.attributions += int(profile.get("attributions", 0))
        p.anonymous += sum(int(by_type.get(k, 0)) for k in _ANONYMOUS)
        p.quotes += sum(int(by_kind.get(k, 0)) for k in _QUOTES)
        p.sentences += sentences
        p.opinion_sentences += int(profile.get("opinion_sentences", 0))
        p.kinds.update({k: int(v) for k, v in by_kind.items()})
    return sorted(out.values(), key=lambda p: (p.outlet is None, p.outlet or "", p.period))
