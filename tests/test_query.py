"""SQL over the tables: ``extract.query`` and ``cli.py query``."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import cli
from corpus.tables import SCHEMAS, write_part
from extract.query import QueryError, connect, format_rows, run_query
from tests.test_report import synth_output


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    o = tmp_path_factory.mktemp("q") / "out"
    synth_output(o, 20, flag_every=4)
    write_part(o, "errors", "walk", [{"source_path": "a.doc", "stage": "read", "error_type": "converter_missing",
                                      "message": "no converter for .doc"}])
    return o


def invoke(*args: str):
    return CliRunner().invoke(cli.main, ["query", *args])


def test_every_table_is_a_view_with_its_schema(out):
    con = connect(out)
    try:
        for name, schema in SCHEMAS.items():
            cols = [r[0] for r in con.execute(f"DESCRIBE {name}").fetchall()]
            assert set(schema.names) <= set(cols), name
        assert con.execute("SELECT count(*) FROM sentences").fetchone() == (0,)  # missing table: empty view
    finally:
        con.close()


def test_missing_tables_and_missing_columns_do_not_crash(tmp_path):
    cols, rows = run_query(tmp_path, "SELECT count(*) AS n, max(year) AS y FROM documents JOIN checks USING (doc_id)")
    assert cols == ["n", "y"] and rows == [(0, None)]
    # a part file written by an older run without some columns: they read as NULL
    import pyarrow as pa
    import pyarrow.parquet as pq

    (tmp_path / "programs").mkdir()
    pq.write_table(pa.table({"doc_id": ["d"], "name": ["扫黄打非"]}), tmp_path / "programs" / "part-0.parquet")
    cols, rows = run_query(tmp_path, "SELECT name, kind, start FROM programs")
    assert rows == [("扫黄打非", None, None)]


def test_run_query_joins_and_aggregates(out):
    cols, rows = run_query(out, """SELECT d.year, sum(q.value) AS n FROM quantities q JOIN documents d USING (doc_id)
        WHERE q.subject = '低保对象' GROUP BY d.year ORDER BY d.year""")
    assert cols == ["year", "n"]
    assert rows[0] == (2010, 1482.0 * 2) and rows[1] == (2011, 1483.0 * 2)  # docs 0, 12 flagged; 1, 13 not
    cols, rows = run_query(out, "SELECT count(*) FROM checks WHERE verdict = 'inconsistent'")
    assert rows == [(5,)]


@pytest.mark.parametrize("sql, match", [
    ("SELEC 1", "syntax error"),
    ("SELECT nope FROM documents", "nope"),
    ("SELECT * FROM no_such_table", "no_such_table"),
])
def test_bad_sql_raises_query_error(out, sql, match):
    with pytest.raises(QueryError, match=match):
        run_query(out, sql)


def test_format_rows():
    cols, rows = ["主体", "n", "ids"], [("低保户", 1482.0, ["a", "b"]), (None, float("inf"), None)]
    table = format_rows(cols, rows, "table").splitlines()
    assert table[0].startswith("主体    n")  # CJK counts two columns: "低保户" is 6 wide
    assert table[2].startswith("低保户  1482")
    assert json.loads(format_rows(cols, rows, "json")) == [{"主体": "低保户", "n": 1482.0, "ids": ["a", "b"]},
                                                         {"主体": None, "n": "inf", "ids": None}]
    assert list(csv.reader(io.StringIO(format_rows(cols, rows, "csv")))) == [
        ["主体", "n", "ids"], ["低保户", "1482.0", '["a", "b"]'], ["", "inf", ""]]
    assert format_rows(["a", "a"], [(1, 2)], "json") == '[\n  {\n    "a": 1,\n    "a_2": 2\n  }\n]'


def test_cli_table(out):
    res = invoke(str(out), "SELECT year, count(*) AS docs FROM documents GROUP BY year ORDER BY year")
    assert res.exit_code == 0, res.output
    lines = res.stdout.splitlines()
    assert lines[0].split() == ["year", "docs"] and lines[2].split() == ["2010", "2"]
    assert "(12 rows)" in res.stderr


def test_cli_csv_and_json(out):
    sql = "SELECT error_type, count(*) AS n FROM errors GROUP BY error_type"
    res = invoke(str(out), sql, "--format", "csv")
    assert res.exit_code == 0 and res.stdout.strip().splitlines() == ["error_type,n", "converter_missing,1"]
    res = invoke(str(out), "SELECT name, count(DISTINCT doc_id) AS docs FROM programs GROUP BY name", "--format", "json")
    assert res.exit_code == 0 and json.loads(res.stdout) == [{"name": "扫黄打非", "docs": 20}]


def test_cli_bad_sql_exits_2_without_traceback(out):
    res = invoke(str(out), "SELECT * FROM nowhere")
    assert res.exit_code == 2
    assert "Error:" in res.stderr and "nowhere" in res.stderr and "Hint:" in res.stderr
    assert "Traceback" not in res.output and res.exception is None or isinstance(res.exception, SystemExit)


def test_cli_usage_errors(tmp_path):
    assert invoke(str(tmp_path / "missing"), "SELECT 1").exit_code == 2
    assert invoke(str(tmp_path)).exit_code == 2
    res = CliRunner().invoke(cli.main, ["query", "-h"])
    assert res.exit_code == 0 and "Example:" in res.output
