"""SQL over the extracted tables: DuckDB with one view per table.

``connect(out)`` opens an in-memory DuckDB database in which ``documents``, ``sections``,
``sentences``, ``quantities``, ``dates``, ``programs``, ``checks`` and ``errors`` are views over
``OUT/<table>/*.parquet``.  A table that is missing (or a column an older run did not write)
becomes an empty view (or a NULL column) of the schema in ``corpus.tables.SCHEMAS``, so a query
never fails just because a run had nothing to say.  ``run_query`` is what ``cli.py query`` calls;
``format_rows`` prints its result as an aligned table, CSV or JSON.
"""
from __future__ import annotations

import csv
import io
import json
import math
import unicodedata
from pathlib import Path

import pyarrow as pa

from corpus.errors import CorpusError
from corpus.tables import SCHEMAS


class QueryError(CorpusError):
    """The SQL could not be run (syntax, unknown table or column, type error)."""

    stage = "query"
    error_type = "bad_query"
    hint = "tables: " + ", ".join(SCHEMAS) + "; see README for examples"


def _duck_type(t: pa.DataType) -> str:
    if pa.types.is_string(t) or pa.types.is_large_string(t):
        return "VARCHAR"
    if pa.types.is_int64(t):
        return "BIGINT"
    if pa.types.is_floating(t):
        return "DOUBLE"
    if pa.types.is_boolean(t):
        return "BOOLEAN"
    if pa.types.is_list(t):
        return _duck_type(t.value_type) + "[]"
    raise TypeError(f"no DuckDB type for {t}")


def _lit(s: str) -> str:
    return "'" + s.replace("'", "''") + "'"


def _ident(s: str) -> str:
    return '"' + s.replace('"', '""') + '"'


def connect(out: str | Path):
    """An in-memory DuckDB connection with one view per table of ``out``.

    Args:
        out: an output folder written by ``cli.py extract``.
    Returns:
        A ``duckdb.DuckDBPyConnection``; close it when done.
    Raises:
        QueryError: a part file cannot be read as Parquet.
    """
    import duckdb

    con = duckdb.connect(":memory:")
    for name, schema in SCHEMAS.items():
        folder = Path(out) / name
        files = sorted(str(f) for f in folder.glob("*.parquet")) if folder.is_dir() else []
        if not files:
            cols = ", ".join(f"CAST(NULL AS {_duck_type(f.type)}) AS {_ident(f.name)}" for f in schema)
            con.execute(f"CREATE VIEW {name} AS SELECT {cols} WHERE false")
            continue
        source = f"read_parquet([{', '.join(_lit(f) for f in files)}], union_by_name = true)"
        try:
            present = {r[0] for r in con.execute(f"DESCRIBE SELECT * FROM {source}").fetchall()}
        except duckdb.Error as exc:
            con.close()
            raise QueryError(f"cannot read the {name} table in {folder}: {exc}",
                             hint="re-run extract (with --restart) to rewrite the tables") from None
        missing = [f for f in schema if f.name not in present]
        extra = "".join(f", CAST(NULL AS {_duck_type(f.type)}) AS {_ident(f.name)}" for f in missing)
        con.execute(f"CREATE VIEW {name} AS SELECT *{extra} FROM {source}")
    return con


def run_query(out: str | Path, sql: str) -> tuple[list[str], list[tuple]]:
    """Run ``sql`` over the tables of ``out``.

    Args:
        out: an output folder written by ``cli.py extract``.
        sql: one SQL query (DuckDB dialect); tables are views by their names.
    Returns:
        ``(columns, rows)``: the column names and the rows as tuples.
    Raises:
        QueryError: the SQL is wrong or returns nothing tabular.
    """
    import duckdb

    con = connect(out)
    try:
        cur = con.execute(sql)
        if cur.description is None:
            raise QueryError("the statement returned no rows (use a SELECT query)")
        columns = [d[0] for d in cur.description]
        rows = cur.fetchall()
    except duckdb.Error as exc:
        raise QueryError(str(exc).strip()) from None
    finally:
        con.close()
    return columns, rows


def _jsonable(v):
    if isinstance(v, float) and not math.isfinite(v):
        return None if math.isnan(v) else ("inf" if v > 0 else "-inf")
    if isinstance(v, (list, tuple)):
        return [_jsonable(x) for x in v]
    if isinstance(v, dict):
        return {str(k): _jsonable(x) for k, x in v.items()}
    if v is None or isinstance(v, (str, int, float, bool)):
        return v
    return str(v)  # Decimal, date, datetime, UUID, bytes …


def _cell(v, width: int = 60) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer() and abs(v) < 1e15:
        s = str(int(v))
    else:
        s = str(v)
    s = s.replace("\r", " ").replace("\n", " ")
    return s if len(s) <= width else s[: width - 1] + "…"


def _width(s: str) -> int:
    """Display width: CJK characters take two columns."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def _unique(columns: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for c in columns:
        n = seen.get(c, 0)
        seen[c] = n + 1
        out.append(c if n == 0 else f"{c}_{n + 1}")
    return out


def format_rows(columns: list[str], rows: list[tuple], fmt: str = "table", *, max_width: int = 60) -> str:
    """Render a query result.

    Args:
        columns: column names.
        rows: row tuples.
        fmt: ``table`` (aligned, cells cut to ``max_width``), ``csv`` or ``json`` (a list of objects).
    Returns:
        The text to print (no trailing newline).
    """
    columns = _unique(columns)
    if fmt == "json":
        return json.dumps([{c: _jsonable(v) for c, v in zip(columns, r)} for r in rows],
                          ensure_ascii=False, indent=2)
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(columns)
        for r in rows:
            w.writerow(["" if v is None else json.dumps(_jsonable(v), ensure_ascii=False)
                        if isinstance(v, (list, tuple, dict)) else v for v in r])
        return buf.getvalue().rstrip("\n")
    if fmt != "table":
        raise ValueError(f"unknown format {fmt!r}")
    cells = [[_cell(v, max_width) for v in r] for r in rows]
    widths = [max([_width(c)] + [_width(r[i]) for r in cells]) for i, c in enumerate(columns)]

    def line(vals: list[str]) -> str:
        return "  ".join(v + " " * (w - _width(v)) for v, w in zip(vals, widths)).rstrip()

    out = [line(columns), "  ".join("-" * w for w in widths)]
    out += [line(r) for r in cells]
    return "\n".join(out)
