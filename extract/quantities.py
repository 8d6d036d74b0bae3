"""Every count, amount and percentage of a document, as an honest interval.

Regex first: one pass of ``patterns.quantities.QUANTITY`` over the document finds candidates;
only candidates are parsed, bounded, checked against the look-alike rules and given a subject.
Values are in base units: money in 元, counts as counted (2.16万人 -> 21600 人), percent in
percent; ``lo``/``hi`` follow SPEC.md ("What it checks").
"""
from __future__ import annotations

import functools
import math
import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field

from corpus.records import Document, Sentence
from extract.interval import interval_for
from extract.numbers import parse_number
from extract.patterns import quantities as Q
from extract.patterns.numbers import RATIO
from extract.records import Quantity
from extract.subjects import lexicon, subject_after, subject_before
from extract.units import UNITS

_PLACEHOLDER_CHARS = re.compile(r"[xX×*＊_＿\[\]【】]")
# a full-width comma that separates list items (not "６，０００", a thousands separator in full-width text)
_FW_COMMA_LIST = re.compile(r"，(?!(?<=[\d０-９]，)[\d０-９]{3}(?![\d０-９]))")
_APPROX_PAIR = re.compile(r"^([一二两三四五六七八九])([二三四五六七八九])$")  # 两三, 七八; not 八十
_DURATION_NOT = "后前内来间"
_BARE = {"千亿": 1e11, "百亿": 1e10, "万亿": 1e12, "亿": 1e8, "千": 1e3}
_SIGN_BEFORE = re.compile(r"(?<![\d.])-\s?$")
_BETWEEN_LIST = re.compile(r"^[\s和、,，及与或]*$")
_FENBIE = re.compile(r"分别(?:为|是|达到|达|占|增长|增加|提高|下降|减少|较上年|比上年|较|比)?")
_LIST_SPLIT = re.compile(r"[、和及与]")
_CLOCK = re.compile(r"^([01]?\d|2[0-4]):[0-5]\d(:[0-5]\d)?$")
# A unit word followed by these characters is part of another word (期间, 元旦, 次日 …).
BAD_FOLLOW = {"期": "间", "元": "旦月宵", "次": "日年会全", "名": "单称额", "位": "于置", "所": "以属在有",
              "家": "庭属长乡", "场": "所景", "对": "于象", "起": "来步草", "条": "件例", "头": "部",
              "方": "面案式法", "度": "过假", "张": "贴", "件": "事", "周": "年岁边", "天": "然津工",
              "个": "体人性案别", "成": "本果立员为效都绩熟功交品就长型套批片", "步": "伐骤入", "班": "子级车",
              "副": "食业", "宗": "旨教族亲师派"}
MAX_RATE_VALUE = 1000.0


@dataclass(slots=True)
class _Cand:
    start: int
    end: int
    num_start: int
    num_end: int
    value: float | None
    lo: float | None
    hi: float | None
    lo_open: bool
    hi_open: bool
    unit: str
    unit_raw: str
    kind: str
    hedge: str
    is_change: bool = False
    basis: str = ""
    status: str = "ok"
    reason: str = ""
    subject: tuple[int, int] | None = None
    subject_text: str | None = None
    extra: dict = field(default_factory=dict)


def scan_text(doc: Document) -> str:
    """The normalised text with full-width commas of the original put back: in the scan text an
    ASCII comma between digits is a thousands separator and ``，`` separates list items."""
    orig = doc.original_text
    if "，" not in orig:
        return doc.text
    out: list[str] = []
    pos = 0
    for m in _FW_COMMA_LIST.finditer(orig):
        i = m.start()
        out.append(doc.text[pos:i])
        out.append("，")
        pos = i + 1
    out.append(doc.text[pos:])
    return "".join(out)


def _blocked_spans(scan: str) -> list[tuple[int, int]]:
    return [m.span() for m in Q.QUOTED.finditer(scan)]


def _inside(spans: list[tuple[int, int]], starts: list[int], a: int, b: int) -> bool:
    i = bisect_right(starts, a) - 1
    return i >= 0 and spans[i][0] <= a and b <= spans[i][1]


def _down_verbs() -> frozenset[str]:
    return lexicon()["change_down"] | {"净减少", "净减"}


def _candidate(m: re.Match, scan: str, approx: float) -> _Cand | None:
    num = m.group("num")
    unit_raw = m.group("unit") or ""
    pctw = m.group("pctw") or ""
    scale = m.group("scale") or ""
    start, end = m.start(), m.end()
    num_start, num_end = m.start("num"), m.end("num")
    if m.group("num2"):
        num_end = m.end("num2")
    placeholder = bool(_PLACEHOLDER_CHARS.search(num))
    chinese = not placeholder and not num[0].isdigit()
    # ordinals: 第3, 第三
    if num_start > 0 and scan[num_start - 1 - (1 if pctw else 0)] == "第":
        return None
    unit = UNITS.get(unit_raw) if unit_raw else None
    kind = unit.kind if unit else ""
    canonical = unit.canonical if unit else ""
    if pctw:
        canonical, kind = ("%" if pctw == "百分之" else "‰"), "percent"
        unit_raw = unit_raw or pctw
    if unit and unit_raw in BAD_FOLLOW and end < len(scan) and scan[end:end + 1] in BAD_FOLLOW[unit_raw] \
            and not m.group("post"):
        return None
    if unit and unit.kind == "duration" and scan[end:end + 1] in _DURATION_NOT and not m.group("post"):
        return None  # 两个月后, 3天内: a relative time, not a measured one
    if unit_raw == "位" and Q.RANK_CONTEXT.search(scan[max(0, start - 6):start]):
        canonical, kind = "位", "other"  # 排名提升4位: positions, not people
    if not unit and not pctw:
        implicit = _implicit_unit(m, scan, start, end, chinese or placeholder)
        if implicit is None:
            return None
        canonical, kind, unit_raw = implicit
    if chinese:
        big = any(c in num for c in "百千万亿佰仟萬億")  # 二亿七千万头 is a count whatever the measure word
        if not pctw and unit and not unit.cn_ok and not big:
            return None
        if num in ("一", "两", "二") and not scale and not pctw and unit and unit.kind != "money":
            if num == "一" or unit_raw == "个":
                return None  # 一个/一项/两个: mostly "a"/"both" or slogans
        if _slogans().search(scan, max(0, num_start - 4), end + 4):
            return None
    # hedges
    hedge = ""
    pre = Q.PRE_HEDGE.search(scan[max(0, start - 4):start])
    if pre and pre.group("hedge") in ("超过", "超") and Q.COMPARED_DIFF.search(scan[max(0, start - 40):start]):
        pre = None  # 比计划的水平超过133亿斤: the excess over the base, not "more than 133亿斤"
    if pre:
        start = start - (len(pre.group(0)))
        hedge = pre.group("hedge")
    post = (m.group("post") or "").lstrip("及")
    more = m.group("h1") or m.group("h2") or ""
    if m.group("num2"):
        hedge = "range"
    elif more:
        hedge = f"{hedge},{more}" if hedge else more
    if post and post != "之多":
        hedge = f"{hedge},{post}" if hedge else post
    surface_end = end
    cand = _Cand(start, surface_end, num_start, num_end, None, None, None, False, False, canonical, unit_raw,
                 kind, hedge)
    if placeholder:
        cand.status = "masked" if re.search(r"[\[【]", num) else "placeholder"
        cand.reason = "number masked by anonymisation; no value"
        return cand
    pair = _APPROX_PAIR.match(num) if chinese and not scale else None
    if pair:  # 两三个, 三五天: an approximate range, not 23 or 35
        a, b = (parse_number(pair.group(1)), parse_number(pair.group(2)))
        if a is not None and b is not None and 0 < b.float - a.float <= 2:
            f = unit.factor if unit else 1.0
            cand.value, cand.lo, cand.hi, cand.hedge = (a.float + b.float) / 2 * f, a.float * f, b.float * f, "range"
            _apply_change(cand, scan)
            return cand
    parsed = parse_number(num + scale)
    if parsed is None:
        return None
    factor = unit.factor if unit else 1.0
    value = float(parsed.value) * factor
    step = float(parsed.step) * factor
    if m.group("num2"):
        p2 = parse_number(m.group("num2") + scale)
        if p2 is None or float(p2.value) * factor <= value:
            return None
        v2 = float(p2.value) * factor
        i1 = interval_for(value, step=step, exact=parsed.exact)
        i2 = interval_for(v2, step=float(p2.step) * factor, exact=p2.exact)
        cand.value, cand.lo, cand.hi = (value + v2) / 2, i1.lo, i2.hi
    else:
        iv = None
        # a percent is a scale (per hundred): 18% stands for [17.5%, 18.5%] like 77万 for [76.5万, 77.5万]
        exact = parsed.exact and kind != "percent"
        for h in (hedge.split(",") if hedge else [""]):
            one = interval_for(value, step=step, exact=exact, hedge=h,
                               hedge_step=float(parsed.hedge_step) * factor, approx=approx)
            iv = one if iv is None else iv.hull(one)
        cand.value, cand.lo, cand.hi, cand.lo_open, cand.hi_open = value, iv.lo, iv.hi, iv.lo_open, iv.hi_open
    if kind == "percent" and not unit and cand.value is not None and abs(cand.value) > MAX_RATE_VALUE:
        return None
    _loose(cand, value, float(parsed.loose_step) * factor, step, parsed.exact and kind != "percent")
    _apply_change(cand, scan)
    return cand


def _loose(c: _Cand, value: float, loose_step: float, step: float, exact: bool) -> None:
    """The interval a checker may still accept before calling a relation inconsistent:
    trailing zeros read as rounding (1700 -> [1650, 1750]) and a percentage read as rounded
    or truncated (50.3 may be 50.34 cut short -> [50.25, 50.4))."""
    if c.lo is None or c.hi is None:
        return
    half = (loose_step if not exact or loose_step > 1 else 0.0) / 2
    lo, hi = value - half, value + half
    if c.kind == "percent":
        lo, hi = min(lo, value - step / 2), max(hi, value + step)
    c.extra["loose_lo"] = min(c.lo, lo)
    c.extra["loose_hi"] = max(c.hi, hi)


@functools.lru_cache(maxsize=1)
def _slogans() -> re.Pattern[str]:
    words = sorted(lexicon()["slogans"], key=len, reverse=True)
    return re.compile("|".join(map(re.escape, words)))


_NOUN_UNIT_OF: dict[str, str] = {}


@functools.lru_cache(maxsize=1)
def _noun_units() -> re.Pattern[str]:
    for unit, nouns in lexicon()["noun_units"].items():
        for n in nouns:
            _NOUN_UNIT_OF.setdefault(n, unit)
    return re.compile("|".join(map(re.escape, sorted(_NOUN_UNIT_OF, key=len, reverse=True))))


def _implicit_unit(m: re.Match, scan: str, start: int, end: int, not_arabic: bool) -> tuple[str, str, str] | None:
    """The unit of a number written without one: from the noun glued to it (3万多居民, 900多万
    个体工商户: 人, 户), or percent in a rate context (参保率达到70.4); None when neither."""
    if m.group("scale") or m.group("h1") or m.group("h2"):
        m2 = _noun_units().match(scan, end)
        if m2:
            return _NOUN_UNIT_OF[m2.group(0)], "count", ""
    if not_arabic:
        return None
    after = scan[end:end + 4]
    if Q.NOT_AFTER.match(after) or after[:1].isdigit():
        return None
    before = scan[max(0, start - 20):start]
    hedge_m = Q.PRE_HEDGE.search(before)
    if hedge_m:
        before = before[: hedge_m.start()]
    if Q.RATE_CONTEXT.search(before) or Q.SHARE_CONTEXT.search(before):
        return "%", "percent", ""
    return None


# Every change verb of Q.CHANGE_BEFORE ends within the last characters before the number with one
# of these: a window without them cannot match, and most windows are skipped without a regex search.
_CHANGE_TAIL = 7
_CHANGE_VERB_CHARS = frozenset("增加长提高上升涨扩大回攀减少降低落下滑跌缩压递多支收产小")
_DIFF_CUES = ("比", "较", "于")


def _apply_change(c: _Cand, scan: str) -> None:
    before = scan[max(0, c.start - 18):c.start]
    negative = "-" in before[-3:] and bool(_SIGN_BEFORE.search(before))
    tail = before[-_CHANGE_TAIL:]
    ch = None if _CHANGE_VERB_CHARS.isdisjoint(tail) else Q.CHANGE_BEFORE.search(before)
    if ch:
        verb, basis = ch.group("verb"), ch.group("basis") or ""
        if len(verb) == 1 and not basis:
            ch = None
        else:
            c.is_change, c.basis = True, basis
            c.extra["change_start"] = c.start - len(before) + ch.start()
            if verb in _down_verbs():
                negative = not negative
    if not ch and not c.is_change:
        window = scan[max(0, c.start - 40):c.start]
        diff = Q.COMPARED_DIFF.search(window) if any(k in window for k in _DIFF_CUES) else None
        if diff:
            c.is_change, c.basis = True, "比" + (diff.group("base") or diff.group("base2") or "")
            c.extra["change_start"] = c.start - min(c.start, 40) + diff.start()
            if (diff.group("verb") or diff.group("than") or "") in _DIFF_DOWN:
                negative = not negative
    if negative and c.value is not None:
        _negate(c)


_DIFF_DOWN = frozenset({"少", "差", "低", "慢", "落后", "低于", "慢于", "少于"})


def _mark_change(c: _Cand, basis: str, *, negative: bool) -> None:
    c.is_change, c.basis = True, basis
    if negative and c.value is not None and c.value > 0:
        _negate(c)


def _negate(c: _Cand) -> None:
    c.value, c.lo, c.hi, c.lo_open, c.hi_open = -c.value, -c.hi, -c.lo, c.hi_open, c.lo_open
    if "loose_lo" in c.extra:
        c.extra["loose_lo"], c.extra["loose_hi"] = -c.extra["loose_hi"], -c.extra["loose_lo"]


def _ratio_cands(scan: str, taken: list[tuple[int, int]]) -> list[_Cand]:
    out: list[_Cand] = []
    for m in RATIO.finditer(scan):
        span = m.group("ratio")
        if _CLOCK.match(span.replace(" ", "")):
            continue
        base = m.start("ratio")
        for part in re.finditer(r"\d+(?:\.\d+)?", span):
            p = parse_number(part.group(0))
            if p is None:
                continue
            a, b = base + part.start(), base + part.end()
            iv = interval_for(float(p.value), step=float(p.step), exact=p.exact)
            c = _Cand(a, b, a, b, float(p.value), iv.lo, iv.hi, False, False, "", "", "ratio", "")
            c.extra["ratio_group"] = base
            out.append(c)
        taken.append((m.start("ratio"), m.end("ratio")))
    return out


def _table_cands(text: str) -> list[_Cand]:
    """The figures of statistical tables (status ``table``): every cell whose unit the cell, its
    row or its column header names (a growth column's cells are changes).  The row label is the
    subject."""
    from extract.tabular import parse_tables

    out = []
    for table in parse_tables(text):
        for row in table.rows:
            for cell in row.cells:
                if not cell.unit:
                    continue
                value = cell.value * cell.factor
                step = 10 ** -cell.decimals * cell.factor
                exact = cell.decimals == 0 and cell.factor == 1 and cell.kind != "percent"
                iv = interval_for(value, step=step, exact=exact)
                c = _Cand(cell.start, cell.end, cell.start, cell.end, value, iv.lo, iv.hi, False, False, cell.unit,
                          "", cell.kind, "", status="table", reason="read from a table row")
                c.extra["table_label"] = (row.label_start, row.label_start + len(row.label))
                if cell.role == "change":
                    c.is_change, c.basis = True, "上年"
                _loose(c, value, step, step, exact)
                out.append(c)
    return out


def _bare_scale_cands(scan: str, approx: float) -> list[_Cand]:
    """超亿元, 突破千亿元, 近千公里, 上亿人, 亿元以上: a scale word standing for one unit of itself."""
    out = []
    for m in Q.BARE_SCALE.finditer(scan):
        pre, post = m.group("pre") or "", m.group("post") or ""
        if not (pre or post):
            continue
        unit = UNITS[m.group("unit")]
        value = _BARE[m.group("num")] * unit.factor
        hedge = pre or post
        iv = interval_for(value, step=value, exact=False, hedge=hedge, approx=approx)
        c = _Cand(m.start(), m.end(), m.start("num"), m.end("num"), value, iv.lo, iv.hi, iv.lo_open, iv.hi_open,
                  unit.canonical, m.group("unit"), unit.kind, hedge)
        _loose(c, value, value, value, False)
        _apply_change(c, scan)
        out.append(c)
    return out


def _duration_cands(scan: str) -> list[_Cand]:
    """连续四年, 连续5年: measured durations in years (连续 is not in the span)."""
    out = []
    for m in Q.DURATION_YEARS.finditer(scan):
        p = parse_number(m.group("num"))
        if p is None or p.float > 100:
            continue
        c = _Cand(m.start("num"), m.end("unit"), m.start("num"), m.end("num"), p.float, p.float, p.float,
                  False, False, "年", "年", "duration", "")
        _loose(c, p.float, 1.0, 1.0, True)
        out.append(c)
    return out


def find_quantities(doc: Document, *, approx: float = 0.10, scan: str | None = None) -> list[_Cand]:
    """Candidates of a document, validated and bounded, in text order (no subjects yet)."""
    scan = scan if scan is not None else scan_text(doc)
    ratio_spans: list[tuple[int, int]] = []
    cands = _ratio_cands(scan, ratio_spans)
    blocked = sorted(_blocked_spans(scan) + ratio_spans)
    starts = [a for a, _ in blocked]
    for m in Q.QUANTITY.finditer(scan):
        if not (m.group("unit") or m.group("pctw") or m.group("scale") or m.group("h1") or m.group("h2")) \
                and not m.group("num")[0].isdigit() and not _PLACEHOLDER_CHARS.search(m.group("num")):
            continue  # a bare Chinese numeral (进一步, 一年来): never a quantity (see _implicit_unit)
        if _inside(blocked, starts, m.start("num"), m.end("num")):
            continue
        c = _candidate(m, scan, approx)
        if c is not None:
            cands.append(c)
    cands.extend(_bare_scale_cands(scan, approx))
    cands.extend(_duration_cands(scan))
    cands.extend(_table_cands(doc.text))
    cands.sort(key=lambda c: c.start)
    # drop overlaps (a pre-hedge reaching back over the previous quantity)
    out: list[_Cand] = []
    for c in cands:
        if out and c.start < out[-1].end:
            if c.num_start >= out[-1].end:
                c.start = out[-1].end
            else:
                continue
        out.append(c)
    return out


def _assign_subjects(text: str, scan: str, cands: list[_Cand], s_start: int, s_end: int) -> None:
    prev: _Cand | None = None
    handled: set[int] = set()
    for i, c in enumerate(cands):
        if c.status == "table":
            c.subject = c.extra["table_label"]
            continue
        if i in handled:
            prev = c
            continue
        lo = prev.end if prev else s_start
        gap = scan[lo:c.start]
        fb = _FENBIE.search(gap)
        if fb:
            group = [i]
            j = i + 1
            while j < len(cands) and _BETWEEN_LIST.match(scan[cands[j - 1].end:cands[j].start]):
                group.append(j)
                j += 1
            # the items named right before 分别 ("A、B分别增长…"), else the earlier figures' subjects
            subjects = []
            head = re.split(r"[,，;；:：]", scan[lo:lo + fb.start()])[-1]
            parts = [p for p in _LIST_SPLIT.split(head) if p.strip()]
            if len(parts) == len(group) > 1:
                pos = lo + gap.find(head)
                for p in parts:
                    a = scan.find(p, pos)
                    subjects.append((a, a + len(p)))
                    pos = a + len(p)
            if not subjects:
                earlier = [k for k in range(i) if cands[k].subject and not cands[k].is_change]
                subjects = [cands[k].subject for k in earlier[-len(group):]] if len(earlier) >= len(group) else []
            first = cands[group[0]]
            for k in group[1:]:  # "分别较上年增加147人和15人": the change word covers the whole list
                if first.is_change and not cands[k].is_change:
                    _mark_change(cands[k], first.basis, negative=first.value is not None and first.value < 0)
            if len(subjects) == len(group):
                for k, sub in zip(group, subjects):
                    cands[k].subject = sub
                    handled.add(k)
                prev = c
                continue
        sub = subject_after(text, c.end, s_end, c.unit_raw) if c.kind not in ("percent", "ratio") else None
        if sub is None and c.kind == "percent" and "占" in scan[max(lo, c.start - 16):c.start] and prev is not None \
                and prev.subject:
            sub = prev.subject  # 占…的12.6%: a share belongs to its numerator, the figure before
        if sub is None:
            sub = subject_before(text, lo, c.extra.get("change_start", c.start))
        if sub is None and prev is not None and prev.subject and len(gap) <= 16:
            sub = prev.subject  # "800户、1576人", "…亿元,比上年增长3.5%"
        c.subject = sub
        prev = c


def extract_quantities(doc: Document, sentences: list[Sentence], *, approx: float = 0.10) -> Iterator[Quantity]:
    """Quantities of a document, each tied to its sentence, with subject and interval."""
    scan = scan_text(doc)
    cands = find_quantities(doc, approx=approx, scan=scan)
    if not cands:
        return
    text = doc.text
    sent_starts = [s.start for s in sentences]
    by_sentence: dict[int, list[_Cand]] = {}
    for c in cands:
        k = bisect_right(sent_starts, c.start) - 1
        by_sentence.setdefault(k, []).append(c)
    for k, group in by_sentence.items():
        s = sentences[k] if k >= 0 else None
        _assign_subjects(text, scan, group, s.start if s else 0, s.end if s else len(text))
    n = 0
    for k in sorted(by_sentence):
        s = sentences[k] if k >= 0 else None
        for c in by_sentence[k]:
            sub = c.subject
            yield Quantity(
                doc_id=doc.doc_id, quantity_id=f"{doc.doc_id}/q{n}",
                sentence_id=s.sentence_id if s else "", section_id=s.section_id if s else "",
                start=c.start, end=c.end, surface=text[c.start:c.end],
                value=c.value, lo=_f(c.lo), hi=_f(c.hi), lo_open=c.lo_open, hi_open=c.hi_open,
                unit=c.unit, kind=c.kind, hedge=c.hedge,
                subject=text[sub[0]:sub[1]] if sub else "", subject_start=sub[0] if sub else None,
                subject_end=sub[1] if sub else None, is_change=c.is_change, change_basis=c.basis,
                status=c.status, reason=c.reason, number_start=c.num_start, number_end=c.num_end,
                unit_raw=c.unit_raw, loose_lo=_f(c.extra.get("loose_lo", c.lo)),
                loose_hi=_f(c.extra.get("loose_hi", c.hi)),
            )
            n += 1


def _f(x: float | None) -> float | None:
    return None if x is None else (x if math.isfinite(x) else math.copysign(math.inf, x))
