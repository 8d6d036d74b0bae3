"""Dataset files with one report per row: .csv/.tsv, .jsonl, .parquet.

The text column is named with ``text_column`` or found automatically: a column with a
usual name (full_text, text, content, 正文 …) whose values are long enough, else the string
column with the longest values.  The other columns are kept as metadata.
"""
from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator
from pathlib import Path

from corpus.encoding import decode_bytes
from corpus.errors import BrokenFile, LimitExceeded, NoTextColumn
from corpus.limits import DEFAULT_LIMITS, Limits
from corpus.records import SourceText

TEXT_NAMES = ("full_text", "fulltext", "text", "content", "body", "article", "report", "正文", "内容",
              "全文", "文本")
TITLE_NAMES = ("title", "标题", "题目", "name")
YEAR_NAMES = ("year", "年份", "年度")
DATE_NAMES = ("publish_date", "date", "发布日期", "日期")
MIN_MEAN_CHARS = 200  # a column averaging fewer characters is not report text
SNIFF_ROWS = 50
_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)")


def choose_text_column(rows: list[dict[str, object]], text_column: str | None) -> str:
    """Pick the column holding the report text from a sample of rows."""
    if not rows:
        raise NoTextColumn("the table has no rows")
    columns = list(rows[0].keys())
    if text_column:
        if text_column not in columns:
            raise NoTextColumn(f"no column {text_column!r}; columns are {', '.join(map(str, columns))}")
        return text_column
    means = {}
    for c in columns:
        vals = [v for v in (r.get(c) for r in rows) if isinstance(v, str)]
        means[c] = sum(len(v) for v in vals) / max(1, len(rows))
    for c in columns:
        if str(c).lower() in TEXT_NAMES and means[c] >= 50:
            return c
    best = max(columns, key=lambda c: means[c])
    if means[best] < MIN_MEAN_CHARS:
        raise NoTextColumn(
            f"no column looks like report text (longest is {best!r}, averaging "
            f"{means[best]:.0f} characters; at least {MIN_MEAN_CHARS} expected)"
        )
    return best


def _row_source(rel: str, fmt: str, enc: str, idx: int, row: dict[str, object], col: str,
                limits: Limits) -> SourceText:
    text = row.get(col)
    text = "" if text is None else str(text)
    if len(text) > limits.max_cell_chars:
        raise LimitExceeded(
            f"row {idx}: text cell has {len(text):,} characters, over max_cell_chars={limits.max_cell_chars:,}"
        )
    meta = tuple((str(k), "" if v is None else str(v)[:2000]) for k, v in row.items() if k != col)
    lower = {k.lower(): v for k, v in meta}
    title = next((lower[n] for n in TITLE_NAMES if lower.get(n)), None)
    year = None
    for n in YEAR_NAMES + DATE_NAMES:
        m = _YEAR.search(lower.get(n, "") or "")
        if m:
            year = int(m.group(1))
            break
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return SourceText(rel, text, enc, fmt, row_index=idx, metadata=meta, title_hint=title, year_hint=year)


def _iter_csv(path: Path, limits: Limits, encoding: str | None) -> tuple[str, Iterator[dict]]:
    with open(path, "rb") as fh:
        head = fh.read(1 << 20)
    enc = decode_bytes(head[: len(head) - 4] if len(head) == 1 << 20 else head, encoding=encoding).encoding
    if enc == "utf-8" and head.startswith(b"\xef\xbb\xbf"):
        enc = "utf-8-sig"
    csv.field_size_limit(max(limits.max_cell_chars * 4, 1 << 20))
    delim = "\t" if path.suffix.lower() == ".tsv" else ","

    def rows() -> Iterator[dict]:
        with open(path, encoding=enc, errors="replace", newline="") as fh:
            try:
                yield from csv.DictReader(fh, delimiter=delim)
            except csv.Error as exc:
                raise BrokenFile(f"malformed CSV: {exc}") from None

    return enc, rows()


def _iter_jsonl(path: Path, limits: Limits, encoding: str | None) -> tuple[str, Iterator[dict]]:
    def rows() -> Iterator[dict]:
        with open(path, encoding=encoding or "utf-8", errors="replace") as fh:
            for n, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    obj = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise BrokenFile(f"line {n} is not JSON: {exc.msg}") from None
                if isinstance(obj, dict):
                    yield obj
    return encoding or "utf-8", rows()


def _iter_parquet(path: Path, limits: Limits, encoding: str | None) -> tuple[str, Iterator[dict]]:
    import pyarrow.parquet as pq

    try:
        pf = pq.ParquetFile(str(path))
    except Exception as exc:  # pyarrow raises ArrowInvalid/OSError for broken files
        raise BrokenFile(f"not a readable Parquet file: {exc}") from None

    def rows() -> Iterator[dict]:
        for batch in pf.iter_batches(batch_size=256):
            yield from batch.to_pylist()
    return "parquet", rows()


def iter_table_file(path: Path, rel: str, *, limits: Limits = DEFAULT_LIMITS, encoding: str | None = None,
                    text_column: str | None = None) -> Iterator[SourceText]:
    """Yield one SourceText per row, streaming (constant memory in the number of rows)."""
    suffix = path.suffix.lower()
    fmt = {".tsv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".parquet": "parquet"}.get(suffix, "csv")
    opener = {"csv": _iter_csv, "jsonl": _iter_jsonl, "parquet": _iter_parquet}[fmt]
    enc, rows = opener(path, limits, encoding)
    sample: list[dict] = []
    for row in rows:
        sample.append(row)
        if len(sample) >= SNIFF_ROWS:
            break
    col = choose_text_column(sample, text_column)
    idx = 0
    for row in sample:
        yield _row_source(rel, fmt, enc, idx, row, col, limits)
        idx += 1
    for row in rows:
        yield _row_source(rel, fmt, enc, idx, row, col, limits)
        idx += 1


def read_table_file(path: Path, rel: str, **kw) -> list[SourceText]:
    return list(iter_table_file(path, rel, **kw))


__all__ = ["iter_table_file", "read_table_file", "choose_text_column"]
