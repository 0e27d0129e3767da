"""Tests for according.ingest.encoding: charsets, BOMs, binary junk, line ends."""

from __future__ import annotations

import gzip
import io
import random
import zipfile

import pytest
from hypothesis import given
from hypothesis import strategies as st

from according.errors import InputError
from according.ingest.encoding import decode

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00"


def _zip() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("article.txt", "The minister said so.")
    return buf.getvalue()


def test_encoding_decodes_utf8() -> None:
    assert decode("The minister said “no” to café talks.".encode()) == "The minister said “no” to café talks."


def test_encoding_strips_utf8_bom() -> None:
    assert decode(b"\xef\xbb\xbfHello, world.\n") == "Hello, world.\n"


def test_encoding_reads_short_cp1252() -> None:
    assert decode(b"caf\xe9 \x93quoted\x94") == "café “quoted”"


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("Le café est “très” bon, a déclaré le ministre. L’été sera chaud. " * 3, "cp1252"),
        ("El presidente dijo el lunes que el Gobierno no cederá. «Es difícil», añadió. " * 3, "cp1252"),
        (
            "Die Regierung teilte mit, dass die Maßnahmen verlängert werden. „Wir müssen vorsichtig sein“. " * 3,
            "cp1252",
        ),
        ("Il ministro ha dichiarato lunedì che il governo non cederà. «È una decisione difficile». " * 3, "cp1252"),
        ("Grüße aus München", "latin-1"),
        ("Президент заявил в понедельник, что правительство не пойдет на уступки. " * 3, "cp1251"),
        ("Předseda vlády v pondělí řekl, že vláda nebude souhlasit s žádnými ústupky. " * 3, "cp1250"),
        ("Prezydent powiedział w poniedziałek, że rząd nie zgodzi się na żadne ustępstwa. " * 3, "cp1250"),
    ],
    ids=[
        "french-cp1252",
        "spanish-cp1252",
        "german-cp1252",
        "italian-cp1252",
        "german-latin1",
        "russian-cp1251",
        "czech-cp1250",
        "polish-cp1250",
    ],
)
def test_encoding_detects_legacy_charsets(text: str, encoding: str) -> None:
    assert decode(text.encode(encoding)) == text


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"], ids=str)
def test_encoding_reads_utf16_and_utf32(encoding: str) -> None:
    text = "Officials said the “report” was wrong.\nIt was not."
    data = text.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    elif encoding == "utf-16-le":
        pass  # no BOM: recognised by the NUL in every other byte
    assert decode(data) == text


def test_encoding_normalises_line_ends() -> None:
    assert decode(b"one\r\ntwo\rthree\n\r\nfour") == "one\ntwo\nthree\n\nfour"


@pytest.mark.parametrize(
    "data",
    [
        PNG,
        b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj",
        gzip.compress(b"The minister said so."),
        _zip(),
        b"GIF89a\x01\x00\x01\x00",
        b"The minister\x00 said\x00\x00 so.\x00\x01",
        bytes(range(1, 9)) * 20 + b"some text",
    ],
    ids=["png", "pdf", "gzip", "zip", "gif", "nul-bytes", "control-characters"],
)
def test_encoding_rejects_binary(data: bytes) -> None:
    with pytest.raises(InputError) as info:
        decode(data, name="junk.bin")
    assert info.value.reason == "binary"
    assert "junk.bin" in str(info.value)


def test_encoding_rejects_undecodable_bytes() -> None:
    data = random.Random(7).randbytes(600).replace(b"\x00", b"\x01")
    with pytest.raises(InputError) as info:
        decode(data, name="noise.txt")
    assert info.value.reason in {"bad_encoding", "binary"}
    assert "noise.txt" in str(info.value)


def test_encoding_rejects_bad_bytes_after_bom() -> None:
    with pytest.raises(InputError) as info:
        decode(b"\xef\xbb\xbfcaf\xe9")
    assert info.value.reason == "bad_encoding"


def test_encoding_keeps_a_few_control_characters() -> None:
    assert decode(b"Page one.\x0cPage two.\tTabbed.") == "Page one.\x0cPage two.\tTabbed."


@given(st.text(st.characters(blacklist_categories=("Cc", "Cs")) | st.sampled_from("\n\t")))
def test_encoding_round_trips_utf8(text: str) -> None:
    if text.startswith(("\ufeff", "%PDF-", "GIF87a", "GIF89a")):
        return
    assert decode(text.encode("utf-8")) == text
