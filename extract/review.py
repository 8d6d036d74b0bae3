"""A supervisor's check of one or more files: the relations that do not hold, in plain words.

``check_files`` reads each file, extracts its quantities and judges their relations;
``render_text`` and ``render_json`` turn the result into what ``cli.py check`` prints.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path

from corpus.errors import CorpusError
from corpus.limits import DEFAULT_LIMITS, Limits
from corpus.load import load_documents
from extract.pipeline import DocOutput, ExtractConfig, analyse_document

CHECK_STEPS = ("quantities", "classify", "checks")


@dataclass
class FileReport:
    path: str
    outputs: list[DocOutput] = field(default_factory=list)
    error: str | None = None
    error_type: str | None = None

    @property
    def inconsistent(self) -> int:
        return sum(1 for o in self.outputs for c in o.checks if c.verdict == "inconsistent")


def check_files(paths: list[str | Path], *, limits: Limits = DEFAULT_LIMITS, encoding: str | None = None,
                text_column: str | None = None, model: str | None = None,
                steps: tuple[str, ...] = CHECK_STEPS) -> list[FileReport]:
    """Check every file; a file that cannot be read becomes a report with ``error`` set."""
    config = ExtractConfig(limits=limits, encoding=encoding, text_column=text_column, model=model, steps=steps)
    reports = []
    for p in paths:
        rep = FileReport(str(p))
        try:
            docs = load_documents(p, limits=limits, encoding=encoding, text_column=text_column)
        except CorpusError as exc:
            rep.error, rep.error_type = str(exc), exc.error_type
        except OSError as exc:
            rep.error, rep.error_type = f"cannot read the file: {exc.strerror or exc}", "unreadable"
        else:
            if not docs:
                rep.error, rep.error_type = "no report text found in the file", "no_text"
            rep.outputs = [analyse_document(d, config) for d in docs]
        reports.append(rep)
    return reports


def _sentence_spans(out: DocOutput, check) -> list[tuple[int, int]]:
    ids = set(check.sentence_ids)
    return [(s.start, s.end) for s in out.sentences if s.sentence_id in ids]


def _highlight(text: str, start: int, end: int, marks: list[tuple[int, int]], style) -> str:
    pieces, pos = [], start
    for a, b in sorted(m for m in marks if start <= m[0] and m[1] <= end):
        if a < pos:
            continue
        pieces.append(text[pos:a])
        pieces.append(style(text[a:b]))
        pos = b
    pieces.append(text[pos:end])
    return "".join(pieces).replace("\n", " ")


def render_text(reports: list[FileReport], *, show_all: bool = False, color: bool = False) -> str:
    """Plain-language report: per file, each flagged relation with its sentences and the
    numbers involved highlighted (ANSI colour when ``color``, 【】 brackets otherwise)."""
    import click

    def hl(s: str) -> str:
        return click.style(s, fg="red", bold=True) if color else f"【{s}】"

    def head(s: str) -> str:
        return click.style(s, bold=True) if color else s

    lines: list[str] = []
    for rep in reports:
        lines.append(head(f"== {rep.path}"))
        if rep.error:
            lines.append(f"  无法读取 (cannot read): {rep.error}")
            continue
        for out in rep.outputs:
            doc = out.document
            checks = [c for c in out.checks if show_all or c.verdict == "inconsistent"]
            title = doc.title or doc.source_path
            n_bad = sum(1 for c in out.checks if c.verdict == "inconsistent")
            lines.append(f"  {title} ({doc.year or '年份不明'}): {len(out.checks)} 项核对, {n_bad} 项不一致")
            qpos = {q.quantity_id: (q.start, q.end) for q in out.quantities}
            for c in checks:
                tag = {"inconsistent": "不一致", "consistent": "一致", "undetermined": "无法判定", "partial": "部分列举"}[c.verdict]
                lines.append(f"  - [{tag}] {c.kind}: {c.message}")
                marks = [qpos[i] for i in c.quantity_ids if i in qpos]
                for a, b in _sentence_spans(out, c):
                    lines.append(f"      {_highlight(doc.text, a, b, marks, hl)}")
        if not any(o.checks for o in rep.outputs):
            lines.append("  (no relations between stated figures were found)")
    bad = sum(r.inconsistent for r in reports)
    unreadable = sum(1 for r in reports if r.error)
    lines.append(f"{len(reports)} files, {bad} inconsistent, {unreadable} unreadable")
    return "\n".join(lines)


def render_json(reports: list[FileReport], *, show_all: bool = False) -> str:
    data = []
    for rep in reports:
        item: dict = {"file": rep.path, "error": rep.error, "error_type": rep.error_type, "documents": []}
        for out in rep.outputs:
            qs = {q.quantity_id: q for q in out.quantities}
            item["documents"].append({
                "doc_id": out.document.doc_id, "title": out.document.title, "year": out.document.year,
                "checks": [{
                    "check_id": c.check_id, "kind": c.kind, "verdict": c.verdict, "severity": c.severity,
                    "message": c.message, "stated": _num(c.stated), "computed": _num(c.computed),
                    "stated_interval": [_num(c.stated_lo), _num(c.stated_hi)],
                    "computed_interval": [_num(c.computed_lo), _num(c.computed_hi)],
                    "start": c.start, "end": c.end, "rule": c.rule,
                    "sentences": [out.document.text[a:b] for a, b in _sentence_spans(out, c)],
                    "quantities": [{"surface": qs[i].surface, "start": qs[i].start, "end": qs[i].end,
                                    "value": _num(qs[i].value), "unit": qs[i].unit} for i in c.quantity_ids if i in qs],
                } for c in out.checks if show_all or c.verdict == "inconsistent"],
            })
        data.append(item)
    return json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False)


def _num(x: float | None) -> float | str | None:
    """JSON has no infinity: unbounded interval ends are written as "inf"/"-inf"."""
    if x is None or math.isfinite(x):
        return x
    return "inf" if x > 0 else "-inf"
