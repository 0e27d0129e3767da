"""Tests for according.ingest.read: size limit, dispatch, metadata precedence, files, stdin, directories."""

from __future__ import annotations

import io
import json
import shutil
import sys
from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace

import pytest

from according.errors import FormatError, InputError
from according.ingest import read
from according.types import Document, Skipped

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
GV = "globalvoices-north-korea-journalists"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10"
TEXT = "Officials said the plan would go ahead.\n\n“It is final,” the minister told reporters.\n"


def _docs(items: list[Document | Skipped]) -> dict[str, Document]:
    return {Path(d.url or "").name: d for d in items if isinstance(d, Document)}


def test_read_bytes_reads_plain_text() -> None:
    data = (EXAMPLES / "wikinews-hamza-bin-laden.txt").read_bytes()
    doc = read.read_bytes(data, name="wikinews-hamza-bin-laden.txt")
    assert doc.text == data.decode("utf-8")
    assert doc.title == "US President Trump says Osama bin Laden's son killed"  # the first line, as make_document does


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"\xef\xbb\xbf" + TEXT.encode(), TEXT),
        (b"The caf\xe9 said \x93no\x94.\r\n", "The café said “no”.\n"),
        (TEXT.encode("utf-16"), TEXT),
    ],
    ids=["utf8-bom", "cp1252-crlf", "utf16"],
)
def test_read_bytes_decodes(data: bytes, expected: str) -> None:
    assert read.read_bytes(data).text == expected


@pytest.mark.parametrize(
    "data",
    [b"", b"   \n\t\r\n", b"\xef\xbb\xbf\n", "\ufeff \u200b\n".encode("utf-16")],
    ids=["empty", "whitespace", "bom-only", "utf16-blank"],
)
def test_read_bytes_rejects_empty(data: bytes) -> None:
    with pytest.raises(InputError) as info:
        read.read_bytes(data, name="blank.txt")
    assert info.value.reason == "empty"
    assert "blank.txt" in str(info.value)


@pytest.mark.parametrize("data", [PNG, b"Officials\x00said\x00so\x00\x00\x00"], ids=["png", "nul"])
def test_read_bytes_rejects_binary(data: bytes) -> None:
    with pytest.raises(InputError) as info:
        read.read_bytes(data)
    assert info.value.reason == "binary"


def test_read_bytes_rejects_too_large(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ACCORDING_MAX_BYTES", "10")
    with pytest.raises(InputError) as info:
        read.read_bytes(TEXT.encode(), name="big.txt")
    assert info.value.reason == "too_large"
    assert "big.txt" in str(info.value)
    with pytest.raises(InputError):
        read.read_text(TEXT)


def test_read_bytes_rejects_unknown_format() -> None:
    with pytest.raises(FormatError, match="'pdf'"):
        read.read_bytes(b"x", format="pdf")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "name", "expected_start"),
    [
        ('{"text": "Officials said so.", "title": "T"}', "<input>", "Officials said so."),
        ('  {"text": "Officials said so."}', "article", "Officials said so."),
        ("<html><body><article><p>Officials said the plan was final.</p></article></body></html>", "-", "Officials"),
        ("{aside} Officials said so.", "<input>", "{aside} Officials said so."),
        ('{"text": "not an article object, but named .txt"}', "notes.txt", '{"text"'),
        ("<p>Officials said the plan was final.</p>", "page.html", "Officials said the plan was final."),
    ],
    ids=["json-content", "json-leading-space", "html-content", "brace-prose", "txt-name-wins", "html-name"],
)
def test_read_text_detects_format(text: str, name: str, expected_start: str) -> None:
    assert read.read_text(text, name=name).text.startswith(expected_start)


def test_read_text_json_name_requires_json() -> None:
    with pytest.raises(InputError) as info:
        read.read_text("Officials said so.", name="article.json")
    assert info.value.reason == "bad_json"
    assert str(info.value).startswith("article.json: invalid JSON at line 1, column 1")


def test_read_text_explicit_format() -> None:
    markup = "<p>Officials said <b>so</b>.</p>"
    assert read.read_text(markup, format="text").text == markup
    assert read.read_text(markup, format="html").text == "Officials said so."


def test_read_text_keeps_text_exactly() -> None:
    text = "  Line one.\r\nLine two.  \n"
    assert read.read_text(text).text == text  # no normalisation: offsets refer to the caller's string


def test_read_bytes_arguments_override_found_metadata() -> None:
    page = (EXAMPLES / "html" / f"{GV}.html").read_bytes()
    when = datetime(2009, 6, 10, 12, tzinfo=UTC)
    doc = read.read_bytes(page, name="page.html", title="Journalists sentenced", outlet="GV", published=when)
    assert doc.title == "Journalists sentenced"
    assert doc.outlet == "GV"
    assert doc.published == when
    assert doc.author == "Bhumika Ghimire"  # found in the page, not overridden


def test_read_path_reads_sidecar_metadata() -> None:
    doc = read.read_path(EXAMPLES / f"{GV}.txt")
    side = json.loads((EXAMPLES / f"{GV}.json").read_text(encoding="utf-8"))
    assert doc.text == (EXAMPLES / f"{GV}.txt").read_text(encoding="utf-8")
    assert doc.title == side["title"]
    assert doc.outlet == side["outlet"] == "Global Voices"
    assert doc.url == side["url"]
    assert doc.author == side["author"]
    assert doc.published == datetime(2009, 6, 9, tzinfo=UTC)


def test_read_path_html_with_sidecar() -> None:
    doc = read.read_path(EXAMPLES / "html" / f"{GV}.html")
    assert doc.title == "North Korea: Two American Journalists Sentenced to Hard Labor"
    assert doc.outlet == "Global Voices"  # from the sidecar, not "Global Voices Online" from the page
    assert doc.url is not None and doc.url.startswith("http://globalvoicesonline.org/2009/06/09/")
    assert "News coming out of Pyongyang is not encouraging." in doc.text


def test_read_path_sidecar_date_key_and_arguments(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    side = {"title": "Plan final", "date": "2020-03-01", "outlet": "Paper", "origin": {"repo": "x"}, "words": 12}
    (tmp_path / "a.json").write_text(json.dumps(side), encoding="utf-8")
    doc = read.read_path(tmp_path / "a.txt", outlet="Other paper")
    assert doc.title == "Plan final"
    assert doc.published == datetime(2020, 3, 1, tzinfo=UTC)
    assert doc.outlet == "Other paper"  # an argument beats the sidecar


@pytest.mark.parametrize(
    "sidecar",
    ['{"title": "x",', "[1, 2]", '{"title": 5, "date": "soon"}', "\xff\xfe\x00"],
    ids=["truncated", "array", "bad-values", "not-utf8"],
)
def test_read_path_ignores_malformed_sidecar(tmp_path: Path, sidecar: str) -> None:
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "a.json").write_bytes(sidecar.encode("latin-1"))
    doc = read.read_path(tmp_path / "a.txt")
    assert doc.text == TEXT
    assert (doc.title, doc.published) == (None, None)


def test_read_path_reads_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", SimpleNamespace(buffer=io.BytesIO(b"The caf\xe9 said so.\r\n")))
    doc = read.read_path("-", title="Stdin story")
    assert doc.text == "The café said so.\n"
    assert doc.title == "Stdin story"


def test_read_path_stdin_errors_name_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", SimpleNamespace(buffer=io.BytesIO(b"")))
    with pytest.raises(InputError, match="<stdin>") as info:
        read.read_path("-")
    assert info.value.reason == "empty"


@pytest.mark.parametrize("which", ["missing", "directory"])
def test_read_path_unreadable(tmp_path: Path, which: str) -> None:
    path = tmp_path / "nope.txt" if which == "missing" else tmp_path
    with pytest.raises(InputError) as info:
        read.read_path(path)
    assert info.value.reason == "unreadable"
    assert str(path) in str(info.value)


def test_read_path_too_large_before_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "big.txt").write_text("x" * 100, encoding="utf-8")
    monkeypatch.setenv("ACCORDING_MAX_BYTES", "50")
    with pytest.raises(InputError) as info:
        read.read_path(tmp_path / "big.txt")
    assert info.value.reason == "too_large"


def test_iter_paths_directory_with_bad_files(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "good.json").write_text('{"title": "Good one", "url": "https://e.com/good.txt"}', encoding="utf-8")
    shutil.copy(EXAMPLES / "html" / f"{GV}.html", tmp_path / "page.htm")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "note.md").write_text("# Note\n\nThe mayor said so.\n", encoding="utf-8")
    (tmp_path / "sub" / "story.json").write_text(
        json.dumps({"text": TEXT, "url": "https://e.com/story.json"}), encoding="utf-8"
    )
    (tmp_path / "image.txt").write_bytes(PNG)
    (tmp_path / "blank.txt").write_text("  \n", encoding="utf-8")
    (tmp_path / "broken.json").write_text('{"text": "unterminated', encoding="utf-8")
    (tmp_path / "nohtml.html").write_text("<html><body><nav>menu</nav></body></html>", encoding="utf-8")
    (tmp_path / "ignored.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / ".hidden.txt").write_text(TEXT, encoding="utf-8")

    items = list(read.iter_paths([tmp_path]))

    skipped = {Path(s.source).name: s for s in items if isinstance(s, Skipped)}
    assert {name: s.reason for name, s in skipped.items()} == {
        "image.txt": "binary",
        "blank.txt": "empty",
        "broken.json": "bad_json",
        "nohtml.html": "no_article_body",
    }
    assert "line 1, column" in skipped["broken.json"].detail
    docs = [d for d in items if isinstance(d, Document)]
    assert len(docs) == 4  # good.txt, page.htm, sub/note.md, sub/story.json; good.json is good.txt's sidecar
    assert _docs(items)["good.txt"].title == "Good one"
    assert _docs(items)["story.json"].text == TEXT
    assert any(d.text.startswith("# Note") for d in docs)
    assert any("News coming out of Pyongyang" in d.text for d in docs)


def test_iter_paths_files_stdin_and_missing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", SimpleNamespace(buffer=io.BytesIO(b"From stdin, officials said.")))
    items = list(read.iter_paths([tmp_path / "a.txt", tmp_path / "missing.txt", "-"]))
    assert isinstance(items[0], Document) and items[0].text == TEXT
    assert isinstance(items[1], Skipped) and items[1].reason == "unreadable"
    assert items[1].source == str(tmp_path / "missing.txt")
    assert isinstance(items[2], Document) and items[2].text == "From stdin, officials said."


def test_iter_paths_bundled_examples() -> None:
    items = list(read.iter_paths([EXAMPLES]))
    assert not [s for s in items if isinstance(s, Skipped)]
    docs = [d for d in items if isinstance(d, Document)]
    titled = {d.title for d in docs}
    assert len(docs) == len(list(EXAMPLES.glob("*.txt"))) + 2  # texts and two pages; README.md is not an article
    assert "Magnitogorsk apartment building collapses after explosion, dozens dead" in titled
    assert all(d.url for d in docs if d.outlet == "Wikinews")
