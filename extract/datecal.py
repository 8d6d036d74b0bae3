"""Calendar helpers for the date extractor: Chinese numerals, festivals, seasons, plan
periods and ISO-8601 output at the precision a mention states."""
from __future__ import annotations

import calendar

_CN_DIGIT = {"〇": 0, "○": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
             "八": 8, "九": 9, "元": 1, "两": 2}

# Festivals on a fixed Gregorian day (month, day); keys are searched in this order.
FIXED_FESTIVALS: tuple[tuple[str, tuple[int, int]], ...] = (
    ("元旦", (1, 1)), ("国庆", (10, 1)), ("劳动节", (5, 1)), ("儿童节", (6, 1)), ("妇女节", (3, 8)),
    ("建军节", (8, 1)), ("建党节", (7, 1)), ("青年节", (5, 4)), ("教师节", (9, 10)), ("植树节", (3, 12)),
    ("护士节", (5, 12)), ("双十一", (11, 11)), ("双11", (11, 11)), ("双十二", (12, 12)), ("双12", (12, 12)),
    ("八一", (8, 1)), ("七一", (7, 1)), ("五一", (5, 1)), ("六一", (6, 1)), ("三八", (3, 8)), ("五四", (5, 4)),
    ("十一", (10, 1)),
)
# Lunar festivals move; we state only the Gregorian months they always fall in (first, last),
# rather than ship a lunar table: 春节 is always between 21 January and 20 February.
LUNAR_FESTIVALS: tuple[tuple[str, tuple[int, int]], ...] = (
    ("春节", (1, 2)), ("除夕", (1, 2)), ("元宵", (2, 3)), ("端午", (5, 6)), ("七夕", (7, 8)),
    ("中秋", (9, 10)), ("重阳", (10, 11)),
)
# Seasons as (first month, months spanned); winter runs into the next year.
SEASONS = {"春": (3, 3), "夏": (6, 3), "秋": (9, 3), "冬": (12, 3), "春夏": (3, 6), "夏秋": (6, 6),
           "秋冬": (9, 6), "冬春": (12, 6)}


def cn_number(text: str) -> int | None:
    """Value of a small Chinese numeral, written digit by digit or with 十.

    >>> cn_number("一九五三"), cn_number("二十一"), cn_number("十"), cn_number("廿三"), cn_number("元")
    (1953, 21, 10, 23, 1)
    """
    if not text:
        return None
    if text.isdigit() and text.isascii():
        return int(text)
    text = text.replace("廿", "二十")
    if "十" in text:
        head, _, tail = text.partition("十")
        tens = _CN_DIGIT.get(head, None) if head else 1
        ones = _CN_DIGIT.get(tail, None) if tail else 0
        return None if tens is None or ones is None else tens * 10 + ones
    value = 0
    for ch in text:
        if ch not in _CN_DIGIT:
            return None
        value = value * 10 + _CN_DIGIT[ch]
    return value


def five_year_plan(n: int) -> tuple[int, int] | None:
    """Years of the n-th Five-Year Plan (一五 1953-1957; 1963-65 were adjustment years).

    >>> five_year_plan(13), five_year_plan(1), five_year_plan(3)
    ((2016, 2020), (1953, 1957), (1966, 1970))
    """
    if n < 1 or n > 30:
        return None
    first = {1: 1953, 2: 1958}.get(n, 1966 + 5 * (n - 3))
    return first, first + 4


def qingming_day(year: int) -> int:
    """Day of April of the 清明 solar term (the usual [Y*D+C]-L rule, 1901-2099)."""
    y = year % 100
    c = 4.81 if year >= 2000 else 5.59
    return int(y * 0.2422 + c) - y // 4


def festival_bounds(name: str, year: int | None) -> tuple[tuple, tuple] | None:
    """(start, end) as (year, month, day|None) tuples for a festival name, or None."""
    if "清明" in name:
        if year is None:
            return (None, 4, None), (None, 4, None)
        day = qingming_day(year)
        return (year, 4, day), (year, 4, day)
    for key, (m, d) in FIXED_FESTIVALS:
        if key in name:
            return (year, m, d), (year, m, d)
    for key, (m1, m2) in LUNAR_FESTIVALS:
        if key in name:
            return (year, m1, None), (year, m2, None)
    return None


def last_day(year: int | None, month: int) -> int:
    """Last day of a month; February has 29 days when the year is unknown."""
    return calendar.monthrange(year if year is not None else 2000, month)[1]


def valid_day(year: int | None, month: int | None, day: int | None) -> bool:
    if month is not None and not 1 <= month <= 12:
        return False
    if day is None:
        return True
    return month is not None and 1 <= day <= last_day(year, month)


def iso(year: int | None, month: int | None = None, day: int | None = None) -> str | None:
    """ISO-8601 at the stated precision; ISO's yearless form when the year is unknown.

    >>> iso(2020), iso(2007, 1), iso(2020, 7, 30), iso(None, 7, 30), iso(None)
    ('2020', '2007-01', '2020-07-30', '--07-30', None)
    """
    if year is None:
        if month is None:
            return None
        return f"--{month:02d}" + (f"-{day:02d}" if day is not None else "")
    out = f"{year:04d}"
    if month is not None:
        out += f"-{month:02d}"
        if day is not None:
            out += f"-{day:02d}"
    return out
