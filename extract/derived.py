"""Relations where one stated value derives from others: rates (安置率 = 安置/接收), shares of
a stated base (占总人口的62%), averages (户均 = 总额/户数), changes (由A提高到B, 提高了C), and
the same figure stated twice (restated)."""
from __future__ import annotations

import functools
import re
from dataclasses import replace
from bisect import bisect_left
from itertools import islice

from extract.patterns import checks as C
from extract.patterns.quantities import COMPARED_DIFF
from extract.records import Quantity
from extract.relations import DocView, Relation, _precise, _same_unit

_RATE_STEM = re.compile(r"([\u4e00-\u9fff]{2})率$")
_MONTHLY = re.compile(r"每人每月|每月每人|每户每月")
# 占 + the base + 的 + 比重/比例 + (a gloss) + 为, right before the share
_SHARE_OF = re.compile(r"占([^,，。;；:\n的]{0,16}?)的?(?:比重|比例)?(?:\([^)]*\))?(?:为|达|达到)?\s*$")
# 由/从 + a few words (每人每月) before the first of two levels
_FROM = re.compile(r"(?:由|从)[^,，。;；]{0,8}$")
_PLAN_WORDS = re.compile(r"预算(?!收入|支出)|计划|目标|任务|规划")
# what may stand between the numerator's verb and its number: 已安置41人, 实际参保22,894人
_NUM_TAIL = re.compile(r"(?:已|共|累计|实际|为|有|达|达到|\s)+$")
# the change stated right after the second level: "…提高到765元,提高了45元"
_CHANGE_AFTER = re.compile(r"^\s*[,，、]?\s*(?:共|累计|分别)?(?:增加|提高|增长|上升|提升|扩大|上调|下降|减少|降低|下调|压缩)了?\s*$")
_CLAUSE_START = re.compile(r"[,，;；:：。!?\n]")
_PER_UNIT = {"户均": "户", "平均每户": "户", "每户平均": "户", "每户": "户", "人均": "人", "平均每人": "人",
             "每人平均": "人", "每人": "人", "平均每户次": "户次", "平均每人次": "人次"}
RESTATED_MIN_SUBJECT = 4
RESTATED_GENERIC = frozenset({"增加值", "总产值", "收入", "支出", "人数", "产量", "总量", "规模", "金额", "资金"})


def _clause_before(view: DocView, q: Quantity, limit: int = 30) -> str:
    lo = max(0, q.start - limit)
    window = view.text[lo:q.start]
    cut = max((m.end() for m in _CLAUSE_START.finditer(window)), default=0)
    return window[cut:]


def find_rates(view: DocView) -> list[Relation]:
    """X率 with its numerator and denominator nearby: 接收退役士兵58人,已安置41人,安置率为95%.
    The numerator is the last count whose clause ends with the rate's stem (安置), the denominator
    an earlier count of the same unit that is not smaller.  Counts of different units (80张床位,
    入住62人) and rates of one part of a 其中 total (城镇化率, 亏损面) are recorded only when they hold."""
    out = []
    for r in view.levels:
        if r.kind != "percent" or r.unit != "%":
            continue
        m = _RATE_STEM.search(r.subject or "")
        if not m:
            continue
        stem = m.group(1)
        lo = view.period_start(r.start)
        if view.text[lo:r.start].count("率") > 1:
            continue  # several rates in one sentence: which counts belong to which is unclear
        counts = [q for q in view.levels_in(lo, r.start) if q.kind == "count"]
        nums = [q for q in counts if _NUM_TAIL.sub("", _clause_before(view, q)).endswith(stem)]
        if nums:
            n = nums[-1]
            dens = [q for q in counts if q is not n and q.start < n.start and q.value >= n.value]
            same = [q for q in dens if _same_unit(q, n)]
            if len(same) == 1:
                out.append(Relation("rate", "rate_of_counts", r, [n, same[0]], extra={"stem": stem}))
                continue
            if len(dens) == 1:  # 总床位80张, 入住老人62人: different measure words, verify only
                out.append(Relation("rate", "rate_of_counts", r, [n, dens[0]], extra={"verify_only": True}))
                continue
        # X率/X面 of a 其中 part: 年末常住人口707.9万人,其中城镇常住人口477.3万人,城镇化率为67.42%
        m2 = _QIZHONG_PART.search(view.text[lo:r.start])
        if m2 and len(counts) >= 2 and counts[-1].start > lo + m2.start() and _same_unit(counts[-1], counts[-2]):
            out.append(Relation("rate", "rate_of_part", r, [counts[-1], counts[-2]], extra={"verify_only": True}))
    return out


_QIZHONG_PART = re.compile(r"其中")


def _head_match(base_subject: str, named: str) -> str:
    """How well the base named after 占 (…的) matches a candidate base's subject."""
    named = re.sub(r"^(?:全部|全|总|全市|全省|全县|全区|全州|全国)", "", named)
    named = re.sub(r"^(本年|本期|当年)?预算", r"\1", named)  # 占本年预算收入的: the budget's own revenue
    if not named or not base_subject:
        return ""
    if named == base_subject:
        return "strong"
    if named in base_subject or base_subject in named:
        return "weak"
    if len(named) >= 2 and base_subject.endswith(named[-2:]):
        return "weak"
    return ""


def find_shares_of_base(view: DocView) -> list[Relation]:
    out = []
    for p in view.levels:
        if p.kind != "percent" or p.unit != "%":
            continue
        before = view.text[max(0, p.start - 24):p.start]
        m = _SHARE_OF.search(before)
        if not m:
            continue
        named = m.group(1)
        if _PLAN_WORDS.search(named):
            continue  # 占预算数的96.99%: each item against its own budget, not a share of one base
        lo = view.period_start(p.start)
        share_at = p.start - len(m.group(0))
        clause = _CLAUSE_START.split(view.text[max(0, share_at - 16):share_at])[-1].strip()
        parts = [q for q in view.levels_in(lo, share_at) if q.kind != "percent"]
        if len(clause) >= 3 and not re.search(r"\d", clause):
            # "第一产业增加值占全州生产总值的比重为20.9%": the part is named, its figure stated earlier
            para = view.text.rfind("\n", 0, p.start) + 1
            named_part = [q for q in view.levels_in(para, share_at)
                          if q.kind != "percent" and q.subject == clause]
            parts = named_part or parts
        if not parts:
            out.extend(_shares_of_named_part(view, p, share_at, named))
            continue
        part = parts[-1]
        best = None
        para = view.text.rfind("\n", 0, part.start) + 1
        for q in reversed([q for q in view.levels_in(para, part.start) if _same_unit(q, part)]):
            if view.is_base(q):
                continue
            strength = _head_match(q.subject or "", named)
            # the base of a share is the whole: the largest figure that matches its name
            if strength and q.value and q.value >= part.value and (best is None or q.value > best[0].value):
                best = (q, strength)
        if best is None:
            # a base named and stated in an earlier paragraph (本年收入 … 占本年预算收入的47.02%): which of
            # the figures so named is meant is inferred, so the nearest few are tried, exact names
            # first, and the first that holds is kept (never an accusation)
            cands = [(q, _head_match(q.subject or "", named)) for q in reversed(view.levels_before(para, part))
                     if q.value and q.value >= part.value and not view.is_base(q)]
            cands = sorted([c for c in cands if c[1]], key=lambda c: c[1] != "strong")[:DISTANT_BASES]
            for q, _ in cands:
                out.append(Relation("share", "share_of_distant_base", p, [part, q],
                                    extra={"match": "distant", "verify_only": True, "first_of": ("share", p.quantity_id)}))
            continue
        if best:
            out.append(Relation("share", "share_of_base", p, [part, best[0]], extra={"match": best[1]}))
    return out


def find_averages(view: DocView) -> list[Relation]:
    """户均/人均 against a total and a count in the same sentence (户均 = 总额 / 户数); a
    standard per person per month (每人每月100元) against an annual total (÷ 12)."""
    out = []
    for a in view.levels:
        m = C.AVERAGE.search(view.text[max(0, a.start - 8):a.start])
        monthly = bool(_MONTHLY.search(view.text[max(0, a.start - 12):a.start]))
        if not m and not monthly:
            continue
        per = _PER_UNIT.get(m.group("per"), "人") if m else ("户" if "户" in view.text[a.start - 8:a.start] else "人")
        lo, hi = view.period_start(a.start), view.period_end(a.end)
        others = [q for q in view.levels_in(lo, hi) if q is not a]
        totals = [q for q in others if _same_unit(q, a)]
        counts = [q for q in others if q.unit == per]
        if len(totals) == 1 and len(counts) == 1:
            extra = {"per": per, "months": 12 if monthly else 1}
            if monthly or totals[0].start > a.start:
                extra["verify_only"] = True
            out.append(Relation("average", "average_of_total", a, [totals[0], counts[0]], extra=extra))
    return out


def find_changes(view: DocView) -> list[Relation]:
    out = []
    for i, a in enumerate(view.levels):
        if not _FROM.search(view.text[max(0, a.start - 10):a.start]):
            continue
        nxt = [b for b in view.levels[i + 1:i + 3] if _same_unit(a, b)]
        if not nxt or not C.TO_LEVEL.match(view.text[a.end:nxt[0].start]):
            continue
        b = nxt[0]
        changes = [c for c in view.qs if c.is_change and b.end <= c.start < b.end + 12]
        if changes and _CHANGE_AFTER.match(view.text[b.end:changes[0].start]):
            out.append(Relation("change", "from_to_by", changes[0], [a, b]))
    return out


def _periods(text: str) -> frozenset[str]:
    return frozenset(re.sub(r"\s+", "", m.group(0)) for m in C.PERIOD.finditer(text))


RESTATED_MAX_FACTOR = 2.0  # two values further apart than this describe different things


def _clause_prefix(view: DocView, q: Quantity) -> tuple[str, bool]:
    """The words of q's clause before it, and whether an earlier clause of its 。-sentence holds a
    figure (then the clause continues an enumeration of other entities: 高中46所,在校学生…)."""
    lo = view.period_start(q.start)
    before = view.text[lo:q.start]
    cut = max((m.end() for m in _CLAUSE_START.finditer(before)), default=0)
    i = bisect_left(view.starts, lo)
    earlier = i < len(view.starts) and view.starts[i] < lo + cut
    return re.sub(r"\s+", "", before[cut:]), earlier


def find_restated(view: DocView) -> list[Relation]:
    """The same figure stated twice: identical wording of its clause, the same unit and period,
    outside plans and targets, not inside an enumeration of other entities."""
    out = []
    first: dict[tuple[str, str, str], tuple[Quantity, frozenset[str]]] = {}
    for q in view.levels:
        subj = q.subject or ""
        if len(subj) < RESTATED_MIN_SUBJECT or subj in RESTATED_GENERIC or q.kind in ("ratio", "percent") \
                or q.hedge in ("以上", "以下", "以内", "超过", "不足", "range") or not view.additive(q):
            continue
        si = view.sentence_of(q.start)
        sent = view.sentences[si] if si >= 0 else None
        period = view.text[view.period_start(q.start):view.period_end(q.start)]
        if C.FUTURE.search(period) or (sent is not None and view.in_plan(sent)):
            continue
        prefix, enumerated = _clause_prefix(view, q)
        if enumerated or not prefix.endswith(subj):
            continue
        key = (prefix, subj, q.unit)
        periods = _periods(view.text[sent.start:q.start] if sent else "")
        if key not in first:
            first[key] = (q, periods)
            continue
        q0, p0 = first[key]
        if p0 != periods or view.sentence_of(q0.start) == si:
            continue
        lo, hi = sorted((abs(q0.value), abs(q.value)))
        if lo == 0 or hi / lo > RESTATED_MAX_FACTOR:
            continue
        out.append(Relation("restated", "same_subject_twice", q0, [q]))
    return out


def find_change_rates(view: DocView) -> list[Relation]:
    """"X 17.9亿元, 比上年增收1.4亿元, 增长8.6%": the rate must be the change over last year's level
    (17.9 - 1.4)."""
    out = []
    qs = view.qs
    for i, lv in enumerate(qs):
        if lv.is_change or lv.kind in ("percent", "ratio") or i + 2 >= len(qs) or view.is_base(lv):
            continue
        d, p = qs[i + 1], qs[i + 2]
        if not (d.is_change and d.unit == lv.unit and p.is_change and p.unit == "%"):
            continue
        if len(view.text[lv.end:d.start]) > 16 or len(view.text[d.end:p.start]) > 10:
            continue
        if re.search(r"可比|实际|扣除|年均|平均", view.text[lv.end:p.start]):
            continue
        out.append(Relation("change", "level_change_rate", p, [d, lv]))
    return out


def find_growth_shares(view: DocView) -> list[Relation]:
    """增长面 (15 of 36 industries grew: 41.7%) and completion rates (完成目标任务2000万美元的100.05%)."""
    out = []
    for p in view.levels:
        if p.kind != "percent" or p.unit != "%":
            continue
        before = view.text[max(0, p.start - 40):p.start]
        lo = view.period_start(p.start)
        if C.GROWTH_SHARE.search(before):
            counts = [q for q in view.levels_in(lo, p.start) if q.kind == "count"]
            if len(counts) == 2 and _same_unit(*counts) and counts[1].value <= counts[0].value:
                out.append(Relation("rate", "growth_share", p, [counts[1], counts[0]]))
            continue
        m = C.COMPLETION.search(before)
        if not m:
            continue
        what_start = p.start - len(before) + m.start("what")
        target = view.levels_in(what_start, p.start)
        if len(target) != 1:
            continue
        done = [q for q in view.levels_in(lo, what_start) if _same_unit(q, target[0])]
        if done:
            out.append(Relation("rate", "completion", p, [done[-1], target[0]]))
    return out


def _clause_key(view: DocView, q: Quantity) -> str:
    """The words of the clause before a figure, without scope, time and verbs, with the synonyms of
    extract/data/breakdowns.json applied ("全年全县服务业实现增加值" -> 第三产业增加值)."""
    clause = _CLAUSE_START.split(view.text[max(0, q.start - 20):q.start])[-1]
    key = C.CLAUSE_NOISE.sub("", clause)
    for a, b in _synonyms():
        key = key.replace(a, b)
    return key


@functools.lru_cache(maxsize=1)
def _synonyms() -> tuple[tuple[str, str], ...]:
    from extract.relations import breakdowns

    return tuple(breakdowns().get("subject_synonyms", {}).items())


def find_restated_equal(view: DocView) -> list[Relation]:
    """The same specific subject stated twice with the same value: recorded as verified.  The
    subject is the extracted one, or the clause's words with synonyms applied (服务业增加值 is
    第三产业增加值) — only for figures stated to four significant digits, so that equal values are
    not a coincidence."""
    out = []
    first: dict[tuple[str, str], Quantity] = {}
    for q in view.levels:
        subj = q.subject or ""
        if q.kind in ("ratio",) or q.hedge:
            continue
        keys = [(subj, q.unit)] if len(subj) >= 3 else []
        ck = _clause_key(view, q)
        if len(ck) >= 4 and _precise(q):
            keys.append(("clause:" + ck, q.unit))
        for key in keys:
            if key in first and view.sentence_of(first[key].start) != view.sentence_of(q.start) \
                    and abs(first[key].value - q.value) <= 1e-9 * max(1.0, abs(q.value)):
                out.append(Relation("restated", "same_value_twice", first[key], [q]))
                break
        for key in keys:
            first.setdefault(key, q)
    return out





def find_vital_rate_bases(view: DocView) -> list[Relation]:
    """出生人口4667人,出生率为9.56‰ against the population stated before: verified only (the
    official base is the average population, which reports do not state)."""
    out = []
    for r in view.levels:
        if r.unit != "‰" or not re.search(r"(出生|死亡)率", r.subject or ""):
            continue
        lo = view.period_start(r.start)
        counts = [q for q in view.levels_in(lo, r.start) if q.unit == "人"]
        if not counts:
            continue
        para = view.text.rfind("\n", 0, lo) + 1
        pops = [q for q in view.levels_in(para, lo) if q.unit == "人" and "人口" in (q.subject or "")]
        if pops:
            base = max(pops, key=lambda q: q.value)
            out.append(Relation("rate", "vital_rate", r, [counts[-1], base], extra={"verify_only": True,
                                                                                   "per_mille": True}))
    return out


_SUBJECT_NOISE = re.compile(r"^(?:全区|全市|全县|全镇|全州|全省|全国|全年|今年|去年|区本级|本级)|居民|常住|全体|总额|总量|总(?=产|收|支)"
                            r"|(?:将要|将|预计|计划|可望|有望)$")


@functools.lru_cache(maxsize=4096)
def _subject_key(subject: str) -> str:
    return _SUBJECT_NOISE.sub("", subject)


def _same_subject(a: str, b: str) -> bool:
    if not a or not b:
        return False
    na, nb = _subject_key(a), _subject_key(b)
    return na == nb or (len(na) >= 4 and len(nb) >= 4 and (na in nb or nb in na))


def find_growth_across(view: DocView) -> list[Relation]:
    """A level with its growth ("地方财政总收入达到20亿元,同比增长24.6%"; "…支出达到3397亿元,比上年
    增加422亿元") against the same subject's figure stated earlier in the document for the year
    before (16亿元; 2975亿元).  Which earlier figure is last year's is inferred, so the relation is
    recorded only when it holds."""
    out = []
    qs = view.qs
    for i, lv in enumerate(qs):
        if lv.is_change or lv.status != "ok" or lv.kind in ("percent", "ratio"):
            continue
        ch = qs[i + 1] if i + 1 < len(qs) else None
        if ch is None or not ch.is_change or len(view.text[lv.end:ch.start]) > 12 \
                or re.search(r"可比|实际|年均|[;；。]", view.text[lv.end:ch.start]):
            # the change may come first: "地方财政总收入增长20%,达到24.8亿元"
            ch = qs[i - 1] if i else None
            if ch is None or not ch.is_change or not C.GROWTH_THEN_LEVEL.fullmatch(view.text[ch.end:lv.start]):
                continue
        if not (ch.unit == "%" or ch.unit == lv.unit):
            continue
        if not lv.subject:
            continue
        si = view.sentence_of(lv.start)
        earlier = [q for q in view.levels_before(lv.start, lv) if q.value != lv.value
                   and _same_subject(q.subject or "", lv.subject) and view.sentence_of(q.start) != si]
        # which earlier figure is last year's the text does not say: the nearest that holds, those
        # named exactly as the level first (固定资产投资 before 工业固定资产投资)
        exact = _subject_key(lv.subject or "")
        earlier.sort(key=lambda q: (_subject_key(q.subject or "") != exact, -q.start))
        for q in earlier[:GROWTH_CANDIDATES]:
            out.append(Relation("change", "growth_over_stated_base", ch, [q, lv],
                                extra={"verify_only": True, "first_of": ("growth", ch.quantity_id)}))
    return out


GROWTH_CANDIDATES = 3
DISTANT_BASES = 3



def find_base_differences(view: DocView) -> list[Relation]:
    """A level, then 比 + a stated base + the difference ("粮食产量将达到3,989亿斤, …, 比五年计划原定
    3,856亿斤的水平超过133亿斤"; "零售总额达到460亿元, …, 比规定的水平498亿元只差38亿元"):
    level = base + difference (the difference negative for 少/差/低)."""
    out = []
    for c in view.qs:
        if not c.is_change or c.kind == "percent" or c.status != "ok":
            continue
        lo = max(0, c.start - 40)
        m = COMPARED_DIFF.search(view.text[lo:c.start])
        if not m or not m.group("verb"):
            continue
        at = lo + m.start()
        bases = [b for b in view.levels_in(at + 1, c.start) if _same_unit(b, c)]
        start = view.period_start(at)
        levels = [a for a in view.levels_in(start, at) if _same_unit(a, c)
                  and not view.is_base(a)]
        if len(bases) != 1 or not levels:
            continue
        out.append(Relation("sum", "difference_to_base", levels[-1], [bases[0], c], complete=True))
    return out




def find_compound_growth(view: DocView) -> list[Relation]:
    """由2010年的A增加到2015年的B, 年均增长R%: R = ((B/A)^(1/n) - 1)·100 with n = 2015 - 2010.
    Also "2015年…B元, 比2010年增加C元, 年均递增R%" (A = B - C).  Without years in the clause, n is
    taken from the paragraph's last stated pair of years or a five-year review (十二五, 五年): then
    the relation is recorded only when it holds."""
    out = []
    qs = view.qs
    for i, r in enumerate(qs):
        if r.unit != "%" or not r.is_change or i < 2:
            continue
        if not C.ANNUAL_RATE.match(view.text[qs[i - 1].end:r.start]):
            continue
        b, a = qs[i - 1], qs[i - 2]
        mode = "levels"
        if b.is_change and not a.is_change and _same_unit(a, b):
            mode = "level_change"  # B, 比2010年增加C
        elif b.is_change or a.is_change or not _same_unit(a, b) or not _FROM.search(view.text[max(0, a.start - 14):a.start]):
            continue
        ya = C.YEAR_BEFORE.search(view.text[max(0, a.start - 8):a.start])
        yb = C.YEAR_BEFORE.search(view.text[max(0, b.start - 8):b.start])
        years = None
        if mode == "levels" and ya and yb:
            years = int(yb.group("y")) - int(ya.group("y"))
        elif mode == "level_change":
            ys = re.findall(r"((?:19|20)\d\d)年", view.text[view.period_start(a.start):b.start])
            if len(ys) >= 2:
                years = int(ys[0]) - int(ys[-1])
        inferred = years is None
        if inferred:
            para = view.text[view.text.rfind("\n", 0, a.start) + 1:a.start]
            pairs = re.findall(r"((?:19|20)\d\d)年[^0-9]{0,12}?(?:增加|提高|增长|上升|达到)?到((?:19|20)\d\d)年", para)
            if pairs:
                years = int(pairs[-1][1]) - int(pairs[-1][0])
            elif C.FIVE_YEAR_SPAN.search(view.text[max(0, a.start - 400):a.start]):
                years = 5
        if not years or years <= 0 or years > 30:
            continue
        out.append(Relation("change", "compound_growth", r, [a, b],
                            extra={"years": years, "mode": mode, **({"verify_only": True} if inferred else {})}))
    return out


def find_budget_completion(view: DocView) -> list[Relation]:
    """A budget's completion and its shortfall (本年收入完成预算的96.98%,比预算数28,049,780,000元少
    846,461,000元): the actual figure is the budget less the shortfall (plus an excess) and the rate is
    actual over budget.  The actual figure is the one stated earlier with exactly that value (the
    report opens with it), so the relations are kept only when they hold."""
    out = []
    for p in view.levels:
        if p.kind != "percent" or p.unit != "%" or not C.BUDGET_SHARE_BEFORE.search(view.text[max(0, p.start - 12):p.start]):
            continue
        after = [q for q in view.between(p.end, p.end + 60) if q.unit != "%"][:2]
        if len(after) != 2 or after[0].kind != "money" or after[1].unit != after[0].unit:
            continue
        budget, diff = after
        if not C.BUDGET_BASE_AFTER.fullmatch(view.text[p.end:budget.start]):
            continue
        m = C.BUDGET_DIFF.fullmatch(view.text[budget.end:diff.start])
        if not m or not budget.value or not diff.value:
            continue
        sign = -1.0 if m.group("dir") == "少" else 1.0
        target = budget.value + sign * abs(diff.value)
        actual = next((q for q in reversed(view.levels_before(p.start, budget)) if q.value and _precise(q)
                       and abs(q.value - target) <= 1e-9 * max(1.0, abs(target)) + 0.5), None)
        if actual is None:
            continue
        gap = _magnitude(diff)  # 少846,461,000元 is read as a change of -846,461,000: the gap is its size
        if sign < 0:  # 少: budget = actual + shortfall
            out.append(Relation("sum", "budget_shortfall", budget, [actual, gap], complete=True,
                                extra={"verify_only": True}))
        else:  # 多/超: actual = budget + excess
            out.append(Relation("sum", "budget_excess", actual, [budget, gap], complete=True,
                                extra={"verify_only": True}))
        out.append(Relation("rate", "budget_completion", p, [actual, budget], extra={"verify_only": True}))
    return out


def _magnitude(q: Quantity) -> Quantity:
    """A signed change as its size (the same mention, value and interval made non-negative)."""
    if q.value is None or q.value >= 0:
        return q
    neg = lambda v: None if v is None else -v  # noqa: E731
    return replace(q, value=-q.value, lo=neg(q.hi), hi=neg(q.lo), lo_open=q.hi_open, hi_open=q.lo_open,
                   loose_lo=neg(q.loose_hi), loose_hi=neg(q.loose_lo))


# two-character words too common in budget and statistics prose to tie a named part to a figure
_GENERIC_BIGRAMS = frozenset({"支出", "收入", "国家", "本年", "决算", "预算", "事业", "方面", "用于", "全年", "共占",
                              "其他", "部分", "总数", "合计", "经费", "费用", "资金"})
# what leads up to the named part (国家决算用于 | 社会文教事业的支出): not part of its name
_NAMED_PART_LEAD = re.compile(r"^.*?(?:用于|对于)(?=[\u4e00-\u9fff]{2})")


def _bigrams(text: str) -> set[str]:
    han = re.sub(r"[^\u4e00-\u9fff]", " ", text)
    return {han[i:i + 2] for i in range(len(han) - 1) if " " not in han[i:i + 2]} - _GENERIC_BIGRAMS


def _shares_of_named_part(view: DocView, p: Quantity, share_at: int, named: str) -> list[Relation]:
    """A share whose part is named but not stated in its sentence, the figure given paragraphs
    before (1955年国家决算用于社会文教事业的支出,共占本年支出的10.87% … 社会文教费支出3,189,270,000元):
    the part is an earlier figure whose subject shares a word with the name, the base one named like
    the base.  Inferred, so only a share with decimals is tried (few figures can satisfy it by
    chance) and the first pair that holds is kept."""
    if "." not in p.surface:
        return []
    start = view.period_start(p.start)
    name = re.sub(r"(?:19|20)\d\d年(?:度)?", "", _CLAUSE_START.sub(" ", view.text[start:share_at])).strip()
    name = _NAMED_PART_LEAD.sub("", name)
    last = name.split(" ")[-1]
    if re.search(r"\d", last) or len(name) < 2:
        return []  # a figure right before the share: the part is stated in the sentence after all
    words = _bigrams(last if len(last) >= 4 else name)
    if not words:
        return []
    earlier = [q for q in reversed(view.levels_before(start)) if q.value and q.kind not in ("percent", "ratio")
               and not view.is_base(q)]
    parts = islice((q for q in earlier if words & _bigrams((q.subject or "") + " " + _clause_before(view, q, 20))),
                   NAMED_PARTS)  # the nearest few, without looking at every earlier figure
    out = []
    for part in parts:
        # the base is the whole: of the figures named like it, exact names first, then the largest
        bases = [(q, _head_match(q.subject or "", named)) for q in earlier
                 if _same_unit(q, part) and q.value > part.value]
        bases = sorted([b for b in bases if b[1]], key=lambda b: (b[1] != "strong", -b[0].value))[:DISTANT_BASES]
        bases = [b for b, _ in bases]
        for base in bases:
            out.append(Relation("share", "share_of_named_part", p, [part, base],
                                extra={"match": "distant", "verify_only": True, "first_of": ("share", p.quantity_id)}))
    return out


NAMED_PARTS = 3
