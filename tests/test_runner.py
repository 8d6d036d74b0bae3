"""Running many files: same tables whatever the engine and worker count, resumable after a kill,
refusing to mix configurations, and one failing document never taking its shard down."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.dataset as ds
import pytest

from corpus.tables import TABLES
from extract.pipeline import ExtractConfig
from extract.runner import run_extract

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


def tables(out: Path) -> dict[str, list]:
    res = {}
    for t in TABLES:
        rows = ds.dataset(str(out / t), format="parquet").to_table().to_pylist()
        res[t] = sorted(rows, key=lambda r: str(sorted(r.items())))
    return res


@pytest.fixture(scope="module")
def fixture_corpus(tmp_path_factory) -> Path:
    """Our examples plus a few generated reports, enough for several shards."""
    d = tmp_path_factory.mktemp("fixture")
    shutil.copytree(EXAMPLES, d / "examples")
    for i in range(12):
        (d / f"gen_{i:02d}.txt").write_text(
            f"第{i}社区2023年工作总结\n一、基本情况\n全社区有低保户{100 + i}户、{200 + 2 * i}人,"
            f"其中城镇低保{60 + i}户,农村低保40户。全年发放低保金{12 + i}.5万元,同比增长{i}%。\n"
            "二、存在的问题\n一是人手不足。\n", encoding="utf-8")
    return d


@pytest.fixture(scope="module")
def reference(fixture_corpus, tmp_path_factory) -> dict:
    out = tmp_path_factory.mktemp("ref") / "out"
    os.environ["ZONGJIE_SHARD_FILES"] = "3"
    try:
        run_extract([str(fixture_corpus)], out, ExtractConfig(), jobs=1)
    finally:
        os.environ.pop("ZONGJIE_SHARD_FILES")
    return tables(out)


def _cli(*args, env_extra=None, **kw):
    env = dict(os.environ, ZONGJIE_SHARD_FILES="3", **(env_extra or {}))
    return subprocess.run([sys.executable, str(ROOT / "cli.py"), *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, **kw)


def test_two_workers_same_tables(fixture_corpus, reference, tmp_path):
    r = _cli("extract", str(fixture_corpus), "-o", str(tmp_path / "out"), "-j", "2", "-q")
    assert r.returncode == 0, r.stderr
    assert tables(tmp_path / "out") == reference


@pytest.mark.slow
def test_dask_local_cluster_same_tables(fixture_corpus, reference, tmp_path):
    pytest.importorskip("dask.distributed")
    r = _cli("extract", str(fixture_corpus), "-o", str(tmp_path / "out"), "--engine", "dask", "-j", "2", "-q")
    assert r.returncode == 0, r.stderr
    assert tables(tmp_path / "out") == reference


@pytest.mark.parametrize("delay", [0.5, 1.5, 3.0])
def test_killed_run_resumes_to_the_same_tables(fixture_corpus, reference, tmp_path, delay):
    out = tmp_path / "out"
    env = dict(os.environ, ZONGJIE_SHARD_FILES="3")
    p = subprocess.Popen([sys.executable, str(ROOT / "cli.py"), "extract", str(fixture_corpus), "-o", str(out),
                          "-j", "1", "-q"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(delay)
    p.send_signal(signal.SIGKILL)
    p.wait()
    r = _cli("extract", str(fixture_corpus), "-o", str(out), "-j", "1", "-q")
    assert r.returncode == 0, r.stderr
    assert tables(out) == reference
    assert not list(out.rglob(".*.tmp-*")), "temporary files left behind"


def test_changed_config_is_refused_then_restart(fixture_corpus, tmp_path):
    out = tmp_path / "out"
    assert _cli("extract", str(fixture_corpus), "-o", str(out), "-j", "1", "-q").returncode == 0
    r = _cli("extract", str(fixture_corpus), "-o", str(out), "-j", "1", "-q", "--doc-seconds", "30")
    assert r.returncode == 3 and "--restart" in r.stderr
    r = _cli("extract", str(fixture_corpus), "-o", str(out), "-j", "1", "-q", "--doc-seconds", "30", "--restart")
    assert r.returncode == 0, r.stderr


def test_rerun_skips_completed_shards(fixture_corpus, tmp_path):
    out = tmp_path / "out"
    _cli("extract", str(fixture_corpus), "-o", str(out), "-j", "1", "-q")
    r = _cli("extract", str(fixture_corpus), "-o", str(out), "-j", "1", "-q")
    assert r.returncode == 0
    assert "resumed" in r.stderr and " 0 of " not in r.stderr


def test_poison_document_becomes_an_error_row(fixture_corpus, tmp_path, monkeypatch):
    import extract.quantities as q

    real = q.extract_quantities

    def poisoned(doc, sentences, **kw):
        if "第3社区" in doc.text:
            raise RuntimeError("poison")
        return real(doc, sentences, **kw)

    monkeypatch.setattr(q, "extract_quantities", poisoned)
    monkeypatch.setenv("ZONGJIE_SHARD_FILES", "3")
    out = tmp_path / "out"
    run_extract([str(fixture_corpus)], out, ExtractConfig(), jobs=1)
    t = tables(out)
    errs = [e for e in t["errors"] if e["error_type"] == "RuntimeError"]
    assert len(errs) == 1 and errs[0]["stage"] == "quantities" and "poison" in errs[0]["message"]
    poisoned_doc = [d for d in t["documents"] if "第3社区" in d["text"]]
    assert len(poisoned_doc) == 1  # the document row is kept
    assert not [x for x in t["quantities"] if x["doc_id"] == poisoned_doc[0]["doc_id"]]
    others = {d["doc_id"] for d in t["documents"]} - {poisoned_doc[0]["doc_id"]}
    assert {x["doc_id"] for x in t["quantities"]} == others - {d["doc_id"] for d in t["documents"]
                                                               if not any(c.isdigit() for c in d["text"])}


def test_a_document_the_classifier_fails_on_is_an_error_row(fixture_corpus, tmp_path, monkeypatch):
    """Sections are classified a batch at a time; when the batch fails, each document is tried on
    its own and only the one that fails gets an error row (its sections stay, unlabelled)."""
    import models.topic as topic

    real = topic.classify_many

    def fails(items, **kw):  # a batch with the poisoned document fails, and so does that document alone
        if any("第3社区" in doc.text for doc, _ in items):
            raise RuntimeError("poison" if len(items) == 1 else "batch")
        return real(items, **kw)

    monkeypatch.setattr(topic, "classify_many", fails)
    out = tmp_path / "out"
    run_extract([str(fixture_corpus)], out, ExtractConfig(), jobs=1)
    t = tables(out)
    errs = [e for e in t["errors"] if e["error_type"] == "RuntimeError"]
    assert len(errs) == 1 and errs[0]["stage"] == "classify" and "poison" in errs[0]["message"]
    bad = errs[0]["doc_id"]
    assert {s["doc_id"] for s in t["sections"]} == {d["doc_id"] for d in t["documents"]}  # nothing lost
    assert all(s["topic"] is None for s in t["sections"] if s["doc_id"] == bad)
    assert all(s["topic"] and s["role"] for s in t["sections"] if s["doc_id"] != bad)
