"""Dataset files with one report per row: .csv/.tsv, .jsonl, .parquet.

The text column is named with ``text_column`` or found automatically: a column with a
usual name (full_text, text, content, 正文 …) whose values are long enough, else the string
column with the longest values.  The other columns are kept as metadata.
"""
from __future__ import annotations

import csv
import itertools
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from corpus.encoding import decode_bytes
from corpus.errors import BrokenFile, LimitExceeded, NoTextColumn
from corpus.limits import DEFAULT_LIMITS, Limits
from corpus.records import ErrorRecord, SourceText

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
        raise NoTextColumn("the table has no data rows")
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
                limits: Limits) -> SourceText | ErrorRecord:
    text = row.get(col)
    text = "" if text is None else str(text)
    if len(text) > limits.max_cell_chars:
        return ErrorRecord(rel, "read", "limit_exceeded",
                           f"row {idx}: the text cell has {len(text):,} characters, over "
                           f"max_cell_chars={limits.max_cell_chars:,}; row skipped", idx)
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
    bad = text.count("\ufffd") if fmt != "parquet" else 0  # csv/jsonl are decoded with replacement
    notes = (f"the text holds {bad} U+FFFD replacement characters (undecodable bytes)",) if bad else ()
    return SourceText(rel, text, enc, fmt, row_index=idx, metadata=meta, notes=notes, title_hint=title,
                      year_hint=year)


def _sniff_encoding(path: Path, encoding: str | None) -> str:
    """Encoding of a text table file, detected on its first MiB (cut at a line end, or at a
    character boundary when the first line is longer)."""
    if encoding:
        return encoding
    with open(path, "rb") as fh:
        head = fh.read(1 << 20)
    if len(head) == 1 << 20:
        nl = head.rfind(b"\n")
        if nl > 0:
            head = head[: nl + 1]
        else:
            for k in range(4):  # a multi-byte character cut at the end is not an error
                try:
                    head[: len(head) - k].decode("utf-8")
                    head = head[: len(head) - k]
                    break
                except UnicodeDecodeError:
                    continue
    enc = decode_bytes(head, encoding=None).encoding
    if enc == "utf-8" and head.startswith(b"\xef\xbb\xbf"):
        enc = "utf-8-sig"
    return enc


class _CountedLines:
    """The file's lines, counted, with the parity of the quotes handed out since ``mark()``:
    after a refused cell the reader skips to where the quotes balance again (the end of
    that record, even when its quoted cell runs over several lines)."""

    def __init__(self, fh) -> None:
        self.fh = fh
        self.n = 0  # physical lines handed out
        self.odd = False  # quotes since mark() are unbalanced
        self.record_start = 1

    def __iter__(self) -> _CountedLines:
        return self

    def __next__(self) -> str:
        line = next(self.fh)
        self.n += 1
        if line.count('"') % 2:
            self.odd = not self.odd
        return line

    def mark(self) -> None:
        self.odd = False
        self.record_start = self.n + 1

    def skip_record(self) -> None:
        while self.odd:
            try:
                next(self)
            except StopIteration:
                return


def _iter_csv(path: Path, limits: Limits, encoding: str | None) -> tuple[str, Iterator[dict]]:
    enc = _sniff_encoding(path, encoding)
    delim = "\t" if path.suffix.lower() == ".tsv" else ","

    def rows() -> Iterator[dict | _BadRow]:
        # The csv module's limit is process-wide; set it for this file right before reading.
        # It stops a 100 MB cell while it is being parsed, before it is a string in memory.
        csv.field_size_limit(max(limits.max_cell_chars, 1024))
        with open(path, encoding=enc, errors="replace", newline="") as fh:
            lines = _CountedLines(fh)
            reader = csv.DictReader(lines, delimiter=delim)
            try:
                reader.fieldnames  # the header line
            except csv.Error as exc:
                raise BrokenFile(f"malformed CSV header: {exc}") from None
            lines.mark()
            while True:
                try:
                    row = next(reader)
                except StopIteration:
                    return
                except csv.Error as exc:
                    where = f"line {lines.record_start}"
                    if "field larger than field limit" not in str(exc):
                        raise BrokenFile(f"malformed CSV at {where}: {exc}") from None
                    lines.skip_record()
                    lines.mark()
                    yield _BadRow(lines.record_start, "limit_exceeded",
                                  f"{where}: a cell is longer than max_cell_chars={limits.max_cell_chars:,} "
                                  "characters; row skipped")
                    continue
                lines.mark()
                yield row

    return enc, rows()


def _iter_jsonl(path: Path, limits: Limits, encoding: str | None) -> tuple[str, Iterator[dict]]:
    enc = _sniff_encoding(path, encoding)
    max_line = 4 * limits.max_cell_chars + 4096

    def rows() -> Iterator[dict]:
        with open(path, encoding=enc, errors="replace") as fh:
            n = 0
            while True:
                line = fh.readline(max_line)
                if not line:
                    return
                n += 1
                if len(line) >= max_line and not line.endswith("\n"):
                    raise LimitExceeded(f"line {n} is longer than {max_line:,} characters (4 × max_cell_chars); "
                                        "lines from there on were not read")
                if not line.strip():
                    continue
                try:
                    obj = json.loads(line)
                except RecursionError:
                    raise BrokenFile(f"line {n}: JSON nested too deeply") from None
                except ValueError as exc:  # JSONDecodeError, and ints over Python's digit limit
                    raise BrokenFile(f"line {n} is not valid JSON: {getattr(exc, 'msg', exc)}") from None
                if isinstance(obj, dict):
                    yield obj
                else:
                    yield _BadRow(n, "bad_row", f"line {n} is a JSON {type(obj).__name__}, not an object with "
                                                "named fields; skipped")
    return enc, rows()


@dataclass(frozen=True, slots=True)
class _BadRow:
    """A row the reader could not use; becomes an ErrorRecord and the file reads on."""

    line: int
    error_type: str
    message: str


def _iter_parquet(path: Path, limits: Limits, encoding: str | None) -> tuple[str, Iterator[dict]]:
    import pyarrow.parquet as pq

    try:
        pf = pq.ParquetFile(str(path))
        groups = [pf.metadata.row_group(i).total_byte_size for i in range(pf.metadata.num_row_groups)]
    except Exception as exc:  # pyarrow raises ArrowInvalid/OSError for broken files
        raise BrokenFile(f"not a readable Parquet file: {exc}") from None
    if groups and max(groups) > limits.max_inflated_bytes:
        raise LimitExceeded(f"a Parquet row group holds {max(groups):,} bytes uncompressed, over "
                            f"max_inflated_bytes={limits.max_inflated_bytes:,}")

    def rows() -> Iterator[dict]:
        try:
            for batch in pf.iter_batches(batch_size=256):
                yield from batch.to_pylist()
        except (OSError, ValueError) as exc:  # ArrowInvalid is a ValueError
            raise BrokenFile(f"damaged Parquet data: {exc}") from None
    return "parquet", rows()


def iter_table_file(path: Path, rel: str, *, limits: Limits = DEFAULT_LIMITS, encoding: str | None = None,
                    text_column: str | None = None) -> Iterator[SourceText | ErrorRecord]:
    """Yield one SourceText per row, streaming (constant memory in the number of rows), and an
    ErrorRecord for each row that cannot be used (not an object, text cell too long).

    Raises:
        NoTextColumn: no column holds report text (or ``text_column`` is not a column).
        BrokenFile, LimitExceeded: the file itself cannot be read on.
    """
    suffix = path.suffix.lower()
    fmt = {".tsv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".parquet": "parquet"}.get(suffix, "csv")
    opener = {"csv": _iter_csv, "jsonl": _iter_jsonl, "parquet": _iter_parquet}[fmt]
    enc, rows = opener(path, limits, encoding)
    sample: list[dict | _BadRow] = []
    for row in rows:
        sample.append(row)
        if len(sample) >= SNIFF_ROWS:
            break
    objects = [r for r in sample if isinstance(r, dict)]
    if sample and not objects:  # nothing usable: the file fails as a whole, with the first reason
        first = sample[0]
        cls = LimitExceeded if first.error_type == "limit_exceeded" else BrokenFile
        reason = first.message.rsplit("; ", 1)[0]
        raise cls(reason + ("; the file has no other row" if len(sample) == 1
                            else f"; none of the first {len(sample)} rows is usable"))
    col = choose_text_column(objects, text_column)
    idx = 0
    for row in itertools.chain(sample, rows):
        if isinstance(row, _BadRow):
            yield ErrorRecord(rel, "read", row.error_type, row.message, idx)
        else:
            yield _row_source(rel, fmt, enc, idx, row, col, limits)
        idx += 1


def read_table_file(path: Path, rel: str, **kw) -> list[SourceText | ErrorRecord]:
    return list(iter_table_file(path, rel, **kw))


__all__ = ["iter_table_file", "read_table_file", "choose_text_column"]
