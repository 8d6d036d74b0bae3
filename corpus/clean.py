"""Structural clean-up of a file's text before it is cut into documents.

This is the step that may change the text's length (the later character normalisation never
does): page chrome and site boilerplate are dropped, repeated page headers and page numbers
removed, hard-wrapped lines joined back, letter-spaced titles closed up.  What it returns is
what ``Document.original_text`` holds.
"""
from __future__ import annotations

import re
from collections import Counter

from corpus import patterns as P
from corpus.normalize import normalize_chars
from corpus.rules import rule

_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_CONTENT = re.compile(r"[0-9A-Za-z\u4e00-\u9fff\u3400-\u4dbf]")  # a line without any is junk ("[", "|", "***")
_BLANKS = re.compile(r"\s+")
_SENT_END = tuple("。!?;:！？；：”’」』)）】》")
_CJK = "\u4e00-\u9fff"

SPACED_LINE = rule(
    "spaced_line",
    rf"""^(?:[{_CJK}][ \t]+){{2,}}[{_CJK}]$""",
    "a letter-spaced title line ('政 府 工 作 报 告'): the spaces are layout, not text",
    matches=["政 府 工 作 报 告", "工 作 总 结"],
    rejects=["政府 工作报告", "一、 工作回顾"],
    use="fullmatch",
)
SPACED_YEAR = rule(
    "spaced_year",
    r"""(?<![\d.])(\d)[ \t](\d)[ \t](\d)[ \t](\d)(?=[ \t]*年)""",
    "a year printed digit by digit with spaces ('1 9 9 8 年')",
    matches=["——1 9 9 8 年3 月5 日"],
    rejects=["1 9 人", "12 34 年"],
)
PINYIN_ANNOTATION = rule(
    "pinyin_annotation",
    rf"""(?<=[{_CJK}])\((?:[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{{1,6}}[1-5]?)\)""",
    "pinyin readings a hijacked page puts after characters: 区(qū), 数(shù)",
    matches=["全区(qū)人口", "总数(shù)的5%"],
    rejects=["GDP(亿元)", "增长(5%)", "(a)项"],
)

LINE_DROP_RULES = (
    ("ui_line", lambda s: P.UI_LINE.fullmatch(s)),
    ("post_meta", lambda s: P.POST_META.fullmatch(s)),
    ("page_number", lambda s: P.PAGE_NUMBER.fullmatch(s)),
    ("nav_line", lambda s: P.NAV_LINE.fullmatch(s)),
    ("site_service", lambda s: len(s) <= 80 and P.SITE_SERVICE.search(s)),
    ("editor_preface", lambda s: len(s) <= 120 and P.EDITOR_PREFACE.search(s)),
    ("doc_host", lambda s: len(s) <= 80 and P.DOC_HOST.search(s)),
)

# Cheap pre-test for the inline boilerplate rules (page counters, host banners)
_INLINE_HINT = re.compile(r"页|下载|文档|优质|文库|会员|全文|登录|显示")
# Hard-wrap detection: share of lines within a few characters of the common width.
WRAP_MIN_LINES = 12
WRAP_SHARE = 0.3
WRAP_WINDOW = 6  # half-width cells: lines of one wrapped paragraph vary this much
WRAP_INDENT = 4  # a paragraph's first line is indented two characters
# A repeated short line is a running page header when it occurs at least this often.
HEADER_MIN_REPEATS = 3


def clean_text(text: str, *, fmt: str = "txt") -> tuple[str, Counter]:
    """Clean a file's text; return it with counts of what each rule removed."""
    removed: Counter = Counter()
    text = _INVISIBLE.sub("", text)
    text = PINYIN_ANNOTATION.sub("", text)
    lines = [ln.strip() for ln in text.split("\n")]
    # normalize_chars maps one character to one and never touches "\n": normalise once, split alike
    norm = [ln.strip() for ln in normalize_chars(text).split("\n")]
    keep = [True] * len(lines)
    for i, s in enumerate(norm):
        if not s:
            continue  # blank lines stay until hard wraps are joined: they end paragraphs
        if not _CONTENT.search(s):
            keep[i] = False
            removed["junk_line"] += 1
            continue
        for name, test in LINE_DROP_RULES:
            if test(s):
                keep[i] = False
                removed[name] += 1
                break
    _drop_running_headers(norm, keep, removed)
    _cut_trailer(norm, keep, removed)
    kept = [ln for ln, k in zip(lines, keep) if k]
    out = []
    for ln in _join_hard_wraps(kept, removed):
        if not ln:
            continue
        if _INLINE_HINT.search(ln):
            s = normalize_chars(ln)
            if P.PAGE_NUMBER_INLINE.search(s) or (len(s) > 80 and P.DOC_HOST.search(s)):
                ln = _remove_inline(ln, s, removed)
        if " " in ln or "\t" in ln:  # both rules need blanks; most lines have none
            if SPACED_LINE.fullmatch(ln):
                ln = re.sub(r"[ \t]+", "", ln)
                removed["spaced_line"] += 1
            ln = SPACED_YEAR.sub(r"\1\2\3\4", ln)
        if ln.strip():
            out.append(ln.strip())
    return "\n".join(out), removed


def _remove_inline(line: str, norm: str, removed: Counter) -> str:
    # normalize_chars is 1:1, so spans found in the normalised line apply to the original.
    spans = [m.span() for m in P.PAGE_NUMBER_INLINE.finditer(norm)]
    if len(norm) > 80:
        spans += [m.span() for m in P.DOC_HOST.finditer(norm)]
    for a, b in sorted(spans, reverse=True):
        line = line[:a] + line[b:]
        removed["inline_boilerplate"] += 1
    return line


def _drop_running_headers(norm: list[str], keep: list[bool], removed: Counter) -> None:
    counts = Counter(_BLANKS.sub("", s) for s, k in zip(norm, keep) if k and s and 6 <= len(s) <= 60)
    repeated = {s for s, n in counts.items() if n >= HEADER_MIN_REPEATS}
    if not repeated:
        return
    first_content = [i for i, k in enumerate(keep) if k and norm[i]][:3]
    for i, s in enumerate(norm):
        if not keep[i] or _BLANKS.sub("", s) not in repeated:
            continue
        if s.endswith(_SENT_END) or s.endswith((",", "、")) or P.HEADING.match(s):
            continue
        if P.DOC_MARKER.fullmatch(s) or P.TITLE_WITH_INDEX.fullmatch(s):
            continue
        if i in first_content:
            continue  # the title at the top stays; its repeats further down go
        keep[i] = False
        removed["running_header"] += 1


def _cut_trailer(norm: list[str], keep: list[bool], removed: Counter) -> None:
    total = sum(len(s) for s in norm) or 1
    seen = 0
    for i, s in enumerate(norm):
        seen += len(s)
        if keep[i] and seen > 0.6 * total and P.TRAILER.fullmatch(s):
            for j in range(i, len(norm)):
                if keep[j]:
                    keep[j] = False
                    removed["trailer"] += 1
            return


_NOT_WIDE = re.compile(r"[^\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]+")
_WRAP_STOP = tuple("。!?;！？；")


def visual_width(s: str) -> int:
    """Width in half-width cells: a Chinese character counts two, a digit one."""
    return len(s) + len(_NOT_WIDE.sub("", s))


def _join_hard_wraps(lines: list[str], removed: Counter) -> list[str]:
    """Join lines broken at a fixed width (PDF text layers, transcripts) back into paragraphs.

    The wrap width is the visual width most lines cluster just below; a line that reaches it
    and does not end a sentence continues on the next line.
    """
    line_widths = [visual_width(ln) if len(ln) <= 200 else 0 for ln in lines]
    widths = [w for ln, w in zip(lines, line_widths) if 15 <= len(ln) <= 200]
    if len(widths) < WRAP_MIN_LINES:
        return lines
    hist = Counter(widths)
    best_w, best_n = 0, 0
    for w in hist:
        n = sum(hist.get(v, 0) for v in range(w - WRAP_WINDOW, w + 1))
        if n > best_n or (n == best_n and w > best_w):
            best_w, best_n = w, n
    if best_n < WRAP_SHARE * len(widths):
        return lines
    threshold = best_w - WRAP_WINDOW - WRAP_INDENT
    out: list[str] = []
    cur: str | None = None
    last_w = 0  # visual width of the last physical line glued into cur
    for ln, width in zip(lines, line_widths):
        if (cur and ln and last_w >= threshold and not cur.endswith(_WRAP_STOP) and "\t" not in ln
                and "\t" not in cur and not P.HEADING.match(normalize_chars(ln))):
            cur = _glue(cur, ln)
            removed["hard_wrap"] += 1
        else:
            if cur is not None:
                out.append(cur)
            cur = ln
        last_w = width
    if cur is not None:
        out.append(cur)
    return out


def _glue(a: str, b: str) -> str:
    if a[-1:].isascii() and a[-1:].isalnum() and b[:1].isascii() and b[:1].isalnum():
        return a + " " + b
    return a + b
