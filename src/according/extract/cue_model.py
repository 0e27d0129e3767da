"""A learned attribution-cue scorer: which words introduce someone else's words or thoughts.

A logistic regression over parse features, trained on PolNeAR (`according train cues`). The weights
ship as JSON inside the package and are scored here in plain Python, so running needs no scikit-learn.
"""

from __future__ import annotations

import functools
import gzip
import json
import math
from dataclasses import dataclass
from importlib import resources
from typing import Any

from spacy.tokens import Token

from according.extract import cues

FEATURES_VERSION = 1
CANDIDATE_POS = frozenset({"VERB", "NOUN", "ADJ", "AUX"})
_PERSON_PRONOUNS = frozenset({"he", "she", "i", "we", "they", "you"})


def _subject_class(tok: Token) -> str:
    for c in tok.children:
        if c.dep_ in {"nsubj", "nsubjpass"}:
            if c.lower_ in _PERSON_PRONOUNS:
                return "pron_person"
            if c.ent_type_:
                return "ent_" + c.ent_type_
            if c.pos_ == "PRON":
                return "pron"
            if c.lemma_.lower() in cues.ANONYMOUS_HEADS:
                return "anon"
            return "noun"
    return "none"


def candidate(tok: Token) -> bool:
    """Tokens the model scores: content words that could head a cue."""
    return tok.pos_ in CANDIDATE_POS and not tok.is_punct


def features(tok: Token, in_quote: bool) -> list[str]:
    """String features of a candidate token (version FEATURES_VERSION)."""
    lemma = tok.lemma_.lower()
    doc = tok.doc
    deps = sorted({c.dep_ for c in tok.children})
    subj = _subject_class(tok)
    f = [
        "b",
        "l=" + lemma,
        "p=" + tok.pos_,
        "t=" + tok.tag_,
        "d=" + tok.dep_,
        "hp=" + tok.head.pos_,
        "hl=" + tok.head.lemma_.lower(),
        "s=" + subj,
        "ls=" + lemma + "|" + subj,
        "ld=" + lemma + "|" + tok.dep_,
        "q=" + str(in_quote),
        "lex=" + str(lemma in cues.REPORTING_VERBS or lemma in cues.REPORTING_NOUNS),
        "prev=" + (doc[tok.i - 1].lower_ if tok.i > 0 else "<s>"),
        "next=" + (doc[tok.i + 1].lower_ if tok.i + 1 < len(doc) else "</s>"),
    ]
    f.extend("c=" + d for d in deps)
    f.extend("lc=" + lemma + "|" + d for d in deps if d in {"ccomp", "xcomp", "dobj", "prep", "advcl", "dative", "prt"})
    for c in tok.children:
        if c.dep_ in {"prep", "prt", "mark"}:
            f.append("cw=" + c.dep_ + "|" + c.lower_)
            f.append("lcw=" + lemma + "|" + c.lower_)
        if c.dep_ == "ccomp":
            marks = [g.lower_ for g in c.children if g.dep_ == "mark"]
            f.append("ccm=" + (marks[0] if marks else "none"))
    return f


@dataclass(frozen=True, slots=True)
class CueModel:
    """Weights of the logistic regression and the decision threshold chosen on PolNeAR dev."""

    weights: dict[str, float]
    threshold: float
    meta: dict[str, Any]

    def prob(self, tok: Token, in_quote: bool) -> float:
        z = sum(self.weights.get(f, 0.0) for f in features(tok, in_quote))
        return 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0)))

    def to_json(self) -> bytes:
        return json.dumps(
            {"weights": self.weights, "threshold": self.threshold, "meta": self.meta}, sort_keys=True
        ).encode()

    @classmethod
    def from_json(cls, data: bytes) -> CueModel:
        obj = json.loads(data)
        if obj.get("meta", {}).get("features_version") != FEATURES_VERSION:
            raise ValueError("cue model was trained with other features; retrain with `according train cues`")
        return cls(obj["weights"], float(obj["threshold"]), obj.get("meta", {}))


MODEL_FILE = "cue_model.json.gz"


@functools.lru_cache(maxsize=1)
def load() -> CueModel | None:
    """The shipped cue model, or None when the package was built without one."""
    try:
        raw = resources.files("according.data").joinpath(MODEL_FILE).read_bytes()
    except (FileNotFoundError, ModuleNotFoundError):
        return None
    return CueModel.from_json(gzip.decompress(raw))
