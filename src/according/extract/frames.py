"""Structured claims: who did what to whom, where and when, inside each claim of the ledger.

Frames are read off the existing dependency parse (no second model): one frame per main predicate of a
claim, one more per coordinated predicate ("shipping missiles ... and teaching them"). The rules (which
dependents are actors, targets and places, what counts as negation and modality) are in docs/frames.md.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from spacy.tokens import Doc, Span, Token

from according.extract import quantities as quantities_mod
from according.extract import timex
from according.extract._frame_words import (
    ADVERBIAL_POBJ,
    ASPECTUAL,
    BOILERPLATE,
    CLAUSE,
    CONTRACTED,
    CONTROL,
    CONTROL_ADJ,
    COPULAS,
    EVENT_NOUNS,
    IDIOMS,
    INTRANSITIVE_NOUNS,
    LOCATIVE_PREPS,
    MODALS,
    NEG_WORDS,
    NESTED_CLAUSES,
    NOT_GAP,
    NOT_NP,
    OBJECT_CONTROL,
    PATIENT_NOUNS,
    PLACE_LABELS,
    PLACE_NOUNS,
    PLACE_PREPS,
    PLACE_TYPES,
    SITE_WORDS,
    TARGET_PREPS,
)
from according.types import Argument, Attribution, Entity, Frame, Quantity, TextSpan, TimeExpression

_MAX_ARG = 25  # tokens: a longer noun phrase is a run-on, cut back to its head


@dataclass(slots=True)
class _Context:
    """A predicate's resolved roles, and what it hands to the predicates coordinated with or controlled by it."""

    actors: list[Token] = field(default_factory=list)
    passive_actors: list[Token] = field(default_factory=list)  # targets that are the grammatical subject
    subject: list[Token] = field(default_factory=list)  # the grammatical subject a subjectless verb shares
    negated: bool = False
    modality: str | None = None
    gap: Token | None = None  # a bare relative clause's antecedent, its missing object ("the missiles it handed over")


@dataclass(slots=True)
class _Pred:
    """One predicate found in a claim: the action token, the token its domain hangs from, and its inheritance."""

    token: Token
    top: Token
    context: _Context
    event_noun: bool = False


@dataclass(slots=True)
class _Index:
    """Per-document lookups built once: entity of each token, place tokens, times and quantities by root token."""

    entity_of: dict[int, str]
    place_entity: set[str]
    times: list[tuple[int, TimeExpression]]
    quantities: list[tuple[int, Quantity]]
    time_tokens: set[int] = field(default_factory=set)  # tokens inside a time expression: never an actor or target


def _is_claim(sent: Span) -> bool:
    """A sentence that asserts something: not a question, an order or a site notice to the reader, and not verbless."""
    words = [t for t in sent if not (t.is_punct or t.is_space)]
    if not words or sent.text.rstrip(" \t\n\"'”’)»").endswith("?"):
        return False
    lowered = sent.text.strip().lower()
    if BOILERPLATE.search(lowered) or (
        any(t.lower_ in ("you", "your", "yours") for t in words) and SITE_WORDS.search(lowered)
    ):
        return False
    first = next((t for t in words if t.lower_ not in ("please", "just", "do", "now")), None)
    root = sent.root
    if (
        first is not None
        and root.i == first.i
        and root.tag_ == "VB"
        and not any(c.dep_ in ("nsubj", "nsubjpass", "expl", "aux", "auxpass") for c in root.children)
    ):
        return False  # an imperative: "Click here", "Please let us know ..."
    return any(t.pos_ in ("VERB", "AUX") for t in words) or any(t.lemma_.lower() in EVENT_NOUNS for t in words)


def author_statements(
    text: str, sents: Sequence[Span], attributions: Sequence[Attribution]
) -> list[tuple[str, TextSpan]]:
    """Claims in the author's own voice, numbered "u1", "u2" ...: sentences with no attributed content or cue inside.

    Questions, imperatives, notices to the reader ("Please let us know if you're having issues with commenting.")
    and verbless lines (a headline or caption with no predicate or event noun) are not claims and are left out.
    """
    covered = [(p.start, p.end) for a in attributions for p in (a.content_parts or (a.content,))]
    covered += [(a.cue.start, a.cue.end) for a in attributions if a.cue]
    out: list[tuple[str, TextSpan]] = []
    for s in sents:
        if any(st < s.end_char and s.start_char < en for st, en in covered) or not _is_claim(s):
            continue
        out.append((f"u{len(out) + 1}", TextSpan.of(text, s.start_char, s.end_char)))
    return out


def _tokens(sdoc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """Token range [i, j) covering the characters [start, end), or None when it holds no token."""
    n = sdoc[-1].idx + len(sdoc[-1].text_with_ws) if len(sdoc) else 0  # len(sdoc.text) joins the whole text
    start, end = max(0, min(start, n)), max(0, min(end, n))
    if start >= end:
        return None
    span = sdoc.char_span(start, end, alignment_mode="contract") or sdoc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    return span.start, span.end


def _index(sdoc: Doc, entities: Sequence[Entity], published: datetime | None) -> _Index:
    entity_of: dict[int, str] = {}
    place_entity: set[str] = set()
    # named mentions first, so a pronoun mention never overrides a name on the same token
    mentions = sorted(
        ((m, e) for e in entities for m in e.mentions), key=lambda me: (me[0].via != "ner", me[0].span.start)
    )
    for m, e in mentions:
        if e.type in PLACE_TYPES:
            place_entity.add(e.id)
        r = _tokens(sdoc, m.span.start, m.span.end)
        if r is None:
            continue
        for i in range(*r):
            entity_of.setdefault(i, e.id)
    times: list[tuple[int, TimeExpression]] = []
    time_tokens: set[int] = set()
    for t in timex.time_expressions(sdoc, published=published):
        r = _tokens(sdoc, t.span.start, t.span.end)
        if r is not None:
            times.append((sdoc[r[0] : r[1]].root.i, t))
            time_tokens.update(range(*r))
    quants: list[tuple[int, Quantity]] = []
    for q in quantities_mod.quantities(sdoc):
        r = _tokens(sdoc, q.span.start, q.span.end)
        if r is not None:
            quants.append((sdoc[r[0] : r[1]].root.i, q))
    return _Index(entity_of, place_entity, times, quants, time_tokens)


def _span(sdoc: Doc, i: int, j: int) -> TextSpan:
    """The character span of tokens [i, j); `Span.text` is the Doc's text sliced there, without joining it all."""
    sp = sdoc[i:j]
    return TextSpan(sp.start_char, sp.end_char, sp.text)


def _np(head: Token, lo: int, hi: int) -> tuple[int, int]:
    """Token range of the noun phrase headed by `head`, without relative clauses, appositions or conjuncts."""
    drop: set[int] = set()
    for c in head.children:
        if (c.dep_ in NOT_NP and not (c.tag_ == "HYPH" and _in_word(c))) or (c.dep_ == "case" and head.dep_ == "poss"):
            # "Kim Jong-il" keeps its hyphen; a possessor leaves its "'s" ("Laura's release" -> "Laura")
            drop.update(t.i for t in c.subtree)
    for t in head.subtree:  # clauses and appositions deeper down too: "a delegation of winners who were visiting"
        if (
            t.dep_ in NESTED_CLAUSES
            and t.head.i != head.i
            and t.left_edge.i > head.i  # "the Organics & Chemicals (SHERLOC) instruments" keeps its name
            and t.head.pos_ not in ("PRON", "DET")  # "two thirds of those known to be infected" needs its clause
            and t.i not in drop
        ):
            drop.update(g.i for g in t.subtree)
    i = j = head.i
    left, right = max(lo, head.left_edge.i), min(hi - 1, head.right_edge.i)
    while i - 1 >= left and i - 1 not in drop:
        i -= 1
    while j + 1 <= right and j + 1 not in drop:
        j += 1
    doc = head.doc
    while i < head.i and (doc[i].is_punct or doc[i].is_space or doc[i].dep_ == "cc"):
        i += 1
    while j > head.i and (doc[j].is_punct or doc[j].is_space):
        j -= 1
    if j - i + 1 > _MAX_ARG:  # a run-on phrase: keep the head and what modifies it from the left
        i, j = max(i, head.i - 6), head.i
    return i, j + 1


def _in_word(t: Token) -> bool:
    """A token written inside a word, with no space on either side ("-" in "Jong-il")."""
    return not t.whitespace_ and t.i > 0 and not t.doc[t.i - 1].whitespace_


def _conjuncts(head: Token) -> list[Token]:
    """The head and its coordinated nouns ("Iran, Syria and Hezbollah"), each its own argument."""
    out = [head]
    for c in head.children:
        if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN", "PRON", "NUM"):
            out.extend(_conjuncts(c))
    return out


def _is_place(tok: Token, index: _Index, prep: str = "") -> bool:
    """A GPE/LOC/FAC name or a place entity; after a locative preposition, also a place noun ("rehab facility")."""
    eid = index.entity_of.get(tok.i)
    if tok.ent_type_ in PLACE_LABELS or (eid is not None and eid in index.place_entity):
        return True
    return prep in LOCATIVE_PREPS and tok.ent_type_ in ("", "ORG") and tok.lemma_.lower() in PLACE_NOUNS


def _negated(v: Token) -> bool:
    """Grammatical negation of the predicate: not/n't/never, "no longer", or a "no"/"nobody" subject or object."""
    for c in v.children:
        if c.dep_ == "neg" and not any(g.lower_ == "only" for g in c.children):
            nxt = c.doc[c.i + 1] if c.i + 1 < len(c.doc) else None
            if nxt is None or nxt.lower_ != "only":
                return True
        if (
            c.dep_ == "advmod"
            and c.lower_ in ("never", "longer")
            and (c.lower_ == "never" or any(g.lower_ == "no" for g in c.children))
        ):
            return True
        if c.dep_ in ("nsubj", "nsubjpass", "dobj") and (
            c.lower_ in NEG_WORDS or any(g.dep_ == "det" and g.lower_ == "no" for g in c.children)
        ):
            return True
    return False


def _modality(v: Token) -> str | None:
    for c in v.children:
        if c.dep_ == "aux" and (c.tag_ == "MD" or c.lower_ in MODALS):
            return MODALS.get(c.lower_, c.lemma_.lower())
    return None


def _subjects(v: Token) -> tuple[list[Token], list[Token], list[Token], bool]:
    """(agents, active subjects, passive subjects, passive?) of a verb: "by X" is the actor of a passive."""
    active = [c for c in v.children if c.dep_ in ("nsubj", "csubj") and c.lower_ not in ("there",)]
    passive = [c for c in v.children if c.dep_ in ("nsubjpass", "csubjpass")]
    is_passive = bool(passive) or any(c.dep_ == "auxpass" for c in v.children)
    if v.tag_ == "VBN" and active and not any(c.dep_ in ("aux", "auxpass") for c in v.children):
        # headlinese drops the auxiliary: "Two American Journalists Sentenced to Hard Labor" is passive
        passive, active, is_passive = active, [], True
    agents = [g for c in v.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    return agents, active, passive, is_passive


def _passive_conjunct(v: Token) -> bool:
    """A bare past participle coordinated with a passive verb ("was arrested and charged")."""
    return (
        v.dep_ == "conj"
        and v.tag_ == "VBN"
        and not any(c.dep_ in ("aux", "auxpass") for c in v.children)
        and any(c.dep_ == "auxpass" for c in v.head.children)
    )


def _lemma(v: Token) -> str:
    """The lower-cased lemma; contracted copulas ("’s", "'re") read as "be"."""
    lemma = v.lemma_.lower().replace("’", "'")
    if v.lower_.replace("’", "'") in CONTRACTED and lemma != "have" and v.pos_ in ("AUX", "VERB"):
        return "be"
    return CONTRACTED.get(lemma, lemma)


def _shares_subject(c: Token) -> bool:
    """An adverbial clause with no subject or conjunction of its own: "..., placing ...", "... to expand ..."."""
    if any(g.dep_ in ("mark", "nsubj", "nsubjpass", "csubj", "expl") for g in c.children):
        return False
    return c.tag_ == "VBG" or (c.tag_ == "VB" and any(g.dep_ == "aux" and g.tag_ == "TO" for g in c.children))


def _to_infinitive(c: Token) -> bool:
    """A to-infinitive or bare infinitive complement ("waiting to give", "help us prepare")."""
    if any(g.dep_ in ("nsubj", "nsubjpass", "mark") for g in c.children):
        return False
    return c.tag_ == "VB" or (c.tag_ == "VBN" and any(g.tag_ == "TO" for g in c.children))


def _has_gap(r: Token, antecedent: Token) -> bool:
    """A relative clause with no relative pronoun or object, so its antecedent is its object ("missiles it sent")."""
    if antecedent.ent_type_ in ("DATE", "TIME") or antecedent.lemma_.lower() in NOT_GAP:
        return False
    for c in r.children:
        if c.tag_ in ("WDT", "WP", "WP$", "WRB") or c.lower_ == "that":
            return False
        if c.dep_ in ("dobj", "attr", "acomp", "ccomp", "nsubjpass", "agent"):
            return False
    return any(c.dep_ == "nsubj" for c in r.children)


def _expletive(v: Token, pred: Token | None) -> bool:
    """Whether a subject "it" stands for a clause: "It is not clear why ...", "it was thought (that) ..."."""
    if not (pred is not None or _lemma(v) in ("seem", "appear") or any(g.dep_ == "auxpass" for g in v.children)):
        return False
    return any(
        c.dep_ in ("ccomp", "csubj", "xcomp") or (c.dep_ == "advcl" and any(g.tag_ == "TO" for g in c.children))
        for h in (v, pred)
        if h is not None
        for c in h.children
    )


class _Claim:
    """Predicates of one claim part, found top-down from the part's root tokens."""

    def __init__(self, sdoc: Doc, lo: int, hi: int, cues: set[int], owner: list[int], me: int) -> None:
        self.sdoc, self.lo, self.hi, self.cues, self.owner, self.me = sdoc, lo, hi, cues, owner, me
        self.preds: list[_Pred] = []
        self._seen: set[int] = set()

    def inside(self, t: Token) -> bool:
        return self.lo <= t.i < self.hi

    def find(self) -> list[_Pred]:
        for t in self.sdoc[self.lo : self.hi]:
            if not self.inside(t.head) or t.head.i == t.i:
                ctx = _Context()
                if t.dep_ == "xcomp" and t.head.i != t.i:  # "The military is believed | to have targeted ..."
                    ctx.subject = [c for c in t.head.children if c.dep_ in ("nsubj", "nsubjpass")]
                self._visit(t, ctx)
        return self.preds

    def _add(self, tok: Token, top: Token, ctx: _Context, event_noun: bool = False) -> None:
        if tok.i in self._seen:
            return
        self._seen.add(tok.i)
        if self.owner[tok.i - self.lo] == self.me:  # a nested claim owns its own predicates
            self.preds.append(_Pred(tok, top, ctx, event_noun))

    def _visit(self, t: Token, ctx: _Context, top: Token | None = None) -> None:
        if t.i in self._seen or t.is_space or t.is_punct:
            return
        if t.i in self.cues:  # the reporting cue is not the claim's action: its complement is
            for c in t.children:
                if c.dep_ in ("ccomp", "xcomp", "conj", "parataxis") and self.inside(c):
                    self._visit(c, _Context())
            return
        if t.pos_ == "VERB" or (t.pos_ == "AUX" and (t.dep_ in CLAUSE or not self.inside(t.head))):
            self._verb(t, ctx, top or t)
        elif t.pos_ in ("NOUN", "PROPN"):
            self._noun(t)
        else:
            for c in t.children:
                if c.dep_ in ("ccomp", "conj", "parataxis") and self.inside(c):
                    self._visit(c, _Context())

    def _verb(self, v: Token, ctx: _Context, top: Token) -> None:
        agents, active, passive_subj, passive = _subjects(v)
        own = bool(active or passive_subj)  # a conjunct with a subject of its own inherits nothing
        if not own and _passive_conjunct(v):  # "was arrested and charged": "charged" is passive too
            passive = True
        subject = (active or passive_subj) if own else (ctx.subject or ctx.actors)
        if passive:  # a shared subject is what a passive verb acts on: "facilities appear to be protected by X"
            actors, patients = agents, passive_subj if own else subject
        else:
            actors, patients = subject, []
        here = _Context(
            actors,
            patients,
            subject,
            _negated(v) or (ctx.negated and not own),
            _modality(v) or (ctx.modality if not own else None),
            ctx.gap,
        )
        comp = next((c for c in v.children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX") and self.inside(c)), None)
        lemma = _lemma(v)
        adj = next((c for c in v.children if c.dep_ == "acomp" and c.lower_ in CONTROL_ADJ), None)
        adj_comp = (
            next((c for c in adj.children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX") and self.inside(c)), None)
            if adj is not None and lemma in COPULAS
            else None
        )
        if comp is not None and (lemma in CONTROL or lemma in ASPECTUAL) and not passive:
            self._seen.add(v.i)
            modality = here.modality or (lemma if lemma in CONTROL else None)
            self._verb(comp, _Context([], [], here.subject, here.negated, modality, here.gap), top)
        elif adj is not None and adj_comp is not None:  # "was not able to get a comment": the frame is "get"
            self._seen.add(v.i)
            modality, negates = CONTROL_ADJ[adj.lower_]
            inherited = _Context([], [], here.subject, here.negated or negates, here.modality or modality, here.gap)
            self._verb(adj_comp, inherited, top)
        else:
            subj = next((c for c in v.children if c.dep_ == "nsubj"), None)
            if lemma in ASPECTUAL and subj is not None and subj.lemma_.lower() in EVENT_NOUNS:
                self._add(subj, top, _Context([], [], [], here.negated, here.modality), event_noun=True)
            else:
                self._add(v, top, here)
        for c in v.children:
            if not self.inside(c):
                continue
            if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX"):
                self._verb(c, _Context([], [], here.subject, here.negated, here.modality, here.gap), c)
            elif c.dep_ == "advcl" and _shares_subject(c):
                # "..., placing the weapons in the hands of ...", "... to expand its ability": the actor acts
                self._verb(c, _Context([], [], here.actors or here.subject), c)
            elif c.dep_ in ("advcl", "ccomp", "parataxis") and c.pos_ in ("VERB", "AUX"):
                self._visit(c, _Context())  # "after Trump withdrew from the deal": a fact of its own
            elif c.dep_ == "xcomp" and c.pos_ == "VERB" and c.i not in self._seen and _to_infinitive(c):
                # "waiting to give face ... and rescue the two women": the subject acts, or the object of
                # an object-control verb ("allows scientists to study"); "use a laser to study" is the subject's
                obj = [g for g in v.children if g.dep_ == "dobj"] if lemma in OBJECT_CONTROL else []
                self._verb(c, _Context([], [], obj or here.actors or here.subject, here.negated), c)
        self._gerunds(v, here)
        self._events(v)

    def _gerunds(self, v: Token, here: _Context) -> None:
        """Frames of gerund clauses under a preposition: "took risks by talking to Reuters", "after stealing a car"."""
        obj = [g for g in v.children if g.dep_ == "dobj"]
        heads = [v, *(c for c in v.children if c.dep_ == "acomp")]  # "not worried about humiliating them"
        for c in (c for h in heads for c in h.children if c.dep_ == "prep" and self.inside(c)):
            for g in c.children:
                if (
                    g.dep_ == "pcomp"
                    and g.tag_ == "VBG"
                    and self.inside(g)
                    and g.i not in self._seen
                    and not any(x.dep_ in ("nsubj", "nsubjpass") for x in g.children)
                ):
                    # the subject acts, or the object after "for": "arrested him for driving drunk"
                    actor = obj if c.lower_ == "for" and obj else here.subject or here.actors
                    self._verb(g, _Context([], [], actor), g)

    def _events(self, v: Token) -> None:
        """Frames of the clause's arguments: relative clauses and event nouns with a participant."""
        for c in v.children:
            if not self.inside(c) or not (c.pos_ in ("NOUN", "PROPN", "PRON") or c.dep_ in ("prep", "agent")):
                continue
            heads = [] if c.dep_ in ("prep", "agent") else [c]  # "after the U.S. invasion of Iraq" too
            for n in (*heads, *(g for g in c.subtree if g.dep_ == "pobj" and self.inside(g))):
                self._noun_parts(n)

    def _noun_parts(self, n: Token) -> None:
        for r in n.children:
            if r.dep_ == "relcl" and r.pos_ in ("VERB", "AUX") and self.inside(r):
                # "missiles that could hit Tel Aviv" (_antecedent finds the actor); "the missiles it handed over"
                self._verb(r, _Context(gap=n if _has_gap(r, n) else None), r)
        if (
            n.pos_ == "NOUN"
            and n.lemma_.lower() in EVENT_NOUNS
            and any(g.dep_ == "poss" or (g.dep_ == "prep" and g.lower_ in ("of", "by", "against")) for g in n.children)
        ):
            self._add(n, n, _Context(), event_noun=True)

    def _noun(self, n: Token) -> None:
        if n.lemma_.lower() in EVENT_NOUNS:
            self._add(n, n, _Context(), event_noun=True)
            return
        for c in n.children:  # a headline: "Iran Arming Shiite Proxies in Iraq"
            if c.dep_ == "acl" and c.tag_ == "VBG" and self.inside(c):
                self._verb(c, _Context(subject=[n]), c)
            elif c.dep_ == "acl" and c.tag_ == "VBN" and self.inside(c) and any(g.dep_ == "nsubj" for g in c.children):
                self._verb(c, _Context(), c)  # "North Korea: Two American Journalists Sentenced to Hard Labor"
            elif c.dep_ in ("conj", "parataxis") and self.inside(c):
                self._visit(c, _Context())


def _owners(parts: list[tuple[int, int, int]], n_tokens: int) -> dict[int, list[int]]:
    """For each part (by number), the owning part of each of its tokens: the smallest part that holds it."""
    best: dict[int, tuple[int, int]] = {}
    for k, (lo, hi, _) in enumerate(parts):
        for i in range(lo, hi):
            size = hi - lo
            if i not in best or size < best[i][0]:
                best[i] = (size, k)
    return {k: [best[i][1] for i in range(lo, hi)] for k, (lo, hi, _) in enumerate(parts)}


def _domain(p: _Pred, others: Iterable[_Pred], lo: int, hi: int) -> set[int]:
    """Tokens of the predicate's clause inside the claim, less the clauses of the other predicates."""
    own = {t.i for t in p.top.subtree if lo <= t.i < hi}
    for o in others:
        if o.top.i != p.top.i and o.top.i in own:
            own -= {t.i for t in o.top.subtree}
    return own


def _antecedent(tok: Token) -> Token:
    """A relative pronoun's antecedent ("missiles that could hit" -> missiles); any other token itself."""
    if tok.tag_ in ("WDT", "WP") and tok.head.dep_ == "relcl" and tok.head.head.pos_ in ("NOUN", "PROPN", "PRON"):
        return tok.head.head
    return tok


def _shared_head(a: Token, b: Token) -> bool:
    """Whether name `a` only modifies noun `b` with it: "The Zelzal, Fateh-110 and Zolfaqar missiles" is one NP."""
    name = a.pos_ == "PROPN" or (a.pos_ == "NOUN" and a.text[:1].isupper() and a.i != a.sent.start)
    if not name or b.pos_ != "NOUN" or b.tag_ != "NNS" or not a.i < b.i:
        return False
    mods = [
        c
        for c in b.children
        if c.dep_ in ("compound", "amod", "nmod") and a.i < c.i < b.i and (c.pos_ == "PROPN" or c.text[:1].isupper())
    ]
    if not mods or any(c.dep_ not in ("det", "punct", "cc", "conj", "compound") for c in a.children):
        return False
    between = a.doc[a.i + 1 : min(m.left_edge.i for m in mods)]
    return all(t.is_punct or t.dep_ in ("cc", "punct") or t.pos_ in ("PROPN", "NUM", "PUNCT") for t in between)


def _arguments(sdoc: Doc, heads: Iterable[Token], lo: int, hi: int, index: _Index) -> list[Argument]:
    """One argument per head and per coordinated noun; names that only premodify a shared noun stay in its NP."""
    toks: list[Token] = []
    for h in map(_antecedent, heads):
        for c in _conjuncts(h):
            if lo <= c.i < hi and not (c.is_punct or c.is_space) and all(c.i != t.i for t in toks):
                toks.append(c)
    toks.sort(key=lambda t: t.i)
    out: list[Argument] = []
    k = 0
    while k < len(toks):
        c = toks[k]
        i, j = _np(c, lo, hi)
        entity = index.entity_of.get(c.i)
        while k + 1 < len(toks) and _shared_head(c, toks[k + 1]):
            k += 1
            c, j, entity = toks[k], _np(toks[k], lo, hi)[1], None
        out.append(Argument(_span(sdoc, i, j), entity))
        k += 1
    return out


def _predicate(v: Token, lo: int, hi: int) -> Token | None:
    """The predicate adjective of a linking verb ("was aware", "is not clear"), or None."""
    if _lemma(v) not in COPULAS:
        return None
    return next(
        (c for c in v.children if c.dep_ == "acomp" and c.pos_ in ("ADJ", "VERB") and lo <= c.i < hi),
        None,
    )


def _prep_objects(h: Token, index: _Index, places: list[Token], targets: list[Token], preps: frozenset[str]) -> None:
    """Objects of `h`'s prepositions: places where they name one, targets after `preps`; times are neither."""
    for c in h.children:
        if not (c.dep_ == "prep" or (c.dep_ == "dative" and c.pos_ == "ADP")):  # "sent missiles to Iraq"
            continue
        prep = c.lower_
        for g in c.children:
            if g.dep_ != "pobj" or g.i in index.time_tokens or g.lemma_.lower() in ADVERBIAL_POBJ:
                continue
            if prep in PLACE_PREPS and _is_place(g, index, prep):
                places.append(g)
            elif prep in preps:
                targets.append(g)


def _frame(sdoc: Doc, claim_id: str, p: _Pred, dom: set[int], lo: int, hi: int, index: _Index) -> Frame:
    v = p.token
    action_start, action_end = v.i, v.i + 1
    for c in v.children:  # phrasal verbs: "stepped up", "carried out"
        if c.dep_ == "prt" and c.i == action_end and c.i < hi:
            action_end += 1
    lemma = " ".join([_lemma(v), *(sdoc[k].lower_ for k in range(v.i + 1, action_end))])
    actors: list[Token] = []
    targets: list[Token] = []
    places: list[Token] = []
    if p.event_noun:
        noun = v.lemma_.lower()
        has_of = any(c.dep_ == "prep" and c.lower_ in ("of", "by") for c in v.children)
        for c in v.children:
            if c.dep_ == "poss" and _is_place(c, index):
                places.append(c)  # "the DRC's outbreak"
            elif c.dep_ == "poss" and noun in PATIENT_NOUNS and not has_of:
                targets.append(c)  # "Laura and Euna's release": they are released
            elif c.dep_ == "poss":
                actors.append(c)
            elif c.dep_ in ("compound", "amod", "nmod") and (
                c.ent_type_ in ("GPE", "NORP", "ORG", "PERSON") or c.i in index.entity_of
            ):
                actors.append(c)  # "the U.S. invasion", "Iranian assistance"
            elif c.dep_ == "prep":
                objs = [g for g in c.children if g.dep_ == "pobj"]
                prep = c.lower_
                for g in objs:
                    if prep == "by" or (prep == "of" and noun in INTRANSITIVE_NOUNS):
                        actors.append(g)  # "the death of Hamza": Hamza dies
                    elif prep in PLACE_PREPS and _is_place(g, index, prep):
                        places.append(g)
                    elif prep in ("of", "to", "against", "on"):
                        targets.append(g)
        actors.extend(p.context.actors)
    else:
        pred = _predicate(v, lo, hi)
        actors = list(p.context.actors)
        targets.extend(p.context.passive_actors)
        objects = [c for c in v.children if c.dep_ == "dobj" or (c.dep_ == "dative" and c.pos_ != "ADP")]
        idiom = next((o for o in objects if (lemma, o.lower_) in IDIOMS and o.i == action_end), None)
        if idiom is not None:  # "took place": the object is part of the action
            action_end += 1
            lemma = f"{lemma} {idiom.lower_}"
            objects.remove(idiom)
        targets.extend(objects)
        if pred is not None:  # "was aware of the transfers": the action is "aware", its object the target
            action_start, action_end = pred.i, pred.i + 1
            lemma = f"{lemma} {pred.lemma_.lower()}"
            _prep_objects(pred, index, places, targets, TARGET_PREPS | {"of", "about", "from", "over", "in"})
        else:
            targets.extend(c for c in v.children if c.dep_ == "attr" and c.tag_ not in ("WP", "WDT"))
        if p.context.gap is not None and not objects and not p.context.passive_actors:
            targets.append(p.context.gap)
        _prep_objects(v, index, places, targets, TARGET_PREPS)
        attr = next((c for c in v.children if c.dep_ == "attr"), None)
        if _expletive(v, pred or attr):
            actors = [a for a in actors if a.lower_ != "it"]
            targets = [t for t in targets if t.lower_ != "it" or t.dep_ not in ("nsubj", "nsubjpass")]
    actors = [a for a in actors if a.dep_ != "expl" and a.i not in index.time_tokens]
    targets = [t for t in targets if t.i not in index.time_tokens]
    actor_args = _arguments(sdoc, actors, lo, hi, index)
    if not actor_args:  # an actor outside the claim part (a subject before a split quote) still counts
        actor_args = _arguments(sdoc, actors, 0, len(sdoc), index)
    target_args = _arguments(sdoc, targets, lo, hi, index)
    place_args = _arguments(sdoc, places, lo, hi, index)
    taken = [(a.span.start, a.span.end) for a in (*actor_args, *target_args)]
    placed = [(a.span.start, a.span.end) for a in place_args]
    for t in sdoc[
        lo:hi
    ]:  # places further down the clause: "to hit targets across the Middle East", "the man in Boston"
        inside_arg = any(s <= t.idx < e for s, e in taken)
        if (
            t.i in dom
            and t.dep_ == "pobj"
            and t.head.lower_ in PLACE_PREPS
            and _is_place(t, index, "" if inside_arg else t.head.lower_)  # inside an argument: named places only
            and not any(s <= t.idx < e for s, e in placed)
        ):
            i, j = _np(t, lo, hi)
            place_args.append(Argument(_span(sdoc, i, j), index.entity_of.get(t.i)))
            placed.append((place_args[-1].span.start, place_args[-1].span.end))
    times = tuple(te for root, te in index.times if root in dom)
    quants = tuple(q for root, q in index.quantities if root in dom)
    return Frame(
        id="",
        claim_id=claim_id,
        action=_span(sdoc, action_start, action_end),
        lemma=lemma,
        negated=p.context.negated if not p.event_noun else _negated(v) or p.context.negated,
        modality=p.context.modality,
        actors=tuple(actor_args),
        targets=tuple(target_args),
        places=tuple(place_args),
        times=times,
        quantities=quants,
    )


def frames(
    sdoc: Doc,
    attributions: Sequence[Attribution],
    statements: Sequence[tuple[str, TextSpan]],
    entities: Sequence[Entity],
    *,
    published: datetime | None = None,
) -> tuple[Frame, ...]:
    """The frames of every claim (attribution contents and author statements), numbered "f1", "f2" ... in text order."""
    claims: list[tuple[str, int, int]] = []
    for a in attributions:
        for part in a.content_parts or (a.content,):
            r = _tokens(sdoc, part.start, part.end)
            if r is not None:
                claims.append((a.id, *r))
    for sid, span in statements:
        r = _tokens(sdoc, span.start, span.end)
        if r is not None:
            claims.append((sid, *r))
    if not claims:
        return ()
    cues: set[int] = set()
    for a in attributions:
        if a.cue is not None:
            r = _tokens(sdoc, a.cue.start, a.cue.end)
            if r is not None:
                cues.update(range(*r))
    index = _index(sdoc, entities, published)
    parts = [(lo, hi, k) for k, (_, lo, hi) in enumerate(claims)]
    owners = _owners(parts, len(sdoc))
    found: list[Frame] = []
    for k, (claim_id, lo, hi) in enumerate(claims):
        preds = _Claim(sdoc, lo, hi, cues, owners[k], k).find()
        for p in preds:
            dom = _domain(p, preds, lo, hi)
            found.append(_frame(sdoc, claim_id, p, dom, lo, hi, index))
    found.sort(key=lambda f: (f.action.start, f.action.end, f.claim_id))
    return tuple(
        Frame(
            f"f{i + 1}",
            f.claim_id,
            f.action,
            f.lemma,
            f.negated,
            f.modality,
            f.actors,
            f.targets,
            f.places,
            f.times,
            f.quantities,
        )
        for i, f in enumerate(found)
    )
