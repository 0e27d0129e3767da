"""Evaluation of syndication (PolNeAR wire stories) and claim clustering (ECB+ event coreference); docs/provenance.md.

Both read the data in place and return flat dicts of numbers for the CLI to print.
"""

from __future__ import annotations

import csv
import random
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from itertools import combinations
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from according.corpus.clusters import ClaimRecord, claim_clusters
from according.corpus.syndication import Article, syndication_groups

if TYPE_CHECKING:
    from according.corpus.semantic import Encoder

Pair = tuple[str, str]
WIRES = frozenset({"ap", "upi", "afp", "reuters"})
_CREDITS = (
    "Copyright {year} The Associated Press. All rights reserved. This material may not be published, broadcast, "
    "rewritten or redistributed.",
    "(Reporting by staff; Editing by the desk)",
    "This article originally appeared on a wire service and is republished with permission.",
)
_STYLE = ((r"\bpercent\b", "per cent"), (r"\bU\.S\.", "US"), (r"\bMr\. ", ""), (r"\bSept\.", "September"))


def _pairs(groups: Iterable[Iterable[str]]) -> set[Pair]:
    out: set[Pair] = set()
    for g in groups:
        for a, b in combinations(sorted(set(g)), 2):
            out.add((a, b))
    return out


def prf(predicted: set[Pair], gold: set[Pair]) -> dict[str, float | int]:
    """Pairwise precision, recall and F1 (pairs are sorted tuples)."""
    tp = len(predicted & gold)
    p = tp / len(predicted) if predicted else 0.0
    r = tp / len(gold) if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {
        "gold_pairs": len(gold),
        "predicted_pairs": len(predicted),
        "true_pairs": tp,
        "precision": p,
        "recall": r,
        "f1": f,
    }


# -- syndication on PolNeAR ----------------------------------------------------------------------------------


def _reprint(text: str, rng: random.Random, year: str) -> str:
    """A wire story as another outlet runs it: new headline, house style, maybe the last paragraph cut, a credit."""
    paras = [p for p in text.split("\n\n") if p.strip()]
    head = paras[0]
    paras[0] = rng.choice(("", "WATCH: ", "BREAKING: ", "UPDATED: ")) + head.rstrip(".") + rng.choice(("", " (VIDEO)"))
    if len(paras) > 4 and rng.random() < 0.5:
        paras = paras[:-1]
    body = "\n\n".join(paras)
    for pattern, repl in _STYLE:
        if rng.random() < 0.5:
            body = re.sub(pattern, repl, body)
    return body + "\n\n" + rng.choice(_CREDITS).format(year=year)


def evaluate_syndication(metadata: Path, *, copies: int = 2, seed: int = 0) -> dict[str, float | int | str]:
    """Pairwise P/R/F1 of syndication groups over PolNeAR's texts plus outlet reprints of its wire stories.

    Gold groups: each wire story (metadata `wire` in AP, UPI, AFP, Reuters) with its `copies` reprints
    (`_reprint`). Scored pairs are those with a reprint on at least one side, so a reprint put with the
    wrong story is a false positive; every other PolNeAR article is a distractor, most about the same
    campaign. Pairs of two original PolNeAR articles are not in the gold (the corpus marks no duplicates)
    and are counted apart, as `original_pairs_found`, for checking by hand (docs/provenance.md lists them).
    """
    root = metadata.parent
    rng = random.Random(seed)
    articles: list[Article] = []
    gold_groups: list[list[str]] = []
    wires = 0
    with metadata.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            path = root / row["compartment"] / "text" / f"{row['filename']}.txt"
            if not path.is_file():
                continue
            text = path.read_text(encoding="utf-8")
            name = row["filename"]
            articles.append(Article(name, text, None, len(articles)))
            if row["wire"].strip().lower() in WIRES:
                wires += 1
                group = [name]
                for k in range(copies):
                    copy = f"{name}#copy{k + 1}"
                    articles.append(
                        Article(copy, _reprint(text, rng, row["publication_date"][:4]), None, len(articles))
                    )
                    group.append(copy)
                gold_groups.append(group)
    gold = _pairs(gold_groups)
    found = syndication_groups(articles)
    predicted = _pairs(g.doc_ids for g in found)
    scored = {(a, b) for a, b in predicted if "#" in a or "#" in b}
    scores: dict[str, float | int | str] = {
        "articles": len(articles) - wires * copies,
        "wire_stories": wires,
        "reprints": wires * copies,
    }
    scores.update(prf(scored, gold))
    scores["groups_found"] = len(found)
    scores["original_pairs_found"] = len(predicted - scored)
    return scores


# -- claim clusters on ECB+ ----------------------------------------------------------------------------------


def _coref_sentences(ecbplus: Path) -> set[tuple[str, int]]:
    path = ecbplus / "ECB+_LREC2014" / "ECBplus_coreference_sentences.csv"
    with path.open(encoding="utf-8", newline="") as f:
        return {(f"{r['Topic']}_{r['File']}", int(r["Sentence Number"])) for r in csv.DictReader(f)}


def ecb_sentences(ecbplus: Path) -> Iterator[tuple[str, int, str, frozenset[str]]]:
    """(document, sentence number, text, cross-document event chains) for ECB+'s fully annotated sentences.

    A sentence's chains are the `note`s of the CROSS_DOC_COREF relations whose source is an action mention
    (ACTION_*) anchored in that sentence.
    """
    wanted = _coref_sentences(ecbplus)
    for path in sorted((ecbplus / "ECB+").glob("*/*.xml"), key=lambda p: (int(p.parent.name), p.name)):
        doc = path.stem
        root = ET.parse(path).getroot()
        sentence_of: dict[str, int] = {}
        words: dict[int, list[str]] = {}
        for tok in root.iter("token"):
            s = int(tok.get("sentence", "0"))
            sentence_of[tok.get("t_id", "")] = s
            words.setdefault(s, []).append(tok.text or "")
        action_sentences: dict[str, set[int]] = {}
        markables = root.find("Markables")
        for m in markables if markables is not None else []:
            if m.tag.startswith("ACTION") and m.get("m_id"):
                action_sentences[m.get("m_id", "")] = {
                    sentence_of[a.get("t_id", "")] for a in m.iter("token_anchor") if a.get("t_id") in sentence_of
                }
        chains: dict[int, set[str]] = {}
        relations = root.find("Relations")
        for rel in relations if relations is not None else []:
            if rel.tag != "CROSS_DOC_COREF":
                continue
            note = rel.get("note", "")
            for src in rel.iter("source"):
                for s in action_sentences.get(src.get("m_id", ""), ()):
                    chains.setdefault(s, set()).add(note)
        for s, toks in sorted(words.items()):
            if (doc, s) in wanted:
                yield doc, s, " ".join(toks), frozenset(chains.get(s, ()))


def evaluate_clusters(
    ecbplus: Path, *, encoder: Encoder | None = None, topics: Literal["all", "odd", "even"] = "all"
) -> dict[str, float | int | str]:
    """Pairwise P/R/F1 of claim clustering over ECB+ sentences against cross-document event coreference.

    Every fully annotated sentence is one record (its text as the claim, no source). A gold pair is two
    sentences of different documents that share a cross-document event chain; a predicted pair is two
    sentences of different documents in one claim cluster. The chosen topics are clustered together:
    "odd" topics served to choose the semantic threshold, "even" ones are held out for reporting it.
    """
    sents = [
        s for s in ecb_sentences(ecbplus) if topics == "all" or (int(s[0].split("_")[0]) % 2 == 1) == (topics == "odd")
    ]
    records = [ClaimRecord(doc, str(s), text) for doc, s, text, _ in sents]
    by_chain: dict[str, list[str]] = {}
    for doc, s, _, chains in sents:
        for c in chains:
            by_chain.setdefault(c, []).append(f"{doc}/{s}")
    gold = {(a, b) for a, b in _pairs(by_chain.values()) if a.split("/")[0] != b.split("/")[0]}
    clusters = claim_clusters(records, encoder=encoder)
    predicted = {
        (a, b) for a, b in _pairs([m.key for m in c.members] for c in clusters) if a.split("/")[0] != b.split("/")[0]
    }
    scores: dict[str, float | int | str] = {
        "sentences": len(sents),
        "sentences_with_event_chain": sum(1 for *_, c in sents if c),
        "clusters": len(clusters),
        "topics": topics,
        "encoder": encoder.name if encoder is not None else "none (lexical)",
    }
    scores.update(prf(predicted, gold))
    topic = {f"{d}/{s}": d.split("_")[0] for d, s, *_ in sents}
    scores["predicted_pairs_across_topics"] = sum(1 for a, b in predicted if topic[a] != topic[b])
    return scores
