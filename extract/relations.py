"""Find relations between the quantities of a document: sums, rates, shares, averages,
changes and restatements.  Finding is separate from judging (extract.totals): a relation
records what the text claims (``complete``: the list says it exhausts its total)."""
from __future__ import annotations

import functools
import json
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from importlib import resources

from corpus.records import Section, Sentence
from extract.patterns import checks as C
from extract.records import Quantity

_PAREN_OPEN, _PAREN_CLOSE = "(", ")"
_LIST_GAP = re.compile(r"^[\s和、,，及与;；]*$")
_SENT_END = "。!?！？\n"
_END_RE = re.compile("[。!?！？\n]")
_PAREN_RE = re.compile(r"[()\n]")
_CLAUSE_SPLIT = re.compile(r"[,，。;；:：、]")
_NOT_DIGIT = re.compile(r"\D")
_TO_AFTER = re.compile(r"^[^,，。;；]{0,2}(?:提高|增加|增长|上升|提升|扩大|下降|减少|降低|调整|回落)?(?:到|至|为)")


LOOKBACK = 600  # how many earlier figures a relation across paragraphs may reach back


@dataclass
class Relation:
    kind: str  # sum, rate, share, average, change, restated
    rule: str
    total: Quantity | None
    parts: list[Quantity]
    complete: bool = False
    extra: dict = field(default_factory=dict)


@functools.lru_cache(maxsize=1)
def breakdowns() -> dict:
    return json.loads(resources.files("extract").joinpath("data/breakdowns.json").read_text(encoding="utf-8"))


class DocView:
    """The document's quantities with the lookups the finders share."""

    def __init__(self, text: str, quantities: list[Quantity], sentences: list[Sentence],
                 sections: list[Section] | None = None, year: int | None = None):
        self.text = text
        self.year = year
        self.sections = {s.section_id: s for s in sections or ()}
        self.qs = [q for q in quantities if q.status in ("ok", "table") and q.value is not None]
        # figures stated in words; table cells take part only in table relations
        self.levels = [q for q in self.qs if not q.is_change and q.status == "ok"]
        self._level_starts = [q.start for q in self.levels]
        self._by_unit: dict[tuple[str, str], tuple[list[Quantity], list[int]]] | None = None
        self.starts = [q.start for q in self.qs]
        self.sentences = sentences
        self.sent_starts = [s.start for s in sentences]
        self.parens = _paren_spans(text)
        self._paren_starts = [a for a, _ in self.parens]
        self._ends = [m.start() for m in _END_RE.finditer(text)]  # sentence-ending characters
        self._additive: dict[str, bool] = {}
        self._depth: dict[int, tuple[int, int] | None] = {}
        self._matches: dict[re.Pattern[str], list[re.Match[str]]] = {}

    def matches(self, pattern: re.Pattern[str]) -> list[re.Match[str]]:
        """Every match of ``pattern`` in the text, found once per document (several finders share
        the 其中 and 按…分 lists, and a scan of a long report is not free)."""
        found = self._matches.get(pattern)
        if found is None:
            found = self._matches[pattern] = list(pattern.finditer(self.text))
        return found

    def levels_in(self, lo: int, hi: int) -> list[Quantity]:
        """The levels inside [lo, hi): a bisect, not a scan of the document (finders call this for
        every candidate; a scan made the checks quadratic in the document's length)."""
        i = bisect_left(self._level_starts, lo)
        j = bisect_left(self._level_starts, hi)
        return [q for q in self.levels[i:j] if q.end <= hi]

    def levels_before(self, pos: int, like: Quantity | None = None, limit: int = LOOKBACK) -> list[Quantity]:
        """The last ``limit`` levels ending before pos, of the unit of ``like`` when given (a document
        restates a figure within a few hundred figures of the first statement; the limit keeps the
        search linear)."""
        if like is None:
            levels, starts = self.levels, self._level_starts
        else:
            if self._by_unit is None:
                self._by_unit = {}
                for q in self.levels:
                    self._by_unit.setdefault((q.unit, q.kind), ([], []))
                    self._by_unit[(q.unit, q.kind)][0].append(q)
                    self._by_unit[(q.unit, q.kind)][1].append(q.start)
            levels, starts = self._by_unit.get((like.unit, like.kind), ([], []))
        j = bisect_left(starts, pos)
        return [q for q in levels[max(0, j - limit):j] if q.end <= pos]

    def is_share(self, q: Quantity) -> bool:
        """A percent given as a share of a whole: 占16.8%, 占全部的42.3%, 的占百分之二十五点六."""
        return q.unit == "%" and not q.is_change and bool(C.SHARE_BEFORE.search(self.text[max(0, q.start - 12):q.start]))

    def is_base(self, q: Quantity) -> bool:
        """A figure given as the base of a comparison (较“十三五”末的9323.1亿元; 由A提高到B)."""
        clause = _CLAUSE_SPLIT.split(self.text[max(0, q.start - 14):q.start])[-1]
        m = C.COMPARISON_BASE.search(clause)
        if not m:
            return False
        if m.group(0)[0] in "由从":  # 由 is also "by" (由中央代地方发债): a base only in 由A…到B
            return bool(_TO_AFTER.match(self.text[q.end:q.end + 8]))
        return True

    def additive(self, q: Quantity) -> bool:
        """A figure that can be a total or a part of a sum: a count or amount, not a rate, average,
        standard or price, not a change, not the base of a comparison."""
        hit = self._additive.get(q.quantity_id)
        if hit is None:
            hit = not (q.is_change or q.kind in ("percent", "ratio") or C.INTENSIVE.search(q.subject or ""))
            if hit:
                before = self.text[max(0, q.start - 14):q.start]
                clause = _CLAUSE_SPLIT.split(before)[-1]
                hit = not (C.INTENSIVE.search(clause) or self.is_base(q))
            self._additive[q.quantity_id] = hit
        return hit

    def in_plan(self, sentence: Sentence) -> bool:
        """True when the sentence sits under a heading that announces plans or targets, or one
        naming the report's own year (a 2025 government report reviews 2024 and plans 2025).
        Headings only, not the classifier's roles: a verdict must not change with the model
        (and on the checks gold set the roles changed nothing)."""
        sid = sentence.section_id
        while sid and sid in self.sections:
            sec = self.sections[sid]
            heading = sec.heading or ""
            if sec.level > 0 and (C.FUTURE_HEADING.search(heading) or (
                    self.year and f"{self.year}年" in heading and "回顾" not in heading)):
                return True
            sid = sec.parent_id
        return False

    def sentence_of(self, pos: int) -> int:
        return bisect_right(self.sent_starts, pos) - 1

    def period_end(self, pos: int) -> int:
        """End of the 。-sentence holding pos (。 ends it; ； does not)."""
        i = bisect_left(self._ends, pos)
        return self._ends[i] if i < len(self._ends) else len(self.text)

    def period_start(self, pos: int) -> int:
        i = bisect_left(self._ends, pos) - 1
        return self._ends[i] + 1 if i >= 0 else 0

    def between(self, a: int, b: int) -> list[Quantity]:
        i = bisect_right(self.starts, a - 1)
        out = []
        while i < len(self.qs) and self.qs[i].start < b:
            if self.qs[i].end <= b:
                out.append(self.qs[i])
            i += 1
        return out

    def depth_span(self, pos: int) -> tuple[int, int] | None:
        """The innermost parenthesis span containing pos."""
        if pos in self._depth:
            return self._depth[pos]
        best = None
        i = bisect_left(self._paren_starts, pos) - 1
        line_start = self.text.rfind("\n", 0, pos) + 1  # a span never crosses a line
        while i >= 0:  # spans nest, so the latest opening that closes after pos is the innermost
            a, b = self.parens[i]
            if a < line_start:
                break
            if b > pos:
                best = (a, b)
                break
            i -= 1
        self._depth[pos] = best
        return best


def _paren_spans(text: str) -> list[tuple[int, int]]:
    spans, stack = [], []
    for m in _PAREN_RE.finditer(text):
        c, i = m.group(0), m.start()
        if c == _PAREN_OPEN:
            stack.append(i)
        elif c == _PAREN_CLOSE and stack:
            spans.append((stack.pop(), i))
        elif c == "\n":
            stack.clear()
    return sorted(spans)


def _same_unit(a: Quantity, b: Quantity) -> bool:
    return a.unit == b.unit and a.kind == b.kind and a.unit != ""


def _top_level(view: DocView, qs: list[Quantity], span: tuple[int, int] | None) -> list[Quantity]:
    return [q for q in qs if view.depth_span(q.start) == span]


def find_paren_sums(view: DocView) -> list[Relation]:
    out = []
    for a, b in view.parens:
        before = [q for q in view.levels_in(a - 60, a + 1) if a - 2 <= q.end <= a and not view.text[q.end:a].strip()]
        if not before or not view.additive(before[-1]):
            continue
        total = before[-1]
        inner = view.text[a + 1:b]
        parts = [q for q in _top_level(view, view.between(a + 1, b), (a, b))
                 if _same_unit(q, total) and view.additive(q)]
        if not parts:
            continue
        # A parenthesised list is judged like 其中: equal if some leading run adds up, checked for
        # equality when its parts name a whole (公办/民办), an error when it exceeds one breakdown;
        # a shortfall may be a partial listing and is never an error.
        out.append(Relation("sum", "parenthesised", total, parts, complete=False,
                            extra={"says_partial": bool(C.PARTS_START.match(inner.lstrip()))}))
    return out


def find_qizhong_sums(view: DocView) -> list[Relation]:
    out = []
    for m in view.matches(C.PARTS_START):
        p = m.start()
        span = view.depth_span(p)
        if span is not None and view.text[span[0] + 1:p].strip() == "":
            continue  # "(其中…)": the parenthesis finder owns it
        end = view.period_end(p)
        if not view.text[m.end():end].strip():  # "其中,⏎…": the list starts on the next line
            end = view.period_end(end + 1)
        if span is not None:
            end = min(end, span[1])
        region = _top_level(view, view.between(m.end(), end), span)
        region = [q for q in region if view.additive(q)]
        start = view.period_start(p)
        if not view.text[start:p].strip(" ,，:："):
            j = start - 1  # 其中 opens a sentence: the total is in the one before
            while j > 0 and view.text[j] in "\n 。!?！？;；":
                j -= 1
            start = view.period_start(j)
        changes = [q for q in _top_level(view, view.between(m.end(), end), span) if q.is_change and q.kind != "percent"]
        for unit in dict.fromkeys(q.unit for q in changes):
            parts = [q for q in changes if q.unit == unit]
            totals = [q for q in view.between(start, p) if q.is_change and q.unit == unit]
            if totals and len(parts) >= 2:
                out.append(Relation("sum", "qizhong_changes", totals[-1], parts, complete=False,
                                    extra={"verify_only": True}))
        shares = [q for q in _top_level(view, view.between(m.end(), end), span) if view.is_share(q)]
        share_totals = [q for q in view.between(start, p) if view.is_share(q)]
        if len(shares) >= 2 and share_totals:  # 占42.3%, 其中…占25.6%, …占16.7%
            out.append(Relation("sum", "qizhong_shares", share_totals[-1], shares, complete=False,
                                extra={"verify_only": True}))
        mixed = [q for q in region if q.unit in INSTITUTION_UNITS]
        for unit in dict.fromkeys(q.unit for q in region):
            parts = [q for q in region if q.unit == unit]
            totals = [q for q in view.levels_in(start, p) if q.unit == unit
                      and q.kind == parts[0].kind and view.depth_span(q.start) == span and view.additive(q)]
            nxt = _continuation(view, end, parts) if span is None else None
            if nxt is not None:
                parts = parts + [nxt]
            if totals and parts and unit:
                first_of = ("qizhong", totals[-1].quantity_id)
                if unit in INSTITUTION_UNITS and len({q.unit for q in mixed}) > 1:
                    # 卫生机构3710个。其中,医院122个,…卫生监督所17所,…: institutions counted with several
                    # measure words are still one list; kept only when it adds up, else the same-unit list below
                    out.append(Relation("sum", "qizhong_institutions", totals[-1], mixed, complete=False,
                                        extra={"verify_only": True, "first_of": first_of}))
                out.append(Relation("sum", "qizhong", totals[-1], parts, complete=False,
                                    extra={"first_of": first_of}))
    return out


def _continuation(view: DocView, end: int, parts: list[Quantity]) -> Quantity | None:
    """The list of a 其中 may go on in the next sentence ("其中:接待国内旅游者A人次…。接待入境旅游者
    B人次"): its first figure joins when it has the parts' unit and their head word (旅游者)."""
    head = (parts[0].subject or "")[-3:]
    if len(head) < 2:
        return None
    following = [q for q in view.levels_in(end + 1, view.period_end(end + 1))]
    if following and _same_unit(following[0], parts[0]) and (following[0].subject or "").endswith(head) \
            and view.additive(following[0]):
        return following[0]
    return None


def find_total_after(view: DocView) -> list[Relation]:
    """…A 3人、B 5人、C 7人,共计15人: the list run right before 共计/合计/总计."""
    out = []
    for t in view.levels:
        if not C.TOTAL_AFTER.search(view.text[max(0, t.start - 6):t.start]) or not view.additive(t):
            continue
        start = view.period_start(t.start)
        cands = view.levels_in(start, t.start)
        parts: list[Quantity] = []
        nxt = t
        for q in reversed(cands):
            gap = view.text[q.end:nxt.start]
            if len(gap) > (8 if nxt is t else 14) or re.search(r"[。;；]|到|至|比|较", gap):
                break
            if not (_same_unit(q, t) and view.additive(q)):
                break
            parts.insert(0, q)
            nxt = q
        if len(parts) >= 2:
            out.append(Relation("sum", "total_after_list", t, parts, complete=True))
    return out


def find_by_dimension(view: DocView) -> list[Relation]:
    """按行业分, A…, B…: the parts are a complete breakdown of one of the paragraph's earlier
    figures of the same unit — which one the text does not say, so a relation is recorded only
    when one of them matches (never an accusation)."""
    out = []
    for m in view.matches(C.BY_DIMENSION):
        end = view.period_end(m.end())
        parts = [q for q in view.between(m.end(), end) if view.additive(q)]
        if len(parts) < 2:
            continue
        unit = parts[0].unit
        parts = [q for q in parts if q.unit == unit and q.kind == parts[0].kind]
        line_start = view.text.rfind("\n", 0, m.start()) + 1
        totals = [q for q in view.levels_in(line_start, m.start()) if q.unit == unit
                  and view.additive(q)]
        # the whole may be stated paragraphs before (按中央和地方划分 … of the budget's 收入总数)
        distant = [q for q in reversed(view.levels_before(line_start, parts[0])) if view.additive(q)
                   and _precise(q)][:DISTANT_TOTALS]
        if (totals or distant) and len(parts) >= 2:
            out.append(Relation("sum", "by_dimension", None, parts, complete=True,
                                extra={"candidates": totals, "distant": distant}))
    return out


DISTANT_TOTALS = 40
_CHANGE_GAP = re.compile(r"^[^。;；\n]{0,14}$")


def _change_after(view: DocView, q: Quantity) -> Quantity | None:
    """The change stated right after a level, before the next level: 活期存款91.97亿元,比年初增加7.1亿元."""
    after = view.between(q.end, q.end + 24)
    c = after[0] if after else None  # the next figure, if it is a change (not another level)
    if c is not None and c.is_change and c.unit == q.unit and c.kind == q.kind \
            and _CHANGE_GAP.match(view.text[q.end:c.start]):
        return c
    return None


def find_remainders(view: DocView) -> list[Relation]:
    """A whole, some of its parts and "the rest" (36幅…,其中10幅已…,其余26幅…; 13幅…,预计7幅…,其余6幅…):
    the rest completes the list, so the parts make the whole.  The whole is the first figure of the
    unit in the sentence or the two before (hard-wrapped text cuts sentences), which is inferred, so
    the relation is kept only when it holds."""
    out = []
    for b in view.levels:
        if not view.additive(b) or not C.REMAINDER.search(view.text[max(0, b.start - 6):b.start]):
            continue
        lo, back = view.period_start(b.start), 0
        while back < 2 and lo > 0:  # two sentences back, not counting empty ones ("。⏎")
            prev = view.period_start(lo - 1)
            back += bool(view.text[prev:lo].strip(" \t\n。!?！？"))
            lo = prev
        run = [q for q in view.levels_in(lo, b.start) if q.unit == b.unit and q.kind == b.kind and view.additive(q)]
        if len(run) >= 2:
            out.append(Relation("sum", "remainder", run[0], run[1:] + [b], complete=True, extra={"verify_only": True}))
    return out


def find_parallel_changes(view: DocView) -> list[Relation]:
    """A breakdown whose figures each carry their change (住户存款余额238.3亿元,比年初增加36.3亿元。
    住户存款余额中,活期存款91.97亿元,比年初增加7.1亿元,定期及其他存款146.4亿元,比年初增加29.2亿元):
    the changes add up as the levels do.  Which earlier figure is the whole is not said, so the
    relation is kept only when the changes of the parts add up to the change of one of them."""
    out = []
    for pattern in (C.BY_DIMENSION, C.PARTS_START):
        for m in view.matches(pattern):
            end = view.period_end(m.end())
            levels = [q for q in view.between(m.end(), end) if view.additive(q)]
            if len(levels) < 2:
                continue
            parts = [q for q in levels if q.unit == levels[0].unit and q.kind == levels[0].kind]
            changes = [_change_after(view, q) for q in parts]
            if len(parts) < 2 or any(c is None for c in changes):
                continue
            line_start = view.text.rfind("\n", 0, m.start()) + 1
            totals = [q for q in view.levels_in(max(line_start, m.start() - 400), m.start())
                      if q.unit == parts[0].unit and view.additive(q)]
            candidates = [c for c in (_change_after(view, t) for t in reversed(totals[-12:])) if c is not None]
            if candidates:
                out.append(Relation("sum", "parallel_changes", None, changes, complete=True,
                                    extra={"candidates": candidates, "verify_only": True}))
    return out


def _precise(q: Quantity) -> bool:
    """A figure with four significant digits or more: a sum can match it far away only by design."""
    digits = _NOT_DIGIT.sub("", q.surface.split(".")[0] + (q.surface.split(".")[1] if "." in q.surface else ""))
    return len(digits.strip("0")) >= 4


def find_enumerated_items(view: DocView) -> list[Relation]:
    """Classes enumerated inside a paragraph ("本年各类收入的情况如下:(一)各项税收共收到A元…;(二)国营
    企业收入共收到B元…"): the first figure of each item, in the unit of the first, is a part of one
    whole stated before the list — which one is inferred, so it is recorded only when one matches."""
    out = []
    pos = 0
    text = view.text
    while True:
        m = C.INLINE_ITEM.search(text, pos)
        if m is None:
            break
        line_end = text.find("\n", m.start())
        line_end = len(text) if line_end == -1 else line_end
        marks = [m] + [x for x in C.INLINE_ITEM.finditer(text, m.end(), line_end)]
        pos = max(line_end, m.end())
        if len(marks) < 2 or marks[0].group("n") != "一":
            continue
        parts: list[Quantity] = []
        for i, mk in enumerate(marks):
            stop = marks[i + 1].start() if i + 1 < len(marks) else line_end
            first = next((q for q in view.levels_in(mk.end(), stop) if (view.additive(q) or view.is_share(q))
                          and (not parts or _same_unit(q, parts[0]))), None)
            if first is None:
                break
            parts.append(first)
        if len(parts) != len(marks):
            continue
        if all(view.is_share(q) for q in parts):  # (一)…占16.8%;(二)…占42.3%: shares of one whole
            out.append(Relation("share", "enumerated_shares", None, parts, complete=True, extra={"verify_only": True}))
            continue
        if not all(view.additive(q) for q in parts):
            continue
        para = text.rfind("\n", 0, m.start()) + 1
        totals = [q for q in view.levels_in(para, m.start()) if _same_unit(q, parts[0]) and view.additive(q)]
        distant = [q for q in reversed(view.levels_before(para, parts[0])) if view.additive(q)
                   and _precise(q)][:DISTANT_TOTALS]
        out.append(Relation("sum", "enumerated_items", None, parts, complete=True,
                            extra={"candidates": totals[::-1], "distant": distant, "verify_only": True}))
    return out




def find_total_after_run(view: DocView) -> list[Relation]:
    """Figures followed in their sentence by one named as their whole ("本年收入A元, 上年结转收入B元,
    收入总数共为C元"): C = A + B when it holds (nothing claims it, so it is verified only)."""
    out = []
    levels = view.levels
    for i, t in enumerate(levels):
        if not view.additive(t) or not C.WHOLE_WORD.search(view.text[max(view.period_start(t.start), t.start - 12):t.start]):
            continue
        run: list[Quantity] = []
        start = view.period_start(t.start)
        for q in reversed(levels[max(0, i - 6):i]):
            if q.start < start or not _same_unit(q, t) or not view.additive(q):
                break
            run.insert(0, q)
        for k in range(len(run) - 1):
            parts = run[k:]
            if len(parts) >= 2:
                out.append(Relation("sum", "total_after_run", t, parts, complete=False,
                                    extra={"verify_only": True, "first_of": ("after_run", t.quantity_id)}))
    return out


def find_listed_totals(view: DocView) -> list[Relation]:
    """分别为/分为三类 lists following a total of the same unit in the same sentence."""
    out = []
    for m in C.COMPLETE_LIST.finditer(view.text):
        start = view.period_start(m.start())
        totals = [q for q in view.levels_in(start, m.start()) if view.additive(q)]
        after = [q for q in view.between(m.end(), view.period_end(m.end())) if view.additive(q)]
        group = _list_run(view, after)
        if not totals or len(group) < 2:
            continue
        same = [t for t in totals if _same_unit(t, group[0])]
        if same and all(_same_unit(q, same[-1]) for q in group):
            claims = bool(re.search(r"分为", view.text[same[-1].end:m.end()]))
            out.append(Relation("sum", "respectively", same[-1], group, complete=claims,
                                extra={"claims": "分为" if claims else "分别为"}))
    return out


def _list_run(view: DocView, qs: list[Quantity]) -> list[Quantity]:
    run: list[Quantity] = []
    for q in qs:
        if run and not _LIST_GAP.match(view.text[run[-1].end:q.start]):
            break
        run.append(q)
    return run


_STRUCTURE = re.compile(r"结构|比重|比例|构成|占比")


def find_share_lists(view: DocView) -> list[Relation]:
    out = []
    for m in C.SHARE_LIST.finditer(view.text):
        after = [q for q in view.between(m.end(), view.period_end(m.end())) if q.kind == "percent"]
        group = _list_run(view, after)
        if len(group) >= 2 and view.text[m.end():group[0].start].strip() == "":
            out.append(Relation("share", "shares_of_one_whole", None, group, complete=False))
    groups: list[list[Quantity]] = []
    for q in view.qs:
        if q.kind != "ratio":
            continue
        if groups and re.fullmatch(r"\s*[:︰]\s*", view.text[groups[-1][-1].end:q.start]):
            groups[-1].append(q)
        else:
            groups.append([q])
    for group in groups:
        lead = _CLAUSE_SPLIT.split(view.text[max(0, group[0].start - 16):group[0].start])[-1]
        if len(group) >= 3 and (_STRUCTURE.search(group[0].subject or "") or _STRUCTURE.search(lead)):
            out.append(Relation("share", "structure_ratio", None, group, complete=True))
    return out


def _structure_groups(view: DocView) -> list[list[Quantity]]:
    """Runs of shares of one whole: 比重为12.9:56.9:30.2 and 比重(分别)为19.6%、27.8%和52.6%."""
    groups: list[list[Quantity]] = []
    for r in find_share_lists(view):
        groups.append(r.parts)
    return groups


def find_structure_shares(view: DocView) -> list[Relation]:
    """A structure given after its parts ("生产总值T, 其中第一产业a, 第二产业b, 第三产业c … 三次产业
    结构为x:y:z"): each share is its part over the total.  Which figures are meant is inferred (the
    last n same-unit figures of the paragraph before the shares, adding up to the figure before them),
    so the relations are kept only when they hold."""
    out = []
    for group in _structure_groups(view):
        n = len(group)
        para = view.text.rfind("\n", 0, group[0].start) + 1
        before = [q for q in view.levels_in(para, group[0].start)
                  if q.kind not in ("percent", "ratio") and view.additive(q)]
        for k in range(len(before) - n, 0, -1):
            parts = before[k:k + n]
            total = before[k - 1]
            if not all(_same_unit(p, total) for p in parts) or not total.value:
                continue
            s = sum(p.value for p in parts)
            if abs(s - total.value) <= 0.01 * total.value:
                for share, part in zip(group, parts):
                    out.append(Relation("share", "structure_of_parts", share, [part, total],
                                        extra={"verify_only": True, "match": "inferred"}))
                break
    return out


def find_vital_rates(view: DocView) -> list[Relation]:
    """出生率 b‰ … 死亡率 d‰ … 自然增长率 n‰: b = d + n."""
    out = []
    for m in C.VITAL_RATES.finditer(view.text):
        rates = [q for q in view.between(m.start(), m.end() + 12) if q.unit == "‰" and not q.is_change]
        if len(rates) == 3:
            out.append(Relation("sum", "natural_growth", rates[0], [rates[1], rates[2]], complete=True))
    return out


def find_implicit_breakdowns(view: DocView) -> list[Relation]:
    """A figure followed, in its paragraph, by figures of the same unit whose subjects share its
    head word (生产事故数 157起 … 工矿商贸事故数 12起, 道路交通事故数 138起, 铁路运输事故数 7起).
    Nothing says they are complete, so a relation is recorded only when a leading run adds up."""
    out = []
    levels = [q for q in view.levels if view.additive(q) and q.subject]
    for i, t in enumerate(levels):
        head = t.subject[-2:]
        line_end = view.text.find("\n", t.end)
        line_end = len(view.text) if line_end == -1 else line_end
        parts = [q for q in levels[i + 1:i + 14] if q.start < line_end and _same_unit(q, t)
                 and q.subject.endswith(head) and q.subject != t.subject]
        if len(parts) >= 2:
            out.append(Relation("sum", "implicit_breakdown", t, parts, complete=False, extra={"verify_only": True}))
    return out


INSTITUTION_UNITS = frozenset({"个", "所", "家", "座", "处", "间"})


def _summable(a: Quantity, b: Quantity, *, loose_units: bool) -> bool:
    if _same_unit(a, b):
        return True
    return loose_units and a.unit in INSTITUTION_UNITS and b.unit in INSTITUTION_UNITS


def find_adjacent_runs(view: DocView) -> list[Relation]:
    """A figure followed in its sentence by figures that add up to it exactly
    ("参保105.55万人,参保在职职工81.33万人,参保离退休人员24.22万人"; "卫生院17个(中心卫生院5所、
    普通卫生院12所)").  Nothing claims the relation, so it is recorded only when it holds."""
    out = []
    levels = [q for q in view.levels if view.additive(q)]
    for i, t in enumerate(levels):
        end = view.period_end(t.end)
        run: list[Quantity] = []
        for q in levels[i + 1:i + 12]:
            if q.start >= end or not _summable(t, q, loose_units=True):
                break
            run.append(q)
        if len(run) >= 2:
            out.append(Relation("sum", "adjacent_run", t, run, complete=False, extra={"verify_only": True}))
    return out


_SHARE_ITEM = re.compile(r"(?:占|比重|占比|份额)[^,，。;；]{0,20}?(?:为|是|达|达到|上升到|上升为|下降到|下降为|提高到|降为|降到|占)?\s*$")


def find_share_groups(view: DocView) -> list[Relation]:
    """Shares given clause by clause in one sentence ("建筑工程…占…比重为90.5%;安装工程…占比5.5%;
    其他…占比4.0%", "国营占63.8%,合作社营占4.7%…", "在手工业总产值中,合作社的产值将上升到72.5%,
    个体的产值将下降为27.5%"): if they are the parts of one whole they make 100."""
    out = []
    by_sentence: dict[int, list[Quantity]] = {}
    framed: dict[int, bool] = {}
    for q in view.levels:
        if q.kind != "percent" or q.unit != "%" or view.is_base(q):
            continue
        start = view.period_start(q.start)
        if start not in framed:
            framed[start] = bool(C.SHARE_FRAME.search(view.text[start:min(q.start, start + 40)]))
        if framed[start] or _SHARE_ITEM.search(view.text[max(0, q.start - 24):q.start]):
            by_sentence.setdefault(start, []).append(q)
    for group in by_sentence.values():
        if len(group) >= 2:
            out.append(Relation("share", "share_clauses", None, group, complete=False, extra={"verify_only": True}))
    return out


def find_share_pairs(view: DocView) -> list[Relation]:
    """Shares that moved, clause by clause in one sentence ("生产性投资比重由上年的68.6%上升到72.2%,
    非生产性投资比重相应由31.4%下降为27.8%"): the earlier shares and the later ones are each the parts
    of one whole.  Nothing says the list is complete, so each group is kept only when it makes 100."""
    by_sentence: dict[int, list[tuple[Quantity, Quantity]]] = {}
    pcts = [q for q in view.levels if q.kind == "percent" and q.unit == "%"]
    for a, b in zip(pcts, pcts[1:]):
        if not C.SHARE_PAIR_TO.fullmatch(view.text[a.end:b.start]):
            continue
        m = C.SHARE_PAIR_FROM.search(view.text[max(0, a.start - 14):a.start])
        if not m:
            continue
        start = view.period_start(a.start)
        lead = view.text[max(start, a.start - len(m.group(0)) - 24):a.start - len(m.group(0))]
        if not C.SHARE_CUE.search(re.split(r"[。;；]", lead)[-1]):
            continue
        by_sentence.setdefault(start, []).append((a, b))
    out = []
    for pairs in by_sentence.values():
        # a sentence may move shares of several wholes (能源工业投资比重…, 运输邮电业…; 生产性…, 非生产性…):
        # the longest run of consecutive pairs whose earlier and later shares both come near 100 is one whole
        runs = [(i, j) for i in range(len(pairs)) for j in range(len(pairs), i + 1, -1)]
        for i, j in sorted(runs, key=lambda ij: ij[0] - ij[1]):
            run = pairs[i:j]
            if all(abs(sum(p[side].value for p in run) - 100.0) <= 0.6 * len(run) for side in (0, 1)):
                for side in (0, 1):
                    out.append(Relation("share", "share_pairs", None, [p[side] for p in run], complete=False,
                                        extra={"verify_only": True}))
                break
    return out


def find_named_base_shares(view: DocView) -> list[Relation]:
    """Shares of one named whole across the sentences of a paragraph ("(一)工业支出…占经济建设费总数
    的53.22%…(二)…占经济建设费总数的13.61%…"): if the list is complete they make 100, so a group is
    kept only when it does."""
    groups: dict[tuple[int, str], list[Quantity]] = {}
    for q in view.levels:
        if q.kind != "percent" or q.unit != "%" or view.is_base(q):
            continue
        m = C.NAMED_BASE_SHARE.search(view.text[max(0, q.start - 24):q.start])
        if not m:
            continue
        para = view.text.rfind("\n", 0, q.start) + 1
        groups.setdefault((para, m.group("base")), []).append(q)
    return [Relation("share", "shares_of_named_base", None, g, complete=False, extra={"verify_only": True})
            for g in groups.values() if len(g) >= 2]


_SEGMENT_END = re.compile(r"[。;；\n]")
MAX_SEGMENTS = 16


def find_segment_breakdowns(view: DocView) -> list[Relation]:
    """A total followed by one clause or sentence per part, each opening with its own figure
    ("全市各级各类学校4563所, 在校生211.74万人 …。其中, 高等教育学校5所, 在校生10.64万人 …。中等职业
    教育学校37所, 在校生6.85万人 …"): the first figure of each later segment in the total's unit —
    or the first whose subject ends like the total's (在校生) — add up to it.  Nothing claims it,
    so it is recorded only when a run of segments adds up exactly."""
    from extract.totals import strict, _sum  # judged here: only a run that holds is worth a row

    out = []
    text = view.text
    for t in view.levels:
        if not view.additive(t) or not strict(t).bounded:
            continue
        line_end = text.find("\n", t.end)
        line_end = len(text) if line_end == -1 else line_end
        ends = [m.start() for m in _SEGMENT_END.finditer(text, t.end, line_end)][:MAX_SEGMENTS] + [line_end]
        if len(ends) < 3:
            continue
        head = (t.subject or "")[-3:]
        for variant in ("first", "subject"):
            if variant == "subject" and len(head) < 2:
                continue
            parts: list[Quantity] = []
            found = False
            for a, b in zip(ends, ends[1:]):
                seg = [q for q in view.levels_in(a + 1, b) if _same_unit(q, t) and view.additive(q)]
                if variant == "subject":
                    seg = [q for q in seg if (q.subject or "").endswith(head)]
                if not seg:
                    break
                parts.append(seg[0])
                total = _sum(parts, strict)
                if len(parts) >= 2 and strict(t).meets(total):
                    out.append(Relation("sum", "segment_breakdown", t, list(parts), complete=False,
                                        extra={"verify_only": True}))
                    found = True
                    break
                if total.lo > strict(t).hi:
                    break
            if found:
                break
    return out
