"""Dates: points, ranges, relative expressions and placeholders, resolved against the
document's year.

One regex pass finds every mention in a document (``scan_dates``); ``parse_date`` turns each
surface into ISO-8601 bounds at the precision the text states.  Deictic words (今年, 去年,
明年) count from the document's year; anaphoric ones (全年, 上年, 上半年, a bare 3月) take a
year stated earlier in the same sentence and fall back to the document's year.  A placeholder
year (20xx年, XX年) is never replaced by a real one.
"""
from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from corpus.records import Document, Sentence
from extract.datecal import SEASONS, cn_number, festival_bounds, five_year_plan, iso, last_day, valid_day
from extract.patterns.dates import DATE_TOKEN, scan_dates
from extract.records import DateMention

_FULLWIDTH = {cp: chr(cp - 0xFEE0) for cp in range(0xFF01, 0xFF5F)} | {0x3000: " "}
_DEICTIC = {"今年": 0, "去年": -1, "明年": 1, "前年": -2, "后年": 2}
_ANAPHORIC = {"本年": 0, "上年": -1, "上一年": -1}
_GRAIN_ORDER = ("year", "half", "season", "quarter", "festival", "month", "day", "part_of_day")
MAX_SURFACE = 40  # longer matches are run-ons of several dates, not one mention


@dataclass(frozen=True, slots=True)
class ParsedDate:
    """What one date surface means: ISO bounds at the stated precision, and how it was read."""

    kind: str  # point, range, relative, placeholder
    start_date: str | None
    end_date: str | None
    granularity: str
    placeholder: bool
    resolved_with: int | None
    status: str  # ok, unresolved, placeholder, invalid
    anchor_year: int | None = None  # a year stated or counted from today, which later 3月 may inherit


@dataclass
class _Side:
    """One end of a date: bounds as (year, month, day) plus how they were obtained."""

    start: tuple
    end: tuple
    grain: str
    explicit_year: bool = False
    placeholder: bool = False
    resolved_with: int | None = None
    needs_year: bool = False
    multi: bool = False  # the unit itself spans several (前三季度, “十三五”时期)
    anchors: bool = False  # stated or deictic: a later yearless date in the sentence may take its year


def _tokens(text: str) -> list[tuple[str, str]] | None:
    out, pos = [], 0
    while pos < len(text):
        m = DATE_TOKEN.match(text, pos)
        if m is None or m.end() == pos:
            return None
        if m.lastgroup != "space":
            out.append((m.lastgroup, m.group()))
        pos = m.end()
    return out


def _year_of(tok: str, *, year: int | None) -> tuple[int | None, bool, bool]:
    """(value, placeholder, used_document_year) of a year token: 2020年 / 一九五三年 / 07年 / 20xx年."""
    digits = tok.rstrip("年 \t")
    value = cn_number(digits)
    if value is None:
        return None, True, False
    if len(digits) == 2:  # 07年, 25_7.21: the century nearest the document's year, else POSIX %y
        if year is not None:
            return min((c + value for c in (1900, 2000, 2100)), key=lambda y: abs(y - year)), False, True
        return (2000 if value < 69 else 1900) + value, False, False
    return value, False, False


def _fields(toks: list[tuple[str, str]], unit: str | None) -> dict[str, str] | None:
    f: dict[str, str] = {}
    for kind, tok in toks:
        if kind == "num" and unit:  # the bare left end of a range takes the right end's unit
            kind, tok = unit, tok + {"year": "年", "month": "月", "day": "日"}[unit]
        if kind == "medge" and "month" not in f and ("year" in f or "rel" in f):
            kind, tok = "yedge", "年" + tok  # 2012年底
        if kind in f or kind in ("num", "conn"):
            return None
        f[kind] = tok
    return f


def _side(toks: list[tuple[str, str]], *, year: int | None, anchor: int | None, unit: str | None = None,
          inherit: int | None = None, month: int | None = None) -> _Side | None:
    """Interpret one date without a connector.  A range's right end gets ``inherit`` (the left
    end's year) and ``month`` (for a bare day: 21日-29日)."""
    f = _fields(toks, unit)
    if not f:
        return None
    explicit, ph, used, y = False, False, None, None
    if "year" in f:
        y, ph, doc_used = _year_of(f["year"], year=year)
        explicit, used = True, (year if doc_used else None)
    elif "iso" in f or "yymd" in f or "five" in f:
        explicit = True
    elif f.get("rel") in _DEICTIC:  # 今年, 去年: always from the document's year
        used = year
        y = None if year is None else year + _DEICTIC[f["rel"]]
    elif inherit is not None:  # the right end of a range takes the left end's year: 5月21日至6月3日
        y = inherit + _ANAPHORIC.get(f.get("rel", ""), 0)
    else:  # 全年, 上年, 3月: the year stated earlier in the sentence, else the document's year
        used = anchor if anchor is not None else year
        y = None if used is None else used + _ANAPHORIC.get(f.get("rel", ""), 0)
    s = _Side((y, None, None), (y, None, None), "year", explicit, ph, used, not explicit,
              anchors=(explicit and not ph) or f.get("rel") in _DEICTIC)
    if "iso" in f:
        s.start = s.end = tuple(int(p) for p in f["iso"].replace("/", "-").replace(".", "-").split("-"))
        s.grain = "day"
    elif "yymd" in f:
        yy, md = f["yymd"].split("_")
        y2, _, doc_used = _year_of(yy, year=year)
        s.start = s.end = (y2, *(int(p) for p in md.split(".")))
        s.grain, s.resolved_with = "day", (year if doc_used else None)
    elif "five" in f:
        n = cn_number(f["five"].strip("“”\"")[:-2].strip("“”\"")[:-1] or "")  # “十三五”时期 -> 十三
        span = five_year_plan(n) if n else None
        if span is None:
            return None
        s.start, s.end, s.multi, s.anchors = (span[0], None, None), (span[1], None, None), True, False
    elif "fest" in f:
        b = festival_bounds(f["fest"], y)
        if b is None:
            return None
        s.start, s.end, s.grain = b[0], b[1], "festival"
    elif "month" in f or "day" in f:
        m = cn_number(f["month"].rstrip("份 \t月")) if "month" in f else month
        s.placeholder |= m is None
        s.start = s.end = (y, m, None)
        s.grain = "month"
        if "day" in f:
            d = cn_number(f["day"].rstrip("日号 \t"))
            s.placeholder |= d is None
            s.start = s.end = (y, m, d)
            s.grain = "part_of_day" if "pod" in f else "day"
        elif "旬" in f.get("medge", "") and m is not None:
            first = {"上": 1, "中": 11, "下": 21}
            lo, hi = f["medge"][0], f["medge"][-2]
            s.start, s.end = (y, m, first[lo]), (y, m, last_day(y, m) if hi == "下" else first[hi] + 9)
            s.grain = "day"
    elif "yedge" in f:
        m = 1 if f["yedge"].endswith("初") else 12
        s.start, s.end, s.grain = (y, m, None), (y, m, None), "month"
    elif "half" in f:
        m = 1 if f["half"].startswith("上") else 7
        s.start, s.end, s.grain = (y, m, None), (y, m + 5, None), "half"
    elif "quarter" in f:
        nums = [cn_number(c) for c in f["quarter"] if c in "一二三四两1234"]
        nums = [1, nums[-1]] if f["quarter"].startswith("前") else nums
        if not nums or any(q is None or not 1 <= q <= 4 for q in nums):
            return None
        s.start, s.end = (y, 3 * nums[0] - 2, None), (y, 3 * nums[-1], None)
        s.grain, s.multi = "quarter", len(set(nums)) > 1
    elif "season" in f:
        m, span = SEASONS[f["season"].rstrip("季天")]
        last = m + span - 1
        s.start, s.end = (y, m, None), (None if y is None else y + (last - 1) // 12, (last - 1) % 12 + 1, None)
        s.grain = "season"
    elif not ({"year", "rel", "whole"} & f.keys()):
        return None
    return s


def _finer(a: str, b: str) -> str:
    return a if _GRAIN_ORDER.index(a) >= _GRAIN_ORDER.index(b) else b


def _range(toks: list[tuple[str, str]], *, year: int | None, anchor: int | None, unit: str | None = None,
           inherit: int | None = None, month: int | None = None) -> tuple[_Side, bool] | None:
    """One date, or two joined by a connector; returns (side, is_range)."""
    conns = [i for i, (k, _) in enumerate(toks) if k == "conn"]
    if not conns:
        s = _side(toks, year=year, anchor=anchor, unit=unit, inherit=inherit, month=month)
        return (s, False) if s else None
    for i in conns:
        left, right = toks[:i], toks[i + 1:]
        if not left or not right:
            continue
        r_unit = None
        if right[0][0] == "num" and "conn" not in dict(right):  # 2012-2013(学年): two bare years
            if not (len(left) == 1 and left[0][0] == "num" and len(left[0][1]) == len(right[0][1]) == 4
                    and all(k == "du" for k, _ in right[1:])):
                continue
            r_unit = "year"
        l_unit = r_unit or {"year": "year", "month": "month", "day": "day"}.get(right[0][0])
        got = _range(left, year=year, anchor=anchor, unit=l_unit, inherit=inherit, month=month)
        if got is None:
            continue
        a = got[0]
        got = _range(right, year=year, anchor=anchor, unit=r_unit, month=a.end[1],
                     inherit=None if a.placeholder else a.end[0])
        if got is None:
            continue
        b = got[0]
        if not b.explicit_year and "rel" not in dict(right) and None not in (a.start[0], b.end[0]) \
                and (b.end[1] or 0) < (a.start[1] or 0):
            b.end = (b.end[0] + 1, *b.end[1:])  # 11月至2月: a yearless end before the start runs on
        merged = _Side(a.start, b.end, _finer(a.grain, b.grain), a.explicit_year or b.explicit_year,
                       a.placeholder or b.placeholder, a.resolved_with if a.resolved_with is not None
                       else b.resolved_with, a.needs_year, True, a.anchors or b.anchors)
        return merged, True
    return None


def parse_date(text: str, *, year: int | None = None, anchor: int | None = None) -> ParsedDate | None:
    """Parse one date expression into ISO-8601 bounds; None when it is not a date.

    Args:
        text: the expression alone, e.g. "2007年一季度", "今年3月", "5月21日至6月3日".
        year: the document's year, for 今年/去年 and for dates that state no year.
        anchor: a year stated earlier in the same sentence; governs 全年, 上年, a bare 3月.

    Returns:
        A ParsedDate, or None when ``text`` is not a date expression.

    >>> p = parse_date("2007年一季度"); (p.kind, p.start_date, p.end_date, p.granularity)
    ('point', '2007-01', '2007-03', 'quarter')
    >>> p = parse_date("今年3月", year=2020); (p.kind, p.start_date, p.resolved_with)
    ('relative', '2020-03', 2020)
    >>> parse_date("５月２１日至６月３日", year=2020).end_date
    '2020-06-03'
    >>> p = parse_date("20xx年7月30日下午"); (p.kind, p.start_date, p.granularity, p.placeholder)
    ('placeholder', '--07-30', 'part_of_day', True)
    """
    return _parse(text.translate(_FULLWIDTH).strip(), year, anchor)


@lru_cache(maxsize=4096)
def _parse(text: str, year: int | None, anchor: int | None) -> ParsedDate | None:
    # Cached: a report repeats 今年 and 上年 hundreds of times with the same document year.
    toks = _tokens(text)
    if not toks:
        return None
    got = _range(toks, year=year, anchor=anchor)
    if got is None:
        return None
    s, is_range = got
    s0, s1 = s.start, s.end
    if s.placeholder:
        s0, s1 = (None, *s0[1:]), (None, *s1[1:])
        if None in (s0[1], s1[1]):
            s0 = s1 = (None, None, None)
    status = "placeholder" if s.placeholder else "ok"
    if not s.placeholder and s.needs_year and s0[0] is None:
        status = "unresolved"
    if not (valid_day(s0[0], s0[1], s0[2]) and valid_day(s1[0], s1[1], s1[2])):
        status, s0, s1 = "invalid", (None, None, None), (None, None, None)
    elif None not in (s0[0], s1[0]) and (s0[0], s0[1] or 0, s0[2] or 0) > (s1[0], s1[1] or 99, s1[2] or 99):
        status = "invalid"  # an end before its start: 2019年10月-2019年5月
    kind = ("placeholder" if s.placeholder else "range" if (is_range or s.multi)
            else "relative" if s.needs_year else "point")
    anchor_year = s1[0] if s.anchors and status == "ok" else None
    return ParsedDate(kind, iso(*s0), iso(*s1), s.grain, s.placeholder, s.resolved_with, status, anchor_year)


def extract_dates(doc: Document, sentences: list[Sentence]) -> Iterator[DateMention]:
    """Yield every date mention of a document, in text order.

    Args:
        doc: the document; its ``year`` resolves relative and yearless dates.
        sentences: its sentences, to attach each mention to one and to bound the year a
            mention inherits from an earlier one.

    Returns:
        An iterator of DateMention records (offsets into ``doc.text``, end exclusive).
    """
    starts = [s.start for s in sentences]
    text, n = doc.text, 0
    cur_sentence, anchor = -1, None
    for m_start, m_end in scan_dates(text):
        surface = text[m_start:m_end]
        if len(surface) > MAX_SURFACE:
            continue
        i = bisect_right(starts, m_start) - 1
        if i != cur_sentence:
            cur_sentence, anchor = i, None
        p = parse_date(surface, year=doc.year, anchor=anchor)
        if p is None:
            continue
        # A comparison basis (比2010年, 去年同期) does not set the year of what follows it.
        basis = text.startswith("同期", m_end) or text[m_start - 1:m_start] in ("比", "较")
        if p.anchor_year is not None and not basis:
            anchor = p.anchor_year
        sid = sentences[i].sentence_id if 0 <= i < len(sentences) and m_start < sentences[i].end else ""
        yield DateMention(doc.doc_id, f"{doc.doc_id}/d{n}", sid, m_start, m_end, surface, p.kind, p.start_date,
                          p.end_date, p.granularity, p.placeholder, p.resolved_with, p.status)
        n += 1
