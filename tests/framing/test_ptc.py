"""Reading PTC splits in place: offsets in code points, duplicate rows, bad rows."""

from __future__ import annotations

from pathlib import Path

import pytest

from according.errors import InputError
from according.framing.ptc import TECHNIQUES, data_sha256, read_labels, read_split

from .conftest import ARTICLES

PTC_TRAIN = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "ptc" / "train"


def test_ptc_reads_articles_and_spans(tiny_split: Path) -> None:
    arts = list(read_split(tiny_split))
    assert [a.id for a in arts] == ["901", "902", "903"]
    first = arts[0]
    assert first.text == ARTICLES["901"]
    got = {(first.text[s.start : s.end], s.technique) for s in first.spans}
    assert ("a gang of thieves", "Name_Calling,Labeling") in got
    assert ("a gang of thieves", "Loaded_Language") in got
    # "Café" puts a non-ASCII character before every span: offsets count code points, not bytes
    assert ("corrupt", "Loaded_Language") in got


def test_ptc_keeps_carriage_returns_and_drops_duplicate_rows(tmp_path: Path) -> None:
    split = tmp_path / "dev"
    (split / "dev-articles").mkdir(parents=True)
    (split / "dev-labels-task2-technique-classification").mkdir()
    (split / "dev-articles" / "article7.txt").write_bytes(b"Title\r\n\r\nThey are crooks.\r\n")
    row = "7\tName_Calling,Labeling\t18\t24\n"
    (split / "dev-labels-task2-technique-classification" / "article7.task2-TC.labels").write_text(row + row)
    (art,) = read_split(split)
    assert len(art.spans) == 1
    assert art.text[art.spans[0].start : art.spans[0].end] == "crooks"


def test_ptc_without_labels_reads_articles_only(tiny_split: Path) -> None:
    for p in (tiny_split / "train-labels-task2-technique-classification").iterdir():
        p.unlink()
    (tiny_split / "train-labels-task2-technique-classification").rmdir()
    assert all(a.spans == () for a in read_split(tiny_split))


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("901\tPropaganda\t0\t4\n", "unknown technique"),
        ("901\t0\t4\n", "expected"),
        ("901\tDoubt\t0\t9999\n", "outside"),
    ],
    ids=["unknown-technique", "short-row", "outside-article"],
)
def test_ptc_rejects_bad_rows(tiny_split: Path, row: str, message: str) -> None:
    (tiny_split / "train-labels-task2-technique-classification" / "article901.task2-TC.labels").write_text(row)
    with pytest.raises(InputError, match=message):
        list(read_split(tiny_split))


def test_ptc_missing_articles_folder_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="articles"):
        list(read_split(tmp_path))


def test_ptc_data_hash_changes_with_labels(tiny_split: Path) -> None:
    before = data_sha256(tiny_split)
    assert before == data_sha256(tiny_split)
    lp = tiny_split / "train-labels-task2-technique-classification" / "article902.task2-TC.labels"
    lp.write_text(lp.read_text() + "902\tSlogans\t0\t5\n")
    assert data_sha256(tiny_split) != before


@pytest.mark.data
def test_ptc_reads_the_shared_training_split() -> None:
    if not PTC_TRAIN.is_dir():
        pytest.skip(f"{PTC_TRAIN} is absent")
    arts = list(read_split(PTC_TRAIN))
    assert len(arts) == 371
    assert sum(len(a.spans) for a in arts) == 6128  # 6,129 rows, one duplicate (the corpus README)
    assert {s.technique for a in arts for s in a.spans} == set(TECHNIQUES)
    rows = read_labels(PTC_TRAIN / "train-task2-TC.labels")
    assert len(rows) == 6129
