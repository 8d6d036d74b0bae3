"""Mention and check records: what the extractors yield.  Field names are column names."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Quantity:
    """A count, amount, percentage or other measure as an interval.

    ``value`` is the number as stated, in base units (money in 元, percent in percent);
    ``lo``/``hi`` bound what the statement allows given its precision and hedge word
    (``inf`` when unbounded); ``lo_open``/``hi_open`` say whether a bound is excluded.
    ``status`` is ``ok``, or ``placeholder``/``masked`` for numbers corrupted by
    anonymisation (then ``value`` is None and ``reason`` says why).
    """

    doc_id: str
    quantity_id: str
    sentence_id: str
    section_id: str
    start: int
    end: int
    surface: str
    value: float | None
    lo: float | None
    hi: float | None
    lo_open: bool
    hi_open: bool
    unit: str
    kind: str  # count, money, percent, area, length, weight, volume, energy, duration, ratio, other
    hedge: str
    subject: str
    subject_start: int | None
    subject_end: int | None
    is_change: bool
    change_basis: str  # 上年, 同比, 上年末 … ('' for levels)
    status: str
    reason: str
    number_start: int
    number_end: int
    unit_raw: str
    loose_lo: float | None = None  # the interval when trailing zeros are read as rounding and
    loose_hi: float | None = None  # percentages as possibly truncated (used by the checker)


@dataclass(frozen=True, slots=True)
class DateMention:
    doc_id: str
    date_id: str
    sentence_id: str
    start: int
    end: int
    surface: str
    kind: str  # point, range, relative, placeholder
    start_date: str | None
    end_date: str | None
    granularity: str  # year, half, quarter, month, day, part_of_day, festival, season
    placeholder: bool
    resolved_with: int | None  # the document year a relative date was resolved against
    status: str


@dataclass(frozen=True, slots=True)
class Program:
    doc_id: str
    program_id: str
    sentence_id: str
    start: int
    end: int
    surface: str
    name: str
    kind: str  # document, campaign, project, plan, title, action, activity, other
    rule: str


@dataclass(frozen=True, slots=True)
class TotalCheck:
    doc_id: str
    check_id: str
    kind: str  # sum, rate, share, average, restated, change
    verdict: str  # consistent, inconsistent, undetermined, partial
    severity: str  # error, warning, info
    stated: float | None
    computed: float | None
    stated_lo: float | None
    stated_hi: float | None
    computed_lo: float | None
    computed_hi: float | None
    start: int
    end: int
    quantity_ids: tuple[str, ...]
    sentence_ids: tuple[str, ...]
    message: str
    rule: str
    unit: str
