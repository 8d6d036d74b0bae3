"""Judge the relations of a document: do the stated values add up?

Interval semantics of SPEC.md ("What it checks"), in the spirit of XBRL Calculations 1.1: a
relation is **inconsistent** only when no values inside the stated intervals can satisfy it,
even with trailing zeros read as rounding and percentages as possibly truncated (each
quantity's ``loose_lo``/``loose_hi``); **consistent** when the stated intervals meet and every
operand is bounded; **undetermined** when only that loose reading reconciles it or something
is unbounded; **partial** for a list of some sub-groups that stays within its total.
"""
from __future__ import annotations

import functools
import math
import os
import re
from collections.abc import Iterator

from corpus.records import Document, Section, Sentence
from extract.interval import Interval
from extract.records import Quantity, TotalCheck
from extract.relations import INSTITUTION_UNITS, DocView, Relation, breakdowns, find_adjacent_runs, \
    find_by_dimension, find_enumerated_items, find_implicit_breakdowns, find_listed_totals, find_named_base_shares, \
    find_parallel_changes, find_paren_sums, find_qizhong_sums, find_remainders, find_segment_breakdowns, find_share_groups, \
    find_share_lists, find_share_pairs, find_structure_shares, find_total_after, find_total_after_run, \
    find_vital_rates
from extract.table_checks import find_table_relations
from extract.derived import find_averages, find_change_rates, find_changes, find_growth_shares, find_rates, \
    find_base_differences, find_compound_growth, find_growth_across, find_restated, find_restated_equal, \
    find_budget_completion, find_shares_of_base, find_vital_rate_bases

SHARE_LIST_PLAUSIBLE = 150.0  # shares summing beyond this are shares of different wholes, not an error
FINDERS = (find_paren_sums, find_qizhong_sums, find_total_after, find_by_dimension, find_listed_totals,
           find_share_lists,
           find_vital_rates, find_rates, find_growth_shares, find_shares_of_base, find_averages, find_changes,
           find_change_rates, find_restated, find_restated_equal, find_implicit_breakdowns, find_adjacent_runs,
           find_share_groups, find_share_pairs, find_named_base_shares, find_structure_shares,
           find_vital_rate_bases, find_table_relations, find_growth_across, find_base_differences,
           find_enumerated_items, find_total_after_run, find_segment_breakdowns, find_compound_growth,
           find_parallel_changes, find_remainders, find_budget_completion)


def strict(q: Quantity) -> Interval:
    return Interval(q.lo, q.hi, q.lo_open, q.hi_open)


def loose(q: Quantity) -> Interval:
    lo = q.loose_lo if q.loose_lo is not None else q.lo
    hi = q.loose_hi if q.loose_hi is not None else q.hi
    return Interval(lo, hi, q.lo_open and lo == q.lo, q.hi_open and hi == q.hi)


def _sum(qs: list[Quantity], f) -> Interval:
    total = Interval.point(0.0)
    for q in qs:
        total = total + f(q)
    return total


def fmt(v: float | None, unit: str = "", like: str = "") -> str:
    """A number as a person writes it in a report: 1,483 / 2.18万亿 / 6704.31万 / 70.7.  ``like`` is
    a stated surface whose scale word (万, 亿) the number should follow."""
    if v is None or not math.isfinite(v):
        return "∞" if v is not None else "?"
    a = abs(v)
    money = unit in ("元", "美元", "港元")
    if "亿" in like or (money and not like and a >= 1e8):
        s = f"{v / 1e8:.4f}".rstrip("0").rstrip(".") + "亿"
    elif "万" in like or (money and not like and a >= 1e5):
        s = f"{v / 1e4:.2f}".rstrip("0").rstrip(".") + "万"
    elif abs(v - round(v)) < 1e-9:
        s = f"{int(round(v)):,}"
    else:
        s = f"{v:,.2f}".rstrip("0").rstrip(".")
    return s + unit


def _verdict(stated_s: Interval, stated_l: Interval, comp_s: Interval, comp_l: Interval) -> str:
    if stated_s.meets(comp_s):
        return "consistent" if stated_s.bounded and comp_s.bounded else "undetermined"
    if stated_l.meets(comp_l):
        return "undetermined"
    return "inconsistent"


def _distinguishers(parts: list[Quantity]) -> list[str]:
    """What tells the parts apart once their shared head words are removed, at word level:
    专职网格员 / 兼职网格员 -> 专职 / 兼职 (shared head 网格员); [] when a subject is missing."""
    from extract.subjects import segment

    subs = [p.subject or "" for p in parts]
    if not all(subs):
        return []
    toks = [list(segment(s)) for s in subs]
    k = 0
    while all(len(t) > k + 1 for t in toks) and len({t[len(t) - k - 1] for t in toks}) == 1:
        k += 1
    return ["".join(t[: len(t) - k]) for t in toks]


def complementary_prefix(total: Quantity, parts: list[Quantity]) -> int:
    """Length of the leading run of parts whose subjects, minus their shared suffix, name a whole
    complementary set (城镇/农村, 第一/第二/第三产业, 男/女) *of this total*: the total's subject
    must carry the shared suffix with nothing but scope words before it, and must not itself
    be one side of a split (城镇消费品零售额 is not the whole of 城区 + 乡村); 0 when none."""
    sets = _complementary_sets()
    tsub = total.subject or ""
    for k in range(min(len(parts), MAX_SET), 1, -1):
        words = _distinguishers(parts[:k])
        if not words:
            continue
        subjects = [p.subject or "" for p in parts[:k]]
        suffix = subjects[0][len(words[0]):]
        for s in sets:
            if any(w in tsub for w in s):
                continue
            if frozenset(words) == s or _covers(words, s):
                prefix = os.path.commonprefix(subjects)
                if not suffix or _whole_of(tsub, suffix, prefix):
                    return k
            elif frozenset(subjects) == s:  # 公办 / 民办: the whole subjects are the set
                return k
    return 0


MAX_SET = 4  # the largest complementary set has three members


@functools.lru_cache(maxsize=1)
def _complementary_sets() -> tuple[frozenset[str], ...]:
    return tuple(frozenset(s) for s in breakdowns()["complementary"])


def _whole_of(total_subject: str, suffix: str, common_prefix: str = "") -> bool:
    """The total names the whole the parts split: it holds their shared suffix (or its first word)
    with nothing before it but a scope word or the parts' own shared prefix (全市低保对象 for
    城市低保 / 农村低保; 接待旅游总人数 for 接待国内旅游者 / 接待入境旅游者; not 城镇消费品零售额
    for 城区消费品零售额 / 乡村消费品零售额)."""
    allowed = ("",) + tuple(breakdowns()["scope_prefixes"]) + ((common_prefix,) if common_prefix else ())
    for key in dict.fromkeys((suffix, suffix[-2:], suffix[:2])):
        i = total_subject.find(key)
        if len(key) >= 2 and i != -1:
            return total_subject[:i] in allowed
    return False


def _covers(words: list[str], s: frozenset[str]) -> bool:
    """Each distinguishing word ends with (or is) a different member of the set, and all members are used."""
    used = set()
    for w in words:
        hit = [m for m in s if w.endswith(m) or w.startswith(m)]
        if len(hit) != 1 or hit[0] in used:
            return False
        used.add(hit[0])
    return used == set(s)


def _overlapping(view: DocView, parts: list[Quantity]) -> bool:
    cues = breakdowns()["overlap_cues"]
    text = " ".join(view.text[max(0, p.start - 10):p.start] + (p.subject or "") for p in parts)
    return any(c in text for c in cues)


def _one_breakdown(total: Quantity, parts: list[Quantity]) -> bool:
    """Parts that split one thing: their subjects share a suffix the total's subject carries
    (城市低保 / 农村低保 of 低保对象; 专职网格员 / 兼职网格员 of 网格员)."""
    words = _distinguishers(parts)
    subs = [p.subject or "" for p in parts]
    if not words or not all(words) or not all(subs) or len(set(words)) < len(words):
        return False
    suffix = subs[0][len(words[0]):]
    return len(suffix) >= 2 and _whole_of(total.subject or "", suffix)


def collapse_children(view: DocView, parts: list[Quantity]) -> list[Quantity]:
    """Drop the sub-items of a list: parts introduced by 其中/含 after another part, and runs that
    add up exactly to the part just before them (企业职工参保105.55万人, 在职81.33万人, 离退休24.22万人)."""
    out: list[Quantity] = []
    i = 0
    while i < len(parts):
        p = parts[i]
        gap = view.text[out[-1].end:p.start] if out else ""
        if out and re.search(r"其中|含|包括", gap):
            i += 1
            continue
        out.append(p)
        for j in range(i + 2, min(len(parts), i + 8) + 1):
            if strict(p).meets(_sum(parts[i + 1:j], strict)):
                i = j - 1
                break
        i += 1
    return out


EXCEED_FACTOR = 1.5
# between a total and its first part: at most a growth clause, then 其中, then the part's name
_FIRST_PART = re.compile(r"[^。;；]{0,40}?(?:其中|包括)\s*[:：,，]?\s*[^,，。;；\d]{0,14}")


def _clearly_not_a_part(view: DocView, t: Quantity, parts: list[Quantity], single: list[Quantity]) -> bool:
    """A part larger than its total is an error only when there is no doubt they were meant as
    part and whole: the first part right after 其中, exceeding by half again or more, under a
    total named as a whole (总产值, 总额, 总数 …) while the part is not."""
    first = parts[0]
    gap = view.text[t.end:first.start]
    if single[0] is not first or not _FIRST_PART.fullmatch(gap):
        return False
    if any(q.unit == t.unit and t.end <= q.start < first.start for q in view.levels):
        return False
    tsub, psub = t.subject or "", first.subject or ""
    cues = breakdowns()["overlap_cues"]
    return ("总" in tsub and "总" not in psub and first.value >= EXCEED_FACTOR * t.value
            and not any(c in psub for c in cues))


def judge_sum(view: DocView, r: Relation) -> tuple[str, list[Quantity], str]:
    """(verdict, the parts it rests on, a note)."""
    t, parts = r.total, r.parts
    if not r.complete:
        collapsed = collapse_children(view, parts)
        if len(collapsed) >= 2 and collapsed != parts and strict(t).meets(_sum(collapsed, strict)) and strict(t).bounded:
            return "consistent", collapsed, "breakdown"
    ts, tl = strict(t), loose(t)
    if r.complete:
        return _verdict(ts, tl, _sum(parts, strict), _sum(parts, loose)), parts, "complete"
    for k in range(len(parts), 1, -1):  # a leading run of parts that adds up: a complete breakdown
        if ts.meets(_sum(parts[:k], strict)) and ts.bounded:
            return "consistent", parts[:k], "breakdown"
    k = complementary_prefix(t, parts)
    if k:
        return _verdict(ts, tl, _sum(parts[:k], strict), _sum(parts[:k], loose)), parts[:k], "complementary"
    over = _sum(parts, loose)
    if over.lo > tl.hi:
        if not _overlapping(view, parts) and _one_breakdown(t, parts) and len(parts) >= 2:
            return "inconsistent", parts, "exceeds"
    single = [p for p in parts if loose(p).lo > tl.hi]
    if single:
        # each part of a list of sub-groups must be <= its total (SPEC, "partial"); one that is
        # larger even read loosely cannot be a part of it
        if _clearly_not_a_part(view, t, parts, single):
            return "inconsistent", single[:1], "part exceeds"
        return "undetermined", single, "part exceeds"
    if over.lo > tl.hi:
        return "partial", parts, "overlapping"
    return "partial", parts, "partial"


def _cagr(frm: Interval, to: Interval, years: int) -> Interval | None:
    """((to/from)^(1/years) - 1)·100 over intervals (monotone in both)."""
    if frm.lo <= 0 or to.lo <= 0 or not (frm.bounded and to.bounded):
        return None
    lo = ((to.lo / frm.hi) ** (1 / years) - 1) * 100
    hi = ((to.hi / frm.lo) ** (1 / years) - 1) * 100
    return Interval(lo, hi, False, False)


def _ratio(n: Interval, d: Interval) -> Interval | None:
    q = n.div(d)
    return q.scale(100.0) if q is not None else None


def _lh(q: Quantity) -> tuple[float, float]:
    lo = q.loose_lo if q.loose_lo is not None else q.lo
    hi = q.loose_hi if q.loose_hi is not None else q.hi
    return lo, hi


def _may_add_up(t: Quantity, parts: list[Quantity]) -> bool:
    """Cheap necessary condition for a verify-only sum to come out consistent: some leading run
    of the parts, or of the parts with sub-items dropped, meets the total read loosely."""
    tlo, thi = _lh(t)
    spans = [_lh(p) for p in parts]
    lists = [spans]
    kept, i = [], 0
    while i < len(spans):  # the sub-item rule of collapse_children, on loose bounds
        kept.append(spans[i])
        lo = hi = 0.0
        for j in range(i + 1, min(len(spans), i + 8)):
            lo, hi = lo + spans[j][0], hi + spans[j][1]
            if lo <= spans[i][1] and hi >= spans[i][0]:
                i = j
                break
        i += 1
    if len(kept) != len(spans):
        lists.append(kept)
    for xs in lists:
        lo = hi = 0.0
        for k, (a, b) in enumerate(xs):
            lo, hi = lo + a, hi + b
            if k >= 1 and lo <= thi and hi >= tlo:
                return True
    return False


def evaluate(view: DocView, r: Relation) -> dict | None:
    """Verdict, stated and computed intervals and a plain-Chinese message for one relation.
    A relation found only to verify (nothing in the text claims it) is kept when it holds."""
    if r.extra.get("verify_only") and r.kind == "sum" and r.total is not None and r.rule != "table" \
            and not _may_add_up(r.total, r.parts):
        return None
    res = _evaluate(view, r)
    if res is not None and r.extra.get("verify_only") and res["verdict"] != "consistent":
        return None
    return res


def _evaluate(view: DocView, r: Relation) -> dict | None:
    if r.kind == "sum" and r.total is None:  # 按…分: which earlier figure is the total is not said
        if r.rule != "enumerated_items":  # (一)…(二)…: the items' own 其中 lists are not among the parts
            r.parts = collapse_children(view, r.parts)
        cs, cl = _sum(r.parts, strict), _sum(r.parts, loose)
        hit = next((t for t in r.extra["candidates"] if strict(t).meets(cs) and strict(t).bounded), None)
        if hit is None:  # a whole stated paragraphs before: only an exact match counts
            hit = next((t for t in r.extra.get("distant", ()) if strict(t).meets(cs) and strict(t).bounded), None)
        verdict = "consistent"
        if hit is None:
            hit = next((t for t in r.extra["candidates"] if loose(t).meets(cl)), None)
            verdict = "undetermined"
        if hit is None:
            return None
        r.total = hit
    if r.kind == "sum":
        verdict, used, note = judge_sum(view, r) if r.rule != "by_dimension" else (verdict, r.parts, "complete")
        cs, u, like = _sum(used, strict), r.total.unit, r.total.surface
        nums = "+".join(fmt(p.value, p.unit if {p.unit, u} <= INSTITUTION_UNITS else u, p.surface) for p in used)
        comp = sum(p.value for p in used)
        if verdict == "inconsistent" and note == "part exceeds":
            msg = f"其中{nums}大于所述合计{fmt(r.total.value, u, like)}, 部分不能大于整体"
        elif verdict == "inconsistent":
            msg = (f"{nums}={fmt(comp, u, like)}, 与所述合计{fmt(r.total.value, u, like)}不符"
                   f"(相差{fmt(abs(comp - r.total.value), u, like)})")
        elif verdict == "partial" and note == "overlapping":
            msg = f"其中所列各项({nums})可能相互重叠, 每项均不超过合计{fmt(r.total.value, u)}, 不作加总"
        elif verdict == "partial":
            msg = f"其中所列{nums}={fmt(comp, u)}, 不超过合计{fmt(r.total.value, u)}(部分列举)"
        elif note == "part exceeds":
            msg = f"其中{nums}超过所述合计{fmt(r.total.value, u)}, 可能指向不同的总数"
        else:
            msg = f"{nums}={fmt(comp, u)}, 所述合计{fmt(r.total.value, u)}" + ("" if verdict == "consistent" else "(仅在舍入或约数下成立)")
        return dict(verdict=verdict, stated=r.total, computed=comp, comp=cs, used=[r.total] + used, msg=msg)
    if r.kind == "share" and r.total is None:
        if r.rule == "share_clauses":
            r.parts = collapse_children(view, r.parts)
        cs, cl = _sum(r.parts, strict), _sum(r.parts, loose)
        comp = sum(p.value for p in r.parts)
        hundred = Interval.point(100.0)
        if cl.lo > SHARE_LIST_PLAUSIBLE:
            verdict = "undetermined"  # far past 100: these are shares of different wholes
        elif cl.lo > 100.0 + 1e-9:
            verdict = "inconsistent"
        elif cs.meets(hundred):
            verdict = "consistent"
        elif cl.meets(hundred) or r.complete is False and cl.hi < 100:
            verdict = "undetermined" if cl.meets(hundred) else "partial"
        else:
            verdict = "inconsistent" if r.complete else "partial"
        nums = "+".join(fmt(p.value, "%") for p in r.parts)
        msg = f"{nums}={fmt(comp, '%')}" + (", 同一整体的各部分占比合计超过100%" if verdict == "inconsistent" and comp > 100
                                         else ", 与100%不符" if verdict == "inconsistent" else "")
        return dict(verdict=verdict, stated=None, computed=comp, comp=cs, used=r.parts, msg=msg, stated_value=100.0)
    if r.kind in ("rate", "share", "average"):
        a, b = r.parts
        factor = 1.0 / r.extra.get("months", 1) if r.kind == "average" else (
            1000.0 if r.extra.get("per_mille") else 100.0)
        cs, cl = strict(a).div(strict(b)), loose(a).div(loose(b))
        if cs is None or cl is None:
            return None
        cs, cl = cs.scale(factor), cl.scale(factor)
        comp = a.value / b.value * factor
        verdict = _verdict(strict(r.total), loose(r.total), cs, cl)
        if r.kind == "share" and r.extra.get("match") != "strong" and verdict == "inconsistent":
            verdict = "undetermined"  # the base was matched by its head word only: do not accuse
        u = r.total.unit
        per = {"户": "户均", "人": "人均", "户次": "每户次平均", "人次": "每人次平均"}.get(r.extra.get("per", ""), "平均数")
        name = {"rate": r.total.subject or "比率", "share": "占比", "average": per}[r.kind]
        msg = f"{name}: {fmt(a.value, a.unit)}/{fmt(b.value, b.unit)}={fmt(round(comp, 2), u)}"
        msg += f", 与所述{fmt(r.total.value, u)}不符" if verdict == "inconsistent" else f", 所述{fmt(r.total.value, u)}"
        return dict(verdict=verdict, stated=r.total, computed=comp, comp=cs, used=[r.total, a, b], msg=msg)
    if r.kind == "change" and r.rule == "compound_growth":
        a, b = r.parts
        n = r.extra["years"]
        if r.extra["mode"] == "level_change":  # a is the level B, b the change C: from = B - C
            lvl, ch = a, b
            frm_s, frm_l = strict(lvl) - strict(ch), loose(lvl) - loose(ch)
            to_s, to_l = strict(lvl), loose(lvl)
            frm_v, to_v = lvl.value - ch.value, lvl.value
        else:
            frm_s, frm_l, to_s, to_l = strict(a), loose(a), strict(b), loose(b)
            frm_v, to_v = a.value, b.value
        cs, cl = _cagr(frm_s, to_s, n), _cagr(frm_l, to_l, n)
        if cs is None or cl is None or frm_v <= 0 or to_v <= 0:
            return None
        comp = ((to_v / frm_v) ** (1 / n) - 1) * 100
        verdict = _verdict(strict(r.total), loose(r.total), cs, cl)
        msg = (f"({fmt(to_v, a.unit)}/{fmt(frm_v, a.unit)})^(1/{n})-1={fmt(round(comp, 2), '%')}"
               + (f", 与所述年均增长{fmt(r.total.value, '%')}不符" if verdict == "inconsistent"
                  else f", 所述年均增长{fmt(r.total.value, '%')}"))
        return dict(verdict=verdict, stated=r.total, computed=comp, comp=cs, used=[r.total, a, b], msg=msg)
    if r.kind == "change" and r.rule == "level_change_rate":
        d, lv = r.parts  # rate = change / (level - change)
        base_s, base_l = strict(lv) - strict(d), loose(lv) - loose(d)
        cs, cl = _ratio(strict(d), base_s), _ratio(loose(d), base_l)
        if cs is None or cl is None or not lv.value - d.value:
            return None
        comp = d.value / (lv.value - d.value) * 100
        verdict = _verdict(strict(r.total), loose(r.total), cs, cl)
        msg = (f"{fmt(d.value, d.unit)}/({fmt(lv.value, lv.unit)}-{fmt(d.value, d.unit)})={fmt(round(comp, 2), '%')}"
               + (f", 与所述增幅{fmt(r.total.value, '%')}不符" if verdict == "inconsistent"
                  else f", 所述增幅{fmt(r.total.value, '%')}"))
        return dict(verdict=verdict, stated=r.total, computed=comp, comp=cs, used=[r.total, d, lv], msg=msg)
    if r.kind == "change":
        a, b = r.parts
        c = r.total
        if c.unit == a.unit and a.kind != "percent":
            # the two levels and the change are stated together: one precision for all three
            step = min(_loose_step(q) for q in (a, b, c))
            cs, comp = strict(b) - strict(a), b.value - a.value
            cl = _shared(b, step) - _shared(a, step)
            c_loose = _shared(c, step)
            stated_s = strict(c)
            if comp < 0 < c.value or c.value < 0 < comp:
                stated_s, c_loose = stated_s.neg(), c_loose.neg()
            verdict = _verdict(stated_s, c_loose, cs, cl)
            return _change_result(verdict, a, b, c, comp, cs)
        elif c.unit == "%" and a.kind != "percent" and a.value:
            cs = _ratio(strict(b) - strict(a), strict(a))
            cl = _ratio(loose(b) - loose(a), loose(a))
            comp = (b.value - a.value) / a.value * 100
        elif c.unit == "百分点" and a.unit == "%":
            cs, cl, comp = strict(b) - strict(a), loose(b) - loose(a), b.value - a.value
        else:
            return None
        if cs is None or cl is None:
            return None
        stated_s, stated_l = strict(c), loose(c)
        if comp < 0 < c.value or c.value < 0 < comp:  # 提高了 written without a sign for a fall, or vice versa
            stated_s, stated_l = stated_s.neg(), stated_l.neg()
        return _change_result(_verdict(stated_s, stated_l, cs, cl), a, b, c, comp, cs)
    if r.kind == "restated":
        a, b = r.total, r.parts[0]
        verdict = _verdict(strict(a), loose(a), strict(b), loose(b))
        msg = (f"同一指标“{a.subject}”前后两处数字不一致: {fmt(a.value, a.unit)} 与 {fmt(b.value, b.unit)}"
               if verdict == "inconsistent" else f"“{a.subject}”两处所述一致: {fmt(a.value, a.unit)}")
        return dict(verdict=verdict, stated=a, computed=b.value, comp=strict(b), used=[a, b], msg=msg)
    return None


def _loose_step(q: Quantity) -> float:
    lo, hi = loose(q).lo, loose(q).hi
    return max(hi - lo, 1e-12) if math.isfinite(lo) and math.isfinite(hi) else math.inf


def _shared(q: Quantity, step: float) -> Interval:
    """q read with the precision shared by the relation (never narrower than its own interval)."""
    if not math.isfinite(step):
        return loose(q)
    return strict(q).hull(Interval(q.value - step / 2, q.value + step / 2))


def _change_result(verdict: str, a: Quantity, b: Quantity, c: Quantity, comp: float, cs: Interval) -> dict:
    msg = f"{fmt(b.value, b.unit)}-{fmt(a.value, a.unit)}={fmt(round(comp, 2), c.unit)}"
    msg += f", 与所述变化{fmt(abs(c.value), c.unit)}不符" if verdict == "inconsistent" else f", 所述变化{fmt(abs(c.value), c.unit)}"
    return dict(verdict=verdict, stated=c, computed=comp, comp=cs, used=[c, a, b], msg=msg)


SEVERITY = {"inconsistent": "error", "undetermined": "info", "partial": "info", "consistent": "info"}


def check_document(doc: Document, sentences: list[Sentence], quantities: list[Quantity],
                   sections: list[Section] | None = None) -> Iterator[TotalCheck]:
    """Every relation found in the document, judged."""
    view = DocView(doc.text, quantities, sentences, sections, doc.year)
    if len(view.qs) < 2:
        return
    seen: set[tuple] = set()
    settled: set = set()  # alternatives of one inferred relation: the first that holds is kept
    n = 0
    for finder in FINDERS:
        for r in finder(view):
            alt = r.extra.get("first_of")
            if alt is not None and alt in settled:
                continue
            res = evaluate(view, r)
            if res is None:
                continue
            if alt is not None:
                settled.add(alt)
            used = res["used"]
            key = (r.kind, tuple(sorted(q.quantity_id for q in used)))
            if key in seen:
                continue
            seen.add(key)
            stated = res["stated"]
            comp = res["comp"]
            start, end = min(q.start for q in used), max(q.end for q in used)
            sids = tuple(dict.fromkeys(view.sentences[view.sentence_of(q.start)].sentence_id for q in used
                                       if view.sentence_of(q.start) >= 0))
            yield TotalCheck(
                doc_id=doc.doc_id, check_id=f"{doc.doc_id}/c{n}", kind=r.kind, verdict=res["verdict"],
                severity=SEVERITY[res["verdict"]],
                stated=stated.value if stated is not None else res.get("stated_value"),
                computed=res["computed"],
                stated_lo=stated.lo if stated is not None else res.get("stated_value"),
                stated_hi=stated.hi if stated is not None else res.get("stated_value"),
                computed_lo=comp.lo, computed_hi=comp.hi, start=start, end=end,
                quantity_ids=tuple(q.quantity_id for q in used), sentence_ids=sids, message=res["msg"],
                rule=r.rule, unit=(stated.unit if stated is not None else "%"),
            )
            n += 1
