"""Compose the steps: a file -> documents -> sections, sentences and mentions.

``process_source`` is the whole per-document pipeline; ``process_file`` wraps it for one input
file and turns every failure into an ``ErrorRecord`` so that a batch never stops.  Steps never
print and never write files (``extract.runner`` does that).
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field, replace
from time import perf_counter

from corpus.clean import clean_text
from corpus.documents import build_documents
from corpus.errors import CorpusError, LimitExceeded
from corpus.limits import DEFAULT_LIMITS, Limits, alarm, deadline
from corpus.read import iter_sources
from corpus.records import Document, ErrorRecord, RunCounts, Section, Sentence, SourceText
from corpus.sections import split_sections
from corpus.sentences import split_sentences
from corpus.walk import InputFile

VERSION = "0.1.0"


@dataclass(frozen=True)
class ExtractConfig:
    """Everything that changes the output of a run (its hash guards resumed runs)."""

    limits: Limits = DEFAULT_LIMITS
    encoding: str | None = None
    text_column: str | None = None
    model: str | None = None  # path of a user-trained model; None = the shipped default
    approx: float = 0.10  # relative width of 约/左右/上下
    steps: tuple[str, ...] = ("quantities", "dates", "programs", "classify", "checks")

    def digest(self) -> str:
        d = asdict(self)
        d["version"] = VERSION
        if self.model:
            from pathlib import Path

            p = Path(self.model)
            d["model_hash"] = hashlib.sha1(p.read_bytes()).hexdigest() if p.is_file() else str(p)
        return hashlib.sha1(json.dumps(d, sort_keys=True, default=str).encode()).hexdigest()[:16]


@dataclass
class DocOutput:
    """Everything extracted from one document."""

    document: Document
    sections: list[Section] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    quantities: list = field(default_factory=list)
    dates: list = field(default_factory=list)
    programs: list = field(default_factory=list)
    checks: list = field(default_factory=list)
    errors: list = field(default_factory=list)  # steps that failed on this document


@dataclass
class FileOutput:
    docs: list[DocOutput] = field(default_factory=list)
    errors: list[ErrorRecord] = field(default_factory=list)
    counts: RunCounts = field(default_factory=RunCounts)


class _Timeout(BaseException):
    """Raised by the ``time_limit`` alarm.  A BaseException, like ``corpus.limits.deadline``'s,
    so that an extractor's or library's ``except Exception`` cannot swallow it."""


def time_limit(seconds: float):
    """Abandon the block after ``seconds``, raising ``_Timeout`` (``corpus.limits.alarm``: main
    thread of a process only, re-fires so that code swallowing one alarm cannot keep running,
    nests with ``deadline``)."""
    return alarm(seconds, _Timeout)


def add_time(seconds: dict[str, float], step: str, t0: float) -> float:
    """Add the time since ``t0`` (a ``perf_counter`` reading) to ``seconds[step]``; return now."""
    now = perf_counter()
    seconds[step] = seconds.get(step, 0.0) + now - t0
    return now


def _step_error(doc: Document, step: str, exc: Exception) -> ErrorRecord:
    return ErrorRecord(doc.source_path, step, type(exc).__name__, f"document {doc.part_index}: {step} failed: {exc}",
                       doc.row_index, doc.doc_id)


def analyse_document(doc: Document, config: ExtractConfig, out: DocOutput | None = None,
                     seconds: dict[str, float] | None = None) -> DocOutput:
    """Sections, sentences and every enabled extractor for one document.  A step that fails
    leaves an error row on the output and the other steps still run.  ``seconds``, when given,
    accumulates the time of each step (and of cutting, as "cut")."""
    out = out if out is not None else DocOutput(doc)
    seconds = seconds if seconds is not None else {}
    t0 = perf_counter()
    sections, headings = split_sections(doc.doc_id, doc.text, doc.title)
    breaks = {h.heading_end for h in headings if h.glued and h.heading}
    out.sections = sections
    out.sentences = split_sentences(doc.doc_id, doc.text, sections, breaks=breaks)
    t1 = add_time(seconds, "cut", t0)
    for step in config.steps:
        fn = _STEPS.get(step)
        if fn is None:
            continue
        t0 = t1
        try:
            fn(out, config)
        except (_Timeout, MemoryError):
            raise
        except Exception as exc:  # one failing extractor must not take the document down
            out.errors.append(_step_error(doc, step, exc))
        t1 = add_time(seconds, step, t0)
    return out


def _step_quantities(out: DocOutput, config: ExtractConfig) -> None:
    from extract.quantities import extract_quantities

    out.quantities = list(extract_quantities(out.document, out.sentences, approx=config.approx))


def _step_dates(out: DocOutput, config: ExtractConfig) -> None:
    from extract.dates import extract_dates

    out.dates = list(extract_dates(out.document, out.sentences))


def _step_programs(out: DocOutput, config: ExtractConfig) -> None:
    from extract.programs import extract_programs

    out.programs = list(extract_programs(out.document, out.sentences))


def _step_checks(out: DocOutput, config: ExtractConfig) -> None:
    from extract.totals import check_document

    out.checks = list(check_document(out.document, out.sentences, out.quantities, out.sections))


def _step_classify(out: DocOutput, config: ExtractConfig) -> None:
    from models.topic import classify_sections

    out.sections = classify_sections(out.document, out.sections, model_path=config.model)


def classify_batch(outputs: list[DocOutput], config: ExtractConfig) -> list[ErrorRecord]:
    """The classify step for many documents at once (``models.topic.classify_many``): what a run
    does at each write, since a pass costs about the same for one short summary as for many.
    If the batch fails (MemoryError included), the documents are classified one by one and each
    one that fails gets an error row, as the per-document step gives.  It runs outside the
    per-document time limit: it is linear in the text (of which it reads at most the model's
    ``max_body_chars`` per section), and a document that ran out of time still has its sections."""
    from models.topic import classify_many, classify_sections

    try:
        for out, secs in zip(outputs, classify_many([(o.document, o.sections) for o in outputs],
                                                    model_path=config.model)):
            out.sections = secs
        return []
    except Exception:  # noqa: BLE001 -- find the document that fails; the others are classified
        pass
    errors = []
    for out in outputs:
        doc = out.document
        try:
            out.sections = classify_sections(doc, out.sections, model_path=config.model)
        except Exception as exc:
            errors.append(_step_error(doc, "classify", exc))
    return errors


def _available(module: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(module) is not None


# Steps whose module exists; a step is added to the pipeline by adding its module.
_STEPS = {name: fn for name, fn, mod in (
    ("quantities", _step_quantities, "extract.quantities"),
    ("dates", _step_dates, "extract.dates"),
    ("programs", _step_programs, "extract.programs"),
    ("checks", _step_checks, "extract.totals"),
    ("classify", _step_classify, "models.topic"),
) if _available(mod)}


def process_source(src: SourceText, config: ExtractConfig, counts: RunCounts) -> tuple[list[DocOutput], list[ErrorRecord]]:
    """Clean, cut and analyse one SourceText; failures of one document become error rows."""
    outputs: list[DocOutput] = []
    errors: list[ErrorRecord] = []
    limits = config.limits
    try:
        # The whole file is cleaned and cut first; max_doc_chars applies to each document after the
        # split (a long collection of many reports is not cut).  read_seconds bounds this step,
        # which works on the whole file.
        t0 = perf_counter()
        with deadline(limits.read_seconds, limit="read_seconds", what="cleaning and splitting the file"):
            cleaned, _removed = clean_text(src.text, fmt=src.format)
            docs, empty = build_documents(src, cleaned)
        add_time(counts.seconds, "clean", t0)
        docs = [_cut_document(d, limits.max_doc_chars) for d in docs]
    except CorpusError as exc:
        errors.append(ErrorRecord(src.source_path, exc.stage, exc.error_type, str(exc), src.row_index))
        return outputs, errors
    counts.empty_parts += empty
    if not docs:
        errors.append(ErrorRecord(src.source_path, "split", "no_text",
                                  "no report text found (empty after removing page chrome and boilerplate)",
                                  src.row_index))
        return outputs, errors
    for doc in docs:
        out = DocOutput(doc)
        try:
            with time_limit(limits.doc_seconds):
                analyse_document(doc, config, out, counts.seconds)
        except _Timeout:
            errors.append(ErrorRecord(src.source_path, "extract", "limit_exceeded",
                                      f"document {doc.part_index} took longer than doc_seconds={limits.doc_seconds:g} s; "
                                      "its mentions are incomplete", src.row_index, doc.doc_id))
        except RecursionError:
            errors.append(ErrorRecord(src.source_path, "split", "recursion",
                                      f"document {doc.part_index} is nested too deeply to analyse", src.row_index,
                                      doc.doc_id))
        except Exception as exc:  # a bug on one document must not stop the batch: record it
            errors.append(ErrorRecord(src.source_path, "split", type(exc).__name__,
                                      f"document {doc.part_index} could not be cut: {exc}", src.row_index, doc.doc_id))
        outputs.append(out)  # the document row is kept whatever its analysis managed
        errors.extend(out.errors)
    return outputs, errors


def _cut_document(doc: Document, max_chars: int) -> Document:
    """``doc`` cut to ``max_chars`` characters, with the cut recorded in its notes.  ``doc_id``
    and ``content_hash`` stay those of the whole document (they identify the input)."""
    if max_chars <= 0 or doc.char_count <= max_chars:
        return doc
    note = f"cut to max_doc_chars={max_chars:,} characters (of {doc.char_count:,})"
    return replace(doc, text=doc.text[:max_chars], original_text=doc.original_text[:max_chars],
                   char_count=max_chars, notes="; ".join(n for n in (doc.notes, note) if n))


def process_file(item: InputFile, config: ExtractConfig,
                 counts: RunCounts | None = None) -> Iterator[DocOutput | ErrorRecord]:
    """Read one input file and yield its documents' outputs and its error rows."""
    counts = counts if counts is not None else RunCounts()
    try:
        sources = iter_sources(item.path, item.rel, limits=config.limits, encoding=config.encoding,
                               text_column=config.text_column)
        t0 = perf_counter()
        for src in sources:
            add_time(counts.seconds, "read", t0)
            if isinstance(src, ErrorRecord):
                yield src
                t0 = perf_counter()
                continue
            outs, errs = process_source(src, config, counts)
            yield from outs
            yield from errs
            t0 = perf_counter()
        add_time(counts.seconds, "read", t0)
    except CorpusError as exc:
        yield ErrorRecord(item.rel, exc.stage, exc.error_type, str(exc))
    except MemoryError:
        yield ErrorRecord(item.rel, "read", "out_of_memory", "the file is too large to read into memory")
    except RecursionError:
        yield ErrorRecord(item.rel, "read", "recursion", "the file is nested too deeply to parse")
    except OSError as exc:
        yield ErrorRecord(item.rel, "read", "unreadable", f"cannot read the file: {exc.strerror or exc}")
    except Exception as exc:  # an unexpected reader failure is one error row, not a crashed batch
        yield ErrorRecord(item.rel, "read", type(exc).__name__, f"reader failed: {exc}")


__all__ = ["ExtractConfig", "DocOutput", "analyse_document", "classify_batch", "process_file", "process_source",
           "LimitExceeded"]
