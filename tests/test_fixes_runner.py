"""Regression tests for the hostile-input review: output inside the input, harmless links,
limit options, unswallowable time limit, per-document max_doc_chars, row errors of table
files in ``check``, and jieba's private cache folder."""
from __future__ import annotations

import os
import stat
import tempfile
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from corpus.errors import CorpusError
from corpus.limits import DEFAULT_LIMITS, Limits
from corpus.records import RunCounts
from corpus.walk import InputFile
from extract import pipeline
from extract.pipeline import DocOutput, ExtractConfig, process_file
from extract.runner import plan_shards, run_extract

REPORT = ("{n}社区2023年工作总结\n一、基本情况\n全社区有低保户120户、240人,其中城镇低保80户,农村低保40户。"
          "全年发放低保金12.5万元,同比增长3%。\n二、存在的问题\n一是人手不足。\n")
FAST = ("dates",)  # a cheap step: these tests are about the runner, not the extractors


def _write(folder: Path, name: str, n: str = "第一") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    p = folder / name
    p.write_text(REPORT.format(n=n), encoding="utf-8")
    return p


# 1. -o inside the input folder ---------------------------------------------------------------

def test_output_inside_the_input_is_not_read_as_input(tmp_path):
    src = tmp_path / "in"
    _write(src, "a.txt")
    out = src / "out"
    config = ExtractConfig(steps=FAST)
    first = run_extract([str(src)], out, config)
    assert first.counts.files == 1 and first.counts.files_failed == 0
    shards, problems = plan_shards([str(src)], config, out=out)
    assert [rel for s in shards for _, rel, _ in s.files] == ["a.txt"] and not problems
    # the re-run sees the same input (its own Parquet parts are not walked) and resumes
    second = run_extract([str(src)], out, config)
    assert second.shards_skipped == second.shards == 1
    assert second.counts.files == 1 and second.counts.files_failed == 0


# 2. harmless links are not failed files ---------------------------------------------------------

@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_duplicate_link_is_not_a_failed_file(tmp_path):
    src = tmp_path / "in"
    _write(src, "a.txt")
    os.symlink(src / "a.txt", src / "alias.txt")
    (src / "sub").mkdir()
    _write(src / "sub", "b.txt", "第二")
    os.symlink(src / "sub", src / "sub_alias")
    summary = run_extract([str(src)], tmp_path / "out", ExtractConfig(steps=FAST))
    c = summary.counts
    assert c.errors == 2  # both links are still errors rows (never a silent skip)
    assert (c.files, c.files_failed) == (2, 0)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_pipe_named_like_a_report_still_counts_as_not_read(tmp_path):
    src = tmp_path / "in"
    _write(src, "a.txt")
    os.mkfifo(src / "pipe.txt")
    c = run_extract([str(src)], tmp_path / "out", ExtractConfig(steps=FAST)).counts
    assert (c.files, c.files_failed) == (2, 1)


# 3. limit options: every default from DEFAULT_LIMITS, the new options reach the config ---------

def test_cli_limit_defaults_are_the_library_defaults():
    import cli

    for command in (cli.extract, cli.check):
        names = {p.name for p in command.params}
        assert {"read_seconds", "max_doc_chars", "max_cell_chars", "max_pdf_pages"} <= names
        defaults = {p.name: p.default for p in command.params
                    if p.name in ("max_file_mb", "max_inflated_mb", "max_html_depth", "max_pdf_pages",
                                  "max_doc_chars", "max_cell_chars", "read_seconds", "doc_seconds")}
        assert cli._limits(**defaults) == DEFAULT_LIMITS


def test_cli_limit_options_reach_the_config(tmp_path, monkeypatch):
    import cli
    import extract.runner as runner

    seen = {}

    def fake_run(inputs, out, config, **kw):
        seen["limits"] = config.limits
        return runner.RunSummary(RunCounts(), 0, 0, 0.0, str(out))

    monkeypatch.setattr(runner, "run_extract", fake_run)
    p = _write(tmp_path, "a.txt")
    res = CliRunner().invoke(cli.main, ["extract", str(p), "-o", str(tmp_path / "out"), "-q", "--read-seconds", "7",
                                        "--max-doc-chars", "1234", "--max-cell-chars", "99", "--max-pdf-pages", "3"])
    assert res.exit_code == 0, res.output
    lim = seen["limits"]
    assert (lim.read_seconds, lim.max_doc_chars, lim.max_cell_chars, lim.max_pdf_pages) == (7, 1234, 99, 3)
    assert lim.max_zip_ratio == DEFAULT_LIMITS.max_zip_ratio  # limits without an option keep their default


# 4. the time limit cannot be swallowed; max_doc_chars applies per document ----------------------

def _outputs(path: Path, config: ExtractConfig):
    items = list(process_file(InputFile(path, path.name, path.stat().st_size), config))
    return [i for i in items if isinstance(i, DocOutput)], [i for i in items if not isinstance(i, DocOutput)]


@pytest.mark.parametrize("swallow_first_alarm", [False, True])
def test_time_limit_cannot_be_swallowed(tmp_path, monkeypatch, swallow_first_alarm):
    def stubborn(out, config):  # a library step with broad handlers
        t0 = time.monotonic()
        swallowed = not swallow_first_alarm
        while time.monotonic() - t0 < 6:  # gives up by itself only after 6 s
            try:
                time.sleep(0.01)
            except Exception:
                pass
            except BaseException:
                if swallowed:
                    raise
                swallowed = True  # a bare except: the first alarm is lost

    monkeypatch.setitem(pipeline._STEPS, "stubborn", stubborn)
    config = ExtractConfig(limits=Limits(doc_seconds=0.3), steps=("stubborn",))
    t0 = time.monotonic()
    docs, errors = _outputs(_write(tmp_path, "a.txt"), config)
    assert time.monotonic() - t0 < 3
    assert len(docs) == 1
    assert [(e.stage, e.error_type) for e in errors] == [("extract", "limit_exceeded")]
    assert "doc_seconds=0.3" in errors[0].message


def test_max_doc_chars_applies_per_document_not_per_file(tmp_path):
    body_a = "今年我们发放低保金十万元。\n" * 50  # 700 characters
    body_b = "今年我们走访困难群众三百人。\n" * 80  # 1,200 characters
    p = tmp_path / "collection.txt"
    p.write_text(f"篇1：甲社区工作总结\n{body_a}篇2：乙社区工作总结\n{body_b}", encoding="utf-8")
    full, _ = _outputs(p, ExtractConfig(steps=FAST))
    assert len(full) == 2 and sum(d.document.char_count for d in full) > 1500
    docs, errors = _outputs(p, ExtractConfig(limits=Limits(max_doc_chars=1000), steps=FAST))
    assert not errors
    a, b = (d.document for d in docs)
    assert a.text == full[0].document.text and "max_doc_chars" not in a.notes  # not cut: under the limit
    assert b.char_count == len(b.text) == len(b.original_text) == 1000 < full[1].document.char_count
    assert b.text == full[1].document.text[:1000]
    assert "max_doc_chars=1,000" in b.notes


# 5. rows of table files that could not be used are visible -------------------------------------

def _jsonl(path: Path, texts: list[str]) -> Path:
    """A .jsonl table file: its reader refuses an over-long text cell row by row (a .csv refuses
    a sole bad row as a whole file already)."""
    import json

    lines = [json.dumps({"title": f"报告{i}", "text": t}, ensure_ascii=False) for i, t in enumerate(texts)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_load_documents_reports_failed_rows(tmp_path):
    from corpus.load import RowSkippedWarning, RowsUnreadable, load_documents

    short, long = REPORT.format(n="第一"), REPORT.format(n="第二") * 40
    lim = Limits(max_cell_chars=len(short) + 10)
    mixed = _jsonl(tmp_path / "mixed.jsonl", [short, long])
    errors: list = []
    docs = load_documents(mixed, limits=lim, errors=errors)
    assert len(docs) == 1 and len(errors) == 1 and "max_cell_chars" in errors[0].message
    with pytest.warns(RowSkippedWarning, match="max_cell_chars"):
        assert len(load_documents(mixed, limits=lim)) == 1
    only_bad = _jsonl(tmp_path / "bad.jsonl", [long])
    with pytest.raises(CorpusError, match="max_cell_chars") as info:
        load_documents(only_bad, limits=lim)
    assert isinstance(info.value, RowsUnreadable) and info.value.error_type == "limit_exceeded"


def test_check_shows_failed_rows_and_exits_2_when_nothing_was_read(tmp_path):
    import cli

    short, long = REPORT.format(n="第一"), REPORT.format(n="第二") * 40
    limit = str(len(short) + 10)
    runner = CliRunner(mix_stderr=False) if "mix_stderr" in CliRunner.__init__.__code__.co_varnames else CliRunner()
    only_bad = _jsonl(tmp_path / "bad.jsonl", [long])
    res = runner.invoke(cli.main, ["check", str(only_bad), "--max-cell-chars", limit])
    assert res.exit_code == 2, res.output
    assert "max_cell_chars" in res.stderr and "cannot read" in res.stderr
    mixed = _jsonl(tmp_path / "mixed.jsonl", [short, long])
    res = runner.invoke(cli.main, ["check", str(mixed), "--max-cell-chars", limit])
    assert res.exit_code in (0, 1), res.output  # the file was read: exit by what it says
    assert "max_cell_chars" in res.stderr and "row 1" in res.stderr


# 6. jieba's cache is private ---------------------------------------------------------------------

def test_jieba_cache_is_a_private_folder(tmp_path, monkeypatch):
    pytest.importorskip("jieba")
    from extract import subjects

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    tok = subjects.jieba_tokenizer()
    d = Path(tok.tmp_dir)
    assert d == tmp_path / "cache" / "zongjie" / "jieba"
    assert Path(tok.tmp_dir).resolve() != Path(tempfile.gettempdir()).resolve()
    st = d.stat()
    assert stat.S_IMODE(st.st_mode) == 0o700 and st.st_uid == os.getuid()
    tok.initialize()
    assert (d / "jieba.cache").is_file()  # the cache is written (and later read) there


def test_jieba_cache_refuses_a_folder_others_can_write(tmp_path, monkeypatch):
    from extract import subjects

    shared = tmp_path / "cache" / "zongjie" / "jieba"
    shared.mkdir(parents=True)
    shared.chmod(0o777)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    d = Path(subjects.jieba_cache_dir())
    assert d != shared
    st = d.stat()
    assert stat.S_IMODE(st.st_mode) == 0o700 and st.st_uid == os.getuid()


# --skip: leaving out steps ---------------------------------------------------------------------

def test_cli_steps_are_the_pipeline_steps():
    import cli

    assert cli.ALL_STEPS == ExtractConfig().steps


def test_skip_leaves_out_a_step_and_checks_follow_quantities(tmp_path):
    import pyarrow.dataset as ds

    import cli

    src = tmp_path / "in"
    _write(src, "a.txt")

    def run(out, *skip):
        args = ["extract", str(src), "-o", str(out), "-j", "1", "-q"]
        for s in skip:
            args += ["--skip", s]
        res = CliRunner().invoke(cli.main, args)
        assert res.exit_code == 0, res.output
        rows = {t: ds.dataset(str(out / t), format="parquet").to_table().num_rows
                for t in ("quantities", "checks", "dates")}
        topics = ds.dataset(str(out / "sections"), format="parquet").to_table().column("topic").null_count
        return rows, topics

    full, no_topic_full = run(tmp_path / "full")
    assert full["quantities"] > 0 and full["checks"] > 0 and no_topic_full == 0
    rows, no_topic = run(tmp_path / "noclass", "classify")
    assert rows == full and no_topic > 0  # sections are written, without topics
    rows, _ = run(tmp_path / "noquant", "quantities")
    assert rows["quantities"] == 0 and rows["checks"] == 0 and rows["dates"] == full["dates"]
    res = CliRunner().invoke(cli.main, ["extract", str(src), "-o", str(tmp_path / "x"), "--skip", "nonsense"])
    assert res.exit_code == 2


def test_output_folder_equal_to_the_input_folder(tmp_path):
    # -o INPUT: the tables land beside the reports, and a re-run resumes instead of reading its
    # own Parquet parts and state file as new input
    src = tmp_path / "reports"
    _write(src, "a.txt")
    _write(src, "b.txt", "第二")
    first = run_extract([str(src)], src, ExtractConfig(steps=FAST), jobs=1)
    assert first.counts.files == 2 and first.counts.documents == 2
    again = run_extract([str(src)], src, ExtractConfig(steps=FAST), jobs=1)
    assert again.counts.files == 2 and again.shards_skipped == again.shards
