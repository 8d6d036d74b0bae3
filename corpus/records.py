"""Shared records: what flows from files to tables.

Every record is a frozen, slotted dataclass whose field names are the column
names of its Parquet table (see ``corpus.tables``).  Offsets are character
offsets into ``Document.text``, end exclusive.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class SourceText:
    """One unit of raw text as a reader found it: a whole file, or one row of a table file.

    ``text`` has newlines normalised to ``\\n`` but is otherwise as decoded.
    """

    source_path: str  # relative to the input root, POSIX separators
    text: str
    encoding: str
    format: str  # txt, md, docx, pdf, html, html-fragment, csv, jsonl, parquet, doc
    row_index: int | None = None
    metadata: tuple[tuple[str, str], ...] = ()
    notes: tuple[str, ...] = ()  # facts worth keeping, e.g. "replaced 3 undecodable bytes"
    title_hint: str | None = None
    year_hint: int | None = None


@dataclass(frozen=True, slots=True)
class Document:
    """One report.  ``text`` is the normalised analysis text every offset points into;
    ``original_text`` has the same length and differs only by the 1:1 character mapping
    (full-width forms, Traditional characters)."""

    doc_id: str
    source_path: str
    part_index: int
    title: str
    year: int | None
    year_placeholder: bool
    text: str
    original_text: str
    char_count: int
    encoding: str
    format: str
    script: str  # zh-Hans / zh-Hant
    content_hash: str
    duplicate_of: str | None = None
    row_index: int | None = None
    metadata: str = "{}"  # JSON object of the other columns of a table file
    notes: str = ""


@dataclass(frozen=True, slots=True)
class Section:
    """A node of the heading tree.  ``start``/``end`` span the heading and the whole body
    including sub-sections; the root section (level 0) spans the whole document."""

    doc_id: str
    section_id: str
    parent_id: str | None
    level: int
    label: str  # the number label as written: "一、", "(二)", "3.", "" for the root
    heading: str
    start: int
    end: int
    heading_start: int
    heading_end: int
    style: str  # which heading style: root, part, cn, paren_cn, arabic, paren_arabic, circled, markdown
    topic: str | None = None
    topic_score: float | None = None
    role: str | None = None
    role_score: float | None = None


@dataclass(frozen=True, slots=True)
class Sentence:
    doc_id: str
    sentence_id: str
    section_id: str
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class ErrorRecord:
    """A file or part that could not be processed: which, where in the pipeline, and why."""

    source_path: str
    stage: str  # walk, read, decode, split, extract, classify, write
    error_type: str
    message: str
    row_index: int | None = None
    doc_id: str | None = None


@dataclass(slots=True)
class RunCounts:
    """Counts a run reports at the end (mutable: accumulated while streaming)."""

    files: int = 0
    files_failed: int = 0
    documents: int = 0
    sections: int = 0
    sentences: int = 0
    quantities: int = 0
    dates: int = 0
    programs: int = 0
    checks: int = 0
    inconsistent: int = 0
    errors: int = 0
    empty_parts: int = 0
    bytes_read: int = 0
    extra: dict[str, int] = field(default_factory=dict)
    # seconds spent per step (read, clean, cut, quantities, dates, programs, checks, classify, write,
    # and the shard's total): where the time of a run goes, measured within the run itself
    seconds: dict[str, float] = field(default_factory=dict)

    def add(self, other: "RunCounts") -> None:
        for name in self.__dataclass_fields__:
            if name in ("extra", "seconds"):
                mine = getattr(self, name)
                for k, v in getattr(other, name).items():
                    mine[k] = mine.get(k, 0) + v
            else:
                setattr(self, name, getattr(self, name) + getattr(other, name))
