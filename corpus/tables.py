"""Records -> Arrow tables with explicit schemas -> Parquet part files, written atomically.

The only module that writes Parquet.  Each table is a dataset folder ``OUT/<table>/`` of
``part-<shard>.parquet`` files; a part is written to a hidden temporary name and renamed,
so a reader never sees half a file and a killed run leaves no partial part behind.
"""
from __future__ import annotations

import operator
import os
from collections.abc import Iterable
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

S, I, F, B = pa.string(), pa.int64(), pa.float64(), pa.bool_()

SCHEMAS: dict[str, pa.Schema] = {
    "documents": pa.schema([
        ("doc_id", S), ("source_path", S), ("part_index", I), ("title", S), ("year", I),
        ("year_placeholder", B), ("text", pa.large_string()), ("original_text", pa.large_string()),
        ("char_count", I), ("encoding", S), ("format", S), ("script", S), ("content_hash", S),
        ("duplicate_of", S), ("row_index", I), ("metadata", S), ("notes", S),
    ]),
    "sections": pa.schema([
        ("doc_id", S), ("section_id", S), ("parent_id", S), ("level", I), ("label", S), ("heading", S),
        ("start", I), ("end", I), ("heading_start", I), ("heading_end", I), ("style", S),
        ("topic", S), ("topic_score", F), ("role", S), ("role_score", F),
    ]),
    "sentences": pa.schema([
        ("doc_id", S), ("sentence_id", S), ("section_id", S), ("start", I), ("end", I), ("text", S),
    ]),
    "quantities": pa.schema([
        ("doc_id", S), ("quantity_id", S), ("sentence_id", S), ("section_id", S), ("start", I), ("end", I),
        ("surface", S), ("value", F), ("lo", F), ("hi", F), ("lo_open", B), ("hi_open", B), ("unit", S),
        ("kind", S), ("hedge", S), ("subject", S), ("subject_start", I), ("subject_end", I), ("is_change", B),
        ("change_basis", S), ("status", S), ("reason", S), ("number_start", I), ("number_end", I),
        ("unit_raw", S), ("loose_lo", F), ("loose_hi", F),
    ]),
    "dates": pa.schema([
        ("doc_id", S), ("date_id", S), ("sentence_id", S), ("start", I), ("end", I), ("surface", S),
        ("kind", S), ("start_date", S), ("end_date", S), ("granularity", S), ("placeholder", B),
        ("resolved_with", I), ("status", S),
    ]),
    "programs": pa.schema([
        ("doc_id", S), ("program_id", S), ("sentence_id", S), ("start", I), ("end", I), ("surface", S),
        ("name", S), ("kind", S), ("rule", S),
    ]),
    "checks": pa.schema([
        ("doc_id", S), ("check_id", S), ("kind", S), ("verdict", S), ("severity", S), ("stated", F),
        ("computed", F), ("stated_lo", F), ("stated_hi", F), ("computed_lo", F), ("computed_hi", F),
        ("start", I), ("end", I), ("quantity_ids", pa.list_(S)), ("sentence_ids", pa.list_(S)),
        ("message", S), ("rule", S), ("unit", S),
    ]),
    "errors": pa.schema([
        ("source_path", S), ("stage", S), ("error_type", S), ("message", S), ("row_index", I), ("doc_id", S),
    ]),
}
TABLES = tuple(SCHEMAS)
# Columns whose values are (nearly) all different -- texts and row ids: dictionary-encoding them
# is wasted work (Parquet tries it and falls back), 20% of the write time for larger files.
_UNIQUE_VALUES = frozenset({"text", "original_text", "surface", "message", "metadata", "heading", "name",
                            "source_path", "notes", "title", "subject", "reason", "sentence_id", "section_id",
                            "parent_id", "quantity_id", "date_id", "program_id", "check_id", "content_hash"})
_DICTIONARY = {t: [f.name for f in schema if f.name not in _UNIQUE_VALUES] for t, schema in SCHEMAS.items()}


def _validity(missing: list[bool]) -> tuple[pa.Buffer | None, int]:
    import numpy as np

    nulls = sum(missing)
    if not nulls:
        return None, 0
    return pa.py_buffer(np.packbits(~np.array(missing, dtype=bool), bitorder="little")), nulls


def _strings(values: list) -> pa.Array:
    b = pa.lib.StringBuilder()
    b.append_values(values)
    return b.finish()


_STR_TYPES = frozenset({str, type(None)})


def _numbers_of(typ: pa.DataType, types: set[type]) -> bool:
    """Whether values of these Python types are written as ``typ`` as they are (as ``pa.array``
    would: a bool is not an int64, a float is not an int64, numbers are not bools)."""
    t = [x for x in types if x is not type(None)]
    if typ == I:
        return all(issubclass(x, int) and not issubclass(x, bool) for x in t)
    if typ == F:
        return all(issubclass(x, (float, int)) for x in t)
    return all(issubclass(x, bool) for x in t)


def _large_strings(values: list) -> pa.Array:
    """A large_string array built from its buffers (``cast`` would import pyarrow.compute, 0.03 s
    per process, for nothing else)."""
    import numpy as np

    encoded = [b"" if v is None else v.encode("utf-8") for v in values]
    offsets = np.zeros(len(values) + 1, dtype=np.int64)
    np.cumsum([len(e) for e in encoded], out=offsets[1:])
    validity, nulls = _validity([v is None for v in values])
    return pa.Array.from_buffers(pa.large_string(), len(values),
                                 [validity, pa.py_buffer(offsets), pa.py_buffer(b"".join(encoded))], null_count=nulls)


def _array(values: list, typ: pa.DataType) -> pa.Array:
    """``pa.array(values, type=typ)`` for the column types of ``SCHEMAS``, built without
    ``pa.array``: converting a Python list there first asks whether it is a pandas object, which
    imports pandas (0.3 s per process) although no pandas object is ever written here.  Values of
    an unexpected type fall back to ``pa.array``, which raises for them as usual."""
    import numpy as np

    n = len(values)
    try:
        types = set(map(type, values))  # one C-level pass instead of a Python test per value
        nulls = type(None) in types
        if typ == S:
            if types <= _STR_TYPES:
                return _strings(values)
        elif typ == pa.large_string():
            if types <= _STR_TYPES:
                return _large_strings(values)
        elif typ in (I, F, B):
            if _numbers_of(typ, types):
                missing = [v is None for v in values] if nulls else None
                validity, count = _validity(missing) if nulls else (None, 0)
                filled = [0 if v is None else v for v in values] if nulls else values
                if typ == B:
                    data = pa.py_buffer(np.packbits(np.array(filled, dtype=bool), bitorder="little"))
                else:
                    data = pa.py_buffer(np.array(filled, dtype=np.int64 if typ == I else np.float64))
                return pa.Array.from_buffers(typ, n, [validity, data], null_count=count)
        elif pa.types.is_list(typ) and typ.value_type == S:
            missing = [v is None for v in values]
            items = [[] if m else list(v) for v, m in zip(values, missing)]
            if all(type(x) is str for it in items for x in it):
                offsets = np.zeros(n + 1, dtype=np.int32)
                np.cumsum([len(it) for it in items], out=offsets[1:])
                child = _strings([x for it in items for x in it])
                validity, nulls = _validity(missing)
                return pa.ListArray.from_buffers(typ, n, [validity, pa.py_buffer(offsets)], null_count=nulls,
                                                 children=[child])
    except (AttributeError, OverflowError, TypeError, ValueError, pa.ArrowException):  # AttributeError: no StringBuilder
        pass
    return pa.array(values, type=typ)


def to_arrow(table: str, records: Iterable[object]) -> pa.Table:
    """Build an Arrow table of ``table``'s schema from dataclass records or dicts (extra fields
    ignored, missing ones null)."""
    schema = SCHEMAS[table]
    records = list(records)
    columns: list[list] | None = None
    if records and not isinstance(records[0], dict):
        # one C-level attrgetter per record and a transpose, instead of a getattr per cell
        names = [f.name for f in schema]
        present = [n for n in names if hasattr(records[0], n)]
        rows = list(map(operator.attrgetter(*present), records)) if present else []
        if len(present) == 1:
            rows = [(v,) for v in rows]
        by_name = dict(zip(present, map(list, zip(*rows)))) if rows else {}
        columns = [by_name.get(n, [None] * len(records)) for n in names]
    arrays = []
    for i, f in enumerate(schema):
        name = f.name
        if columns is not None:
            values = columns[i]
        elif records and isinstance(records[0], dict):
            values = [r.get(name) for r in records]
        else:
            values = []
        if pa.types.is_list(f.type):
            values = [list(v) if isinstance(v, tuple) else v for v in values]
        arrays.append(_array(values, f.type))
    return pa.table(arrays, schema=schema)


def write_part(out: Path, table: str, part: str, records: Iterable[object]) -> int:
    """Write one part file of ``table`` atomically; return its row count."""
    folder = Path(out) / table
    folder.mkdir(parents=True, exist_ok=True)
    if "/" in part or "\\" in part or part.startswith("."):
        raise ValueError(f"bad part name {part!r}")
    arrow = to_arrow(table, records)
    final = folder / f"part-{part}.parquet"
    tmp = folder / f".part-{part}.parquet.tmp-{os.getpid()}"
    pq.write_table(arrow, tmp, compression="zstd", use_dictionary=_DICTIONARY[table])
    with open(tmp, "rb") as fh:
        os.fsync(fh.fileno())
    os.replace(tmp, final)
    return arrow.num_rows


def read_table(out: Path, table: str) -> pa.Table:
    """Read a whole table back (tests, small corpora, reports)."""
    import pyarrow.dataset as ds

    folder = Path(out) / table
    if not folder.is_dir() or not any(folder.glob("*.parquet")):
        return SCHEMAS[table].empty_table()
    return ds.dataset(str(folder), format="parquet", schema=SCHEMAS[table]).to_table()


def remove_stale_temp(out: Path) -> int:
    """Delete temporary part files left by a killed run."""
    n = 0
    for folder in Path(out).iterdir() if Path(out).is_dir() else ():
        if folder.is_dir():
            for f in folder.glob(".part-*.tmp-*"):
                f.unlink(missing_ok=True)
                n += 1
    return n


def mark_duplicates(out: Path) -> int:
    """Fill ``documents.duplicate_of`` across the whole output: every document whose text is
    exactly that of an earlier one (by source path, row, part) points to the first.  Only part
    files that change are rewritten (atomically); running it twice changes nothing."""
    folder = Path(out) / "documents"
    files = sorted(folder.glob("part-*.parquet")) if folder.is_dir() else []
    if not files:
        return 0
    # (pyarrow.dataset is not used here: importing it imports pandas, 0.3 s per run)
    keys = ["doc_id", "content_hash", "source_path", "row_index", "part_index", "duplicate_of"]
    per_file = [pq.ParquetFile(f).read(columns=keys).to_pylist() for f in files]
    first: dict[str, tuple] = {}
    for r in (r for rows in per_file for r in rows):
        k = (r["source_path"], -1 if r["row_index"] is None else r["row_index"], r["part_index"], r["doc_id"])
        if r["content_hash"] not in first or k < first[r["content_hash"]]:
            first[r["content_hash"]] = k
    dup = {r["doc_id"]: first[r["content_hash"]][3] for rows in per_file for r in rows
           if first[r["content_hash"]][3] != r["doc_id"]}
    changed = 0
    for f, rows in zip(files, per_file):
        new = [dup.get(r["doc_id"]) for r in rows]
        if new == [r["duplicate_of"] for r in rows]:
            continue  # only a file that changes is read whole and rewritten
        t = pq.ParquetFile(f).read()
        t = t.set_column(t.schema.get_field_index("duplicate_of"), "duplicate_of", _array(new, S))
        tmp = f.with_name(f".{f.name}.tmp-{os.getpid()}")
        pq.write_table(t, tmp, compression="zstd")
        os.replace(tmp, f)
        changed += 1
        del t
        release_arrow_memory()  # one part at a time: memory stays flat however many change
    return len(dup)


def release_arrow_memory() -> None:
    """Hand memory Arrow's allocator keeps for reuse back to the system (after a part is written:
    without it the resident size creeps up with every part of a long run)."""
    pool = pa.default_memory_pool()
    if hasattr(pool, "release_unused"):
        pool.release_unused()
