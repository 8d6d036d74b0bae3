"""Readers, encodings and the walk (issue 2), and the reader half of hostile input (issue 8).

Every fixture is written in ``tmp_path`` by the test itself (python-docx for .docx, a hand-made
PDF for the text layer); the real corpus is used through the ``shared_corpus`` fixture only.
"""
from __future__ import annotations

import codecs
import io
import json
import os
import time
from pathlib import Path

import pytest

from corpus.clean import clean_text
from corpus.documents import build_documents
from corpus.encoding import decode_bytes
from corpus.errors import (BrokenFile, ConverterMissing, CorpusError, DecodeError, EmptyInput, LimitExceeded,
                           NoTextColumn, NotText, UnsupportedFormat)
from corpus.html import html_to_source, nesting_depth
from corpus.limits import Limits, deadline
from corpus.read import iter_sources
from corpus.records import ErrorRecord, SourceText
from corpus.txt import clean_markdown
from corpus.walk import InputFile, WalkProblem, iter_inputs

REPORT = """青石镇2023年民政工作总结
一、基本情况
全镇共有低保户342户、586人,全年发放低保金312.6万元,较上年增长4.5%。
二、下一步打算
2024年,我们将进一步完善救助机制,确保困难群众基本生活。
"""
REPORT_HANT = """嘉禾區2022年度社會福利工作報告
一、總體情況
全年社會福利開支總額達4.86億元,較上年增長6.2%。全區65歲及以上長者共5.32萬人。
"""
CJK_ONLY = "民政工作总结：全年发放低保金，惠及困难群众，群众满意度持续提高。"


def write(tmp_path: Path, name: str, data: bytes | str, encoding: str = "utf-8") -> Path:
    p = tmp_path / name
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_bytes(data.encode(encoding) if isinstance(data, str) else data)
    return p


def read(path: Path, **kw) -> list[SourceText | ErrorRecord]:
    return list(iter_sources(path, path.name, **kw))


def documents(path: Path, **kw):
    out = []
    for src in read(path, **kw):
        if isinstance(src, SourceText):
            out.extend(build_documents(src, clean_text(src.text, fmt=src.format)[0])[0])
    return out


# ------------------------------------------------------------------------------ encodings

@pytest.mark.parametrize("text,data,encoding", [
    (REPORT, REPORT.encode("utf-8"), "utf-8"),
    (REPORT, codecs.BOM_UTF8 + REPORT.encode("utf-8"), "utf-8-sig"),
    (REPORT, REPORT.encode("gb18030"), "gb18030"),
    (REPORT, REPORT.encode("gbk"), "gb18030"),
    (REPORT_HANT, REPORT_HANT.encode("big5"), "big5hkscs"),
    (REPORT, codecs.BOM_UTF16_LE + REPORT.encode("utf-16-le"), "utf-16"),
    (REPORT, codecs.BOM_UTF16_BE + REPORT.encode("utf-16-be"), "utf-16"),
    (REPORT, REPORT.encode("utf-16-le"), "utf-16-le"),  # no BOM: found by the NUL pattern
    (REPORT, REPORT.encode("utf-16-be"), "utf-16-be"),
    (CJK_ONLY, CJK_ONLY.encode("utf-16-le"), "utf-16-le"),  # no BOM, no NULs: found by scoring
    (CJK_ONLY, CJK_ONLY.encode("utf-16-be"), "utf-16-be"),
    (REPORT_HANT, REPORT_HANT.encode("utf-8"), "utf-8"),
], ids=["utf8", "utf8-bom", "gb18030", "gbk", "big5", "utf16le-bom", "utf16be-bom", "utf16le", "utf16be",
        "utf16le-cjk-only", "utf16be-cjk-only", "traditional-utf8"])
def test_txt_encodings(tmp_path, text, data, encoding):
    [src] = read(write(tmp_path, "r.txt", data))
    assert src.encoding == encoding
    assert src.text == text
    assert src.format == "txt" and src.notes == ()


def test_traditional_text_is_simplified_for_analysis_and_kept(tmp_path):
    [doc] = documents(write(tmp_path, "r.txt", REPORT_HANT, "big5"))
    assert doc.script == "zh-Hant"
    assert "社会福利开支总额达4.86亿元" in doc.text
    assert "社會福利開支總額達4.86億元" in doc.original_text
    assert len(doc.text) == len(doc.original_text)


@pytest.mark.parametrize("encoding", ["utf-8", "gbk", "big5"])
def test_a_few_bad_bytes_are_replaced_and_noted_not_rejected(tmp_path, encoding):
    text = REPORT_HANT if encoding == "big5" else REPORT
    data = text.encode(encoding)
    cut = len(text[: text.index("一、")].encode(encoding))
    data = data[:cut] + b"\xff\x80\xff" + data[cut:]
    [src] = read(write(tmp_path, "r.txt", data))
    assert src.encoding == {"utf-8": "utf-8", "gbk": "gb18030", "big5": "big5hkscs"}[encoding]
    assert src.text.replace("\ufffd", "") == text  # every good character kept, in the right encoding
    assert src.text.count("\ufffd") == 3
    assert src.notes and "U+FFFD" in src.notes[0] and f"byte {cut}" in src.notes[0]


def test_bad_bytes_with_an_explicit_encoding_are_noted(tmp_path):
    data = REPORT.encode("gb18030")
    [src] = read(write(tmp_path, "r.txt", data[:20] + b"\xff" + data[20:]), encoding="gb18030")
    assert src.encoding == "gb18030" and "U+FFFD" in src.notes[0]
    with pytest.raises(DecodeError, match="unknown encoding"):
        read(write(tmp_path, "s.txt", data), encoding="no-such-codec")


def test_a_few_nul_bytes_do_not_make_a_report_binary():
    data = REPORT.encode() + b"\x00"
    assert decode_bytes(data).encoding == "utf-8"


@pytest.mark.parametrize("data,match", [
    (bytes(range(256)) * 64, "binary|not text"),
    (bytes(4000) + "报告".encode(), "NUL"),
    (b"\x00\x01\x02\x03" * 1000, "control characters"),  # looks like UTF-16, decodes to controls
])
def test_binary_is_not_text(tmp_path, data, match):
    with pytest.raises(NotText, match=match):
        read(write(tmp_path, "r.txt", data))


def test_random_bytes_are_not_text(tmp_path):
    import random

    with pytest.raises(NotText, match="not text"):
        read(write(tmp_path, "r.txt", random.Random(1).randbytes(50000)))


def test_empty_file(tmp_path):
    with pytest.raises(EmptyInput, match="empty"):
        read(write(tmp_path, "r.txt", b""))


# ------------------------------------------------------------------------------ markdown

def test_markdown_is_cleaned(tmp_path):
    md = ("---\ntitle: 东湖社区年度总结\ndate: 2021-07-01\n---\n# 东湖社区年度总结\n"
          "## 一、**党建**工作\n现有[党员](https://x.invalid/a)186名。![照片](a.png)\n"
          "```python\nprint('代码不是正文')\n```\n| 项目 | 人数 |\n|---|:---:|\n| 低保 | 586 |\n> 引用的一段话\n")
    [src] = read(write(tmp_path, "r.md", md))
    assert src.format == "md" and src.title_hint == "东湖社区年度总结"
    assert "## 一、党建工作" in src.text and "现有党员186名。" in src.text
    assert "代码不是正文" not in src.text and "png" not in src.text and "https" not in src.text
    assert "低保\t586" in src.text and "---" not in src.text and "引用的一段话" in src.text


@pytest.mark.parametrize("line", ["**a " * 50000, "[a" * 100000, "![a](" * 50000, "```x\n" * 20000,
                                  " \n" * 100000, "---" + " " * 100000 + "x", "__a " * 50000])
def test_markdown_cleaning_is_linear_on_hostile_lines(line):
    t0 = time.monotonic()
    clean_markdown(line)
    assert time.monotonic() - t0 < 2.0


# ------------------------------------------------------------------------------ HTML

PAGE = """<!DOCTYPE html><html><head><meta charset="gbk"><title>东湖社区2021年工作总结</title>
<script>var s = "脚本文字";</script><style>.a{}</style></head><body>
<div class="nav"><a href="/">首页</a> | <a href="/n">新闻中心</a></div>
<article><h1>东湖社区2021年工作总结</h1>
<p>一、党建工作</p><p>社区党委下设4个党支部,现有党员186名,全年发展党员3名,开展主题党日活动24次。</p>
<p>二、环境整治</p><p>开展“清洁家园”行动12次,清理卫生死角80余处,惠及居民580户,群众满意度明显提高。</p>
<table><tr><td>项目</td><td>户数</td></tr><tr><td>低保</td><td>342</td></tr></table>
</article><footer>版权所有 东湖社区居委会</footer></body></html>"""


def test_html_full_page_main_text_without_chrome(tmp_path):
    [src] = read(write(tmp_path, "p.html", PAGE, "gbk"))
    assert src.format == "html" and src.encoding == "gbk"
    assert "现有党员186名" in src.text and "清洁家园" in src.text
    assert "脚本文字" not in src.text and "新闻中心" not in src.text and "版权所有" not in src.text
    assert src.title_hint == "东湖社区2021年工作总结"


def test_html_fragment_and_txt_holding_html(tmp_path):
    frag = '[<div class="pages_content">\n<p>各位代表:</p><p>现在,我代表国务院<br>向大会报告。</p>' \
           '<script>x()</script><table><tr><td>低保</td><td>342</td></tr></table></div>]'
    for name in ("f.html", "f.txt"):
        [src] = read(write(tmp_path, name, frag))
        assert src.format == "html-fragment"
        lines = [ln.strip() for ln in src.text.split("\n") if ln.strip()]
        assert "各位代表:" in lines and "向大会报告。" in lines and "x()" not in src.text
        assert any(ln.startswith("低保\t342") for ln in lines)


def test_html_nested_below_libxml2s_default_depth_keeps_its_text():
    page = "<html><body>" + "<div>" * 300 + "<p>深层正文:全年发放低保金312万元。</p>" * 3 + "</div>" * 300 + "</body></html>"
    src = html_to_source(page, "p.html", encoding="utf-8")
    assert "深层正文" in src.text


def test_html_too_deep_is_refused_naming_the_limit():
    page = "<html><body>" + "<div>" * 5000 + "<script>x</script>正文" + "</div>" * 5000 + "</body></html>"
    with pytest.raises(LimitExceeded, match="max_html_depth=500"):
        html_to_source(page, "p.html", encoding="utf-8")
    with pytest.raises(LimitExceeded, match="max_html_depth=20"):
        html_to_source("<div>" * 21 + "x", "p.html", encoding="utf-8", limits=Limits(max_html_depth=20))


@pytest.mark.parametrize("html,depth", [
    ("<div><p>a<br>b</p></div>", 2),
    ("<ul><li>a<li>b<li>c</ul>", 2),
    ("<p>a<p>b<p>c<p>d", 1),  # omitted </p> is implied
    ("<table><tr><td>1<td>2<tr><td>3</table>", 3),
    ("<div></span></span><div>x</div></div>", 2),  # stray end tags are ignored
    ("<script>if (a<b) { '<div><div><div>' }</script><p>x</p>", 1),  # script content is not markup
    ("<img src=x><input/><br/>", 0),
])
def test_nesting_depth(html, depth):
    assert nesting_depth(html) == depth


def test_nesting_depth_is_linear_on_unclosed_tags():
    t0 = time.monotonic()
    nesting_depth("<a" * 500_000)
    nesting_depth("<div>" * 200_000, stop_at=500)
    assert time.monotonic() - t0 < 2.0


# ------------------------------------------------------------------------------ .docx

def docx_bytes(paragraphs: list[str], table: list[list[str]] | None = None) -> bytes:
    import docx

    d = docx.Document()
    for p in paragraphs:
        d.add_paragraph(p)
    if table:
        t = d.add_table(rows=len(table), cols=len(table[0]))
        for i, row in enumerate(table):
            for j, v in enumerate(row):
                t.cell(i, j).text = v
        d.add_paragraph("表后的段落。")
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def test_docx_paragraphs_and_tables_in_order(tmp_path):
    data = docx_bytes(REPORT.strip().split("\n"), [["项目", "户数", "人数"], ["低保", "342", "586"]])
    [src] = read(write(tmp_path, "r.docx", data))
    assert src.format == "docx"
    lines = src.text.split("\n")
    assert lines[:5] == REPORT.strip().split("\n")
    assert "项目\t户数\t人数" in lines and "低保\t342\t586" in lines
    assert lines.index("低保\t342\t586") < lines.index("表后的段落。")


def test_docx_saved_as_doc_or_txt_is_read_as_docx_with_a_note(tmp_path):
    data = docx_bytes(REPORT.strip().split("\n"))
    for name in ("r.doc", "r.txt"):
        [src] = read(write(tmp_path, name, data))
        assert src.format == "docx" and "全年发放低保金312.6万元" in src.text
        assert "is a Word .docx file" in src.notes[0]


def test_truncated_docx(tmp_path):
    data = docx_bytes(["正文"])
    with pytest.raises(BrokenFile, match="damaged or truncated"):
        read(write(tmp_path, "r.docx", data[: len(data) // 2]))


def test_docx_zip_bomb_is_refused_before_inflating(tmp_path):
    from tests.test_hostile import write_zip_bomb

    p = tmp_path / "bomb.docx"
    size = write_zip_bomb(p)
    assert size > 2**30 and p.stat().st_size < 5 * 2**20
    t0 = time.monotonic()
    with pytest.raises(LimitExceeded, match="max_inflated_bytes=268,435,456"):
        read(p)
    assert time.monotonic() - t0 < 1.0


def test_docx_bomb_lying_about_its_size_fails_its_crc(tmp_path):
    from tests.test_hostile import write_zip_bomb

    p = tmp_path / "liar.docx"
    write_zip_bomb(p, inflated=64 * 2**20, declared=1000)  # the directory says 1,000 bytes
    with pytest.raises(BrokenFile, match="Word file could not be opened"):
        read(p)


def test_docx_limits_name_themselves(tmp_path):
    p = write(tmp_path, "r.docx", docx_bytes(["正文"] * 50))
    with pytest.raises(LimitExceeded, match="max_zip_members=3"):
        read(p, limits=Limits(max_zip_members=3))
    with pytest.raises(LimitExceeded, match="max_inflated_bytes=1,000"):
        read(p, limits=Limits(max_inflated_bytes=1000))


def test_zip_that_is_not_word(tmp_path):
    import zipfile

    p = tmp_path / "r.docx"
    with zipfile.ZipFile(p, "w") as zf:
        zf.writestr("readme.txt", "hello")
    with pytest.raises(BrokenFile, match="no word/document.xml"):
        read(p)


# ------------------------------------------------------------------------------ .doc

def test_old_doc_without_converter_says_what_to_install(tmp_path, monkeypatch):
    import corpus.doc

    monkeypatch.setattr(corpus.doc, "find_converter", lambda: None)
    p = write(tmp_path, "r.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(2040))
    with pytest.raises(ConverterMissing, match="antiword.*LibreOffice.*docx"):
        read(p)
    with pytest.raises(BrokenFile, match="no OLE2 header .it looks like text"):
        read(write(tmp_path, "s.doc", "这是文字"))


# ------------------------------------------------------------------------------ .pdf

def minimal_pdf(lines: list[str], *, pages: int = 1) -> bytes:
    """A small valid PDF with a Helvetica text layer (ASCII only), built by hand."""
    content = "BT /F1 12 Tf 72 720 Td " + " ".join(f"({ln}) Tj 0 -16 Td" for ln in lines) + " ET"
    kids = " ".join(f"{5 + i} 0 R" for i in range(pages))
    objs = ["<< /Type /Catalog /Pages 2 0 R >>", f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>",
            f"<< /Length {len(content)} >>\nstream\n{content}\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    objs += ["<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 3 0 R "
             "/Resources << /Font << /F1 4 0 R >> >> >>"] * pages
    out = b"%PDF-1.4\n"
    offsets = []
    for i, o in enumerate(objs, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n{o}\nendobj\n".encode()
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out


def test_pdf_text_layer(tmp_path):
    [src] = read(write(tmp_path, "r.pdf", minimal_pdf(["Households 342", "Funds 312.6"])))
    assert src.format == "pdf"
    assert "Households 342" in src.text and "Funds 312.6" in src.text


def test_pdf_named_txt_is_read_as_pdf(tmp_path):
    [src] = read(write(tmp_path, "r.txt", minimal_pdf(["Households 342"])))
    assert src.format == "pdf" and "is a PDF" in src.notes[0]


def test_fake_and_imageonly_pdf(tmp_path):
    with pytest.raises(BrokenFile, match="not a PDF file: no %PDF- header.*looks like text"):
        read(write(tmp_path, "a.pdf", "这不是PDF"))
    with pytest.raises(BrokenFile, match="no text layer"):
        read(write(tmp_path, "b.pdf", minimal_pdf([])))
    with pytest.raises(BrokenFile, match="not a readable PDF"):
        read(write(tmp_path, "c.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 9 0 R >>\n%%EOF"))


def test_pdf_page_limit(tmp_path):
    p = write(tmp_path, "r.pdf", minimal_pdf(["x"], pages=3))
    with pytest.raises(LimitExceeded, match="3 pages, over max_pdf_pages=2"):
        read(p, limits=Limits(max_pdf_pages=2))


def test_a_reader_that_loops_is_abandoned_at_read_seconds(tmp_path, monkeypatch):
    import pypdf

    class LoopingReader:  # a parser stuck in a cycle that swallows every Exception
        def __init__(self, *a, **k):
            while True:
                try:
                    time.sleep(0.01)
                except Exception:
                    pass

    monkeypatch.setattr(pypdf, "PdfReader", LoopingReader)
    try:
        import pypdfium2  # the first reader tried: it must be abandoned the same way
    except ImportError:
        pass
    else:
        monkeypatch.setattr(pypdfium2, "PdfDocument", LoopingReader)
    p = write(tmp_path, "r.pdf", minimal_pdf(["x"]))
    t0 = time.monotonic()
    with pytest.raises(LimitExceeded, match="read_seconds=0.3"):
        read(p, limits=Limits(read_seconds=0.3))
    assert time.monotonic() - t0 < 3


def test_deadline_nests_inside_the_pipeline_time_limit():
    from extract.pipeline import _Timeout, time_limit

    with pytest.raises(_Timeout):
        with time_limit(0.5):
            with deadline(5, limit="read_seconds", what="reading"):
                pass  # finishes at once: the outer alarm must be re-armed
            t0 = time.monotonic()
            while time.monotonic() - t0 < 3:
                pass
    with deadline(0.2, limit="read_seconds", what="x"):
        pass
    time.sleep(0.3)  # no stray alarm after a block that finished


def test_real_pdfs_of_the_corpus(shared_corpus):
    for p in sorted(shared_corpus.rglob("*.pdf")):
        [src] = read(p)
        assert src.format == "pdf" and len(src.text) > 1000
        assert "统计公报" in src.text.replace(" ", "")[:500] or "公报" in src.text


# ------------------------------------------------------------------------------ table files

LONG_A = REPORT * 3
LONG_B = REPORT_HANT * 4


def _rows():
    return [{"id": "1", "title": "青石镇2023年民政工作总结", "year": "2023", "body": LONG_A},
            {"id": "2", "title": "嘉禾區2022年度社會福利工作報告", "year": "2022", "body": LONG_B}]


def _write_table(tmp_path: Path, kind: str, rows: list[dict]) -> Path:
    if kind == "csv":
        import csv

        p = tmp_path / "t.csv"
        with open(p, "w", encoding="utf-8-sig", newline="") as fh:
            w = csv.DictWriter(fh, fieldnames=list(rows[0]))
            w.writeheader()
            w.writerows(rows)
    elif kind == "tsv-gbk":
        p = tmp_path / "t.tsv"
        lines = ["\t".join(rows[0])] + ["\t".join(v.replace("\n", " ") for v in r.values()) for r in rows]
        p.write_bytes("\n".join(lines).encode("gb18030"))
    elif kind == "jsonl":
        p = tmp_path / "t.jsonl"
        p.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    else:
        import pyarrow as pa
        import pyarrow.parquet as pq

        p = tmp_path / "t.parquet"
        pq.write_table(pa.Table.from_pylist(rows), p)
    return p


@pytest.mark.parametrize("kind", ["csv", "tsv-gbk", "jsonl", "parquet"])
def test_table_files_one_report_per_row(tmp_path, kind):
    p = _write_table(tmp_path, kind, _rows())
    srcs = read(p)
    assert [s.row_index for s in srcs] == [0, 1]
    a, b = srcs
    assert "全年发放低保金312.6万元" in a.text and "社會福利開支" in b.text  # the long column, auto-detected
    meta = dict(a.metadata)
    assert meta == {"id": "1", "title": "青石镇2023年民政工作总结", "year": "2023"}  # the rest kept
    assert a.title_hint == "青石镇2023年民政工作总结" and a.year_hint == 2023 and b.year_hint == 2022
    if kind == "tsv-gbk":
        assert a.encoding == "gb18030"
    docs = documents(p)
    assert len(docs) == 2 and json.loads(docs[0].metadata)["id"] == "1" and docs[1].script == "zh-Hant"


def test_text_column_option_and_the_no_text_column_error(tmp_path):
    rows = [{"title": "甲", "summary": "短" * 30, "note": "一" * 60}] * 3
    p = _write_table(tmp_path, "csv", rows)
    with pytest.raises(NoTextColumn, match="no column looks like report text") as err:
        read(p)
    assert "--text-column" in err.value.hint
    assert [s.text for s in read(p, text_column="summary")] == ["短" * 30] * 3
    with pytest.raises(NoTextColumn, match="no column 'body'; columns are title, summary, note"):
        read(p, text_column="body")


def test_a_row_with_a_huge_cell_is_skipped_and_the_rest_read(tmp_path):
    p = tmp_path / "t.csv"
    p.write_text("title,text\n甲," + "好" * 300 + "\n乙,\"" + "坏\n" * 600 + "\"\n丙," + "好" * 300 + "\n",
                 encoding="utf-8")
    out = read(p, limits=Limits(max_cell_chars=500))
    assert [type(o).__name__ for o in out] == ["SourceText", "ErrorRecord", "SourceText"]
    assert out[1].error_type == "limit_exceeded" and "line 3" in out[1].message
    assert "max_cell_chars=500" in out[1].message and out[2].title_hint == "丙"


def test_jsonl_bad_lines(tmp_path):
    p = tmp_path / "t.jsonl"
    good = json.dumps({"text": LONG_A}, ensure_ascii=False)
    p.write_text(f"{good}\n[1, 2]\n{good}\n", encoding="utf-8")
    out = read(p)
    assert [type(o).__name__ for o in out] == ["SourceText", "ErrorRecord", "SourceText"]
    assert "line 2 is a JSON list" in out[1].message
    p.write_text(f"{good}\n{{not json\n", encoding="utf-8")
    with pytest.raises(BrokenFile, match="line 2 is not valid JSON"):
        read(p)
    p.write_text("[" * 100_000 + "\n", encoding="utf-8")
    with pytest.raises(BrokenFile, match="line 1"):
        read(p)


def test_table_without_rows_and_broken_parquet(tmp_path):
    p = tmp_path / "t.csv"
    p.write_text("title,text\n", encoding="utf-8")
    with pytest.raises(NoTextColumn, match="no data rows"):
        read(p)
    with pytest.raises(BrokenFile, match="not a readable Parquet file"):
        read(write(tmp_path, "b.parquet", b"PAR1 not really"))


# ------------------------------------------------------------------------------ dispatch

def test_unsupported_and_not_a_file(tmp_path):
    with pytest.raises(UnsupportedFormat, match=r"\.jpg"):
        read(write(tmp_path, "a.jpg", b"\xff\xd8"))
    (tmp_path / "x.txt").mkdir()
    with pytest.raises(BrokenFile, match="not a regular file"):
        read(tmp_path / "x.txt")
    with pytest.raises(LimitExceeded, match="over max_file_bytes=10"):
        read(write(tmp_path, "big.txt", REPORT), limits=Limits(max_file_bytes=10))


# ------------------------------------------------------------------------------ the walk

def _walk(*inputs, **kw):
    return list(iter_inputs(list(inputs), **kw))


def test_walk_is_sorted_stable_and_skips_hidden(tmp_path):
    for rel in ("b/2.txt", "b/1.txt", "a.txt", "c/d/e.txt", ".hidden.txt", ".git/config.txt", "b/.x.txt"):
        write(tmp_path, rel, REPORT)
    first = _walk(tmp_path)
    assert [f.rel for f in first] == ["a.txt", "b/1.txt", "b/2.txt", "c/d/e.txt"]
    assert all(isinstance(f, InputFile) and f.size == len(REPORT.encode()) for f in first)
    assert _walk(tmp_path) == first
    assert [f.rel for f in _walk(tmp_path / "a.txt")] == ["a.txt"]  # a file given directly


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_walk_symlink_loops_and_links_are_visited_once(tmp_path):
    write(tmp_path, "real/r.txt", REPORT)
    write(tmp_path, "z.txt", REPORT)
    os.symlink(".", tmp_path / "real" / "loop")  # back to its own folder
    os.symlink("..", tmp_path / "real" / "up")  # to the root
    os.symlink("real", tmp_path / "alias")  # a second name for a folder inside the input
    os.symlink("z.txt", tmp_path / "a_link.txt")  # a second name for a file
    os.symlink("me", tmp_path / "me")  # a link to itself
    os.symlink("nowhere", tmp_path / "broken.txt")
    got = {(f.rel, type(f).__name__, getattr(f, "error_type", "")) for f in _walk(tmp_path)}
    assert got == {
        ("real/r.txt", "InputFile", ""), ("z.txt", "InputFile", ""),
        ("real/loop", "WalkProblem", "symlink_loop"), ("real/up", "WalkProblem", "symlink_loop"),
        ("me", "WalkProblem", "symlink_loop"), ("alias", "WalkProblem", "duplicate_link"),
        ("a_link.txt", "WalkProblem", "duplicate_link"), ("broken.txt", "WalkProblem", "broken_link"),
    }


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_walk_follows_links_to_outside_folders_once(tmp_path):
    outside = tmp_path / "outside"
    write(outside, "o.txt", REPORT)
    root = tmp_path / "in"
    write(root, "a.txt", REPORT)
    os.symlink(outside, root / "l1")
    os.symlink(outside, root / "l2")
    got = [(f.rel, getattr(f, "error_type", "")) for f in _walk(root)]
    assert got == [("a.txt", ""), ("l1/o.txt", ""), ("l2", "duplicate_link")]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_walk_reports_pipes_without_opening_them(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    [p] = _walk(tmp_path)
    assert isinstance(p, WalkProblem) and p.error_type == "not_a_file" and "pipe" in p.message


def test_walk_depth_limit_and_exclude(tmp_path):
    write(tmp_path, "a/b/c/d/r.txt", REPORT)
    write(tmp_path, "out/documents/part-1.parquet", b"PAR1")
    got = _walk(tmp_path, limits=Limits(max_dir_depth=2), exclude=[tmp_path / "out"])
    assert [(f.rel, f.error_type) for f in got] == [("a/b/c", "limit_exceeded")]
    assert "max_dir_depth=2" in got[0].message


def test_walk_missing_input(tmp_path):
    [p] = _walk(tmp_path / "nope")
    assert p.error_type == "not_found"


# ------------------------------------------------------------------------------ the real corpus

def _read_corpus(root: Path) -> tuple[dict[str, list], dict[str, str], list[str]]:
    docs: dict[str, list] = {}
    errors: dict[str, str] = {}
    found: list[str] = []
    for item in iter_inputs([root]):
        found.append(item.rel)
        if isinstance(item, WalkProblem):
            errors[item.rel] = item.message
            continue
        try:
            for src in iter_sources(item.path, item.rel):
                if isinstance(src, ErrorRecord):
                    errors.setdefault(item.rel, src.message)
                    continue
                built = build_documents(src, clean_text(src.text, fmt=src.format)[0])[0]
                docs.setdefault(item.rel, []).extend(built)
        except CorpusError as exc:
            errors[item.rel] = f"{exc.stage}/{exc.error_type}: {exc}"
    return docs, errors, found


@pytest.mark.corpus
def test_every_corpus_file_becomes_documents_or_an_error_row(shared_corpus):
    docs, errors, found = _read_corpus(shared_corpus)
    lost = [rel for rel in found if rel not in docs and rel not in errors]
    assert not lost, f"silently skipped: {lost}"
    assert len(errors) < 0.10 * len(found), errors
    assert all(len(m) > 10 for m in errors.values())
    formats = {d.format for ds_ in docs.values() for d in ds_}
    assert {"txt", "md", "docx", "pdf", "html", "html-fragment", "csv"} <= formats
    # saved pages and CSV rows give the report text, not page chrome
    chrome = ("打印", "下载", "全屏", "收藏", "加大", "减小", "还原")
    for rel, ds_ in docs.items():
        for d in ds_:
            lines = {ln.strip() for ln in d.text.split("\n")}
            assert not lines & set(chrome), (rel, lines & set(chrome))
            assert "【字号" not in d.text and "<div" not in d.text and "<p>" not in d.text, rel
            if d.format in ("html", "html-fragment"):
                assert "版权所有" not in d.text and "网站地图" not in d.text and "扫一扫" not in d.text, rel
            if d.format == "csv":
                assert d.row_index == 0 and json.loads(d.metadata).get("province"), rel


def test_pdf_falls_back_to_pypdf_without_pdfium(tmp_path, monkeypatch):
    """PDFium reads first; when it is missing, pypdf reads the same text."""
    import sys

    p = write(tmp_path, "r.pdf", minimal_pdf(["hello 2023"]))
    first = read(p)[0].text
    monkeypatch.setitem(sys.modules, "pypdfium2", None)  # import fails
    assert read(p)[0].text.split() == first.split()


def test_pdf_heading_after_a_sentence_gets_its_line():
    from corpus.pdf import tidy_pdf_text

    assert tidy_pdf_text("发展步伐坚实。 一、综 合\n初步核算") == "发展步伐坚实。\n一、综合\n初步核算"
