"""top_programs over a tiny output folder written with the real Parquet writer."""
from __future__ import annotations

from pathlib import Path

import pytest

from corpus.tables import write_part
from extract.program_stats import top_programs

pytest.importorskip("duckdb")


def _doc(doc_id: str, year: int | None, duplicate_of: str | None = None) -> dict:
    return {"doc_id": doc_id, "source_path": f"{doc_id}.txt", "part_index": 0, "title": "", "year": year,
            "year_placeholder": False, "text": "", "original_text": "", "char_count": 0, "encoding": "utf-8",
            "format": "txt", "script": "zh-Hans", "content_hash": doc_id, "duplicate_of": duplicate_of}


def _program(doc_id: str, n: int, name: str, kind: str) -> dict:
    return {"doc_id": doc_id, "program_id": f"{doc_id}/p{n}", "sentence_id": f"{doc_id}/t0", "start": n,
            "end": n + 1, "surface": name, "name": name, "kind": kind, "rule": "suffix"}


@pytest.fixture()
def out(tmp_path: Path) -> Path:
    write_part(tmp_path, "documents", "a", [_doc("d1", 2016), _doc("d2", 2018), _doc("d3", None)])
    write_part(tmp_path, "documents", "b", [_doc("d4", 2016, duplicate_of="d1")])
    write_part(tmp_path, "programs", "a", [
        _program("d1", 1, "一带一路", "campaign"), _program("d1", 2, "一带一路", "campaign"),
        _program("d2", 1, "一带一路", "campaign"), _program("d3", 1, "一带一路", "campaign"),
        _program("d1", 3, "乡村振兴战略", "plan"), _program("d2", 2, "乡村振兴战略", "plan"),
        _program("d2", 3, "十四五规划", "plan"),
        _program("d2", 4, "双拥模范城", "title"), _program("d3", 2, "双拥模范城", "campaign"),
        _program("d3", 3, "双拥模范城", "title"),
    ])
    write_part(tmp_path, "programs", "b", [_program("d4", 1, "十四五规划", "plan"), _program("d4", 2, "十四五规划", "plan")])
    return tmp_path


def test_most_mentioned_first_with_documents_and_years(out):
    rows = top_programs(out)
    assert [r["name"] for r in rows] == ["一带一路", "双拥模范城", "乡村振兴战略", "十四五规划"]
    first = rows[0]
    assert first == {"name": "一带一路", "kind": "campaign", "mentions": 4, "documents": 3,
                     "years": [2016, 2018], "first_year": 2016, "last_year": 2018}


def test_a_name_takes_its_most_frequent_kind(out):
    row = next(r for r in top_programs(out) if r["name"] == "双拥模范城")
    assert (row["kind"], row["mentions"], row["years"]) == ("title", 3, [2018])


def test_kind_filter_and_limit(out):
    assert [r["name"] for r in top_programs(out, kind="plan")] == ["乡村振兴战略", "十四五规划"]
    assert [r["name"] for r in top_programs(out, limit=1)] == ["一带一路"]
    assert top_programs(out, limit=0) == []


def test_duplicates_are_left_out_unless_asked(out):
    plain = {r["name"]: r["mentions"] for r in top_programs(out)}
    with_dups = {r["name"]: r["mentions"] for r in top_programs(out, include_duplicates=True)}
    assert (plain["十四五规划"], with_dups["十四五规划"]) == (1, 3)
    assert with_dups["十四五规划"] > plain["十四五规划"]


def test_empty_or_missing_tables(tmp_path):
    assert top_programs(tmp_path) == []
    write_part(tmp_path, "programs", "a", [_program("d1", 1, "一带一路", "campaign")])
    assert top_programs(tmp_path) == [{"name": "一带一路", "kind": "campaign", "mentions": 1, "documents": 1,
                                       "years": [], "first_year": None, "last_year": None}]
