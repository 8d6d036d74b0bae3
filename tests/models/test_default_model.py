"""The shipped model: small, loaded once, and it classifies real documents' sections."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from corpus.load import load_documents
from extract.pipeline import ExtractConfig, analyse_document
from models.taxonomy import load_taxonomy
from models.topic import DEFAULT_MODEL_PATH, classify_sections, get_model

EXAMPLES = ["社区民政工作总结_gbk.txt", "某镇双拥工作总结.docx"]
CORPUS_DOCS = ["provincial_2026_csv/hebei_2026.csv", "stats_bulletins_html/wanzai_2022_bulletin.html"]


def test_default_model_is_small_and_cached():
    assert DEFAULT_MODEL_PATH.is_file()
    assert DEFAULT_MODEL_PATH.stat().st_size < 10 * 1024 * 1024
    model = get_model()
    assert get_model() is model
    tax = load_taxonomy()
    assert set(model.topic.classes_) == set(tax.topic_labels)
    assert set(model.role.classes_) == set(tax.role_labels)


def test_importing_loads_no_model():
    code = ("import models, models.topic, sys; "
            "print(models.topic._cached.cache_info().currsize, 'jieba' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=Path(__file__).resolve().parents[2])
    assert out.stdout.split() == ["0", "False"]


def _check(docs):
    tax = load_taxonomy()
    n = 0
    for doc in docs:
        sections = analyse_document(doc, ExtractConfig(steps=())).sections
        out = classify_sections(doc, sections)
        assert len(out) == len(sections)
        for s in out:
            assert s.topic in tax.topic_labels and s.role in tax.role_labels
            assert 0 < s.topic_score <= 1 and 0 < s.role_score <= 1
        n += len(out)
    return n


@pytest.mark.parametrize("name", EXAMPLES)
def test_classifies_example_documents(examples_dir, name):
    path = Path(examples_dir) / name
    if not path.is_file():
        pytest.skip(f"examples/{name} is not there")
    assert _check(load_documents(path, rel=f"examples/{name}")) > 3


def test_example_sections_get_sensible_labels(examples_dir):
    path = Path(examples_dir) / "某镇双拥工作总结.docx"
    if not path.is_file():
        pytest.skip("examples/某镇双拥工作总结.docx is not there")
    (doc,) = load_documents(path, rel="examples/某镇双拥工作总结.docx")
    out = classify_sections(doc, analyse_document(doc, ExtractConfig(steps=())).sections)
    topics = [s.topic for s in out if s.level > 0]
    assert topics.count("双拥优抚") >= len(topics) // 2


@pytest.mark.corpus
@pytest.mark.parametrize("rel", CORPUS_DOCS)
def test_classifies_corpus_documents(shared_corpus, rel):
    assert _check(load_documents(shared_corpus / rel, rel=rel)) > 5


def test_pipeline_step_fills_topics(examples_dir):
    path = Path(examples_dir) / "社区民政工作总结_gbk.txt"
    if not path.is_file():
        pytest.skip("example missing")
    (doc,) = load_documents(path, rel="examples/社区民政工作总结_gbk.txt")
    out = analyse_document(doc, ExtractConfig(steps=("classify",)))
    assert out.sections and all(s.topic and s.role for s in out.sections)


def test_classifying_needs_neither_scipy_nor_sklearn(tmp_path):
    # the whole pipeline, classification included, runs on numpy alone with the shipped model
    # (scipy's import costs a tenth of a second per worker, scikit-learn's a second)
    f = tmp_path / "summary.txt"
    f.write_text("街道民政工作总结\n一、存在的问题\n经费不足，人员偏少。\n二、下一步工作打算\n继续做好优抚安置工作。\n",
                 encoding="utf-8")
    code = ("import sys; from corpus.load import load_documents; "
            "from extract.pipeline import ExtractConfig, analyse_document; "
            f"doc = next(d for d in load_documents({str(f)!r}) if hasattr(d, 'text')); "
            "out = analyse_document(doc, ExtractConfig()); "
            "print(*[s.role for s in out.sections if s.level == 1], 'scipy' in sys.modules, 'sklearn' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=Path(__file__).resolve().parents[2])
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["问题不足", "计划打算", "False", "False"]
