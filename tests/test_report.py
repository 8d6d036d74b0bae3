"""HTML pages: the review page of ``check --html`` and the corpus report of ``report``."""
from __future__ import annotations

import html.parser
import re
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

import cli
from corpus.tables import write_part
from extract.report_doc import DocView, _nest, render_text
from extract.report_html import write_report, write_review
from extract.review import check_files

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "问题核查示例_总结.txt"
STEPS = ("quantities", "dates", "programs", "classify", "checks")
TOPICS = ["社会救助", "双拥优抚", "教育", "卫生健康"]
EVIL = "<script>alert(1)</script>"


class _Parser(html.parser.HTMLParser):
    """Collects ids, hrefs, tags and script bodies; checks that non-void tags are closed."""

    VOID = {"meta", "input", "br", "img", "hr", "link", "rect", "line", "path"}

    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.hrefs: list[str] = []
        self.tags: dict[str, int] = {}
        self.stack: list[str] = []
        self.scripts: list[str] = []
        self.errors: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags[tag] = self.tags.get(tag, 0) + 1
        if "id" in a:
            self.ids.append(a["id"])
        if tag == "a" and "href" in a:
            self.hrefs.append(a["href"])
        self._in_script = tag == "script"
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.tags[tag] = self.tags.get(tag, 0) + 1

    def handle_endtag(self, tag):
        self._in_script = False
        if tag in self.VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:]}")
            return
        self.stack.pop()

    def handle_data(self, data):
        if self._in_script:
            self.scripts.append(data)


def parse(path: Path) -> _Parser:
    p = _Parser()
    p.feed(path.read_text(encoding="utf-8"))
    p.close()
    assert p.errors == [] and p.stack == [], (p.errors[:5], p.stack[:5])
    return p


def synth_output(out: Path, n: int, *, flag_every: int = 5, evil_doc: int | None = None,
                 topics: bool = True) -> None:
    """An extract output of ``n`` small documents written straight as tables (no extraction):
    every ``flag_every``-th document has an inconsistent sum."""
    docs, secs, qs, ds, ps, cs = [], [], [], [], [], []
    for i in range(n):
        did = f"{i:016x}"
        year = 2010 + i % 12
        bad = flag_every and i % flag_every == 0
        total = 1482 if bad else 1483
        title = f"第{i}街道{year}年工作总结" + (EVIL if i == evil_doc else "")
        text = (f"{title}\n一、社会救助\n全街道共有低保对象{total}人,其中城市低保1137人,农村低保346人。"
                f"开展“扫黄打非”行动,{year}年3月完成。\n二、下步打算\n继续做好工作。")
        docs.append({"doc_id": did, "source_path": f"folder{i % 3}/doc{i}.txt", "part_index": 0, "title": title,
                     "year": year, "text": text, "original_text": text, "char_count": len(text), "encoding": "utf-8",
                     "format": "txt", "script": "zh-Hans", "content_hash": did, "metadata": "{}", "notes": ""})
        h1, h2 = text.index("一、"), text.index("二、")
        for j, (lv, label, head, a, b) in enumerate([(0, "", title, 0, len(text)), (1, "一、", "社会救助", h1, h2),
                                                     (1, "二、", "下步打算", h2, len(text))]):
            secs.append({"doc_id": did, "section_id": f"{did}/s{j}", "parent_id": None if j == 0 else f"{did}/s0",
                         "level": lv, "label": label, "heading": head, "start": a, "end": b, "heading_start": a,
                         "heading_end": a + len(label) + len(head), "style": "cn",
                         "topic": TOPICS[(i + j) % 4] if topics and j else None, "topic_score": 0.9 if topics else None,
                         "role": "做法成效" if topics and j == 1 else None, "role_score": None})
        for k, v in enumerate((total, 1137, 346)):
            s = f"{v}人"
            a = text.index(s)
            qs.append({"doc_id": did, "quantity_id": f"{did}/q{k}", "sentence_id": f"{did}/t1", "section_id": f"{did}/s1",
                       "start": a, "end": a + len(s), "surface": s, "value": float(v), "lo": float(v), "hi": float(v),
                       "lo_open": False, "hi_open": False, "unit": "人", "kind": "count", "hedge": "",
                       "subject": ["低保对象", "城市低保", "农村低保"][k], "is_change": False, "status": "ok", "reason": ""})
        a = text.index(f"{year}年3月")
        ds.append({"doc_id": did, "date_id": f"{did}/d0", "sentence_id": f"{did}/t1", "start": a, "end": a + 7,
                   "surface": f"{year}年3月", "kind": "point", "start_date": f"{year}-03", "end_date": f"{year}-03",
                   "granularity": "month", "placeholder": False, "status": "ok"})
        a = text.index("“扫黄打非”")
        ps.append({"doc_id": did, "program_id": f"{did}/p0", "sentence_id": f"{did}/t1", "start": a, "end": a + 6,
                   "surface": "“扫黄打非”", "name": "扫黄打非", "kind": "campaign", "rule": "quote"})
        q0 = text.index(f"{total}人")
        cs.append({"doc_id": did, "check_id": f"{did}/c0", "kind": "sum",
                   "verdict": "inconsistent" if bad else "consistent", "severity": "error" if bad else "info",
                   "stated": float(total), "computed": 1483.0, "stated_lo": float(total), "stated_hi": float(total),
                   "computed_lo": 1483.0, "computed_hi": 1483.0, "start": q0, "end": text.index("。"),
                   "quantity_ids": [f"{did}/q0", f"{did}/q1", f"{did}/q2"], "sentence_ids": [f"{did}/t1"],
                   "message": f"1,137人+346人=1,483人, 与所述合计{total:,}人不符(相差1人)" if bad
                   else "1,137人+346人=1,483人, 所述合计1,483人", "rule": "qizhong", "unit": "人"})
    for table, rows in (("documents", docs), ("sections", secs), ("quantities", qs), ("dates", ds),
                        ("programs", ps), ("checks", cs)):
        write_part(out, table, "000000", rows)


@pytest.fixture(scope="module")
def review(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("review") / "review.html"
    write_review(check_files([EXAMPLE], steps=STEPS), path)
    return path


def test_review_page_is_well_formed_and_self_contained(review):
    p = parse(review)
    text = review.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>")
    assert p.tags.get("style") == 1 and p.tags.get("script") == 1
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", text), "nothing may load from the network"
    assert "@import" not in text and "url(" not in text
    assert len(p.ids) == len(set(p.ids)), "element ids are unique"


def test_review_flags_link_to_their_places(review):
    p = parse(review)
    text = review.read_text(encoding="utf-8")
    flags = re.search(r'<nav class="box flags" id="flags">(.*?)</nav>', text, re.S).group(1)
    links = re.findall(r'href="#([^"]+)"', flags)
    assert len(links) == 7
    for target in links:
        assert target in p.ids
        assert re.search(rf'<a class="fl" id="{re.escape(target)}"', text)
    # the arithmetic is spelled out at the place: callout next to the flag
    assert "41人+35人=76人, 与所述合计68人不符(相差8人)" in flags
    assert re.search(r'<span class="co" role="note"><b>⚑\d+ 不一致 · sum</b> 41人\+35人=76人', text)
    # the quantities of a flagged check are marked distinctly, with their values on hover
    assert re.search(r'<mark class="q k-count x" title="⚑\d+ 不一致 · 68 人 · \[68, 68\] · count[^"]*">68名', text)


def test_review_highlights_and_outline(review):
    text = review.read_text(encoding="utf-8")
    assert '<mark class="d" title="2023 · year · point">2023年</mark>' in text
    assert re.search(r'<mark class="p k-campaign" title="15分钟健康服务圈 · campaign">“15分钟健康服务圈”</mark>', text)
    outline = re.search(r'<aside class="outline">(.*?)</aside>', text, re.S).group(1)
    assert "一、民生保障持续加强" in outline
    # each section shows its topic · role (— · — when no classifier is installed)
    assert re.search(r"[\u4e00-\u9fff—]+ · [\u4e00-\u9fff—]+", outline)
    # every section anchor the outline links to exists in the text
    for target in re.findall(r'href="#([^"]+)"', outline):
        assert f'id="{target}"' in text


def test_review_escapes_document_text(tmp_path):
    src = tmp_path / "evil.txt"
    src.write_text(f"某社区2023年工作总结{EVIL}\n全年救助困难群众120户,其中低保户80户、特困户30户。"
                   "<img src=x onerror=alert(2)> & “<b>活动</b>”\n", encoding="utf-8")
    page = tmp_path / "evil.html"
    write_review(check_files([src], steps=STEPS), page)
    p = parse(page)
    text = page.read_text(encoding="utf-8")
    assert p.tags.get("script") == 1 and "img" not in p.tags
    assert "“&lt;b&gt;活动&lt;/b&gt;”" in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "&lt;img src=x onerror=alert(2)&gt; &amp;" in text
    assert all("alert" not in s for s in p.scripts)


def test_review_of_an_unreadable_file(tmp_path):
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.4 broken")
    page = tmp_path / "bad.html"
    write_review(check_files([bad]), page)
    text = page.read_text(encoding="utf-8")
    parse(page)
    assert "无法读取" in text and "不一致 flags (0)" in text


def test_check_html_option(tmp_path):
    page = tmp_path / "r.html"
    res = CliRunner().invoke(cli.main, ["check", str(EXAMPLE), "--html", str(page)])
    assert res.exit_code == 1
    assert page.is_file() and page.read_text(encoding="utf-8").count('<a class="fl"') == 7


def test_nesting_drops_crossing_spans_and_keeps_nested_ones():
    spans = [(0, 10, 2, "p"), (2, 5, 1, "d"), (4, 12, 0, "q"), (2, 5, 1, "d")]
    assert [s[3] for s in _nest(spans)] == ["p", "d"]
    view = DocView({"doc_id": "x", "text": "《2020年<b>规划》之后"},
                   dates=[{"start": 1, "end": 6, "start_date": "2020", "granularity": "year"}],
                   programs=[{"start": 0, "end": 12, "name": "2020年<b>规划", "kind": "plan"}])
    out = render_text(view)
    assert out == ('<mark class="p k-plan" title="2020年&lt;b&gt;规划 · plan">《<mark class="d" title="2020 · year">'
                   "2020年</mark>&lt;b&gt;规划》</mark>之后")


@pytest.fixture(scope="module")
def small_out(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("out") / "out"
    synth_output(out, 12, evil_doc=3)
    return out


def test_report_page_overview_and_documents(small_out, tmp_path):
    page = tmp_path / "report.html"
    s = write_report(small_out, page)
    assert (s.documents, s.shown, s.left_out, s.flags) == (12, 12, 0, 3)
    assert s.bytes == page.stat().st_size
    p = parse(page)
    text = page.read_text(encoding="utf-8")
    assert p.tags["svg"] >= 4  # per year, per folder, topics per year, flags per document, programs
    assert re.search(r'<svg class="chart"[^>]*aria-label="documents per year"', text)
    assert re.search(r'<svg class="chart"[^>]*aria-label="各年份小节主题 sections by topic and year"', text)
    assert re.search(r"<title>(社会救助|双拥优抚|教育|卫生健康) · 2010: \d+</title>", text)
    assert re.search(r"<title>扫黄打非: 12</title>", text)
    assert text.count('<table class="sortable">') >= 4 and "sortable" in p.scripts[0]
    assert text.count('<article class="doc"') == 12
    # flags listed at the top, each linking to its anchor in the text
    flags = re.search(r'<nav class="box flags" id="flags">(.*?)</nav>', text, re.S).group(1)
    targets = re.findall(r'href="#([^"]+)"', flags)
    assert len(targets) == 3 and all(t in p.ids for t in targets)
    assert text.index('id="flags"') < text.index('id="overview"') < text.index('<article')
    # the <script> in a title is text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text and "alert(1)" not in "".join(p.scripts)
    # topic and role of the sections in the outline
    assert '<span class="tr">社会救助 · 做法成效</span>' in text or '<span class="tr">双拥优抚 · 做法成效</span>' in text


def test_report_samples_documents_and_says_how_many_were_left_out(tmp_path):
    out = tmp_path / "out"
    synth_output(out, 60, flag_every=10)
    page = tmp_path / "r.html"
    s = write_report(out, page, max_documents=8)
    assert (s.documents, s.shown, s.left_out) == (60, 8, 52)
    text = page.read_text(encoding="utf-8")
    assert text.count('<article class="doc"') == 8
    assert "52 left out" in text and "60 文档 documents" in text
    # the six flagged documents come first, all of them shown
    flags = re.search(r'<nav class="box flags" id="flags">(.*?)</nav>', text, re.S).group(1)
    assert len(re.findall(r"<li>", flags)) == 6
    # the overview still counts every document
    assert re.search(r"<b>60</b>文档 documents", text)
    # deterministic: the same sample twice
    page2 = tmp_path / "r2.html"
    write_report(out, page2, max_documents=8)
    assert page2.read_bytes() == page.read_bytes()


def test_report_keeps_to_its_size_budget(tmp_path):
    out = tmp_path / "out"
    synth_output(out, 300, flag_every=0)
    full = write_report(out, tmp_path / "full.html", max_documents=1000)
    small = write_report(out, tmp_path / "small.html", max_documents=1000, max_mb=0.1)
    assert full.shown == 300 and 0 < small.shown < 300 and small.left_out == 300 - small.shown
    per_doc = (full.bytes - small.bytes) / (full.shown - small.shown)
    assert small.bytes < full.bytes - 200 * per_doc
    text = (tmp_path / "small.html").read_text(encoding="utf-8")
    assert f"{small.left_out:,} left out" in text and "max_mb=0.1" in text


def test_report_scales_to_10000_documents(tmp_path):
    out = tmp_path / "out"
    synth_output(out, 10_000, flag_every=50)
    page = tmp_path / "r.html"
    t0 = time.monotonic()
    s = write_report(out, page)
    seconds = time.monotonic() - t0
    print(f"\n10,000 documents: {s.bytes / 1e6:.2f} MB written in {seconds:.1f} s")
    assert (s.documents, s.shown, s.left_out, s.flags) == (10_000, 200, 9_800, 200)
    assert s.bytes < 15_000_000
    assert seconds < 60
    parse(page)


def test_report_of_empty_and_missing_tables(tmp_path):
    out = tmp_path / "empty"
    out.mkdir()
    page = tmp_path / "e.html"
    s = write_report(out, page)
    assert (s.documents, s.shown, s.flags) == (0, 0, 0)
    text = page.read_text(encoding="utf-8")
    parse(page)
    assert "无数据" in text and "不一致 flags (0)" in text


def test_report_command(small_out, tmp_path):
    page = tmp_path / "cli.html"
    res = CliRunner().invoke(cli.main, ["report", str(small_out), "-o", str(page), "--max-documents", "5"])
    assert res.exit_code == 0, res.output
    assert "12 documents (5 with their text, 7 left out), 3 flags" in res.output
    assert page.read_text(encoding="utf-8").count('<article class="doc"') == 5
    res = CliRunner().invoke(cli.main, ["report", str(tmp_path / "nope"), "-o", str(page)])
    assert res.exit_code == 2


def test_report_of_a_broken_part_file(tmp_path):
    out = tmp_path / "out"
    (out / "checks").mkdir(parents=True)
    (out / "checks" / "part-0.parquet").write_bytes(b"not parquet")
    res = CliRunner().invoke(cli.main, ["report", str(out), "-o", str(tmp_path / "x.html")])
    assert res.exit_code == 1 and "cannot read the checks table" in res.output
    assert "Traceback" not in res.output


def test_report_of_the_examples_is_reasonable(tmp_path):
    out = tmp_path / "out"
    res = CliRunner().invoke(cli.main, ["extract", str(ROOT / "examples"), "-o", str(out), "-q", "-j", "1"])
    assert res.exit_code in (0, 1), res.output
    page = tmp_path / "ex.html"
    s = write_report(out, page)
    assert s.documents >= 10 and s.shown == s.documents and s.flags >= 7
    assert 20_000 < s.bytes < 2_000_000
    parse(page)
