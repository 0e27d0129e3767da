"""Bytes -> str: sniff binary junk, find the charset, and make line ends LF so offsets mean one thing."""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from according.errors import InputError

#: File signatures of formats that are never article text (PDF and GIF start with ASCII, so only this catches them).
BINARY_MAGIC: tuple[bytes, ...] = (
    b"\x89PNG\r\n\x1a\n",
    b"%PDF-",
    b"PK\x03\x04",
    b"PK\x05\x06",
    b"\x1f\x8b",  # gzip
    b"\xff\xd8\xff",  # JPEG
    b"GIF87a",
    b"GIF89a",
    b"BZh91AY&SY",
    b"\xfd7zXZ\x00",
    b"7z\xbc\xaf\x27\x1c",
    b"\x28\xb5\x2f\xfd",  # zstd
    b"\x7fELF",
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",  # OLE: .doc, .xls
    b"\x00asm",
)
#: Checked longest first, because the UTF-32-LE BOM starts with the UTF-16-LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
#: Above this share of control characters the input is binary, whatever it decoded as.
MAX_CONTROL_SHARE = 0.05
#: Legacy texts fit many code pages about equally well, and charset_normalizer's own pick is often wrong
#: (cp1125 for "café", cp1250 for Spanish, iso8859_14 for Italian). Among the near-best candidates we take
#: the code page usual for the language it recognised; when it recognised none, a Western one.
_WESTERN_PAGES = ("cp1252", "iso8859_15", "latin_1")
_PAGES_BY_LANGUAGES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Czech Polish Slovak Hungarian Croatian Slovene Romanian", ("cp1250", "iso8859_2")),
    ("Turkish", ("cp1254", "iso8859_9")),
    ("Greek", ("cp1253", "iso8859_7")),
    (
        "Unknown English German French Dutch Italian Spanish Portuguese Swedish Norwegian Danish Finnish Indonesian",
        _WESTERN_PAGES,
    ),
)
_LANGUAGE_PAGES = {language: pages for languages, pages in _PAGES_BY_LANGUAGES for language in languages.split()}
#: Unicode category Cc less tab, LF, VT, FF and CR.
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_LINE_ENDS = re.compile(r"\r\n?")


def decode(data: bytes, *, name: str = "<input>") -> str:
    """Decode `data` (UTF-8 first, with or without BOM; then BOMs; then detection) and turn CRLF/CR into LF.

    Raises:
        InputError: reason "binary" for images, archives, NUL bytes or control-character soup;
            reason "bad_encoding" when no charset fits confidently.
    """
    if data.startswith(BINARY_MAGIC):
        raise InputError(f"{name}: binary file (starts with {data[:8]!r}), not text", reason="binary")
    text = _decode(data, name)
    _check_controls(text, name)
    return _LINE_ENDS.sub("\n", text)


def _decode(data: bytes, name: str) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as exc:
                raise InputError(
                    f"{name}: starts with a {encoding} byte-order mark but is not valid {encoding}: {exc.reason} "
                    f"at byte {exc.start + len(bom)}",
                    reason="bad_encoding",
                ) from exc
    if b"\x00" in data:
        utf16 = _bomless_utf16(data)
        if utf16 is None:
            raise InputError(f"{name}: contains NUL bytes; binary, not text", reason="binary")
        return utf16
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    return _detect(data, name)


def _bomless_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM puts a NUL in every other byte of ASCII text; other NULs mean binary."""
    if len(data) < 4 or len(data) % 2:
        return None
    even, odd = data[0::2], data[1::2]
    for zeros, other, encoding in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if zeros.count(0) >= 0.5 * len(zeros) and other.count(0) == 0:
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                return None
    return None


def _detect(data: bytes, name: str) -> str:
    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        raise InputError(
            f"{name}: not UTF-8 and no other character encoding fits; save it as UTF-8 and try again",
            reason="bad_encoding",
        )
    tied = [m for m in matches if m.chaos <= best.chaos + 0.01 and m.coherence >= best.coherence - 0.1]
    language = best.language if best.coherence > 0 else "Unknown"
    for page in _LANGUAGE_PAGES.get(language, ()):
        if any(page in m.could_be_from_charset for m in tied):
            try:
                return data.decode(page)
            except UnicodeDecodeError:
                continue
    return str(best)


def _check_controls(text: str, name: str) -> None:
    if not text:
        return
    if "\x00" in text:
        raise InputError(f"{name}: contains NUL characters; binary, not text", reason="binary")
    controls = sum(1 for _ in _CONTROLS.finditer(text))
    if controls > MAX_CONTROL_SHARE * len(text):
        raise InputError(
            f"{name}: {controls} of {len(text)} characters are control characters; binary, not text",
            reason="binary",
        )
