"""Errors the library raises.  The pipeline turns each into an ``errors`` row; the CLI
turns the ones that stop a command into a message with a hint."""
from __future__ import annotations


class CorpusError(Exception):
    """Base class.  ``stage`` says where in the pipeline it happened; ``hint`` how to fix it."""

    stage = "read"
    error_type = "corpus_error"
    hint = ""

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        if hint is not None:
            self.hint = hint


class UnsupportedFormat(CorpusError):
    stage = "walk"
    error_type = "unsupported_format"


class DecodeError(CorpusError):
    stage = "decode"
    error_type = "undecodable"
    hint = "try --encoding gb18030 (or big5, utf-16)"


class NotText(CorpusError):
    stage = "decode"
    error_type = "not_text"


class BrokenFile(CorpusError):
    """A file whose container is damaged: truncated zip, fake pdf, bad CSV."""

    stage = "read"
    error_type = "broken_file"


class LimitExceeded(CorpusError):
    """A configured safety limit was hit (size, inflated size, nesting, time)."""

    stage = "read"
    error_type = "limit_exceeded"


class ConverterMissing(CorpusError):
    stage = "read"
    error_type = "converter_missing"


class NoTextColumn(CorpusError):
    stage = "read"
    error_type = "no_text_column"
    hint = "name the column with --text-column"


class EmptyInput(CorpusError):
    stage = "read"
    error_type = "empty"


class OutputError(CorpusError):
    stage = "write"
    error_type = "output_error"
