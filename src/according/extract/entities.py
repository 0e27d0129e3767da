"""Entities of one article: named-entity mentions, pronouns and descriptions grouped into one record per actor.

Rules (docs: README "Entities"), each merge recorded as an `EntityMerge(alias, reason)`:

- A mention's span is spaCy's entity span without a leading determiner ("the"), a trailing possessive ("'s")
  or edge punctuation, and cut before an unclosed "(": "the Quds Force" -> "Quds Force".
- Mentions with the same key ("org:quds force", "country:IR") are one entity. Countries are keyed by ISO
  alpha-2 code (pycountry plus a table of short forms), so "the U.S." and "United States" meet.
- Demonyms ("Iranian", "Israelis", NORP) become mentions of their country (via "demonym"); other NORP
  mentions are groups ("Shiite" -> "group:shia").
- A capital is its country's government only where it acts: subject, possessive, agent ("by Tehran"),
  object of "against", or the modifier of "government"/"regime"/"officials" (via "capital"). Elsewhere
  ("in the capital Tehran") it stays a place.
- A person's surname alone joins the full name when exactly one full name in the article ends with it;
  two Smiths keep "Smith" apart.
- An acronym joins its expansion when the text gives it in parentheses ("... Guard Corps (IRGC)") or, failing
  that, when it matches the initials of exactly one organisation's name.
- Pronouns (he/his/she/her -> person; it/its -> organisation or country; they/their -> group, organisation or
  a plural demonym) go to the subject of their clause or of the previous sentence when that subject is an
  entity, are left alone when that subject is a common noun ("The number ... but it can be increased"), and
  otherwise go to the nearest compatible mention in the same or previous sentence. Expletive "it" is skipped.
- Definite role descriptions ("the actress", "the troubled actress", "the 26-year-old", "the company", "the
  facility", "the country"; nouns from `_gazetteer.role_kind`) join an entity of a fitting type: directly in
  apposition or as a title before a name ("actress Lindsay Lohan", "the capital Tehran"), when they name it
  themselves ("the Iranian government", "the city of Mosul"), else the most salient fitting entity of the last
  five sentences (see `_Resolver.description`). Indefinite, plural and possessive descriptions, nouns already
  used indefinitely ("a man ... the man") and near-ties between two candidates stay unresolved.
- A recognised name, or the surname of the only person with it, found again where the tagger missed it is a
  mention too (via "name"); so is a spelled-out acronym the tagger missed (via "alias").

Mention `via` values: "ner", "alias", "name", "capital", "demonym", "pronoun", "description".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from according.extract._gazetteer import (
    capital_country,
    country_code,
    country_name,
    demonym_country,
    role_gender,
    role_kind,
)
from according.extract.cues import REPORTING_VERBS
from according.types import Entity, EntityMention, EntityMerge, EntityType, TextSpan

_NOT_ENTITIES = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"})
_TYPES: dict[str, EntityType] = {
    "PERSON": "person",
    "ORG": "organization",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "NORP": "group",
}
_PREFIX: dict[EntityType, str] = {
    "person": "person",
    "organization": "org",
    "country": "country",
    "place": "place",
    "group": "group",
    "other": "other",
}
_TYPE_WORD: dict[EntityType, str] = {
    "person": "person",
    "organization": "organisation",
    "country": "country",
    "place": "place",
    "group": "group",
    "other": "entity",
}
_HONORIFICS = frozenset(
    {
        "mr", "mrs", "ms", "miss", "dr", "sir", "dame", "president", "gen", "general", "sen", "senator", "rep", "gov",
        "governor", "king", "queen", "prince", "princess", "sheikh", "ayatollah", "lt", "col", "capt", "sgt", "judge",
        "justice", "pope", "rev", "commander", "minister", "chancellor", "premier",
    }
)  # fmt: skip
_ORG_SUFFIXES = frozenset(
    {"inc", "ltd", "llc", "plc", "corp", "corporation", "co", "limited", "incorporated", "ag", "sa", "gmbh"}
)
_GROUP_FORMS = {"shiite": "shia", "shi ite": "shia", "shias": "shia", "shiites": "shia", "sunnis": "sunni"}
_LEAD = re.compile(r"^(?:(?:the|an|a)\s+(?=\w)|[^\w(]+)+", re.IGNORECASE)
_TRAIL = re.compile(r"(?:\s*['’]s?|[^\w.)]|\s)+$")
_ACRONYM_AFTER = re.compile(r"\s*\(\s*([A-Z][A-Za-z&]{1,9})\s*\)")
_STOP = frozenset({"of", "the", "and", "for", "de", "on", "in", "to"})
_GOVERNMENT_NOUNS = frozenset({"government", "regime", "officials", "authorities", "leadership", "administration"})

_PRONOUNS: dict[str, tuple[EntityType, ...]] = {
    **dict.fromkeys(("he", "him", "his", "himself", "she", "her", "hers", "herself"), ("person",)),
    **dict.fromkeys(("it", "its", "itself"), ("organization", "country")),
    **dict.fromkeys(("they", "them", "their", "themselves"), ("group",)),  # or a plural name: see compatible()
}
# what a role noun's kind (`_gazetteer.role_kind`) may stand for: entity types, and for some the NER labels
_ROLE_FITS: dict[str, tuple[EntityType, ...]] = {
    "person": ("person",),
    "organization": ("organization",),
    "group": ("organization", "group"),
    "facility": ("organization", "place"),
    "settlement": ("place",),
    "country": ("country",),
}
_ROLE_LABELS: dict[str, frozenset[str]] = {
    "facility": frozenset({"ORG", "FAC"}),  # "the clinic" is not "Los Angeles"
    "settlement": frozenset({"GPE", "LOC"}),  # "the city" is not a building
}
_DEFINITE = frozenset({"the", "this", "that"})
_INDEFINITE = frozenset({"a", "an", "another", "one"})
_MODIFIERS = frozenset({"amod", "compound", "npadvmod", "nmod", "advmod", "punct", "quantmod", "hyph"})
_WINDOW = 5  # sentences a description looks back, its own included
_MARGIN = 1.5  # the best candidate's salience must beat the second's by this factor
_GENDER = {
    **dict.fromkeys(("he", "him", "his", "himself"), "m"),
    **dict.fromkeys(("she", "her", "hers", "herself"), "f"),
}
_EXPLETIVE_HEADS = frozenset(
    {
        "think", "believe", "say", "report", "expect", "know", "understand", "fear", "hope", "seem", "appear", "claim",
        "allege", "estimate",
    }
)  # fmt: skip
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})


@dataclass(slots=True)
class _Mention:
    start: int
    end: int
    raw: str  # spaCy's surface before trimming ("the Quds Force")
    label: str
    via: str
    kind: EntityType
    key: str
    root: int  # token index of the span's root
    plural: bool = False
    why: str | None = None  # why this surface belongs to its key, where it is not simply its name
    group: int = -1


@dataclass(slots=True)
class _Group:
    key: str
    kind: EntityType
    mentions: list[_Mention] = field(default_factory=list)


def norm(name: str) -> str:
    """A name folded for keys: lower case, no determiners, possessive 's or punctuation ("The Quds Force's")."""
    s = name.replace("’", "'").lower()
    s = re.sub(r"'s\b", "", s)
    words = re.sub(r"[^\w]+", " ", s).split()
    while len(words) > 1 and words[0] in ("the", "a", "an"):
        words = words[1:]
    return " ".join(words)


def key_of(name: str, kind: EntityType) -> str:
    """The entity key of a name of this type ("person:qasem soleimani", "org:quds force", "group:shia")."""
    words = norm(name).split()
    if kind == "person":
        while len(words) > 1 and words[0] in _HONORIFICS:
            words = words[1:]
    elif kind == "organization":
        while len(words) > 1 and words[-1] in _ORG_SUFFIXES:
            words = words[:-1]
    elif kind == "group":
        joined = " ".join(words)
        joined = _GROUP_FORMS.get(joined, joined)
        if len(joined) > 4 and joined.endswith("s") and not joined.endswith("ss"):
            joined = _GROUP_FORMS.get(joined[:-1], joined[:-1])
        return f"group:{joined}"
    return f"{_PREFIX[kind]}:{' '.join(words)}"


def acronym(name: str) -> tuple[str, str]:
    """The initials of a name: of every word, and of the words that are not "of", "the", "and" ..."""
    words = norm(name).split()
    return "".join(w[0] for w in words).upper(), "".join(w[0] for w in words if w not in _STOP).upper()


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """The name inside an entity span: no leading "the", trailing possessive or edge punctuation."""
    surface = text[start:end]
    paren = surface.find("(")
    if paren > 0 and ")" not in surface[paren:]:
        surface = surface[:paren]
    lead = _LEAD.match(surface)
    s = lead.end() if lead else 0
    trail = _TRAIL.search(surface, s)
    e = trail.start() if trail else len(surface)
    if e <= s:
        return start, start
    return start + s, start + e


def _acts_as_government(tok: Token, possessive: bool) -> bool:
    """Whether a place name is used for its government here: subject, possessive, agent or "against" object."""
    if possessive or tok.dep_ in ("nsubj", "nsubjpass", "poss"):
        return True
    if tok.dep_ == "pobj" and tok.head.lower_ in ("by", "against"):
        return True
    return tok.dep_ == "compound" and tok.head.lower_ in _GOVERNMENT_NOUNS


def _classify(span: Span, text: str, start: int, end: int) -> _Mention | None:
    """A trimmed mention with its type, key and via, or None when the span holds no name."""
    surface = text[start:end]
    label = span.label_
    root = span.root
    plural = root.tag_ in ("NNS", "NNPS")
    possessive = bool(re.search(r"['’]s?\s*$", text[span.start_char : span.end_char]))
    if label == "NORP":
        code = demonym_country(surface) or country_code(surface)
        if code:
            name = country_name(code)
            return _Mention(
                start, end, span.text, label, "demonym", "country", f"country:{code}", root.i, plural,
                f"demonym of {name}",
            )  # fmt: skip
        return _Mention(start, end, span.text, label, "ner", "group", key_of(surface, "group"), root.i, plural)
    if label in ("GPE", "LOC", "ORG"):
        code = country_code(surface)
        if code:
            name = country_name(code)
            why = None if norm(surface) == norm(name) else f"a name of {name} (ISO 3166 {code})"
            return _Mention(start, end, span.text, label, "ner", "country", f"country:{code}", root.i, plural, why)
        if label == "GPE":
            code = capital_country(surface)
            if code and _acts_as_government(root, possessive):
                name = country_name(code)
                return _Mention(
                    start, end, span.text, label, "capital", "country", f"country:{code}", root.i, plural,
                    f"capital of {name} used for its government",
                )  # fmt: skip
    kind = _TYPES.get(label, "other")
    key = key_of(surface, kind)
    if key.endswith(":"):
        return None
    return _Mention(start, end, span.text, label, "ner", kind, key, root.i, plural)


class _Union:
    """Union-find over name groups; each union keeps the alias merged in and why."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))
        self.merges: dict[int, list[EntityMerge]] = {}

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, keep: int, other: int, merge: EntityMerge) -> None:
        a, b = self.find(keep), self.find(other)
        if a == b:
            return
        self.parent[b] = a
        self.merges.setdefault(a, []).extend([merge, *self.merges.pop(b, [])])


def _surname_merges(groups: list[_Group], uf: _Union, text: str) -> None:
    """Join a person's surname (or last words) to the only full name in the article that ends with it."""
    full: dict[str, list[int]] = {}
    for gi, g in enumerate(groups):
        if g.kind == "person":
            words = g.key.split(":", 1)[1].split()
            if len(words) >= 2:
                for k in range(1, len(words)):
                    full.setdefault(" ".join(words[k:]), []).append(gi)
    for gi, g in enumerate(groups):
        if g.kind != "person":
            continue
        short = g.key.split(":", 1)[1]
        targets = full.get(short, [])
        if len(targets) == 1:
            m = g.mentions[0]
            target = groups[targets[0]]
            full_name = text[target.mentions[0].start : target.mentions[0].end]
            reason = f"surname '{text[m.start : m.end]}' of {full_name}, the only person in the article with it"
            uf.union(targets[0], gi, EntityMerge(text[m.start : m.end], reason))


def _acronym_merges(groups: list[_Group], uf: _Union, text: str, given: dict[str, int]) -> None:
    """Join an acronym to its expansion: given in parentheses in the text, else the only name with its initials."""
    initials: dict[str, list[int]] = {}
    for gi, g in enumerate(groups):
        if g.kind == "organization" and " " in g.key:
            name = text[g.mentions[0].start : g.mentions[0].end]
            for a in set(acronym(name)):
                if len(a) >= 2:
                    initials.setdefault(a, []).append(gi)
    for gi, g in enumerate(groups):
        if g.kind == "country":
            continue
        m = g.mentions[0]
        surface = text[m.start : m.end].replace(".", "")
        if not (2 <= len(surface) <= 10 and surface.isupper() and surface.isalpha()):
            continue
        target = given.get(surface)
        if target is not None and target != gi:
            tm = groups[target].mentions[0]
            reason = f"acronym given in the text: {text[tm.start : tm.end]} ({surface})"
        else:
            cands = [c for c in initials.get(surface, []) if c != gi]
            if len(cands) != 1:
                continue
            target = cands[0]
            tm = groups[target].mentions[0]
            reason = f"initials of {text[tm.start : tm.end]}, the only organisation in the article with them"
        uf.union(target, gi, EntityMerge(text[m.start : m.end], reason))


def _is_expletive(tok: Token) -> bool:
    """Whether "it" is a dummy subject ("It is not clear why", "it was thought that")."""
    if tok.dep_ == "expl":
        return True
    head = tok.head
    if tok.lower_ != "it" or tok.dep_ not in _SUBJECTS:
        return False
    if head.lemma_ == "be" and any(c.dep_ in ("acomp", "attr") for c in head.children):
        return any(c.dep_ in ("ccomp", "xcomp", "csubj", "advcl") for c in head.children) or any(
            c.dep_ == "acomp" and any(cc.dep_ in ("ccomp", "xcomp") for cc in c.children) for c in head.children
        )
    return head.lemma_ in _EXPLETIVE_HEADS


class _Resolver:
    """Ties pronouns and definite descriptions to entities, sentence by sentence (simple salience rules)."""

    def __init__(self, sdoc: Doc, groups: list[_Group], uf: _Union, mentions: list[_Mention]) -> None:
        self.sdoc = sdoc
        self.text = sdoc.text  # Doc.text joins every token on each access
        self.groups = groups
        self.uf = uf
        self.by_token: dict[int, _Mention] = {}
        for m in mentions:
            span = sdoc.char_span(m.start, m.end, alignment_mode="expand")
            for t in span if span is not None else ():
                self.by_token[t.i] = m
        self.added: list[_Mention] = []
        self.reasons: dict[int, list[EntityMerge]] = {}
        self.labels: dict[int, set[str]] = {}  # NER labels of each entity's names ("ORG", "FAC")
        for m in mentions:
            self.labels.setdefault(uf.find(m.group), set()).add(m.label)
        self.gender: dict[int, set[str]] = {}  # "m"/"f" from the pronouns tied to each entity so far
        self.sent_of: list[int] = []  # token -> sentence index
        self.sent_starts: list[int] = []
        self.introduced: set[str] = set()  # role nouns already used indefinitely ("a man"): new referents

    def kind(self, m: _Mention) -> EntityType:
        return self.groups[self.uf.find(m.group)].kind

    def compatible(self, m: _Mention, kinds: tuple[EntityType, ...], word: str) -> bool:
        tok = self.sdoc[m.root]
        if m.via not in ("pronoun", "description") and tok.dep_ in ("amod", "compound") and tok.head.i != tok.i:
            return False  # "Iranian officials", "Shiite militia": the pronoun stands for the noun they modify
        if word in ("they", "them", "their", "themselves"):
            # plural only: a group, or a plural name ("the Israelis ... they"); not "Reuters ... they"
            return self.kind(m) == "group" or m.plural
        return self.kind(m) in kinds

    def resolve(self) -> None:
        """One pass over the tokens, keeping the last subject seen and the previous sentence's main subject."""
        for si, sent in enumerate(self.sdoc.sents):
            self.sent_starts.append(sent.start)
            self.sent_of.extend([si] * len(sent))
        prev_start = -1  # first token of the previous sentence (-1: none)
        prev_subject: Token | None = None  # the subject of its root verb, else its last subject
        for si, sent in enumerate(self.sdoc.sents):
            root = sent.root.i
            last: Token | None = None
            main: Token | None = None
            for tok in sent:
                low = tok.lower_
                if low in _PRONOUNS and tok.pos_ == "PRON" and tok.i not in self.by_token:
                    self.pronoun(tok, last, prev_subject, prev_start if prev_start >= 0 else sent.start)
                elif tok.pos_ in ("NOUN", "ADJ") and tok.i not in self.by_token:
                    self.description(tok, si)
                if tok.dep_ in _SUBJECTS:
                    last = tok
                    if main is None and tok.head.i == root:
                        main = tok
            prev_start, prev_subject = sent.start, main or last

    def attach(self, tok: Token, target: _Mention, via: str, label: str, reason: str, start: int = -1) -> None:
        start, end = (tok.idx if start < 0 else start), tok.idx + len(tok.text)
        m = _Mention(start, end, self.text[start:end], label, via, target.kind, target.key, tok.i)
        m.group = target.group
        self.by_token[tok.i] = m
        self.added.append(m)
        root = self.uf.find(target.group)
        self.reasons.setdefault(root, []).append(EntityMerge(m.raw, reason))
        if via == "pronoun" and tok.lower_ in _GENDER:
            self.gender.setdefault(root, set()).add(_GENDER[tok.lower_])

    def pronoun(self, tok: Token, same: Token | None, previous: Token | None, lo: int) -> None:
        """Tie a pronoun to the subject before it (same sentence, else the previous one), else the nearest mention.

        Args:
            tok: the pronoun.
            same: the last subject before it in its sentence.
            previous: the main subject of the previous sentence.
            lo: the first token the nearest-mention fallback may look at (the previous sentence's start).
        """
        word = tok.lower_
        if word in ("it", "its", "itself") and _is_expletive(tok):
            return
        kinds = _PRONOUNS[word]
        for where, subj in (("the same sentence", same), ("the previous sentence", previous)):
            if subj is None:
                continue
            m = self.by_token.get(subj.i)
            if m is not None and self.compatible(m, kinds, word):
                self.attach(tok, m, "pronoun", "PRON", f"pronoun '{word}' resolved to the subject of {where}")
                return
            if subj.pos_ in ("NOUN", "PROPN") and m is None:
                return  # the subject is a common noun, which the pronoun most likely stands for
            break
        for i in range(tok.i - 1, lo - 1, -1):
            m = self.by_token.get(i)
            if m is not None and m.via != "description" and self.compatible(m, kinds, word):
                kind = _TYPE_WORD[self.kind(m)]
                self.attach(tok, m, "pronoun", "PRON", f"pronoun '{word}' resolved to the nearest preceding {kind}")
                return

    def fits(self, m: _Mention, role: str, gender: str | None) -> bool:
        """Whether a mention's entity can be what a role noun of this kind and gender describes."""
        root = self.uf.find(m.group)
        if self.kind(m) not in _ROLE_FITS[role]:
            return False
        labels = _ROLE_LABELS.get(role)
        if labels is not None and not labels & self.labels.get(root, set()):
            return False
        return gender is None or not self.gender.get(root, set()) - {gender}

    def named(self, tok: Token, role: str, gender: str | None) -> _Mention | None:
        """The named mention a role noun is in apposition to or written before ("actress Lindsay Lohan")."""
        for t in (self.sdoc[tok.i + 1] if tok.i + 1 < len(self.sdoc) else None, tok.head, *tok.children):
            if t is None or t.i == tok.i:
                continue
            m = self.by_token.get(t.i)
            if m is None or m.via in ("pronoun", "description") or not self.fits(m, role, gender):
                continue
            if t.i == tok.i + 1 and m.start == t.idx:
                return m  # a title before the name: "actress Lindsay Lohan", "the capital Tehran"
            if (t.dep_ == "appos" and t.head.i == tok.i) or (tok.dep_ == "appos" and t.i == tok.head.i):
                return m
        return None

    def own_name(self, tok: Token, role: str, inner: list[_Mention]) -> _Mention | None:
        """A place or country a description names itself: "the Iranian government", "the city of Bandar Abbas"."""
        if role not in ("settlement", "country"):
            return None  # "the Kraft Foods plant", "the Gaza school" are not Kraft Foods or Gaza
        named = [m for m in inner if self.fits(m, role, None)]
        for prep in tok.rights:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                named += [self.by_token[c.i] for c in prep.children if c.dep_ == "pobj" and c.i in self.by_token]
        fit = {self.uf.find(m.group): m for m in named if m.via not in ("pronoun", "description")}
        fit = {r: m for r, m in fit.items() if self.fits(m, role, None)}
        return next(iter(fit.values())) if len(fit) == 1 else None

    def blocked(self, tok: Token) -> set[int]:
        """Subjects a description cannot stand for: of its own clause's verb and of the reporting verbs above it."""
        out: set[int] = set()
        nearest = True
        a = tok
        while a.head.i != a.i:
            a = a.head
            if a.pos_ not in ("VERB", "AUX"):
                continue
            if nearest or a.lemma_ in REPORTING_VERBS:
                for c in a.children:
                    if c.dep_ in _SUBJECTS:
                        out.add(c.i)
                        out.update(x.i for x in c.conjuncts)
            nearest = False
        return out

    def description(self, tok: Token, si: int) -> None:
        """Tie a definite role description ("the actress", "the 26-year-old") to the most salient fitting entity.

        Appositions ("Lindsay Lohan, the actress") and titles before a name ("actress Lindsay Lohan") link
        directly. Otherwise the candidates are the entities of a fitting type named in the last `_WINDOW`
        sentences, outside the description itself and not the subject of its own or its reporting clause;
        each mention adds 0.5 ** (sentences back), times 1.5 for a subject. The best must beat the second by
        `_MARGIN`, else nothing is recorded. Plural, indefinite and possessive descriptions are never tied,
        nor a noun the article already used indefinitely ("a man ... the man": an unnamed person).
        """
        if tok.lower_ == "old":
            # "the 26-year-old": spaCy tokenises "26-year-old" (and ECB+'s "26 - year - old") the same way
            year = tok.i >= 2 and self.sdoc[tok.i - 1].text == "-" and self.sdoc[tok.i - 2].lower_ in ("year", "years")
            if not year or tok.dep_ in ("amod", "acomp", "conj"):
                return
            role: str | None = "person"
            word = "year-old"
        elif tok.pos_ == "NOUN":
            role = role_kind(tok.lower_)
            word = tok.lower_
        else:
            return
        lefts = list(tok.lefts)
        det = next((c for c in lefts if c.dep_ == "det"), None)
        if det is not None and det.lower_ in _INDEFINITE:
            self.introduced.add(word)
        if role is None or tok.tag_ in ("NNS", "NNPS"):
            return
        if any(c.dep_ in ("poss", "predet", "nummod") for c in lefts):
            return  # "her lawyer" is not her; "all the", "two companies"
        if det is not None and det.lower_ not in _DEFINITE:
            return
        gender = role_gender(word)
        kind_word = _TYPE_WORD[_ROLE_FITS[role][0]]
        direct = self.named(tok, role, gender) if det is None or det.lower_ == "the" else None
        if direct is not None:
            phrase = self.text[det.idx if det is not None else tok.idx : tok.idx + len(tok.text)]
            name = self.text[direct.start : direct.end]
            how = "written before the name" if direct.start > tok.idx else "in apposition to"
            reason = f"description '{phrase}' {how} {name}" if how.startswith("in") else f"'{phrase}' {how} {name}"
            self.attach(tok, direct, "description", "NOUN", reason, det.idx if det is not None else tok.idx)
            return
        if det is None or word in self.introduced:
            return
        inner = [self.by_token[i] for i in range(det.i + 1, tok.i) if i in self.by_token]
        own = self.own_name(tok, role, inner)
        if own is not None:
            where = "its modifier" if own.start < tok.idx else "its 'of' phrase"
            start = tok.idx if inner else det.idx
            phrase = self.text[start : tok.idx + len(tok.text)]
            reason = f"description '{phrase}' names {self.text[own.start : own.end]} in {where}"
            self.attach(tok, own, "description", "NOUN", reason, start)
            return
        if any(self.fits(m, role, gender) or self.sdoc[m.root].head.i == tok.i for m in inner):
            return  # "the Apple chief", "the Israeli military": a modifier names its owner, not the referent
        if any(c.dep_ not in _MODIFIERS for c in lefts if c.i != det.i):
            return
        scores: dict[int, float] = {}
        latest: dict[int, _Mention] = {}
        seen: set[int] = set()
        blocked = self.blocked(tok)
        for i in range(self.sent_starts[max(0, si - _WINDOW + 1)], det.i):
            m = self.by_token.get(i)
            if m is None or id(m) in seen:
                continue
            seen.add(id(m))
            t = self.sdoc[m.root]
            modifier = t.dep_ in ("amod", "compound", "npadvmod", "nmod") and not m.start <= t.head.idx < m.end
            if modifier and m.via not in ("pronoun", "description"):
                continue  # "Iranian officials", "the Oscar-winning star": a modifier, not a referent
            if t.i in blocked or not self.fits(m, role, gender):
                continue
            root = self.uf.find(m.group)
            subject = t.dep_ in _SUBJECTS or (t.dep_ == "conj" and t.head.dep_ in _SUBJECTS)
            scores[root] = scores.get(root, 0.0) + 0.5 ** (si - self.sent_of[i]) * (1.5 if subject else 1.0)
            latest[root] = m
        if not scores:
            return
        ranked = sorted(scores.items(), key=lambda kv: -kv[1])
        best, top = ranked[0]
        if len(ranked) > 1 and ranked[1][1] * _MARGIN > top:
            return  # two entities about as salient: record nothing
        start = tok.idx if inner else det.idx  # "the California-based company" -> "company": no nested mention
        phrase = self.text[start : tok.idx + len(tok.text)]
        first = self.groups[best].mentions[0]
        name = self.text[first.start : first.end]
        which = "the only" if len(ranked) == 1 else "the most salient"
        reason = f"description '{phrase}' resolved to {which} {kind_word} in the last {_WINDOW} sentences, {name}"
        self.attach(tok, latest[best], "description", "NOUN", reason, start)


def _mentions(sdoc: Doc) -> list[_Mention]:
    """The named mentions of the Doc, trimmed and classified, in text order."""
    text = sdoc.text
    out: list[_Mention] = []
    for e in sdoc.ents:
        if e.label_ in _NOT_ENTITIES:
            continue
        s, t = _trim(text, e.start_char, e.end_char)
        if s >= t:
            continue
        m = _classify(e, text, s, t)
        if m is not None:
            out.append(m)
    return out


def _given_acronyms(text: str, mentions: list[_Mention]) -> dict[str, _Mention]:
    """Acronyms the text spells out after a name: "Islamic Revolutionary Guard Corps (IRGC)"."""
    out: dict[str, _Mention] = {}
    for m in mentions:
        if m.kind in ("organization", "other", "place") and " " in text[m.start : m.end]:
            hit = _ACRONYM_AFTER.match(text, m.end)
            if hit:
                out.setdefault(hit.group(1), m)
    return out


def _alias_mentions(sdoc: Doc, given: dict[str, _Mention], mentions: list[_Mention]) -> list[_Mention]:
    """Mentions of a spelled-out acronym that the NER missed (via "alias")."""
    if not given:
        return []
    covered = {i for m in mentions for i in range(m.start, m.end)}
    text = sdoc.text
    out = []
    for tok in sdoc:
        target = given.get(tok.text)
        if target is not None and tok.idx not in covered:
            m = _Mention(tok.idx, tok.idx + len(tok.text), tok.text, target.label, "alias", target.kind, "", tok.i)
            m.key = key_of(tok.text, target.kind)
            m.why = f"acronym given in the text for {text[target.start : target.end]}"
            out.append(m)
    return out


def _name_of(g_mentions: list[_Mention], kind: EntityType, key: str, text: str) -> str:
    """The longest proper name among the mentions; a country named only by demonym or capital gets its own name."""
    names = [text[m.start : m.end] for m in g_mentions if m.via in ("ner", "alias")]
    if kind == "country":
        names = [n for n in names if country_code(n)]
        if not names:
            return country_name(key.split(":", 1)[1])
    if not names:
        names = [text[m.start : m.end] for m in g_mentions]
    return max(names, key=len)  # max keeps the first of equal lengths


def _repeated_names(sdoc: Doc, groups: list[_Group], uf: _Union, named: list[_Mention]) -> list[_Mention]:
    """Names (and unique surnames) of recognised entities found again where the tagger missed them (via "name").

    One regular-expression pass over the text; a hit must sit on token boundaries and outside every mention.
    """
    text = sdoc.text
    target: dict[str, _Mention] = {}
    surnames: dict[str, list[_Mention]] = {}
    for m in named:
        if m.via not in ("ner", "alias"):
            continue
        surface = text[m.start : m.end]
        if (len(surface) >= 4 or surface.isupper()) and any(c.isupper() for c in surface):
            target.setdefault(surface, m)
        words = surface.split()
        if m.kind == "person" and len(words) >= 2 and len(words[-1]) >= 3 and words[-1][0].isupper():
            surnames.setdefault(words[-1], []).append(m)
    why: dict[str, str] = {}
    for surname, ms in surnames.items():
        if len({uf.find(m.group) for m in ms}) == 1 and surname not in target:
            target[surname] = ms[0]
            full = text[ms[0].start : ms[0].end]
            why[surname] = f"surname '{surname}' of {full}, the only person in the article with it"
    if not target:
        return []
    covered = bytearray(len(text))
    for m in named:
        covered[m.start : m.end] = b"\x01" * (m.end - m.start)
    pattern = re.compile(
        r"(?<!\w)(?:" + "|".join(re.escape(n) for n in sorted(target, key=len, reverse=True)) + r")(?!\w)"
    )
    out: list[_Mention] = []
    for hit in pattern.finditer(text):
        s, e = hit.span()
        span = None if any(covered[s:e]) else sdoc.char_span(s, e)
        if span is None:
            continue
        src = target[hit.group()]
        found = hit.group()
        reason = why.get(found, f"the name '{found}' again, where the tagger missed it")
        m = _Mention(s, e, found, src.label, "name", src.kind, src.key, span.root.i, why=reason)
        m.group = src.group
        out.append(m)
    return out


def entities(sdoc: Doc, *, resolve_pronouns: bool = True, refind_names: bool = True) -> tuple[Entity, ...]:
    """One Entity per actor, place or group in the article, its mentions in text order and every merge's reason.

    Args:
        sdoc: the parsed article.
        resolve_pronouns: also tie pronouns and "the group"-style descriptions to entities.
        refind_names: also take, as mentions, recognised names found again where the tagger missed them.
    """
    text = sdoc.text
    named = _mentions(sdoc)
    given = _given_acronyms(text, named)
    named += _alias_mentions(sdoc, given, named)
    named.sort(key=lambda m: m.start)
    groups: list[_Group] = []
    index: dict[str, int] = {}
    for m in named:
        gi = index.get(m.key)
        if gi is None:
            gi = index[m.key] = len(groups)
            groups.append(_Group(m.key, m.kind))
        m.group = gi
        groups[gi].mentions.append(m)
    uf = _Union(len(groups))
    _surname_merges(groups, uf, text)
    _acronym_merges(groups, uf, text, {a: index[m.key] for a, m in given.items()})
    if refind_names:
        named += _repeated_names(sdoc, groups, uf, named)
        named.sort(key=lambda m: m.start)
    resolver = _Resolver(sdoc, groups, uf, named)
    if resolve_pronouns and sdoc.has_annotation("DEP"):
        resolver.resolve()
    members: dict[int, list[_Mention]] = {}
    for m in [*named, *resolver.added]:
        members.setdefault(uf.find(m.group), []).append(m)
    out: list[tuple[int, Entity]] = []
    for root, ms in members.items():
        ms.sort(key=lambda m: (m.start, m.end))
        kind = groups[root].kind
        name = _name_of(ms, kind, groups[root].key, text)
        key = groups[root].key if kind == "country" else key_of(name, kind)
        merges: list[EntityMerge] = []
        seen: set[tuple[str, str]] = set()
        aliases: list[str] = []
        candidates = [
            *uf.merges.get(root, []),
            *(EntityMerge(text[m.start : m.end], m.why) for m in ms if m.why),
            *(
                EntityMerge(m.raw, "same name once determiners, possessive 's and punctuation are removed")
                for m in ms
                if m.raw != text[m.start : m.end] and m.via in ("ner", "alias")
            ),
            *(
                EntityMerge(text[m.start : m.end], f"same key {key}")
                for m in ms
                if m.via == "ner" and not m.why and norm(text[m.start : m.end]) != norm(name)
            ),
            *resolver.reasons.get(root, []),
        ]
        explained: set[str] = set()
        for mg in candidates:
            if mg.alias == name or (mg.alias, mg.reason) in seen:
                continue
            if mg.reason.startswith("same key") and mg.alias in explained:
                continue  # already merged for a stronger reason (a surname, an acronym)
            seen.add((mg.alias, mg.reason))
            explained.add(mg.alias)
            merges.append(mg)
        for m in ms:
            surface = text[m.start : m.end]
            if m.via not in ("pronoun", "description") and surface != name and surface not in aliases:
                aliases.append(surface)
        mentions = tuple(EntityMention(TextSpan.of(text, m.start, m.end), m.label, m.via) for m in ms)
        out.append((ms[0].start, Entity("", name, kind, key, mentions, tuple(aliases), tuple(merges))))
    out.sort(key=lambda p: p[0])
    return tuple(
        Entity(f"e{i + 1}", e.name, e.type, e.key, e.mentions, e.aliases, e.merges) for i, (_, e) in enumerate(out)
    )
