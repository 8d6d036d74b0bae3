"""Convenience: the documents of one file, as the pipeline builds them (for tests, gold-set
tools and the ``check`` command).

Rows of a table file that cannot be used (a text cell over ``max_cell_chars``, a JSON line that
is not an object) are never dropped silently: they go to the caller's ``errors`` list, else to
an active ``collect_row_errors()`` block, else out as a ``RowSkippedWarning``.  When no document
comes out of a file and some rows failed, the file as a whole could not be read:
``load_documents`` raises ``RowsUnreadable`` with the first reason.
"""
from __future__ import annotations

import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

from corpus.clean import clean_text
from corpus.documents import build_documents
from corpus.errors import CorpusError
from corpus.limits import DEFAULT_LIMITS, Limits
from corpus.read import iter_sources
from corpus.records import Document, ErrorRecord, SourceText


class RowSkippedWarning(UserWarning):
    """A row of a table file could not be used; the other rows were read."""


class RowsUnreadable(CorpusError):
    """No document came out of a table file and some of its rows could not be used: the first
    reason, with its ``stage`` and ``error_type``, and all the records in ``records``."""

    def __init__(self, records: list[ErrorRecord]) -> None:
        first = records[0]
        more = f" ({len(records) - 1} more rows failed)" if len(records) > 1 else ""
        super().__init__(f"no row could be read: {first.message}{more}")
        self.stage = first.stage
        self.error_type = first.error_type
        self.records = list(records)


_collector: ContextVar[list[ErrorRecord] | None] = ContextVar("zongjie_row_errors", default=None)


@contextmanager
def collect_row_errors() -> Iterator[list[ErrorRecord]]:
    """Collect the row errors of every ``load_documents`` call inside the block (for callers
    that reach it through another function, such as ``cli.py check``)."""
    rows: list[ErrorRecord] = []
    token = _collector.set(rows)
    try:
        yield rows
    finally:
        _collector.reset(token)


def load_documents(path: str | Path, *, rel: str | None = None, limits: Limits = DEFAULT_LIMITS,
                   encoding: str | None = None, text_column: str | None = None,
                   errors: list[ErrorRecord] | None = None) -> list[Document]:
    """Read, clean and cut one file; raises CorpusError when it cannot be read.

    ``rel`` is the path recorded as ``source_path`` (default: the file name; the corpus
    tools pass the path relative to the corpus root, as ``extract`` does for a folder).
    ``errors`` receives the ``ErrorRecord`` of each row of a table file that could not be
    used (see the module docstring for where they go without it).

    Raises:
        CorpusError: the file cannot be read; ``RowsUnreadable`` when rows failed and no
            document came out.
    """
    path = Path(path)
    rel = rel or path.name
    docs: list[Document] = []
    failed: list[ErrorRecord] = []
    for src in iter_sources(path, rel, limits=limits, encoding=encoding, text_column=text_column):
        if isinstance(src, ErrorRecord):
            failed.append(src)
            continue
        if not isinstance(src, SourceText):
            continue
        cleaned, _ = clean_text(src.text, fmt=src.format)
        docs.extend(build_documents(src, cleaned)[0])
    if failed:
        sink = errors if errors is not None else _collector.get()
        if sink is not None:
            sink.extend(failed)
        elif docs:  # when nothing came out the exception below says it
            for rec in failed:
                warnings.warn(f"{rec.source_path}: {rec.message}", RowSkippedWarning, stacklevel=2)
        if not docs:
            raise RowsUnreadable(failed)
    return docs
