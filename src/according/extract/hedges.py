"""Hedges ("alleged", "appear to", "is believed to") and boosters ("definitely", "naturally") with their spans."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from according.extract import cues

CharSpan = tuple[int, int]


def _by_first_word(phrases: tuple[str, ...]) -> dict[str, list[tuple[str, ...]]]:
    """Phrases as word tuples, indexed by their first word, longest first."""
    out: dict[str, list[tuple[str, ...]]] = {}
    for p in sorted(phrases, key=lambda p: -len(p.split())):
        seq = tuple(p.split())
        out.setdefault(seq[0], []).append(seq)
    return out


_HEDGE_SEQS = _by_first_word(cues.HEDGE_PHRASES)
_BOOST_SEQS = _by_first_word(cues.BOOSTER_PHRASES)
_EPISTEMIC_NEXT = frozenset({"be", "have", "well", "also", "not", "still", "even", "already", "soon"})


def _word_is_hedge(tok: Token) -> bool:
    """Context checks for words that hedge in some senses only."""
    low = tok.lower_
    if low not in cues.HEDGE_WORDS:
        return False
    if low not in cues.HEDGE_CONTEXTUAL:
        return True
    if low in {"may", "might"}:
        return tok.tag_ == "MD"
    if low in {"appear", "appears", "appeared", "seem", "seems", "seemed"}:
        return tok.pos_ in {"VERB", "AUX"} and (
            low.startswith("seem") or any(c.dep_ in {"xcomp", "acomp", "ccomp"} for c in tok.children)
        )
    if low in {"likely", "possible"}:
        return tok.pos_ in {"ADJ", "ADV"}
    if low in {"potential", "potentially"}:
        return True
    if low in {"suggests", "suggested"}:
        return any(c.dep_ == "ccomp" for c in tok.children)
    if low == "reported":
        return tok.dep_ == "amod"
    if low == "supposed":
        return tok.dep_ != "amod" and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "to"
    return False


def _match(words: list[str], i: int, seqs: dict[str, list[tuple[str, ...]]]) -> int:
    """Length of the longest phrase from `seqs` starting at words[i], or 0."""
    for seq in seqs.get(words[i], ()):
        n = len(seq)
        if tuple(words[i : i + n]) == seq:
            return n
    return 0


def hedges(doc: Doc, *, skip: list[CharSpan] | None = None) -> list[tuple[CharSpan, str]]:
    """Hedge and booster spans in text order, as ((start, end), 'hedge'|'booster').

    `skip` lists character ranges (boilerplate, headline) where nothing is reported.
    """
    words = [t.lower_ for t in doc]
    out: list[tuple[CharSpan, str]] = []
    i = 0
    n = len(doc)
    skip = skip or []
    while i < n:
        tok = doc[i]
        if any(s <= tok.idx < e for s, e in skip):
            i += 1
            continue
        k = _match(words, i, _HEDGE_SEQS)
        if k:
            last = doc[i + k - 1]
            if words[i] == "could" and (i + 1 >= n or words[i + 1] not in _EPISTEMIC_NEXT):
                i += 1
                continue
            out.append(((tok.idx, last.idx + len(last.text)), "hedge"))
            i += k
            continue
        k = _match(words, i, _BOOST_SEQS)
        if k:
            last = doc[i + k - 1]
            out.append(((tok.idx, last.idx + len(last.text)), "booster"))
            i += k
            continue
        if _word_is_hedge(tok):
            out.append(((tok.idx, tok.idx + len(tok.text)), "hedge"))
        elif (
            tok.lower_ in cues.BOOSTER_WORDS
            and tok.lower_ not in cues.BOOSTER_SKIP_ALONE
            and tok.pos_ in {"ADV", "ADJ"}
        ):
            out.append(((tok.idx, tok.idx + len(tok.text)), "booster"))
        i += 1
    return out
