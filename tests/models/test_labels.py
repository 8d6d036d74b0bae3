"""The labelled set: its shape, its provenance, its split, and the label proposals."""
from __future__ import annotations

import csv
from collections import Counter, defaultdict

import pytest

from models.labels import LABELS_PATH, WRITTEN_PATH, propose_role, propose_topic, read_label_rows, read_written
from models.taxonomy import load_taxonomy

COLUMNS = ["source_path", "row_index", "part_index", "start", "end", "level", "section_index", "heading",
           "topic", "role", "method", "genre", "group", "split"]


@pytest.fixture(scope="module")
def rows():
    return read_label_rows()


def test_columns_and_no_text(rows):
    with open(LABELS_PATH, encoding="utf-8", newline="") as fh:
        assert next(csv.reader(fh)) == COLUMNS
    assert all(len(r["heading"]) <= 24 for r in rows)


def test_size_and_labels(rows):
    tax = load_taxonomy()
    written = read_written()
    assert len(rows) >= 600
    topics = Counter(r["topic"] for r in rows if r["topic"]) + Counter(w["topic"] for w in written)
    roles = Counter(r["role"] for r in rows if r["role"]) + Counter(w["role"] for w in written)
    assert set(topics) == set(tax.topic_labels) and set(roles) == set(tax.role_labels)
    assert min(topics.values()) >= 15 and min(roles.values()) >= 15
    assert {r["method"] for r in rows} <= {"heading-rule", "seed", "manual-corrected"}
    assert {r["split"] for r in rows} == {"train", "test"}
    assert all(r["role"] or r["level"] == "0" for r in rows), "only whole-document rows may lack a role"


def test_split_is_by_document_group(rows):
    splits = defaultdict(set)
    for r in rows:
        splits[r["group"]].add(r["split"])
        splits["file:" + r["source_path"]].add(r["split"])
    assert all(len(s) == 1 for s in splits.values())
    share = sum(r["split"] == "test" for r in rows) / len(rows)
    assert 0.15 <= share <= 0.3


def test_written_sections_are_marked_and_train_only():
    written = read_written()
    assert written and all(w["source"] == "written" and w["text"] and w["id"] for w in written)
    assert len({w["id"] for w in written}) == len(written)
    assert WRITTEN_PATH.name == "written_sections.jsonl"


def test_no_duplicate_pointers(rows):
    keys = [(r["source_path"], r["row_index"], r["part_index"], r["start"], r["end"]) for r in rows]
    assert len(keys) == len(set(keys))


@pytest.mark.parametrize("heading,ancestors,role", [
    ("存在的问题", (), "问题不足"),
    ("几点体会", (), "体会经验"),
    ("下一步工作打算", (), "计划打算"),
    ("(三)加强农业基础", ("2026年工作安排",), "计划打算"),
    ("(二)农业生产", ("2025年工作回顾",), "做法成效"),
    ("一、综合", (), "概况"),
    ("结束语", (), "其他"),
    ("(一)加强农业基础", (), None),
])
def test_propose_role(heading, ancestors, role):
    assert propose_role(heading, ancestors)[0] == role


@pytest.mark.parametrize("heading,body,topic,how", [
    ("三、双拥工作", "", "双拥优抚", "heading-rule"),
    ("(二)养老服务", "", "养老服务", "heading-rule"),
    ("(四)", "组织开展消防安全检查和应急演练,排查隐患", "安全应急", "seed"),
    ("(五)", "", None, "none"),
])
def test_propose_topic(heading, body, topic, how):
    assert propose_topic(heading, body) == (topic, how)
