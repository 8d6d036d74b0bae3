"""Property tests (hypothesis) on cutting: the heading finder and splitter, the sentence splitter,
and a short run over whole-document extraction.  Whatever the text: nothing raises, every
offset lies within the text, sentence spans are ordered and never overlap, every section lies
within the document and every child within its parent, every mention within the text.

The text generator mixes the constructions the cutters look for (heading labels of every
style, collection markers, quotes and brackets, terminators, numbers with scales and hedges,
placeholders, full-width forms, odd spaces) with arbitrary Unicode.
"""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corpus.normalize import normalize_text
from corpus.records import Document
from corpus.sections import cut_heading, find_headings, split_sections
from corpus.sentences import split_sentence_spans, split_sentences

TOKENS = [
    # heading labels and markers, glued or on their own line
    "一、", "二、", "十二、", "(一)", "（二）", "(十)", "1、", "2.", "3．", "(1)", "（2）", "①", "⑩", "第一部分",
    "第二章", "篇1", "篇2", "第一篇", "【2】", "【二】", "# ", "## ", "### ",
    # words, sentences, openers that end a glued heading
    "工作总结", "基本情况", "主要做法", "下半年,我们将", "全年", "其中", "同比增长", "较上年增加", "分别为",
    "丰富和完善工作机制", "国际学校建设稳步推进", "确定了选址", "低保户", "退役军人", "在校学生",
    # numbers, units, hedges, placeholders, ranges
    "312.6万元", "1,234人", "2.16万人", "1.2亿元", "70.4%", "百分之九十二", "一千七百", "两万三千", "1700余名",
    "300多人", "近5万元", "约30万人", "95以上", "不足10人", "左右", "1—5月", "3-5人", "20xx年", "20__年",
    "120__份", "XX社区", "2023年", "7月30日", "6.3", "１２３", "（", "）", "％",
    # punctuation, quotes, brackets, spaces and line ends
    "。", "!", "?", ";", "！", "？", "；", ",", "，", "、", ":", "：", "“", "”", "‘", "’", "《", "》", "(", ")",
    "【", "】", "[", "]", "「", "」", "…", "——", " ", "\u3000", "\t", "\n", "\n\n", "\r\n", "\u200b", "\ufffd",
]
TEXT = st.lists(st.one_of(st.sampled_from(TOKENS), st.text(max_size=6)), max_size=80).map("".join)
FAST = settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(TEXT)
def test_cut_heading_returns_a_prefix_and_a_length_within_the_text(rest):
    heading, n = cut_heading(rest)
    assert 0 <= len(heading) <= n <= len(rest)
    assert rest.startswith(heading)


@FAST
@given(TEXT)
def test_find_headings_offsets_lie_within_their_line(text):
    last = -1
    for h in find_headings(text):
        assert 0 <= h.line_start <= h.label_start <= h.heading_end <= h.line_end <= len(text)
        assert "\n" not in text[h.line_start:h.line_end]
        assert h.line_start > last
        last = h.line_start


@FAST
@given(TEXT, st.text(max_size=10))
def test_split_sections_builds_a_tree_within_the_document(text, title):
    sections, headings = split_sections("d", text, title)
    assert sections[0].level == 0 and (sections[0].start, sections[0].end) == (0, len(text))
    assert len(sections) == len(headings) + 1
    by_id = {s.section_id: s for s in sections}
    assert len(by_id) == len(sections)
    for s in sections[1:]:
        assert 0 <= s.start <= s.heading_start <= s.heading_end <= len(text)
        assert s.start <= s.end <= len(text)
        parent = by_id[s.parent_id]
        assert parent.level < s.level
        assert parent.start <= s.start and s.end <= parent.end, (parent, s)


def _check_spans(text, spans, start, end):
    prev = start
    for a, b in spans:
        assert prev <= a < b <= end
        assert text[a] not in " \t\n" and text[b - 1] not in " \t\n"
        assert "\n" not in text[a:b]
        prev = b


@FAST
@given(TEXT, st.data())
def test_sentence_spans_are_ordered_disjoint_and_within_bounds(text, data):
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    breaks = data.draw(st.sets(st.integers(0, len(text)), max_size=5))
    _check_spans(text, split_sentence_spans(text), 0, len(text))
    _check_spans(text, split_sentence_spans(text, start, end, breaks=breaks), start, end)


@FAST
@given(TEXT)
def test_split_sentences_assigns_each_sentence_to_a_section_holding_it(text):
    sections, headings = split_sections("d", text, "")
    breaks = {h.heading_end for h in headings if h.glued and h.heading}
    sentences = split_sentences("d", text, sections, breaks=breaks)
    by_id = {s.section_id: s for s in sections}
    prev = 0
    for s in sentences:
        assert prev <= s.start < s.end <= len(text) and s.text == text[s.start:s.end]
        prev = s.end
        sec = by_id[s.section_id]
        assert sec.level == 0 or sec.start <= s.start < sec.end


# ------------------------------------------------------------------- whole-document extraction

STEPS = ("quantities", "dates", "programs", "checks")  # classify needs the shipped model, tested elsewhere


def _document(raw: str) -> Document:
    from corpus.clean import clean_text

    cleaned, _ = clean_text(raw)
    text, script = normalize_text(cleaned)
    return Document("d", "fuzz.txt", 0, "", 2023, False, text, cleaned, len(text), "utf-8", "txt", script, "h")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.sampled_from(TOKENS), st.text(max_size=4)), max_size=150).map("".join))
def test_whole_document_extraction_never_fails_and_stays_within_the_text(raw):
    from extract.pipeline import ExtractConfig, analyse_document

    doc = _document(raw)
    out = analyse_document(doc, ExtractConfig(steps=STEPS))
    assert out.errors == [], [e.message for e in out.errors]
    n = len(doc.text)
    for m in out.quantities + out.dates + out.programs:
        assert 0 <= m.start <= m.end <= n
        assert m.surface == doc.text[m.start:m.end]
    for q in out.quantities:
        assert q.start <= q.number_start <= q.number_end <= q.end
        if q.subject_start is not None:
            assert 0 <= q.subject_start <= q.subject_end <= n
    for c in out.checks:
        assert 0 <= c.start <= c.end <= n


@pytest.mark.parametrize("raw", [
    "一、" * 2000,  # thousands of empty headings
    "(一)" + "丰富和完善工作机制下半年,我们将" * 500,  # one enormous glued heading
    "“" * 5000 + "。" * 5000,  # unclosed quotes, runaway protection
    "\n".join(f"{i}、第{i}项工作稳步推进。" for i in range(1, 3000)),  # a long numbered list
])
def test_cutting_pathological_documents_is_fast(raw):
    import time

    doc = _document(raw)
    t0 = time.monotonic()
    sections, headings = split_sections("d", doc.text, "")
    split_sentences("d", doc.text, sections, breaks={h.heading_end for h in headings if h.glued})
    assert time.monotonic() - t0 < 5.0


# ------------------------------------------------------------------- regex time on hostile lines

def _all_rules():
    import importlib
    import pkgutil

    import corpus
    import extract
    from corpus.rules import REGISTRY

    for pkg in (corpus, extract):
        for mod in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + "."):
            importlib.import_module(mod.name)
    return sorted(REGISTRY.values(), key=lambda r: r.name)


# Rules found slow by this test, with the fix each needs (all fixed so far: placeholder_number,
# period, program_plus_body, table_row were quadratic on long runs until their patterns were anchored).
QUADRATIC: dict[str, str] = {}
RUNS = [" ", "1", "一", "1.", "(", "人", "万", "1万", "1 ", "人 ", "# ", "其中:", "\t1", "x", "_", "“", "年", "、"]


def _seconds(rule, n: int, units=RUNS) -> tuple[float, str]:
    """The slowest of ``units`` repeated to ``n`` characters, and which it was."""
    import time

    from corpus.limits import deadline

    fn = getattr(rule.pattern, rule.use)
    worst = (0.0, units[0])
    for unit in units:
        line = unit * (n // len(unit))
        t0 = time.monotonic()
        with deadline(2, limit="test", what=f"rule {rule.name}"):
            fn(line)
        worst = max(worst, (time.monotonic() - t0, unit))
    return worst


@pytest.mark.parametrize("rule", [
    pytest.param(r, marks=pytest.mark.xfail(strict=True, reason=QUADRATIC[r.name])) if r.name in QUADRATIC else r
    for r in _all_rules()], ids=lambda r: r.name)
def test_rules_take_linear_time_on_long_runs(rule):
    """A 30 MB one-line report is a long run of digits, Han characters or spaces: every rule,
    used the way the code uses it (search / match / fullmatch), must not restart a scan at
    every position of such a run (4 times the text may take 4 times as long, not 16)."""
    small, unit = _seconds(rule, 4000)
    big, _ = _seconds(rule, 16000, [unit])
    assert big < 0.05 or big < 8 * small, f"{rule.name}: {small:.3f} s at 4,000 × {unit!r}, {big:.3f} s at 16,000"
