"""Source mentions -> source descriptions (type, count, affiliation, role) and their resolution within an article."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from according.extract import cues

_PRONOUNS_PERSON = frozenset({"he", "she", "him", "her", "i", "we", "they", "you"})
_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those", "its", "his", "her", "their"})
_DEFINITE = frozenset({"the", "this", "that", "these", "those"})
_AFFILIATION_NOUNS = cues.INSTITUTION_HEADS | {"defense", "defence", "security"}
_AFFILIATION_ADJECTIVES = frozenset({"western", "eastern", "foreign", "local", "military"})


@dataclass(slots=True)
class Member:
    """One conjunct of a composite description ("two Iraqi intelligence sources")."""

    start: int
    end: int
    descriptor: str
    count: int | None
    affiliation: str | None
    role: str | None


@dataclass(slots=True)
class Description:
    """What a source mention says about its source, before resolution."""

    start: int
    end: int
    text: str
    type: str
    name: str
    anonymous: bool
    count: int | None = None
    count_phrase: str | None = None
    affiliation: str | None = None
    role: str | None = None
    pronoun: bool = False
    definite: bool = False  # "the official", "these sources": refers back
    partitive: bool = False  # "one of the officials", "three of the sources": a part of an earlier group
    partitive_of: str | None = None  # the group descriptor after "of"
    outlet: str | None = None  # a media outlet named in or beside the mention ("who spoke to Reuters")
    news_item: bool = False  # "the report", "the Reuters piece"
    members: list[Member] = field(default_factory=list)
    head_lemma: str = ""
    plural: bool = False


def ents_in(span: Span, ents: Sequence[Span] | None) -> list[Span]:
    """Entities inside `span`; with `ents` (the doc's, sorted) found by bisection, not a scan of all."""
    if ents is None:
        return list(span.ents)
    i = _bisect_start(ents, span.start)
    out: list[Span] = []
    while i < len(ents) and ents[i].start < span.end:
        if ents[i].end <= span.end:
            out.append(ents[i])
        i += 1
    return out


def _bisect_start(ents: Sequence[Span], start: int) -> int:
    lo, hi = 0, len(ents)
    while lo < hi:
        mid = (lo + hi) // 2
        if ents[mid].start < start:
            lo = mid + 1
        else:
            hi = mid
    return lo


def _outlet_name(span: Span, span_ents: list[Span]) -> str | None:
    """The media outlet named in `span`, if any."""
    low = span.text.lower()
    for ent in span_ents:
        name = ent.text.lower().removeprefix("the ").strip()
        if name in cues.MEDIA_OUTLETS or ("the " + name) in cues.MEDIA_OUTLETS:
            return _strip_the(ent.text)
        if ent.label_ in {"ORG", "WORK_OF_ART", "PRODUCT", "GPE", "PERSON", "NORP"} and ent.label_ != "GPE":
            last = ent.text.lower().split()[-1] if ent.text.split() else ""
            if last in cues.MEDIA_WORDS and ent.label_ == "ORG":
                return _strip_the(ent.text)
    words = re.findall(r"[\w.\-']+", low)
    for n in (3, 2, 1):
        for i in range(len(words) - n + 1):
            cand = " ".join(words[i : i + n])
            if cand in cues.MEDIA_OUTLETS and cand not in {"time", "vice", "fox", "post", "the times", "the sun"}:
                # return the surface form
                m = re.search(re.escape(cand), low)
                if m:
                    return _strip_the(span.text[m.start() : m.end()])
    return None


def _strip_the(s: str) -> str:
    return s[4:] if s.lower().startswith("the ") else s


def _count_of(tokens: list[Token]) -> tuple[int | None, str | None]:
    """The number the description states ("three" -> 3, "a couple of dozen" -> 24), or the vague phrase."""
    for i, t in enumerate(tokens):
        low = t.lower_
        if (t.like_num and t.pos_ == "NUM") or (t.like_num and low.isdigit()):
            try:
                return int(low.replace(",", "")), t.text
            except ValueError:
                if low in cues.NUMBER_WORDS:
                    return cues.NUMBER_WORDS[low], t.text
                return None, t.text
        if low in cues.NUMBER_WORDS and low not in {"a", "an", "one", "single"} and t.pos_ in {"NUM", "DET", "ADJ"}:
            return cues.NUMBER_WORDS[low], t.text
        if low in cues.VAGUE_QUANTIFIERS and t.dep_ in {"amod", "det", "nummod", "advmod", "quantmod", "nsubj"}:
            phrase = t.text
            if low == "few" and i > 0 and tokens[i - 1].lower_ == "a":
                phrase = "a few"
            if low == "no":
                return 0, phrase
            return None, phrase
    return None, None


def _affiliation(head: Token, tokens: list[Token]) -> str | None:
    """Adjectives, nationalities and organisation words before the head ("Iraqi intelligence")."""
    mods: list[Token] = []
    for t in tokens:
        if t.i >= head.i:
            break
        named = t.dep_ in {"amod", "compound", "nmod"} and (t.ent_type_ in {"NORP", "GPE", "ORG"} or t.pos_ == "PROPN")
        institution = t.dep_ == "compound" and t.lower_ in _AFFILIATION_NOUNS
        regional = t.dep_ in {"amod", "compound"} and t.lower_ in _AFFILIATION_ADJECTIVES
        if named or institution or regional:
            mods.append(t)
    if head.dep_ == "compound":
        return None
    # "of the Iranian government", "from the ministry"
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in {"from", "at", "in", "with"}:
            obj = [c for c in child.children if c.dep_ == "pobj"]
            if obj and (obj[0].ent_type_ in {"ORG", "GPE", "NORP"} or obj[0].lower_ in cues.INSTITUTION_HEADS):
                sub = obj[0].doc[obj[0].left_edge.i : obj[0].right_edge.i + 1]
                return " ".join(w.text for w in sub if w.lower_ not in _DETERMINERS)
    if not mods:
        return None
    return " ".join(m.text for m in mods)


def describe(span: Span, ents: Sequence[Span] | None = None) -> Description:
    """Type, name, count, affiliation and role from a source mention span.

    `ents` is the doc's entity list (sorted), passed in so that many mentions of a long article do
    not each rebuild it (spaCy's `Doc.ents` builds every entity span on each access).
    """
    span_ents = ents_in(span, ents)
    text = span.text
    root = span.root  # "one of the officials": the root is "one"; the described group is its pobj
    low = root.lower_
    toks = list(span)
    d = Description(span.start_char, span.end_char, text, "unspecified", text, False, head_lemma=root.lemma_.lower())
    first = toks[0].lower_ if toks else ""
    d.definite = first in _DEFINITE
    d.plural = root.tag_ in {"NNS", "NNPS"} or low in {"they", "we", "them", "people"}
    d.outlet = _outlet_name(span, span_ents)
    if len(toks) == 1 and root.pos_ == "PRON":
        d.pronoun = root.lower_ in _PRONOUNS_PERSON or root.lower_ in {"it", "they"}
        if low in {"nobody", "no one", "someone", "somebody", "anyone"}:
            d.type, d.anonymous, d.count = "anonymous_group", True, None
            return d
        d.type = "unspecified"
        return d
    if text.lower() == "no one":
        d.type, d.anonymous, d.count, d.count_phrase = "anonymous_group", True, 0, "no one"
        return d
    # partitive: "one of the Iranian officials", "three of the sources"
    of = [c for c in root.children if c.dep_ == "prep" and c.lower_ == "of"]
    if (root.like_num or low in cues.NUMBER_WORDS or low in {"some", "several", "many", "most", "few"}) and of:
        pobj = [c for c in of[0].children if c.dep_ == "pobj"]
        d.partitive = True
        d.count = cues.NUMBER_WORDS.get(low) if not low.isdigit() else int(low)
        d.count_phrase = root.text
        if pobj:
            g = pobj[0]
            gspan = span.doc[g.left_edge.i : g.right_edge.i + 1]
            d.partitive_of = gspan.text
            d.affiliation = _affiliation(g, list(gspan))
            d.role = g.lemma_.lower() if g.lemma_.lower() in cues.ROLES else None
            d.head_lemma = g.lemma_.lower()
        if d.count == 1:
            d.type = "anonymous_person"
        else:
            d.type = "anonymous_group"
        d.anonymous = True
        d.name = text
        return d
    persons = [e for e in span_ents if e.label_ == "PERSON"]
    orgs = [e for e in span_ents if e.label_ in {"ORG", "GPE", "NORP", "FAC"}]
    if d.outlet and (
        root.ent_type_ or root.lower_ in cues.NEWS_ITEM_NOUNS or root.pos_ == "PROPN" or low in cues.MEDIA_WORDS
    ):
        d.type, d.name = "media_outlet", d.outlet
        d.news_item = root.lower_ in cues.NEWS_ITEM_NOUNS
        return d
    if persons and (root.ent_type_ == "PERSON" or any(p.root == root for p in persons) or root.lower_ in cues.ROLES):
        p = persons[-1]
        d.type, d.name = "named_person", p.text.removesuffix("'s").removesuffix("’s")
        role_words = [t.lower_ for t in toks if t.lower_ in cues.ROLES and t.ent_type_ != "PERSON"]
        d.role = role_words[-1] if role_words else None
        aff = [e.text for e in orgs if not (e.start < p.end and p.start < e.end)]
        d.affiliation = _strip_the(aff[0]) if aff else None
        return d
    if root.lower_ in cues.NEWS_ITEM_NOUNS and (d.definite or len(toks) == 1):
        # "the report", or a bare "Report" heading a headline: a news report
        d.type, d.name, d.news_item = "media_outlet", "the report", True
        return d
    if root.lower_ in cues.DOCUMENT_NOUNS or root.lemma_.lower() in cues.DOCUMENT_NOUNS:
        d.type, d.name = "document", text
        return d
    lemma = root.lemma_.lower()
    is_anon_head = low in cues.ANONYMOUS_HEADS or lemma in cues.ANONYMOUS_HEADS
    if root.ent_type_ in {"ORG", "GPE", "NORP", "FAC"} and not is_anon_head:
        ent = next((e for e in orgs if e.start <= root.i < e.end), None)
        d.type, d.name = "named_organization", _strip_the(ent.text if ent else root.text)
        return d
    if root.pos_ == "PROPN" and not is_anon_head:
        # unrecognised proper name: an organisation if it looks like one, else a person
        d.type = "named_person" if root.ent_type_ == "PERSON" else "named_organization"
        d.name = _strip_the(text)
        return d
    if is_anon_head:
        d.anonymous = True
        d.count, d.count_phrase = _count_of(toks)
        d.affiliation = _affiliation(root, toks)
        d.role = lemma if lemma in cues.ROLES else None
        conj = [c for c in root.children if c.dep_ == "conj"]
        if conj:
            _members(d, span, root)
        elif lemma in cues.INSTITUTION_HEADS and not d.plural:
            # "the government", "Iraqi intelligence": an institution left unnamed
            d.type = "anonymous_group"
            d.name = _descriptor(toks)
            return d
        if d.members:
            d.type = "anonymous_group"
        elif d.count == 1 or (d.count is None and not d.plural and d.count_phrase is None):
            d.type = "anonymous_person"
            d.count = 1
        else:
            d.type = "anonymous_group"
        d.name = _descriptor(toks) if not d.members else text
        return d
    if orgs:
        d.type, d.name = "named_organization", _strip_the(orgs[-1].text)
        return d
    d.type = "unspecified"
    return d


def _descriptor(toks: list[Token]) -> str:
    """'three Iranian officials' -> 'Iranian officials' (quantity and determiners dropped)."""
    words = [
        t.text
        for t in toks
        if t.lower_ not in _DETERMINERS
        and not t.like_num
        and t.lower_ not in cues.NUMBER_WORDS
        and t.lower_ not in cues.VAGUE_QUANTIFIERS
        and t.dep_ not in {"relcl", "punct"}
    ]
    return " ".join(words) if words else " ".join(t.text for t in toks)


def _members(d: Description, span: Span, root: Token) -> None:
    """Split "three Iranian officials, two Iraqi sources and two Western sources" into its groups."""
    heads = [root, *[c for c in root.conjuncts if span.start <= c.i < span.end]]
    heads.sort(key=lambda t: t.i)
    total = 0
    known = True
    for i, h in enumerate(heads):
        left = h.left_edge.i if i == 0 else max(h.left_edge.i, heads[i - 1].i + 1)
        toks = [t for t in span.doc[left : h.i + 1] if t.dep_ not in {"cc", "punct"}]
        if not toks:
            continue
        count, _phrase = _count_of(toks)
        aff = _affiliation(h, toks)
        lemma = h.lemma_.lower()
        d.members.append(
            Member(
                toks[0].idx, h.idx + len(h.text), _descriptor(toks), count, aff, lemma if lemma in cues.ROLES else None
            )
        )
        if count is None:
            known = False
        else:
            total += count
    d.count = total if known and d.members else d.count
    d.count_phrase = None if d.count is not None else d.count_phrase
    affs = [m.affiliation for m in d.members if m.affiliation]
    d.affiliation = "; ".join(dict.fromkeys(affs)) if affs else None
