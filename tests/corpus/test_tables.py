"""Arrow columns are built without ``pa.array`` (which imports pandas); they must equal what
``pa.array`` builds, for every column type of the schemas and every kind of value."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus.tables import SCHEMAS, _array, to_arrow

TYPES = sorted({f.type for s in SCHEMAS.values() for f in s}, key=str)

VALUES = {
    pa.string(): st.one_of(st.none(), st.text()),
    pa.large_string(): st.one_of(st.none(), st.text()),
    pa.int64(): st.one_of(st.none(), st.integers(-(2 ** 63), 2 ** 63 - 1)),
    pa.float64(): st.one_of(st.none(), st.floats(allow_nan=False), st.integers(-(2 ** 53), 2 ** 53)),
    pa.bool_(): st.one_of(st.none(), st.booleans()),
    pa.list_(pa.string()): st.one_of(st.none(), st.lists(st.text(max_size=5), max_size=4),
                                     st.tuples(st.text(max_size=3))),
}


def test_every_schema_type_is_covered():
    assert set(TYPES) <= set(VALUES)


@pytest.mark.parametrize("typ", TYPES, ids=str)
@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_columns_equal_pa_array(typ, data):
    values = data.draw(st.lists(VALUES[typ], max_size=40))
    expected = pa.array([list(v) if isinstance(v, tuple) else v for v in values], type=typ)
    got = _array([list(v) if isinstance(v, tuple) else v for v in values], typ)
    assert got.type == expected.type
    assert got.equals(expected)
    assert got.null_count == expected.null_count


def test_wrong_values_still_raise_like_pa_array():
    with pytest.raises((pa.ArrowInvalid, pa.ArrowTypeError, TypeError)):
        _array(["x"], pa.int64())
    with pytest.raises((pa.ArrowInvalid, OverflowError)):
        _array([2 ** 64], pa.int64())
    assert _array([True, False], pa.bool_()).to_pylist() == [True, False]


def test_writing_tables_does_not_import_pandas(tmp_path):
    code = ("import sys; from corpus.tables import to_arrow; "
            "t = to_arrow('checks', [{'doc_id': 'd', 'start': 1, 'stated': 2.5, 'quantity_ids': ['a', 'b']}]); "
            "d = to_arrow('documents', [{'doc_id': 'd', 'text': '正文', 'year_placeholder': False}]); "
            "print(t.num_rows, d.num_rows, 'pandas' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=Path(__file__).resolve().parents[2])
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["1", "1", "False"]


def test_to_arrow_round_trip():
    t = to_arrow("errors", [{"source_path": "a.txt", "stage": "read", "row_index": None}, {"message": "m"}])
    assert t.column("source_path").to_pylist() == ["a.txt", None]
    assert t.column("row_index").null_count == 2


def test_exact_duplicates_point_to_the_first_copy(tmp_path):
    import pyarrow.parquet as pq

    from corpus.tables import mark_duplicates
    from extract.pipeline import ExtractConfig
    from extract.runner import run_extract

    src = tmp_path / "in"
    src.mkdir()
    text = "某社区2023年工作总结\n一、基本情况\n全社区有低保户120户。\n"
    for name in ("a.txt", "b.txt", "c.txt"):
        (src / name).write_text(text if name != "b.txt" else text + "另有说明。\n", encoding="utf-8")
    out = tmp_path / "out"
    run_extract([str(src)], out, ExtractConfig(steps=("dates",)), jobs=1)
    rows = {r["source_path"]: r for f in sorted((out / "documents").glob("*.parquet"))
            for r in pq.ParquetFile(f).read(columns=["doc_id", "source_path", "duplicate_of"]).to_pylist()}
    assert rows["c.txt"]["duplicate_of"] == rows["a.txt"]["doc_id"]
    assert rows["a.txt"]["duplicate_of"] is None and rows["b.txt"]["duplicate_of"] is None
    before = {f.name: f.stat().st_mtime_ns for f in (out / "documents").glob("*.parquet")}
    assert mark_duplicates(out) == 1  # again: the same answer, and no file rewritten
    assert {f.name: f.stat().st_mtime_ns for f in (out / "documents").glob("*.parquet")} == before
