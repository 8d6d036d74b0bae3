"""Helper for the checks gold set (tests/gold/checks.jsonl): relations between stated
quantities, annotated by reading, with the expected verdict of the totals checker.

It never stores corpus text.  Documents are read through ``tests.gold.anchor`` (corpus) or
``corpus.load.load_documents`` (examples/) each time; the annotation spec that names the
surfaces lives outside the project and is turned into JSONL rows by ``build``.

Commands (run from the repository root with the project's Python):

  show     PATH START END [ROW]   text[START:END] of a document (PATH is corpus-relative,
                                  or examples/<name>; ROW picks a CSV row)
  build    SPECFILE [OUT]         turn a spec (Python file defining SPEC = [R(...), ...])
                                  into JSONL rows and print a review table; rows whose
                                  interval test disagrees with the expected verdict are
                                  marked so the annotator can look again
  validate [JSONL]                check the gold file: every surface equals
                                  text[start:end], values and ``computed`` re-derived
                                  from the surfaces, arithmetic strings present, counts
                                  per kind / verdict / file

Spec items: ``R(src, kind, verdict, total=..., parts=[...], after=..., ...)``.  ``after`` is
a short string (or an offset) fixing where the surfaces are searched from; each surface is
the first occurrence at or after that point (``("surf", k)`` takes the k-th).  Parts of a
rate are ``N("surf")`` and ``D("surf")`` (numerator, denominator); parts of a change carry
roles ``F`` (from / earlier level), ``T`` (to / later level), ``C`` (stated change).

The interval rules are those of CHECKS_GUIDE.md: a value with decimals or a scale stands
for everything that rounds to it, a plain integer is exact, a percentage may also be
truncated, 余/多 add one step of the last non-zero digit, 近 is [0.9v, v], 约/左右 ±10 %,
超过/逾/突破/以上 are unbounded above, 不足/以下 bounded below by 0.
"""
from __future__ import annotations

import json
import math
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = "/work/shared/corpus"
REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))
GOLD = Path(__file__).with_name("checks.jsonl")
INF = float("inf")
VERBOSE = True
KINDS = ("sum", "rate", "share", "average", "restated", "change")
VERDICTS = ("consistent", "inconsistent", "undetermined", "partial")

# ----------------------------------------------------------------------------- documents


def doc_text(src: str, part_index: int = 0, row_index: int | None = None) -> str:
    if src.startswith("examples/"):
        from corpus.load import load_documents
        docs = load_documents(Path(__file__).resolve().parents[2] / src, rel=src)
        for d in docs:
            if d.part_index == part_index and (row_index is None or getattr(d, "row_index", None) == row_index):
                return d.text
        raise LookupError(f"{src} has no part {part_index} row {row_index}")
    from tests.gold.anchor import corpus_document
    return corpus_document(ROOT, src, part_index).text


# ----------------------------------------------------------------------------- numbers
CN_DIGIT = {"〇": 0, "零": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
            "六": 6, "七": 7, "八": 8, "九": 9}
CN_UNIT = {"十": 10, "百": 100, "千": 1000}
SCALES = {"万亿": 10 ** 12, "亿": 10 ** 8, "万": 10 ** 4, "千": 10 ** 3}
PRE_HEDGES = ("将近", "接近", "大约", "超过", "约", "近", "超", "逾", "突破", "不足", "不到", "达")
POST_HEDGES = ("以上", "左右", "以下", "以内", "上下")


def cn_int(s: str) -> int:
    """Chinese integer numeral below 10^8 (一千七百, 十五, 两, 二一二)."""
    if s and all(c in CN_DIGIT for c in s):
        if len(s) == 1:
            return CN_DIGIT[s]
        return int("".join(str(CN_DIGIT[c]) for c in s))
    total, cur, sec = 0, 0, 0
    for c in s:
        if c in CN_DIGIT:
            cur = CN_DIGIT[c]
        elif c in CN_UNIT:
            sec += (cur or 1) * CN_UNIT[c]
            cur = 0
        elif c == "万":
            total += (sec + cur) * 10000
            sec, cur = 0, 0
        else:
            raise ValueError(f"not a Chinese numeral: {s}")
    return total + sec + cur


NUM_RE = re.compile(
    r"^(?P<pre>" + "|".join(PRE_HEDGES) + r")?\s*"
    r"(?P<sign>[-−])?"
    r"(?P<num>[0-9][0-9, ]*(?:\.[0-9]+)?|[〇零○一二两三四五六七八九十百千]+(?:点[〇零○一二三四五六七八九]+)?)"
    r"(?P<h1>余|多)?"
    r"(?P<scale>万亿|亿|万|千(?![瓦米克伏]))?"
    r"(?P<h2>余|多)?"
    r"(?P<unit>.*?)"
    r"(?P<post>" + "|".join(POST_HEDGES) + r")?$")


class Q:
    """A parsed quantity surface: value (base units), interval [lo, hi], unit, hedge."""

    def __init__(self, surface: str):
        self.surface = surface
        s = surface.strip()
        self.percent = False
        m = re.match(r"^(?P<pre>约|近|超过)?百分之(?P<num>.+?)(?P<post>以上|左右)?$", s)
        if m:
            self._percent_cn(m)
            return
        m = NUM_RE.match(s)
        if not m:
            raise ValueError(f"cannot parse surface {surface!r}")
        num = m.group("num")
        hedge = (m.group("pre") or "") + (m.group("h1") or m.group("h2") or "") + (m.group("post") or "")
        if hedge == "达":
            hedge = ""
        unit = (m.group("unit") or "").strip()
        scale_word = m.group("scale") or ""
        scale = SCALES.get(scale_word, 1)
        if re.match(r"[0-9]", num):
            digits = num.replace(",", "").replace(" ", "")
            v = float(digits)
            dec = len(digits.split(".")[1]) if "." in digits else 0
            ulp = 10 ** -dec
            int_part = digits.split(".")[0]
        else:
            if "点" in num:
                ip, fp = num.split("点")
                v = float(f"{cn_int(ip) if ip else 0}.{''.join(str(CN_DIGIT[c]) for c in fp)}")
                dec = len(fp)
                ulp = 10 ** -dec
            else:
                v = float(cn_int(num))
                dec = 0
                ulp = 1
            int_part = str(int(v))
        if m.group("sign"):
            v = -v
        self.unit = unit
        self.hedge = hedge
        self.scale_word = scale_word
        self.num_text = num
        self.dec = dec
        base = v * scale
        # precision: decimals or a scale make the value a rounded one
        if dec > 0 or scale > 1:
            half = 0.5 * ulp * scale
        else:
            half = 0.0
        self.percent = unit in ("%", "个百分点", "百分点")
        self.permille = unit in ("‰", "个千分点")
        if self.percent or self.permille:
            # percentages: rounded or truncated (towards zero) at their last digit
            lo, hi = (v - 0.5 * ulp, v + ulp) if v >= 0 else (v - ulp, v + 0.5 * ulp)
        else:
            lo, hi = base - half, base + half
        # trailing-zero reading (only used to soften an inconsistency)
        tz = len(int_part) - len(int_part.rstrip("0")) if dec == 0 and int_part.strip("0") else 0
        self.tz_half = 0.5 * 10 ** tz * scale if tz else half
        # hedges
        step = 10 ** tz * scale if dec == 0 else ulp * scale
        if "余" in hedge or "多" in hedge:
            lo, hi = base, base + step
        if hedge.startswith(("近", "将近", "接近")):
            lo, hi = 0.9 * base, base
        if hedge.startswith(("约", "大约")) or "左右" in hedge or "上下" in hedge:
            lo, hi = min(lo, 0.9 * base), max(hi, 1.1 * base)
        if hedge.startswith(("超过", "超", "逾", "突破")):
            lo, hi = base, INF
        if "以上" in hedge:
            lo, hi = base, INF
        if hedge.startswith(("不足", "不到")) or "以下" in hedge or "以内" in hedge:
            lo, hi = 0.0, base
        self.value = v if (self.percent or self.permille) else base
        self.lo, self.hi = lo, hi
        self.bounded = math.isfinite(hi)
        self.hedged = bool(hedge)

    def _percent_cn(self, m):
        num = m.group("num")
        if "点" in num:
            ip, fp = num.split("点")
            v = float(f"{cn_int(ip)}.{''.join(str(CN_DIGIT[c]) for c in fp)}")
            ulp = 10 ** -len(fp)
        else:
            v, ulp = float(cn_int(num)), 1
        self.unit, self.scale_word, self.num_text = "%", "", num
        self.percent, self.permille = True, False
        self.hedge = (m.group("pre") or "") + (m.group("post") or "")
        self.dec = 0 if ulp == 1 else len(num.split("点")[1])
        self.value, self.lo, self.hi = v, v - 0.5 * ulp, v + ulp
        self.tz_half = 0.5 * ulp
        if self.hedge.startswith("约") or "左右" in self.hedge:
            self.lo, self.hi = 0.9 * v, 1.1 * v
        if self.hedge.startswith("超过") or "以上" in self.hedge:
            self.hi = INF
        self.bounded = math.isfinite(self.hi)
        self.hedged = bool(self.hedge)

    def __repr__(self):
        return f"Q({self.surface!r}={self.value:g} [{self.lo:g},{self.hi:g}])"


def fmt(x: float) -> str:
    if x is None:
        return "None"
    if not math.isfinite(x):
        return "inf"
    if abs(x - round(x)) < 1e-9:
        return str(int(round(x)))
    return f"{x:.12g}"


# ----------------------------------------------------------------------------- interval maths

def iadd(a, b):
    return (a[0] + b[0], a[1] + b[1])


def isub(a, b):
    return (a[0] - b[1], a[1] - b[0])


def idiv(a, b):
    cands = [x / y for x in a for y in b if y not in (0, 0.0) and math.isfinite(x) and math.isfinite(y)]
    if b[0] <= 0 <= b[1] or not cands:
        return (-INF, INF)
    if not all(map(math.isfinite, list(a) + list(b))):
        lo = min(cands) if cands else -INF
        return (lo, INF)
    return (min(cands), max(cands))


def imul(a, k):
    return (a[0] * k, a[1] * k) if k >= 0 else (a[1] * k, a[0] * k)


def meets(a, b, eps=1e-9):
    return a[0] <= b[1] + eps and b[0] <= a[1] + eps


def gap(a, b):
    if meets(a, b):
        return 0.0
    return b[0] - a[1] if a[1] < b[0] else a[0] - b[1]


# ----------------------------------------------------------------------------- spec items


class P:
    """A part surface with an optional role and an optional k (k-th occurrence)."""

    def __init__(self, surface, role=None, k=0, sign=1, at=None, mult=1.0):
        if isinstance(surface, tuple):
            surface, k = surface
        self.surface, self.role, self.k, self.sign = surface, role, k, sign
        self.at, self.mult = at, mult


def U(s, mult, k=0, role=None, at=None):
    """A surface from a table whose unit sits in a header (mult converts it to base units)."""
    return P(s, role, k, at=at, mult=mult)


def parsed(p: "P") -> "Q":
    q = Q(p.surface)
    if p.mult != 1.0:
        q.value, q.lo, q.hi = q.value * p.mult, q.lo * p.mult, q.hi * p.mult
        q.scale_word = f"x{p.mult:g}"
    return q


def N(s, k=0, at=None, mult=1.0):
    return P(s, "numerator", k, at=at, mult=mult)


def D(s, k=0, at=None, mult=1.0):
    return P(s, "denominator", k, at=at, mult=mult)


def F(s, k=0, at=None, mult=1.0):
    return P(s, "from", k, at=at, mult=mult)


def T(s, k=0, at=None, mult=1.0):
    return P(s, "to", k, at=at, mult=mult)


def C(s, k=0, at=None, mult=1.0):
    return P(s, "change", k, at=at, mult=mult)


def M(s, k=0, at=None, mult=1.0):
    """A part that is subtracted (sum relations of the form a = b - c)."""
    return P(s, "minus", k, sign=-1, at=at, mult=mult)


class R:
    def __init__(self, src, kind, verdict, total=None, parts=(), after=0, complete=False,
                 unit=None, conf="high", note="", mode=None, factor=1.0, years=None,
                 also=(), part_index=0, row=None, arith=None, stated=None):
        assert kind in KINDS, kind
        assert verdict in VERDICTS, verdict
        self.src, self.kind, self.verdict = src, kind, verdict
        self.total = P(total) if isinstance(total, (str, tuple)) else total  # P/U allowed
        self.parts = [p if isinstance(p, P) else P(p) for p in parts]
        self.after, self.complete, self.unit = after, complete, unit
        self.conf, self.note, self.mode, self.factor, self.years = conf, note, mode, factor, years
        self.also, self.part_index, self.row, self.arith, self.stated = list(also), part_index, row, arith, stated


def _boundary_ok(text: str, i: int, surface: str) -> bool:
    """A surface must not be the tail or head of a longer number (e.g. 2.5万 inside 12.5万)."""
    before = text[i - 1] if i > 0 else ""
    after = text[i + len(surface)] if i + len(surface) < len(text) else ""
    prev2 = text[i - 2] if i > 1 else ""
    if surface[:1].isdigit():
        if before.isdigit() or (before == "." and prev2.isdigit()):
            return False
        if before == "," and prev2.isdigit() and re.match(r"[0-9]{3}(?![0-9])", surface):
            return False
    if surface[:1] in "〇零○一二两三四五六七八九十百千" and before in "〇零○一二两三四五六七八九十百千点":
        return False
    if surface[-1:].isdigit() and (after.isdigit() or after == "." and text[i + len(surface) + 1:i + len(surface) + 2].isdigit()):
        return False
    return True


def locate_from(text: str, surface: str, start: int, k: int) -> int:
    seen = -1
    i = text.find(surface, start)
    while i >= 0:
        if _boundary_ok(text, i, surface):
            seen += 1
            if seen == k:
                return i
        i = text.find(surface, i + 1)
    raise LookupError(f"surface {surface!r} (k={k}) not found after {start}")


def _num_part(q: Q) -> str:
    """Short numeric rendering of a surface for arithmetic strings."""
    s = q.num_text.replace(",", "").replace(" ", "")
    if not re.match(r"[0-9]", s):
        s = fmt(q.value if not q.scale_word else q.value / SCALES[q.scale_word])
    elif q.scale_word.startswith("x"):
        s = fmt(q.value / float(q.scale_word[1:]))
    if q.value < 0 and not s.startswith("-"):
        s = "-" + s
    return s


def compute(rel: R, tq: Q | None, pq: list[tuple[P, Q]]):
    """Point value ``computed``, its interval, the stated interval and an arithmetic string."""
    kind, mode = rel.kind, rel.mode
    same_scale = len({q.scale_word for _, q in pq} | ({tq.scale_word} if tq else set())) == 1
    scale_word = pq[0][1].scale_word if pq else ""

    def nums(q):
        return _num_part(q) if same_scale else fmt(q.value)

    if kind == "sum" or (kind == "share" and tq is None):
        val, iv = 0.0, (0.0, 0.0)
        for p, q in pq:
            val += p.sign * q.value
            iv = iadd(iv, (q.lo, q.hi)) if p.sign > 0 else isub(iv, (q.lo, q.hi))
        expr = ""
        for j, (p, q) in enumerate(pq):
            n = nums(q)
            if j == 0:
                expr = n
            elif p.sign < 0:
                expr += "-" + n
            else:
                expr += ("+" + n) if not n.startswith("-") else n
        if tq is None:  # shares of one breakdown to 100
            st, siv = 100.0, (100.0, 100.0)
        else:
            st, siv = tq.value, (tq.lo, tq.hi)
        div = (float(scale_word[1:]) if scale_word.startswith("x") else SCALES[scale_word]) if scale_word else 1
        res = val / div if same_scale else val
        unit_note = f" ({scale_word}{(tq.unit if tq else pq[0][1].unit)})" if same_scale and scale_word and not scale_word.startswith("x") else ""
        arith = f"{expr}={fmt(round(res, 6))}{unit_note}"
        return val, iv, st, siv, arith
    if kind in ("rate", "share", "average"):
        if tq is None:
            raise ValueError("rate/share/average needs the stated value as total")
        num = [q for p, q in pq if p.role == "numerator"]
        den = [q for p, q in pq if p.role == "denominator"]
        st, siv = tq.value, (tq.lo, tq.hi)
        if not den:  # share of an unstated base
            return None, (-INF, INF), st, siv, f"{'+'.join(nums(q) for q in num)}/(base not stated)"
        n_iv, n_val = (0.0, 0.0), 0.0
        for q in num:
            n_iv, n_val = iadd(n_iv, (q.lo, q.hi)), n_val + q.value
        d_iv, d_val = (0.0, 0.0), 0.0
        for q in den:
            d_iv, d_val = iadd(d_iv, (q.lo, q.hi)), d_val + q.value
        if kind == "share" and tq.unit == "" and not tq.percent:  # bare share in a ratio or a table
            tq.percent = True
            u = 10 ** -tq.dec
            tq.lo, tq.hi = tq.value - 0.5 * u, tq.value + u
            st, siv = tq.value, (tq.lo, tq.hi)
        base_mult = 100.0 if (tq.percent and kind != "average") else (1000.0 if tq.permille else 1.0)
        mult = base_mult / rel.factor
        val = n_val / d_val * mult
        iv = imul(idiv(n_iv, d_iv), mult)
        ntxt = "+".join(fmt(q.value) for q in num)
        dtxt = "+".join(fmt(q.value) for q in den)
        if len(num) > 1:
            ntxt = f"({ntxt})"
        if len(den) > 1:
            dtxt = f"({dtxt})"
        extra = f"*{fmt(base_mult)}" if base_mult != 1 else ""
        if rel.factor != 1:
            extra += f"/{fmt(rel.factor)}" if rel.factor >= 1 else f"*{1 / rel.factor:.0e}".replace("+0", "")
        arith = f"{ntxt}/{dtxt}{extra}={val:.4f}"
        return val, iv, st, siv, arith
    if kind == "restated":
        a, b = pq[0][1], pq[1][1]
        st, siv = (tq.value, (tq.lo, tq.hi)) if tq else (a.value, (a.lo, a.hi))
        return b.value, (b.lo, b.hi), st, siv, f"{fmt(a.value)} vs {fmt(b.value)}"
    if kind == "change":
        roles = {p.role: q for p, q in pq}
        st, siv = tq.value, (tq.lo, tq.hi)
        A, B, Cq = roles.get("from"), roles.get("to"), roles.get("change")
        if mode == "diff":  # stated change = to - from
            val = B.value - A.value
            return val, isub((B.lo, B.hi), (A.lo, A.hi)), st, siv, f"{nums(B)}-{nums(A)}={fmt(round(val, 6))}"
        if mode == "fall":  # stated decrease = from - to
            val = A.value - B.value
            return val, isub((A.lo, A.hi), (B.lo, B.hi)), st, siv, f"{nums(A)}-{nums(B)}={fmt(round(val, 6))}"
        if mode == "growth":  # stated rate = (to/from - 1) * 100
            val = (B.value / A.value - 1) * 100
            iv = isub(imul(idiv((B.lo, B.hi), (A.lo, A.hi)), 100), (100, 100))
            return val, iv, st, siv, f"({fmt(B.value)}/{fmt(A.value)}-1)*100={val:.4f}"
        if mode == "decline":  # stated fall in percent = (1 - to/from) * 100
            val = (1 - B.value / A.value) * 100
            r = idiv((B.lo, B.hi), (A.lo, A.hi))
            iv = ((1 - r[1]) * 100, (1 - r[0]) * 100)
            return val, iv, st, siv, f"(1-{fmt(B.value)}/{fmt(A.value)})*100={val:.4f}"
        if mode == "growth_from_change":  # stated rate = change / (level - change) * 100
            sign = -1 if rel.factor == -1 else 1
            base = B.value - sign * Cq.value
            val = Cq.value / base * 100
            base_iv = isub((B.lo, B.hi), (Cq.lo, Cq.hi)) if sign > 0 else iadd((B.lo, B.hi), (Cq.lo, Cq.hi))
            iv = imul(idiv((Cq.lo, Cq.hi), base_iv), 100)
            op = "-" if sign > 0 else "+"
            return val, iv, st, siv, f"{fmt(Cq.value)}/({fmt(B.value)}{op}{fmt(Cq.value)})*100={val:.4f}"
        if mode == "target":  # stated level = from * (1 + rate)
            Rq = roles.get("change")
            val = A.value * (1 + Rq.value / 100)
            lo = A.lo * (1 + Rq.lo / 100)
            hi = A.hi * (1 + Rq.hi / 100)
            return val, (lo, hi), st, siv, f"{fmt(A.value)}*(1+{fmt(Rq.value)}%)={fmt(round(val, 4))}"
        if mode == "cagr":
            n = rel.years
            val = ((B.value / A.value) ** (1 / n) - 1) * 100
            r = idiv((B.lo, B.hi), (A.lo, A.hi))
            iv = ((r[0] ** (1 / n) - 1) * 100, (r[1] ** (1 / n) - 1) * 100)
            return val, iv, st, siv, f"(({fmt(B.value)}/{fmt(A.value)})^(1/{n})-1)*100={val:.4f}"
        if mode == "cagr_from_change":  # level B, change C over n years
            n = rel.years
            base = B.value - Cq.value
            val = ((B.value / base) ** (1 / n) - 1) * 100
            r = idiv((B.lo, B.hi), isub((B.lo, B.hi), (Cq.lo, Cq.hi)))
            iv = ((r[0] ** (1 / n) - 1) * 100, (r[1] ** (1 / n) - 1) * 100)
            return val, iv, st, siv, f"(({fmt(B.value)}/({fmt(B.value)}-{fmt(Cq.value)}))^(1/{n})-1)*100={val:.4f}"
        raise ValueError(f"unknown change mode {mode}")
    raise ValueError(kind)


def suggest(rel: R, tq, pq, iv, siv) -> str:
    """What a strict interval test says (consistent / inconsistent / meets-only-hedged)."""
    if iv is None or not all(map(math.isfinite, siv + iv)) and rel.kind != "sum":
        pass
    ok = meets(iv, siv)
    if rel.kind == "share" and tq is None and not rel.complete:
        return "consistent" if ok else ("partial" if iv[1] < siv[0] else "inconsistent")
    if rel.kind == "sum" and not rel.complete and tq is not None:
        parts_lo = sum(q.lo for p, q in pq if p.sign > 0)
        if parts_lo > siv[1] + 1e-9 or any(q.lo > siv[1] + 1e-9 for p, q in pq if p.sign > 0):
            return "inconsistent"
        return "consistent" if ok else "partial"
    return "consistent" if ok else "inconsistent"


MARKERS = ("其中", "包括", "当中", "分别为", "分别", "合计", "共计", "总计", "(", "(")


def list_marker(text: str, total: dict, parts: list) -> str | None:
    """The word that introduces the breakdown, looked for between the total and its nearest part."""
    if not parts:
        return None
    first = min(p["start"] for p in parts)
    last = max(p["end"] for p in parts)
    if total["end"] <= first:
        between = text[total["end"]:first]
    elif total["start"] >= last:
        between = text[last:total["start"]]
    else:
        return None
    if len(between) > 60:
        between = between[:60] if total["end"] <= first else between[-60:]
    for m in MARKERS:
        if m in between:
            return "(" if m == "(" else m
    return None


def build_rows(spec, quiet=False):
    rows = []
    texts = {}
    for n, rel in enumerate(spec, 1):
        key = (rel.src, rel.part_index, rel.row)
        if key not in texts:
            texts[key] = doc_text(rel.src, rel.part_index, rel.row)
        text = texts[key]
        start = rel.after if isinstance(rel.after, int) else text.find(rel.after)
        if start < 0:
            raise LookupError(f"#{n} anchor {rel.after!r} not found in {rel.src}")

        ctx = []

        def loc(p: P):
            st0 = start
            if p.at is not None:
                st0 = p.at if isinstance(p.at, int) else text.find(p.at)
                if st0 < 0:
                    raise LookupError(f"#{n} anchor {p.at!r} not found")
            try:
                i = locate_from(text, p.surface, st0, p.k)
            except LookupError as exc:
                raise LookupError(f"#{n} {rel.src}: {exc}") from None
            ctx.append(text[max(0, i - 8):i].replace("\n", "/") + "[" + p.surface + "]")
            d = {"start": i, "end": i + len(p.surface), "surface": p.surface}
            if p.mult != 1.0:
                d["mult"] = p.mult
            return d

        total = loc(rel.total) if rel.total is not None else None
        parts = []
        pq = []
        for p in rel.parts:
            d = loc(p)
            if p.role:
                d["role"] = p.role
            parts.append(d)
            pq.append((p, parsed(p)))
        tq = parsed(rel.total) if rel.total is not None else None
        val, iv, st, siv, arith = compute(rel, tq, pq)
        if rel.arith:
            arith = rel.arith
        if rel.stated is not None:
            st = rel.stated
        unit = rel.unit or (tq.unit if tq else pq[0][1].unit) or ""
        if unit.startswith(("万", "亿")):
            unit = unit.lstrip("万亿")
        if not unit and rel.kind == "share":
            unit = "%"
        sug = suggest(rel, tq, pq, iv, siv) if val is not None else "undetermined"
        row = {
            "id": None, "source_path": rel.src, "part_index": rel.part_index,
            "kind": rel.kind, "complete": bool(rel.complete),
            "total": total, "parts": parts, "unit": unit,
            "stated": round(st, 6) if st is not None else None,
            "computed": round(val, 6) if val is not None else None,
            "expected_verdict": rel.verdict, "arithmetic": arith,
            "confidence": rel.conf, "note": rel.note,
        }
        if rel.mode:
            row["mode"] = rel.mode
        if rel.years:
            row["years"] = rel.years
        if rel.factor != 1.0:
            row["factor"] = rel.factor  # rate/average: divisor (12 = per month); change: -1 = a decrease
        marker = list_marker(text, total, parts) if rel.kind == "sum" and total else None
        if marker:
            row["marker"] = marker
        also = list(rel.also)
        if (rel.kind == "sum" and rel.verdict == "consistent" and marker in ("其中", "包括", "当中")
                and "partial" not in also):
            also.append("partial")
        if also:
            row["also_acceptable"] = also
        if rel.row is not None:
            row["row_index"] = rel.row
        if rel.verdict == "inconsistent":
            row["gap"] = round(gap(iv, siv), 6)
        row["_suggest"] = sug
        row["_ctx"] = " ".join(ctx)
        row["_iv"] = [iv[0], iv[1]]
        row["_siv"] = [siv[0], siv[1]]
        rows.append(row)
    for i, r in enumerate(rows, 1):
        r["id"] = f"c{i:03d}"
    return rows


def cmd_build(specfile: str, out: str | None = None):
    ns: dict = dict(globals())
    code = Path(specfile).read_text(encoding="utf-8")
    exec(compile(code, specfile, "exec"), ns)
    spec = ns["SPEC"]
    rows = build_rows(spec)
    for r in rows:
        flag = "" if (r["_suggest"] == r["expected_verdict"] or r["_suggest"] in r.get("also_acceptable", [])) else "  <-- interval test says " + r["_suggest"]
        print(f"{r['id']} {r['source_path'][-28:]:28} {r['kind']:8} {r['expected_verdict']:12} "
              f"stated={fmt(r['stated'])} computed={fmt(r['computed']) if r['computed'] is not None else None} "
              f"iv=[{fmt(r['_iv'][0])},{fmt(r['_iv'][1])}] siv=[{fmt(r['_siv'][0])},{fmt(r['_siv'][1])}] | {r['arithmetic']}{flag}")
        if VERBOSE:
            print("      ", r["_ctx"])
    if out:
        with open(out, "w", encoding="utf-8") as fh:
            for r in rows:
                r = {k: v for k, v in r.items() if not k.startswith("_")}
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")
        print(f"wrote {len(rows)} rows to {out}")


# ----------------------------------------------------------------------------- validation


def cmd_validate(path: str | None = None):
    path = path or str(GOLD)
    rows = [json.loads(l) for l in open(path, encoding="utf-8") if l.strip()]
    errors = 0
    ids = Counter(r["id"] for r in rows)
    for i, c in ids.items():
        if c > 1:
            print("duplicate id", i)
            errors += 1
    texts = {}
    for r in rows:
        key = (r["source_path"], r["part_index"], r.get("row_index"))
        if key not in texts:
            texts[key] = doc_text(*key)
        text = texts[key]
        spans = ([r["total"]] if r["total"] else []) + r["parts"]
        for s in spans:
            if text[s["start"]:s["end"]] != s["surface"]:
                print(f"{r['id']}: surface {s['surface']!r} != text {text[s['start']:s['end']]!r}")
                errors += 1
            if len(s["surface"]) > 16:
                print(f"{r['id']}: surface too long {s['surface']!r}")
                errors += 1
        for f in ("kind", "expected_verdict", "arithmetic", "confidence", "unit"):
            if f not in r or r[f] in (None, "") and f != "unit":
                print(f"{r['id']}: missing {f}")
                errors += 1
        if r["kind"] not in KINDS or r["expected_verdict"] not in VERDICTS:
            print(f"{r['id']}: bad kind/verdict")
            errors += 1
        if r["confidence"] not in ("high", "medium", "low"):
            print(f"{r['id']}: bad confidence")
            errors += 1
        if r["expected_verdict"] == "inconsistent" and "gap" not in r:
            print(f"{r['id']}: inconsistent without gap")
            errors += 1
        # re-derive computed from the surfaces
        rel = R(r["source_path"], r["kind"], r["expected_verdict"],
                total=r["total"]["surface"] if r["total"] else None,
                parts=[P(p["surface"], p.get("role"), sign=-1 if p.get("role") == "minus" else 1,
                         mult=p.get("mult", 1.0)) for p in r["parts"]],
                complete=r["complete"], mode=r.get("mode"), factor=r.get("factor", 1.0), years=r.get("years"))
        tq = parsed(P(r["total"]["surface"], mult=r["total"].get("mult", 1.0))) if r["total"] else None
        pq = [(p, parsed(p)) for p in rel.parts]
        val, iv, st, siv, _ = compute(rel, tq, pq)
        if val is not None and r["computed"] is not None and abs(val - r["computed"]) > 1e-6 * max(1, abs(val)):
            print(f"{r['id']}: computed {r['computed']} != re-derived {val}")
            errors += 1
        if r["kind"] == "sum" and r["total"] and r["stated"] is not None and abs(tq.value - r["stated"]) > 1e-6 * max(1, abs(tq.value)):
            print(f"{r['id']}: stated {r['stated']} != total surface value {tq.value}")
            errors += 1
        if r["kind"] == "sum" and r["complete"] and r["expected_verdict"] == "partial":
            print(f"{r['id']}: complete list cannot be partial")
            errors += 1
        # the arithmetic string must agree with computed (sum: its right-hand side)
        if r["kind"] == "sum" and "=" in r["arithmetic"]:
            expr, rhs = r["arithmetic"].split("=", 1)
            try:
                lhs = eval(expr, {"__builtins__": {}})
                rhs_v = float(re.match(r"-?[0-9.]+", rhs).group())
                if abs(lhs - rhs_v) > 1e-6 * max(1, abs(lhs)):
                    print(f"{r['id']}: arithmetic {r['arithmetic']} does not add up ({lhs})")
                    errors += 1
            except Exception as exc:  # noqa: BLE001
                print(f"{r['id']}: arithmetic not evaluable: {r['arithmetic']} ({exc})")
                errors += 1
    print(f"{len(rows)} relations, {errors} errors")
    print("kinds:", dict(Counter(r["kind"] for r in rows)))
    print("verdicts:", dict(Counter(r["expected_verdict"] for r in rows)))
    print("kind x verdict:", dict(Counter((r["kind"], r["expected_verdict"]) for r in rows)))
    print("confidence:", dict(Counter(r["confidence"] for r in rows)))
    files = Counter(r["source_path"] for r in rows)
    corpus_files = [f for f in files if not f.startswith("examples/")]
    print(f"files: {len(files)} ({len(corpus_files)} corpus files)")
    for f, c in sorted(files.items()):
        print(f"  {c:4d}  {f}")
    return errors


def cmd_show(src, start, end, row=None):
    text = doc_text(src, 0, int(row) if row is not None else None)
    print(text[int(start):int(end)])


if __name__ == "__main__":
    a = sys.argv[1:]
    if not a:
        print(__doc__)
    elif a[0] == "build":
        cmd_build(a[1], a[2] if len(a) > 2 else None)
    elif a[0] == "validate":
        sys.exit(1 if cmd_validate(a[1] if len(a) > 1 else None) else 0)
    elif a[0] == "show":
        cmd_show(*a[1:])
    else:
        print(__doc__)
