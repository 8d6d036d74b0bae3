"""Dispatch a file to the reader for its format."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from corpus.errors import EmptyInput, LimitExceeded, UnsupportedFormat
from corpus.limits import DEFAULT_LIMITS, Limits
from corpus.records import SourceText

TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text", "")
HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
TABLE_SUFFIXES = (".csv", ".tsv", ".jsonl", ".ndjson", ".parquet")
SUPPORTED = TEXT_SUFFIXES + HTML_SUFFIXES + TABLE_SUFFIXES + (".docx", ".doc", ".pdf")


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


def iter_sources(path: Path, rel: str, *, limits: Limits = DEFAULT_LIMITS, encoding: str | None = None,
                 text_column: str | None = None) -> Iterator[SourceText]:
    """Read one file into SourceTexts (one for most formats, one per row for table files).

    Raises:
        CorpusError subclasses, each with a message a person understands.
    """
    fmt = format_of(path)
    if fmt is None:
        raise UnsupportedFormat(
            f"not a supported report format ({path.suffix or 'no extension'}); "
            f"supported: {', '.join(s for s in SUPPORTED if s)}"
        )
    size = path.stat().st_size
    if size == 0:
        raise EmptyInput("the file is empty (0 bytes)")
    if size > limits.max_file_bytes and fmt != "table":
        raise LimitExceeded(f"file has {size:,} bytes, over max_file_bytes={limits.max_file_bytes:,}")
    if fmt == "txt":
        from corpus.txt import read_txt
        yield from read_txt(path, rel, limits=limits, encoding=encoding)
    elif fmt == "html":
        from corpus.html import read_html
        yield from read_html(path, rel, limits=limits, encoding=encoding)
    elif fmt == "docx":
        from corpus.docx import read_docx
        yield from read_docx(path, rel, limits=limits)
    elif fmt == "doc":
        from corpus.doc import read_doc
        yield from read_doc(path, rel, limits=limits)
    elif fmt == "pdf":
        from corpus.pdf import read_pdf
        yield from read_pdf(path, rel, limits=limits)
    else:
        from corpus.tablefile import iter_table_file
        yield from iter_table_file(path, rel, limits=limits, encoding=encoding, text_column=text_column)
