"""Interval arithmetic for stated quantities, in the spirit of XBRL Calculations 1.1.

A stated number stands for every value its writing allows: its rounding (precision) and its
hedge word.  Sums add intervals; a ratio n/d is [n.lo/d.hi, n.hi/d.lo].  Bounds may be open
and may be infinite.  These are the semantics of SPEC.md, "What it checks".
"""
from __future__ import annotations

import math
from dataclasses import dataclass

INF = math.inf

# Hedge words by the interval they give; see interval_for().
HEDGE_MORE = ("余", "多", "几")  # (v, v + place of last non-zero digit)
HEDGE_NEAR = ("近", "将近", "接近")  # [0.9 v, v]
HEDGE_ABOUT = ("约", "约为", "大约", "大概", "左右", "上下")  # v ± approx
HEDGE_AT_LEAST = ("以上", "不低于", "不少于", "至少", "最少", "上")  # [v, inf)
HEDGE_ABOVE = ("超过", "超", "逾", "突破", "多于", "高于")  # (v, inf)
HEDGE_AT_MOST = ("以下", "以内", "之内", "不高于", "不超过")  # [0, v]
HEDGE_BELOW = ("不足", "不到", "不满", "少于", "低于")  # [0, v)
NEAR_SHARE = 0.1


@dataclass(frozen=True, slots=True)
class Interval:
    lo: float
    hi: float
    lo_open: bool = False
    hi_open: bool = False

    @staticmethod
    def point(v: float) -> "Interval":
        return Interval(v, v)

    @property
    def bounded(self) -> bool:
        return math.isfinite(self.lo) and math.isfinite(self.hi)

    @property
    def width(self) -> float:
        return self.hi - self.lo

    def __add__(self, other: "Interval") -> "Interval":
        return Interval(self.lo + other.lo, self.hi + other.hi, self.lo_open or other.lo_open,
                        self.hi_open or other.hi_open)

    def __sub__(self, other: "Interval") -> "Interval":
        return Interval(self.lo - other.hi, self.hi - other.lo, self.lo_open or other.hi_open,
                        self.hi_open or other.lo_open)

    def neg(self) -> "Interval":
        return Interval(-self.hi, -self.lo, self.hi_open, self.lo_open)

    def scale(self, k: float) -> "Interval":
        if k >= 0:
            return Interval(self.lo * k, self.hi * k, self.lo_open, self.hi_open)
        return Interval(self.hi * k, self.lo * k, self.hi_open, self.lo_open)

    def div(self, other: "Interval") -> "Interval | None":
        """self / other for a positive denominator; None when other may be zero."""
        if other.lo <= 0:
            return None
        lo = self.lo / other.hi if self.lo >= 0 else self.lo / other.lo
        hi = self.hi / other.lo if self.hi >= 0 else self.hi / other.hi
        return Interval(lo, hi, self.lo_open or other.hi_open, self.hi_open or other.lo_open)

    def mul(self, other: "Interval") -> "Interval":
        c = [self.lo * other.lo, self.lo * other.hi, self.hi * other.lo, self.hi * other.hi]
        c = [0.0 if math.isnan(x) else x for x in c]
        return Interval(min(c), max(c))

    def widen(self, tol: float) -> "Interval":
        return Interval(self.lo - tol, self.hi + tol, self.lo_open, self.hi_open)

    def hull(self, other: "Interval") -> "Interval":
        lo, lo_open = (self.lo, self.lo_open) if self.lo < other.lo else (other.lo, other.lo_open)
        hi, hi_open = (self.hi, self.hi_open) if self.hi > other.hi else (other.hi, other.hi_open)
        return Interval(lo, hi, lo_open, hi_open)

    def meets(self, other: "Interval", *, eps: float = 1e-9) -> bool:
        """True when the two intervals share at least one value (open bounds respected)."""
        scale_ = max(1.0, abs(self.lo), abs(self.hi), abs(other.lo), abs(other.hi))
        tol = eps * scale_ if all(map(math.isfinite, (self.lo, self.hi, other.lo, other.hi))) else eps
        if self.hi < other.lo - tol or other.hi < self.lo - tol:
            return False
        if abs(self.hi - other.lo) <= tol and (self.hi_open or other.lo_open) and self.hi <= other.lo:
            return False
        if abs(other.hi - self.lo) <= tol and (other.hi_open or self.lo_open) and other.hi <= self.lo:
            return False
        return True

    def contains(self, other: "Interval") -> bool:
        return self.lo <= other.lo and other.hi <= self.hi


def interval_for(value: float, *, step: float, exact: bool, hedge: str = "", hedge_step: float = 0.0,
                 approx: float = 0.10) -> Interval:
    """The interval a stated value stands for, given its precision and hedge word.

    >>> interval_for(770000, step=10000, exact=False)
    Interval(lo=765000.0, hi=775000.0, lo_open=False, hi_open=False)
    >>> interval_for(1700, step=1, exact=True, hedge="余", hedge_step=100)
    Interval(lo=1700, hi=1800, lo_open=True, hi_open=True)
    >>> interval_for(50000, step=10000, exact=False, hedge="近")
    Interval(lo=45000.0, hi=50000, lo_open=False, hi_open=False)
    """
    base = Interval.point(value) if exact else Interval(value - step / 2, value + step / 2)
    if not hedge:
        return base
    if hedge in HEDGE_MORE:
        return Interval(value, value + hedge_step, True, True)
    if hedge in HEDGE_NEAR:
        return Interval(value * (1 - NEAR_SHARE), value)
    if hedge in HEDGE_ABOUT:
        return base.hull(Interval(value * (1 - approx), value * (1 + approx)))
    if hedge in HEDGE_AT_LEAST:
        return Interval(value, INF, False, True)
    if hedge in HEDGE_ABOVE:
        return Interval(value, INF, True, True)
    if hedge in HEDGE_AT_MOST:
        return Interval(0.0, value)
    if hedge in HEDGE_BELOW:
        return Interval(0.0, value, False, True)
    return base
