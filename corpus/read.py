"""Dispatch a file to the reader for its format.

The extension chooses the reader, except when the first bytes prove another container (a
.doc that is really a .docx, a .txt that is a PDF): then the right reader runs and
``documents.notes`` says so.  Every reader but the streaming table readers runs under the
``read_seconds`` deadline, so a file that makes a parser loop (a malicious PDF) becomes an
``errors`` row instead of a hung batch.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

from corpus.errors import BrokenFile, EmptyInput, LimitExceeded, UnsupportedFormat
from corpus.limits import DEFAULT_LIMITS, Limits, deadline
from corpus.records import ErrorRecord, SourceText

TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text", "")
HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
TABLE_SUFFIXES = (".csv", ".tsv", ".jsonl", ".ndjson", ".parquet")
SUPPORTED = TEXT_SUFFIXES + HTML_SUFFIXES + TABLE_SUFFIXES + (".docx", ".doc", ".pdf")

PDF_MAGIC = b"%PDF-"
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
FORMAT_NAMES = {"pdf": "a PDF", "docx": "a Word .docx file", "doc": "an old Word .doc file"}


def format_of(path: Path) -> str | None:
    s = path.suffix.lower()
    if s in TEXT_SUFFIXES:
        return "txt"
    if s in HTML_SUFFIXES:
        return "html"
    if s in TABLE_SUFFIXES:
        return "table"
    if s in (".docx", ".doc", ".pdf"):
        return s[1:]
    return None


def sniff_format(head: bytes) -> str | None:
    """The container the first bytes prove, if any: pdf, zip or ole.

    >>> sniff_format(b"%PDF-1.7\\n"), sniff_format(b"PK\\x03\\x04..."), sniff_format("总结".encode())
    ('pdf', 'zip', None)
    """
    if head.lstrip()[:5] == PDF_MAGIC:
        return "pdf"
    if head.startswith(ZIP_MAGIC):
        return "zip"
    if head.startswith(OLE_MAGIC):
        return "ole"
    return None


def describe_head(head: bytes) -> str:
    """A few words on what the first bytes look like, for error messages."""
    kind = sniff_format(head)
    if kind:
        return {"pdf": "it looks like a PDF", "zip": "it looks like a zip archive",
                "ole": "it looks like an old Office file"}[kind]
    sample = head[:512].lstrip().lower()
    if sample.startswith((b"<!doctype", b"<html", b"<?xml", b"<")):
        return "it looks like HTML or XML"
    if b"\x00" in head[:512]:
        return "it looks like binary data"
    return "it looks like text"


def _is_word_zip(path: Path) -> bool:
    import zipfile

    from corpus.docx import zip_entry_count

    try:
        count = zip_entry_count(path)
        if count is None or count > DEFAULT_LIMITS.max_zip_members:
            return False
        with zipfile.ZipFile(path) as zf:
            return "word/document.xml" in zf.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


def _actual_format(path: Path, fmt: str) -> tuple[str, str | None]:
    """The reader to use and a note when the content contradicts the extension."""
    if fmt == "table":
        return fmt, None
    with open(path, "rb") as fh:
        head = fh.read(1024)
    kind = sniff_format(head)
    actual = {"pdf": "pdf", "ole": "doc"}.get(kind or "")
    if kind == "zip" and fmt != "docx" and _is_word_zip(path):
        actual = "docx"
    if actual is None or actual == fmt:
        return fmt, None
    return actual, f"named {path.suffix or 'without extension'} but is {FORMAT_NAMES[actual]}; read as such"


def _read_one(fmt: str, path: Path, rel: str, limits: Limits, encoding: str | None) -> list[SourceText]:
    if fmt == "txt":
        from corpus.txt import read_txt
        return read_txt(path, rel, limits=limits, encoding=encoding)
    if fmt == "html":
        from corpus.html import read_html
        return read_html(path, rel, limits=limits, encoding=encoding)
    if fmt == "docx":
        from corpus.docx import read_docx
        return read_docx(path, rel, limits=limits)
    if fmt == "doc":
        from corpus.doc import read_doc
        return read_doc(path, rel, limits=limits)
    from corpus.pdf import read_pdf
    return read_pdf(path, rel, limits=limits)


def iter_sources(path: Path, rel: str, *, limits: Limits = DEFAULT_LIMITS, encoding: str | None = None,
                 text_column: str | None = None) -> Iterator[SourceText | ErrorRecord]:
    """Read one file into SourceTexts (one for most formats, one per row for table files).

    A table file may also yield ``ErrorRecord`` rows for single rows it could not use (the
    other rows are still read).

    Raises:
        CorpusError subclasses, each with a message a person understands.
    """
    fmt = format_of(path)
    if fmt is None:
        raise UnsupportedFormat(
            f"not a supported report format ({path.suffix or 'no extension'}); "
            f"supported: {', '.join(s for s in SUPPORTED if s)}"
        )
    if not path.is_file():
        raise BrokenFile("not a regular file (a folder, device or pipe); nothing to read")
    size = path.stat().st_size
    if size == 0:
        raise EmptyInput("the file is empty (0 bytes)")
    if size > limits.max_file_bytes and fmt != "table":
        raise LimitExceeded(f"file has {size:,} bytes, over max_file_bytes={limits.max_file_bytes:,}")
    if fmt == "table":
        from corpus.tablefile import iter_table_file
        yield from iter_table_file(path, rel, limits=limits, encoding=encoding, text_column=text_column)
        return
    fmt, note = _actual_format(path, fmt)
    with deadline(limits.read_seconds, limit="read_seconds", what=f"reading this {fmt} file"):
        sources = _read_one(fmt, path, rel, limits, encoding)
    for src in sources:
        yield dataclasses.replace(src, notes=(note,) + src.notes) if note else src
