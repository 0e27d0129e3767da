"""spaCy Doc -> attribution candidates: quotes, reporting clauses, "according to", passive reporting, reporting nouns.

Pure functions over a parsed Doc; all positions returned are character offsets into `doc.text`.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from according.extract import cue_model, cues
from according.extract.quotes import Quotation, quotations

CharSpan = tuple[int, int]

_SUBJ = {"nsubj", "nsubjpass", "csubj"}
_SAY_LIKE = frozenset(
    {"say", "tell", "add", "write", "report", "announce", "state", "explain", "warn", "insist", "claim"}
)
_COMPLEMENT_DEPS = {"xcomp", "dobj", "oprd", "dative", "attr", "acomp", "pcomp"}
_SOURCE_DROP_DEPS = {"relcl", "punct", "appos", "advcl"}
_QUOTE_CHARS = "\"“”„«»‘’'"
_BOILERPLATE = re.compile(
    r"(let us know if you.re having issues|sign up for|subscribe to our|all rights reserved|click here|"
    r"share this (article|story)|follow us on|read more:|this article (was|has been) (updated|amended)|"
    r"copyright \d{4}|comments? (are|is) closed|leave a comment)",
    re.IGNORECASE,
)
_DASH_NAME = re.compile(r"[\s,.]*([―—–]|--)\s*([A-Z][^\n]{1,80}?)\s*$")
#: Verbs that hedge or link rather than attribute ("appear to be protected"): never learned cues.
_NOT_CUES = frozenset({"appear", "seem", "look", "sound", "remain", "become", "be", "have"})
#: Headline labels that are not speakers ("Exclusive: ...", "Analysis: ...").
_HEADING_WORDS = frozenset(
    {"update", "updated", "analysis", "exclusive", "breaking", "opinion", "editorial", "watch", "video", "photos",
     "live", "explainer", "review", "interview", "factbox", "timeline", "correction", "listen", "poll",
     "podcast", "essay", "commentary", "column", "letters", "fact", "check", "the", "a", "an", "why", "how", "what"}
)  # fmt: skip
_TITLE_NAME = re.compile(r"^\s*([A-Z][^:\n]{0,50}?)\s*:\s*\S")
_SPEAKER_LABEL = re.compile(r"^[ \t]*([A-Z][A-Z.'\- ]{1,30}[A-Z.]|Q|A)[ \t]*:[ \t]+", re.MULTILINE)
_TITLE_SOURCE = re.compile(r"^\s*(Report|Reports|Sources?|Officials?|Study|Poll|Experts?|Witnesses?)\s*:\s*\S")


@dataclass(slots=True)
class Candidate:
    """One attribution before sources are resolved and ids given."""

    kind: str
    content: list[CharSpan]
    cue: CharSpan | None
    cue_lemma: str
    stance: str
    source: CharSpan | None
    source_context: CharSpan | None = None  # the source phrase with its relative clauses, for outlet links
    confidence: float = 0.7
    passive: bool = False
    rule: str = ""
    speaker_from: Candidate | None = None  # the candidate whose speaker a carried-over quote takes
    refers_to: CharSpan | None = None  # the phrase a relative-pronoun mention stands for ("who" -> "Luis Rubio")
    quote: bool = False

    @property
    def start(self) -> int:
        return self.content[0][0]

    @property
    def end(self) -> int:
        return self.content[-1][1]


def _trim(text: str, s: int, e: int, chars: str = " \t\n,;:.") -> CharSpan:
    while s < e and (text[s].isspace() or text[s] in ",;:"):
        s += 1
    while e > s and text[e - 1] in chars:
        e -= 1
    return s, e


def _trim_marks(text: str, s: int, e: int) -> CharSpan:
    """Drop surrounding quote marks and punctuation from a source phrase."""
    while s < e and (text[s].isspace() or text[s] in _QUOTE_CHARS + ",;:("):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in _QUOTE_CHARS + ",;:.)"):
        e -= 1
    return s, e


def _subtree_span(tok: Token, *, drop: Iterable[str] = (), stop_at: Token | None = None) -> CharSpan:
    """Characters covered by `tok`'s subtree, leaving out children with the given deps (and their subtrees)."""
    drop = set(drop)
    excluded: set[int] = set()
    for child in tok.children:
        if child.dep_ in drop:
            excluded.update(t.i for t in child.subtree)
    if stop_at is not None:
        excluded.update(t.i for t in stop_at.subtree)
    toks = [t for t in tok.subtree if t.i not in excluded]
    # keep a contiguous run around the head
    toks.sort(key=lambda t: t.i)
    left = tok.i
    right = tok.i
    ids = {t.i for t in toks}
    while left - 1 in ids:
        left -= 1
    while right + 1 in ids:
        right += 1
    doc = tok.doc
    return doc[left].idx, doc[right].idx + len(doc[right].text)


def _source_span(text: str, tok: Token) -> tuple[CharSpan, CharSpan]:
    """(mention, context): the subject phrase without relative clauses, and with them.

    `text` is `tok.doc.text`, passed in because spaCy rebuilds that string on every access.
    """
    mention = _subtree_span(tok, drop=_SOURCE_DROP_DEPS)
    context = _subtree_span(tok)
    return _trim_marks(text, *mention), context


def _subject(verb: Token, quotes: list[tuple[int, int]] | None = None) -> Token | None:
    """The grammatical subject of a verb, looking through conjunctions, participles and xcomps.

    A subject inside a quotation (a parse that hangs the quote's own subject on the speech verb)
    is skipped when `quotes` lists the quotations' character ranges.
    """
    for c in verb.children:
        if c.dep_ in _SUBJ and c.dep_ != "csubj":
            if quotes and any(s <= c.idx < e for s, e in quotes):
                continue
            return c
    for c in verb.children:
        if c.dep_ == "agent":
            objs = [g for g in c.children if g.dep_ == "pobj"]
            if objs:
                return objs[0]
    if verb.lemma_ == "put":
        # "as one source put it": the small model often hangs the speaker on "as"
        for t in reversed(verb.doc[max(verb.sent.start, verb.i - 12) : verb.i]):
            if t.lower_ == "as":
                objs = [c for c in t.children if c.dep_ == "pobj"]
                if objs:
                    return objs[0]
    # "X arrived, saying ...", "X sings before asking ...", "X said and added ...": the subject of the
    # verb this one hangs from, up to three steps up
    tok = verb
    for _ in range(3):
        if tok.dep_ not in {"conj", "xcomp", "advcl", "pcomp", "prep"} or tok.head is tok:
            return None
        if tok.dep_ == "advcl" and tok.tag_ not in {"VBG", "VBN"}:
            return None
        tok = tok.head
        if tok.pos_ in {"VERB", "AUX"}:
            for c in tok.children:
                if c.dep_ == "nsubj" and not (quotes and any(s <= c.idx < e for s, e in quotes)):
                    return c
    return None


def _complement(verb: Token) -> Token | None:
    """The reported clause of a reporting verb (ccomp, or the verb's own 'that'-clause).

    A clause after the verb wins over one before it, and one cut off by a colon is not the verb's
    ("... fireworks on Friday: Republicans said they're convinced ...").
    """
    comps = [c for c in verb.children if c.dep_ == "ccomp"]
    right = [c for c in comps if c.i > verb.i]
    if right:
        return right[0]
    doc = verb.doc
    for c in comps:
        if not any(t.text == ":" for t in doc[c.right_edge.i + 1 : verb.i]):
            return c
    if verb.lemma_ in _SAY_LIKE:
        # "Trump said after the convention he would not accept ...": a clause with its own subject and
        # no subordinator, parsed as an adverbial clause
        for c in verb.children:
            deps = {g.dep_ for g in c.children}
            if c.dep_ == "advcl" and c.i > verb.i and "nsubj" in deps and "mark" not in deps:
                return c
    for c in verb.children:
        if c.dep_ in {"xcomp"} and verb.lemma_ in {"threaten", "promise", "vow", "pledge", "claim", "deny", "urge"}:
            return c
    return None


def _content_of_clause(text: str, clause: Token, verb: Token) -> CharSpan:
    """The clause's characters, without its complementiser ('that') and edge punctuation (`text` = doc.text)."""
    toks = sorted(clause.subtree, key=lambda t: t.i)
    # a clause may wrap round the verb when the parse is odd; keep the side the clause is on
    if toks and toks[0].i < verb.i < toks[-1].i:
        toks = [t for t in toks if (t.i > verb.i) == (clause.i > verb.i)]
    while toks and ((toks[0].dep_ == "mark" and toks[0].lower_ in {"that", "whether", "if"}) or toks[0].is_punct):
        toks = toks[1:]
    while toks and toks[-1].is_punct and toks[-1].text not in _QUOTE_CHARS:
        toks = toks[:-1]
    if not toks:
        return clause.idx, clause.idx + len(clause.text)
    s, e = toks[0].idx, toks[-1].idx + len(toks[-1].text)
    return _trim(text, s, e)


def _cue_span(verb: Token) -> CharSpan:
    """The cue words: the verb with its particle ('pointed out', 'put it') and passive auxiliaries."""
    doc = verb.doc
    s = verb.idx
    e = verb.idx + len(verb.text)
    for c in verb.children:
        if c.dep_ == "prt" and c.i == verb.i + 1:
            e = c.idx + len(c.text)
        if verb.lemma_ == "put" and c.dep_ == "dobj" and c.lower_ == "it" and c.i == verb.i + 1:
            e = c.idx + len(c.text)
        if c.dep_ == "auxpass" and c.i < verb.i:
            s = min(s, c.idx)
    if _is_passive(verb):
        nxt = doc[verb.i + 1] if verb.i + 1 < len(doc) else None
        if nxt is not None and nxt.lower_ == "to":
            e = nxt.idx + len(nxt.text)
    return s, e


def _is_passive(verb: Token) -> bool:
    return any(c.dep_ in {"auxpass", "nsubjpass"} for c in verb.children)


class _Extractor:
    """Runs every rule over one Doc and collects candidates in text order."""

    def __init__(self, doc: Doc, *, title_span: CharSpan | None = None) -> None:
        self.doc = doc
        self.text = doc.text
        self.title_span = title_span
        self.quotes, self.stray_marks = quotations(self.text)
        self.top_quotes = [q for q in self.quotes if q.depth == 0]
        self.candidates: list[Candidate] = []
        self.used_verbs: set[int] = set()
        self.used_quotes: set[int] = set()
        self.top_quotes_sorted = sorted(self.top_quotes, key=lambda q: (q.start, q.end))
        self._quote_starts = [(q.start, q.end) for q in self.top_quotes_sorted]
        self._qs = [s for s, _ in self._quote_starts]
        self._qe_max = list(itertools.accumulate((e for _, e in self._quote_starts), max))

    # -- helpers ---------------------------------------------------------------------------------
    def in_quote(self, pos: int) -> bool:
        """`pos` lies inside a top-level quotation (bisection: long articles have thousands)."""
        i = bisect.bisect_right(self._qs, pos)
        return i > 0 and self._qe_max[i - 1] > pos

    def boilerplate(self, sent: Span) -> bool:
        return bool(_BOILERPLATE.search(sent.text))

    def reporting(self, tok: Token) -> bool:
        return tok.pos_ in {"VERB", "AUX"} and tok.lemma_.lower() in cues.REPORTING_VERBS and tok.dep_ != "amod"

    # -- rules ---------------------------------------------------------------------------------
    def run(self) -> list[Candidate]:
        self._title()
        self._speaker_labels()
        self._direct_quotes()
        for sent in self.doc.sents:
            if self.boilerplate(sent):
                continue
            for tok in sent:
                if tok.lower_ == "according" and tok.i + 1 < len(self.doc) and self.doc[tok.i + 1].lower_ == "to":
                    self._according_to(tok, sent)
                elif tok.lemma_.lower() == "cite" and tok.tag_ == "VBG":
                    self._citing(tok, sent)
                elif tok.lemma_.lower() == "source" and _is_passive(tok):
                    self._sourced_to(tok)
                elif self.reporting(tok) and tok.i not in self.used_verbs and not self.in_quote(tok.idx):
                    self._reporting_verb(tok, sent)
                elif tok.pos_ == "NOUN" and tok.lemma_.lower() in cues.REPORTING_NOUNS:
                    self._reporting_noun(tok)
        self._inner_quotes()
        self._learned()
        self._mixed()
        self.candidates.sort(key=lambda c: (c.start, -c.end))
        return self.candidates

    def _inner_quotes(self) -> None:
        """A quote inside a quote ("He told me ‘we are leaving’"): attributed to whoever speaks inside the outer one."""
        for q in self.quotes:
            if q.depth != 1:
                continue
            sent = self._sent_of(q.start)
            if sent is None:
                continue
            for tok in sent:
                if tok.idx >= q.start and tok.idx < q.end:
                    continue
                if not self.reporting(tok) or tok.i in self.used_verbs:
                    continue
                after = tok.idx >= q.end
                if not self._near(q, tok, after=after):
                    continue
                cand = self._add_verb(tok, list(q.parts), "direct", quote=True, confidence=0.7, inside_quote=True)
                cand.rule = "inner_quote"
                break

    def _learned(self) -> None:
        """Cues the rules do not know ("has mentioned", "wants", "spoke of"), found by the trained scorer."""
        model = cue_model.load()
        if model is None:
            return
        cue_chars = {i for c in self.candidates if c.cue for i in range(*c.cue)}
        for tok in self.doc:
            if not cue_model.candidate(tok) or tok.i in self.used_verbs or tok.lemma_.lower() in _NOT_CUES:
                continue
            if tok.idx in cue_chars:
                continue
            in_q = self.in_quote(tok.idx)
            if in_q:
                continue
            p = model.prob(tok, in_q)
            if p < model.threshold:
                continue
            content = self._learned_content(tok)
            if content is None or content[1] - content[0] < 2:
                continue
            kind = "indirect" if any(c.dep_ == "ccomp" for c in tok.children) else "other"
            if tok.pos_ == "NOUN":
                owner = next((c for c in tok.children if c.dep_ == "poss"), None)
                src = _source_span(self.text, owner) if owner is not None else (None, None)
                lemma = tok.lemma_.lower()
                self.candidates.append(
                    Candidate(
                        kind,
                        [content],
                        (tok.idx, tok.idx + len(tok.text)),
                        lemma,
                        cues.REPORTING_NOUNS.get(lemma, "neutral"),
                        src[0],
                        src[1],
                        round(p, 2),
                        rule="learned",
                    )
                )
                continue
            cand = self._add_verb(tok, [content], kind, confidence=round(p, 2))
            cand.rule = "learned"

    def _learned_content(self, tok: Token) -> CharSpan | None:
        """What a learned cue reports: its clause, infinitive, object or prepositional object."""
        ccomp = next((c for c in tok.children if c.dep_ == "ccomp" and c.i > tok.i), None)
        if ccomp is not None:
            return _content_of_clause(self.text, ccomp, tok)
        # "calling the candidate “fit”", "accusing her of being asleep": the verb's complements together
        keep = [c for c in tok.children if c.i > tok.i and c.dep_ in _COMPLEMENT_DEPS]
        if keep:
            keep += [
                c for c in tok.children if c.i > tok.i and c.dep_ == "prep" and c.lower_ in {"as", "of", "for", "about"}
            ]
        if keep:
            doc = tok.doc
            left = min(c.left_edge.i for c in keep)
            right = max(c.right_edge.i for c in keep)
            while right > left and (doc[right].is_punct and doc[right].text not in _QUOTE_CHARS):
                right -= 1
            return _trim(self.text, doc[left].idx, doc[right].idx + len(doc[right].text))
        prep = next(
            (
                c
                for c in tok.children
                if c.dep_ == "prep" and c.i > tok.i and c.lower_ in {"about", "of", "on", "that", "for"}
            ),
            None,
        )
        if prep is not None:
            obj = next((c for c in prep.children if c.dep_ in {"pobj", "pcomp"}), None)
            if obj is not None:
                return _content_of_clause(self.text, obj, tok)
        acl = next((c for c in tok.children if c.dep_ in {"acl", "relcl"} and c.i > tok.i), None)
        if acl is not None and tok.pos_ == "NOUN":
            return _content_of_clause(self.text, acl, tok)
        return None

    def _title(self) -> None:
        """A headline 'Report: ...' attributes its claim to a report."""
        if not self.title_span:
            return
        s, e = self.title_span
        m = _TITLE_SOURCE.match(self.text[s:e]) or _TITLE_NAME.match(self.text[s:e])
        if not m:
            return
        src = (s + m.start(1), s + m.end(1))
        if m.re is _TITLE_NAME and not self._names_someone(src):
            return
        colon = self.text.index(":", src[1])
        self.candidates.append(
            Candidate(
                "other",
                [_trim(self.text, colon + 1, e)],
                (colon, colon + 1),
                ":",
                "neutral",
                src,
                src,
                0.6,
                rule="title",
            )
        )

    def _names_someone(self, span: CharSpan) -> bool:
        """The words name a person, organisation or outlet (an entity, or a known outlet)."""
        sp = self.doc.char_span(span[0], span[1], alignment_mode="expand")
        if sp is None:
            return False
        if any(e.label_ in {"PERSON", "ORG", "NORP", "GPE"} for e in sp.ents):
            return True
        words = [t for t in sp if not t.is_punct]
        if 0 < len(words) <= 4 and all(t.text[:1].isupper() for t in words) and words[0].lower_ not in _HEADING_WORDS:
            return True  # "Sanders: ...": a capitalised name the small model did not tag
        return sp.text.lower().removeprefix("the ") in cues.MEDIA_OUTLETS

    def _speaker_labels(self) -> None:
        """Transcript lines 'PENCE: Well, look ...': the capitalised label speaks the rest of the paragraph."""
        for m in _SPEAKER_LABEL.finditer(self.text):
            if self.title_span and m.start() < self.title_span[1]:
                continue
            para_end = self.text.find("\n", m.end())
            para_end = len(self.text) if para_end < 0 else para_end
            content = _trim(self.text, m.end(), para_end)
            if content[1] - content[0] < 3:
                continue
            src = (m.start(1), m.end(1))
            colon = m.end(1) + self.text[m.end(1) : m.end()].index(":")
            self.candidates.append(
                Candidate(
                    "direct",
                    [content],
                    (colon, colon + 1),
                    ":",
                    "neutral",
                    src,
                    src,
                    0.6,
                    rule="speaker_label",
                    quote=True,
                )
            )

    def _add_verb(
        self,
        verb: Token,
        content: list[CharSpan],
        kind: str,
        *,
        quote: bool = False,
        confidence: float = 0.75,
        inside_quote: bool = False,
    ) -> Candidate:
        subj = _subject(verb, None if inside_quote else self._quote_starts)
        src: CharSpan | None = None
        ctx: CharSpan | None = None
        passive = _is_passive(verb)
        refers: CharSpan | None = None
        if subj is not None and not (passive and subj.dep_ == "nsubjpass"):
            src, ctx = _source_span(self.text, subj)
            if subj.tag_ in {"WP", "WDT"} and verb.dep_ == "relcl" and verb.head.pos_ in {"NOUN", "PROPN"}:
                # "Luis Rubio, who heads ..., said": the mention is "who", the source is Luis Rubio
                refers = _source_span(self.text, verb.head)[0]
        lemma = verb.lemma_.lower()
        stance = cues.REPORTING_VERBS.get(lemma, "neutral")
        cand = Candidate(
            kind, content, _cue_span(verb), lemma, stance, src, ctx, confidence, passive, rule="verb", quote=quote
        )
        cand.refers_to = refers
        self.candidates.append(cand)
        self.used_verbs.add(verb.i)
        return cand

    def _reporting_verb(self, verb: Token, sent: Span) -> None:
        lemma = verb.lemma_.lower()
        comp = _complement(verb)
        passive = _is_passive(verb)
        if passive:
            if lemma not in cues.PASSIVE_REPORTING:
                return
            subj = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
            xcomp = next((c for c in verb.children if c.dep_ == "xcomp"), None)
            if subj is not None and subj.lower_ != "it" and xcomp is not None:
                # "The Israeli military is believed to have targeted ...": subject + infinitive
                s1 = _subtree_span(subj)
                s2 = _content_of_clause(self.text, xcomp, verb)
                cue = _cue_span(verb)
                cand = Candidate(
                    "indirect",
                    [s1, s2],
                    cue,
                    lemma,
                    "distancing" if lemma != "say" else "neutral",
                    None,
                    None,
                    0.7,
                    passive=True,
                    rule="passive_raising",
                )
                self._passive_source(verb, cand)
                self.candidates.append(cand)
                self.used_verbs.add(verb.i)
                return
            if comp is not None:
                content = _content_of_clause(self.text, comp, verb)
                cue = _cue_span(verb)
                it = next((c for c in verb.children if c.dep_ in {"nsubjpass", "expl"} and c.lower_ == "it"), None)
                if it is not None:
                    cue = (it.idx, cue[1])
                cand = Candidate(
                    "indirect", [content], cue, lemma, "neutral", None, None, 0.65, passive=True, rule="passive_it"
                )
                self._passive_source(verb, cand)
                self.candidates.append(cand)
                self.used_verbs.add(verb.i)
            return
        if comp is None and verb.dep_ == "parataxis" and _subject(verb) is not None:
            # "Acts of protest, Mr. Obama said, are acts of patriotism": the clause around the verb
            vs, ve = _subtree_span(verb)
            before = _trim(self.text, sent.start_char, vs)
            after = _trim(self.text, ve, sent.end_char)
            parts = [p for p in (before, after) if p[1] - p[0] > 1]
            if parts and sum(e - s for s, e in parts) > 10:
                self._add_verb(verb, parts, "indirect", confidence=0.75)
            return
        if comp is None:
            # "X writes:" introducing a block quote in the next paragraph
            self._colon_block(verb, sent)
            return
        if lemma in {"know", "find", "show", "understand", "learn"} and _subject(verb) is None:
            return
        content = _content_of_clause(self.text, comp, verb)
        if content[1] - content[0] < 3:
            return
        conf = 0.8 if lemma not in cues.WEAK_VERBS else 0.6
        self._add_verb(verb, [content], "indirect", confidence=conf)

    def _passive_source(self, verb: Token, cand: Candidate) -> None:
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        if agent is not None:
            obj = next((c for c in agent.children if c.dep_ == "pobj"), None)
            if obj is not None:
                cand.source, cand.source_context = _source_span(self.text, obj)

    def _colon_block(self, verb: Token, sent: Span) -> None:
        text = self.text
        end = sent.end_char
        tail = text[verb.idx + len(verb.text) : end + 2]
        if ":" not in tail or _subject(verb) is None:
            return
        colon = verb.idx + len(verb.text) + tail.index(":")
        rest = text[colon + 1 :]
        stripped = rest.lstrip()
        if not stripped:
            return
        start = colon + 1 + (len(rest) - len(stripped))
        # the block runs to the end of its paragraph, on the colon's line or the next one
        para_end = text.find("\n", start)
        para_end = len(text) if para_end < 0 else para_end
        if bisect.bisect_left(self._qs, para_end) > bisect.bisect_left(self._qs, start):
            return  # a marked quote: the quote rule handles it
        content = _trim(text, start, para_end)
        if content[1] - content[0] < 10:
            return
        self._add_verb(verb, [content], "direct", quote=True, confidence=0.55)

    def _according_to(self, tok: Token, sent: Span) -> None:
        to = self.doc[tok.i + 1]
        obj = next((c for c in to.children if c.dep_ == "pobj"), None)
        if obj is None:
            obj = next((c for c in tok.children if c.dep_ == "pobj"), None)
        if obj is None:
            return
        src, ctx = _source_span(self.text, obj)
        phrase = (tok.idx, max(ctx[1], obj.idx + len(obj.text)))
        s, e = sent.start_char, sent.end_char
        before = _trim(self.text, s, phrase[0])
        after = _trim(self.text, phrase[1], e)
        parts = [p for p in (before, after) if p[1] - p[0] > 2]
        if not parts:
            return
        cue = (tok.idx, to.idx + len(to.text))
        self.candidates.append(
            Candidate("according_to", parts, cue, "according to", "neutral", src, ctx, 0.85, rule="according_to")
        )

    def _citing(self, tok: Token, sent: Span) -> None:
        obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
        if obj is None:
            return
        src, ctx = _source_span(self.text, obj)
        s = sent.start_char
        e = _subtree_span(tok)[0]
        content = _trim(self.text, s, e)
        if content[1] - content[0] < 5:
            return
        cue = (tok.idx, tok.idx + len(tok.text))
        self.candidates.append(
            Candidate("according_to", [content], cue, "cite", "neutral", src, ctx, 0.6, rule="citing")
        )

    def _sourced_to(self, verb: Token) -> None:
        subj = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
        prep = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "to"), None)
        if subj is None or prep is None:
            return
        obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if obj is None:
            return
        full = _subtree_span(prep)
        src = _trim_marks(self.text, prep.idx + len(prep.text), full[1])
        content = _subtree_span(subj, drop={"relcl"})
        cue = (_cue_span(verb)[0], prep.idx + len(prep.text))
        self.candidates.append(
            Candidate("other", [content], cue, "source", "neutral", src, src, 0.8, rule="sourced_to")
        )
        self.used_verbs.add(verb.i)

    def _reporting_noun(self, noun: Token) -> None:
        clause = next(
            (
                c
                for c in noun.children
                if c.dep_ in {"acl", "ccomp"} and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)
            ),
            None,
        )
        if clause is None and noun.i + 1 < len(noun.doc):
            # "Iran's denials that it ...": the parser often hangs the clause on the main verb
            nxt = noun.doc[noun.i + 1]
            if nxt.lower_ == "that" and nxt.dep_ == "mark" and nxt.head.left_edge.i == nxt.i:
                clause = nxt.head
        if clause is None:
            return
        content = _content_of_clause(self.text, clause, noun)
        src: CharSpan | None = None
        ctx: CharSpan | None = None
        owner = next((c for c in noun.children if c.dep_ == "poss"), None)
        if owner is None:
            owner = next(
                (c for c in noun.children if c.dep_ in {"amod", "compound"} and c.ent_type_ in {"NORP", "ORG", "GPE"}),
                None,
            )
        if owner is not None:
            src = (owner.left_edge.idx, owner.idx + len(owner.text))
            src = _trim_marks(self.text, *src)
            if self.text[src[0] : src[1]].endswith(("'s", "’s")):
                src = (src[0], src[1] - 2)
            ctx = src
        lemma = noun.lemma_.lower()
        cue = (noun.idx, noun.idx + len(noun.text))
        self.candidates.append(
            Candidate(
                "indirect",
                [content],
                cue,
                lemma,
                cues.REPORTING_NOUNS.get(lemma, "neutral"),
                src,
                ctx,
                0.6,
                rule="noun",
            )
        )

    # -- direct quotes ----------------------------------------------------------------------------
    def _sent_of(self, pos: int) -> Span | None:
        pos = min(max(pos, 0), len(self.text) - 1)
        tok = self.doc.char_span(pos, pos + 1, alignment_mode="expand")
        if tok is None or len(tok) == 0:
            return None
        return tok[0].sent

    def _frame_verb(self, q: Quotation) -> tuple[Token | None, str]:
        """The reporting verb outside the quote that introduces it: after it, before it, or in the next clause."""
        text = self.text
        close_sent = self._sent_of(q.end - 1)
        open_sent = self._sent_of(q.start)
        para_end = text.find("\n", q.end)
        para_end = len(text) if para_end < 0 else para_end
        para_start = text.rfind("\n", 0, q.start) + 1
        # after the quote, within its sentence (or the next few tokens): "..." she said.
        if close_sent is not None:
            tail_end = min(max(close_sent.end_char, q.end + 1), para_end)
            if close_sent.end_char <= q.end + 1:
                # the parser ended the sentence at the quote: the speech tag is the next "sentence"
                nxt = self._sent_of(min(q.end + 1, len(text) - 1))
                if nxt is not None:
                    tail_end = min(max(tail_end, nxt.end_char), para_end)
            k = bisect.bisect_left(self._qs, q.end)
            next_q = self._qs[k] if k < len(self._qs) else len(text)
            tail_end = min(tail_end, next_q) if next_q > q.end else tail_end
            for tok in self.doc.char_span(q.end, tail_end, alignment_mode="expand") or []:
                if tok.idx < q.end or self.in_quote(tok.idx):
                    continue
                near = self._near(q, tok, after=True)
                if (
                    self.reporting(tok) or (tok.lemma_ == "put" and any(c.lower_ == "it" for c in tok.children))
                ) and near:
                    return tok, "after"
                if tok.lower_ == "according" and near:
                    return tok, "according"
        # before the quote, in the same sentence and paragraph: She said: "..."
        if open_sent is not None:
            head_start = max(open_sent.start_char, para_start)
            k = bisect.bisect_left(self._qs, q.start)
            prev_q = max((e for _, e in self._quote_starts[max(0, k - 3) : k] if e <= q.start), default=0)
            head_start = max(head_start, prev_q)
            span = self.doc.char_span(head_start, q.start, alignment_mode="contract")
            for tok in reversed(list(span or [])):
                if self.in_quote(tok.idx):
                    continue
                near = self._near(q, tok, after=False)
                if self.reporting(tok) and near:
                    return tok, "before"
                if tok.lower_ == "according" and near:
                    return tok, "according"
        return None, ""

    def _near(self, q: Quotation, verb: Token, *, after: bool) -> bool:
        """The verb frames the quote: the quote is in its subtree, or only a few words lie between them."""
        lo, hi = verb.left_edge.idx, verb.right_edge.idx + len(verb.right_edge.text)
        if q.words(self.text) >= 8 and lo <= q.content[0] and q.content[1] <= hi:
            return True
        gap = self.text[q.end : verb.idx] if after else self.text[verb.idx + len(verb.text) : q.start]
        words = [w for w in gap.replace(",", " ").replace(":", " ").split() if w.strip(_QUOTE_CHARS + ".;—-")]
        return len(words) <= (6 if after else 4)

    def _previous_intro(self, q: Quotation) -> Candidate | None:
        """A speaker introduced just before: 'X said:' ending the previous sentence or paragraph."""
        text = self.text
        window = max(0, q.start - 200)  # never copy the whole article per quote
        before = text[window : q.start].rstrip()
        if not before.endswith(":"):
            return None
        colon = window + len(before) - 1
        for c in reversed(self.candidates[-30:]):
            if c.cue is not None and c.cue[1] <= colon and colon - c.end < 400 and c.source is not None:
                return c
        sent = self._sent_of(colon)
        if sent is None:
            return None
        for tok in reversed(list(sent)):
            if self.reporting(tok) and not self.in_quote(tok.idx):
                subj = _subject(tok)
                if subj is not None:
                    return self._add_verb_only(tok)
        return None

    def _stands_alone(self, q: Quotation) -> bool:
        """The quote is a whole sentence: nothing but punctuation follows it before the next sentence."""
        after = self.text[q.end : q.end + 40]
        nxt = after.lstrip(" \t")
        return not nxt or nxt[0] in '\n“"' or (nxt[0].isupper() and after[:1].isspace())

    def _dash_speaker(self, q: Quotation) -> tuple[CharSpan, CharSpan] | None:
        """The dash and the name after a quote when the line ends '― Name' (a signed quote)."""
        line_end = self.text.find("\n", q.end)
        line_end = len(self.text) if line_end < 0 else line_end
        m = _DASH_NAME.match(self.text, q.end, line_end)
        if m is None:
            return None
        return (m.start(1), m.end(1)), _trim_marks(self.text, m.start(2), m.end(2))

    def _speaker_before(self, para_start: int) -> tuple[CharSpan, CharSpan] | None:
        """The subject of a reporting verb in the last sentence of the previous paragraph, if that is where it ends."""
        if para_start < 2:
            return None
        prev_end = self.text.rstrip()[:para_start].rstrip()
        sent = self._sent_of(len(prev_end) - 1)
        if sent is None:
            return None
        for tok in sent:
            if self.reporting(tok) and not self.in_quote(tok.idx) and not _is_passive(tok):
                subj = _subject(tok)
                if subj is not None:
                    return _source_span(self.text, subj)
        return None

    def _add_verb_only(self, verb: Token) -> Candidate:
        """A candidate for a verb whose content is the quote that follows (filled by the caller)."""
        subj = _subject(verb)
        src, ctx = _source_span(self.text, subj) if subj is not None else (None, None)
        lemma = verb.lemma_.lower()
        cand = Candidate(
            "direct",
            [],
            _cue_span(verb),
            lemma,
            cues.REPORTING_VERBS.get(lemma, "neutral"),
            src,
            ctx,
            0.6,
            rule="intro",
            quote=True,
        )
        self.used_verbs.add(verb.i)
        return cand

    def _direct_quotes(self) -> None:
        by_verb: dict[int, Candidate] = {}
        last_speaker: Candidate | None = None
        last_para_end = -1
        for qi, q in enumerate(self.top_quotes):
            words = q.words(self.text)
            sent = self._sent_of(q.start)
            if sent is not None and self.boilerplate(sent):
                continue
            verb, where = self._frame_verb(q)
            parts = list(q.parts)
            if verb is not None and where == "according":
                to = self.doc[verb.i + 1] if verb.i + 1 < len(self.doc) else None
                obj = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
                if obj is not None:
                    src, ctx = _source_span(self.text, obj)
                    cue = (verb.idx, to.idx + len(to.text)) if to is not None else (verb.idx, verb.idx + len(verb.text))
                    cand = Candidate(
                        "direct",
                        parts,
                        cue,
                        "according to",
                        "neutral",
                        src,
                        ctx,
                        0.8,
                        rule="quote_according",
                        quote=True,
                    )
                    self.candidates.append(cand)
                    self.used_quotes.add(qi)
                    self.used_verbs.add(verb.i)
                    last_speaker = cand
                continue
            if verb is not None:
                if where == "before" and _complement(verb) is not None:
                    gap = self.text[verb.idx + len(verb.text) : q.start]
                    gap_words = [w for w in re.findall(r"\w+", gap) if w.lower() != "that"]
                    if gap_words and words < 12:
                        continue  # quoted words inside reported speech: mixed, handled later
                if verb.i in by_verb:
                    # a quote split around its speech verb: "A," she said, "B."
                    by_verb[verb.i].content.extend(parts)
                    self.used_quotes.add(qi)
                    continue
                cand = self._add_verb(verb, parts, "direct", quote=True, confidence=0.85 if words >= 3 else 0.6)
                by_verb[verb.i] = cand
                self.used_quotes.add(qi)
                last_speaker = cand
                last_para_end = self.text.find("\n", q.end)
                continue
            intro = self._previous_intro(q)
            if intro is not None:
                if intro not in self.candidates:
                    self.candidates.append(intro)
                if intro.kind == "indirect" and not intro.quote:
                    # "X said ... :" then the quote: a separate direct attribution by the same speaker
                    cand = Candidate(
                        "direct",
                        parts,
                        intro.cue,
                        intro.cue_lemma,
                        intro.stance,
                        None,
                        None,
                        0.6,
                        rule="after_intro",
                        quote=True,
                        speaker_from=intro,
                    )
                    self.candidates.append(cand)
                else:
                    intro.content.extend(parts)
                self.used_quotes.add(qi)
                last_speaker = intro
                continue
            byline = self._dash_speaker(q)
            if byline is not None:
                # '“...” ― Esther Tapia': a quote signed with a dash and a name
                dash, name = byline
                self.candidates.append(
                    Candidate("direct", parts, dash, "dash", "neutral", name, name, 0.6, rule="dash", quote=True)
                )
                self.used_quotes.add(qi)
                continue
            para_start = self.text.rfind("\n", 0, q.start) + 1
            same_para = last_speaker is not None and last_speaker.end >= para_start
            if (
                same_para
                and last_speaker is not None
                and last_speaker.quote
                and last_speaker.kind == "direct"
                and self._stands_alone(q)
            ):
                # '"A," he said. "B."': one statement in several pieces
                last_speaker.content.extend(parts)
                self.used_quotes.add(qi)
                continue
            if words >= 4 and last_speaker is not None and (same_para or 0 <= q.start - last_para_end < 3):
                # a further quote by the speaker of the quote before it
                cand = Candidate(
                    "direct",
                    parts,
                    None,
                    "",
                    "neutral",
                    None,
                    None,
                    0.5,
                    rule="carry_over",
                    quote=True,
                    speaker_from=last_speaker,
                )
                self.candidates.append(cand)
                self.used_quotes.add(qi)
                last_para_end = self.text.find("\n", q.end)
                continue
            prev = self._speaker_before(para_start) if words >= 4 else None
            if prev is not None:
                # a quote attributed only by the paragraph before it ("He also warned that ...")
                self.candidates.append(
                    Candidate(
                        "direct",
                        parts,
                        None,
                        "",
                        "neutral",
                        prev[0],
                        prev[1],
                        0.45,
                        rule="previous_paragraph",
                        quote=True,
                    )
                )
                self.used_quotes.add(qi)
            elif words >= 8:
                self.candidates.append(
                    Candidate("direct", parts, None, "", "neutral", None, None, 0.35, rule="unattributed", quote=True)
                )
                self.used_quotes.add(qi)

    def _mixed(self) -> None:
        """Indirect speech that quotes part of its content is 'mixed'."""
        indirect = sorted((c for c in self.candidates if c.kind == "indirect"), key=lambda c: c.start)
        starts = [c.start for c in indirect]
        for c in indirect:
            lo, hi = bisect.bisect_left(self._qs, c.start), bisect.bisect_right(self._qs, c.end)
            for q in (self.top_quotes_sorted[k] for k in range(lo, hi)):
                if not (c.start <= q.start and q.end <= c.end + 1):
                    continue
                # the quote belongs to the innermost reported clause that holds it
                near = indirect[bisect.bisect_left(starts, c.start) : bisect.bisect_right(starts, q.start)]
                inner = [
                    o
                    for o in near
                    if o is not c
                    and c.start <= o.start
                    and o.end <= c.end
                    and o.start <= q.start
                    and q.end <= o.end + 1
                ]
                if not inner:
                    c.kind = "mixed"
                    break


def candidates(doc: Doc, *, title_span: CharSpan | None = None) -> tuple[list[Candidate], list[int]]:
    """Attribution candidates in text order, and the positions of quote marks that could not be paired."""
    ex = _Extractor(doc, title_span=title_span)
    found = ex.run()
    for c in found:
        # a quote carried over to an earlier speaker points at that speaker's mention
        if c.source is None and c.speaker_from is not None:
            c.source, c.source_context = c.speaker_from.source, c.speaker_from.source_context
    # drop duplicates: the same content and cue found by two rules
    seen: set[tuple[tuple[int, int], tuple[int, int] | None]] = set()
    out: list[Candidate] = []
    source_spans = sorted(c.source for c in found if c.source is not None)
    source_starts = [s for s, _ in source_spans]
    for c in found:
        if not c.content:
            continue
        k = bisect.bisect_right(source_starts, c.start + 2)
        if c.quote and any(s - 2 <= c.start and c.end <= e + 2 for s, e in source_spans[max(0, k - 8) : k]):
            continue  # quoted words that name a source ("sourced to “three officials”")
        key = ((c.start, c.end), c.cue)
        if key in seen:
            continue
        seen.add(key)
        out.append(c)
    return out, ex.stray_marks
