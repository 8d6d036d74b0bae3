"""Parse one number as written: Arabic, Chinese, financial or mixed, with its scale word.

One parser for every shape the reports use (1,234.5 / １８７７４ / 6.3万 / 2.18万亿 /
二十九 / 三百零五 / 两万三千 / 一九五三 / 壹佰 / 廿二 / 三点七 / 3万4,000), returning the value
together with what the writing says about its precision, which the interval rules need:

* ``step``: the size of the last stated digit (6.3万 -> 1000, 70.4 -> 0.1, 1656 -> 1);
* ``exact``: a plain integer with no scale word stands for itself;
* ``loose_step``: the step when trailing zeros are read as rounding (1700 -> 100, 300万 -> 1000000);
* ``hedge_step``: the place of the last non-zero digit, which 余/多 add (1700余 -> 100, 10余万 -> 100000).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from corpus.normalize import normalize_chars

_FIN = str.maketrans({"壹": "一", "贰": "二", "貳": "二", "叁": "三", "肆": "四", "伍": "五", "陆": "六", "柒": "七",
                      "捌": "八", "玖": "九", "拾": "十", "佰": "百", "仟": "千", "萬": "万", "億": "亿",
                      "〇": "零", "○": "零", "Ｏ": "零", "两": "二"})
_DIGIT = {"零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_SMALL = {"十": 10, "百": 100, "千": 1000}
SCALES = {"万亿": Decimal(10) ** 12, "千万": Decimal(10) ** 7, "百万": Decimal(10) ** 6, "十万": Decimal(10) ** 5,
          "亿": Decimal(10) ** 8, "万": Decimal(10) ** 4, "千": Decimal(1000), "百": Decimal(100)}
_SCALE_RE = re.compile(r"(万亿|千万|百万|十万|亿|万|千|百)$")
_ARABIC_RE = re.compile(r"^[+-]?(\d+(?:[,\s]\d{3})*)(?:\.(\d+))?$")
_GROUPING = re.compile(r"[,\s]")  # thousands separators inside an _ARABIC_RE integer part
_MIXED_RE = re.compile(r"^(\d+(?:\.\d+)?)(万|亿)(\d{1,3}(?:,\d{3})*|\d+)$")  # 3万4,000
_MIXED_CN_RE = re.compile(r"^(\d+(?:\.\d+)?)(万|亿)(\d+)(千|百)(万)?$")  # 1万6千, 1亿3千万


@dataclass(frozen=True, slots=True)
class ParsedNumber:
    value: Decimal
    step: Decimal
    exact: bool
    loose_step: Decimal
    hedge_step: Decimal
    form: str  # arabic, chinese, mixed

    @property
    def float(self) -> float:
        return float(self.value)


def _place_of_last_nonzero(d: Decimal) -> Decimal:
    """1700 -> 100; 10 -> 10; 1.5 -> 0.1; 0 -> 1."""
    if d == 0:
        return Decimal(1)
    sign, digits, exp = d.normalize().as_tuple()
    return Decimal(1).scaleb(exp)


def _trailing_zero_step(int_digits: str) -> Decimal:
    """Step of an integer when its trailing zeros are read as rounding: '1700' -> 100."""
    stripped = int_digits.rstrip("0")
    zeros = len(int_digits) - len(stripped) if stripped else 0
    return Decimal(10) ** zeros


def parse_chinese_integer(s: str) -> int | None:
    """Chinese numeral (no 点) to int; None when it is not a well-formed numeral.

    >>> [parse_chinese_integer(x) for x in ["二十九", "三百零五", "一千七百", "两万三千", "十五", "一九五三", "一万二"]]
    [29, 305, 1700, 23000, 15, 1953, 12000]
    """
    s = s.translate(_FIN).replace("廿", "二十").replace("卅", "三十")
    if not s:
        return None
    if all(c in _DIGIT for c in s):
        if len(s) == 1:
            return _DIGIT[s]
        return int("".join(str(_DIGIT[c]) for c in s))  # 一九五三, 四零七: digit by digit
    if "亿" in s:
        a, b = s.split("亿", 1)
        hi = parse_chinese_integer(a) if a else None  # a bare 亿 is a word, not a number
        lo = _rest(b, 10 ** 7) if b else 0
        return None if hi is None or lo is None else hi * 10 ** 8 + lo
    if "万" in s:
        a, b = s.split("万", 1)
        hi = parse_chinese_integer(a) if a else None
        lo = _rest(b, 1000) if b else 0
        return None if hi is None or lo is None else hi * 10 ** 4 + lo
    return _section(s)


def _rest(b: str, colloquial_unit: int) -> int | None:
    # "一万二" means 12000: a lone digit after 万 counts in thousands.
    if len(b) == 1 and b in _DIGIT:
        return _DIGIT[b] * colloquial_unit
    return parse_chinese_integer(b)


def _section(s: str) -> int | None:
    total = 0
    number: int | None = None
    last_unit = None
    for c in s:
        if c in _DIGIT:
            if number is not None and number != 0 and c != "零" and last_unit is None:
                return None  # two digits in a row inside a positional numeral: not a number
            number = _DIGIT[c]
        elif c in _SMALL:
            unit = _SMALL[c]
            if last_unit is not None and unit >= last_unit:
                return None  # 百 after 十 etc.: malformed
            total += (1 if number is None or (number == 0 and c == "十") else number) * unit
            number = None
            last_unit = unit
        else:
            return None
    if number:
        # "三百五" = 350, "一千七" = 1700: a digit right after 百/千 counts in the next lower unit
        colloquial = last_unit is not None and last_unit >= 100 and s[-2] in _SMALL
        total += number * (last_unit // 10 if colloquial else 1)
    return total


def parse_number(text: str) -> ParsedNumber | None:
    """Parse a number with an optional trailing scale word; None when it is not one.

    >>> p = parse_number("6.3万"); (p.float, float(p.step), p.exact)
    (63000.0, 1000.0, False)
    >>> p = parse_number("1700"); (p.float, p.exact, float(p.loose_step), float(p.hedge_step))
    (1700.0, True, 100.0, 100.0)
    >>> parse_number("２．１８万亿").float
    2180000000000.0
    >>> parse_number("三点七").float, parse_number("壹佰贰拾").float
    (3.7, 120.0)
    >>> parse_number("统一") is None
    True
    """
    s = normalize_chars(text).strip().replace(" ", "") if text else ""
    if not s:
        return None
    m = _MIXED_CN_RE.match(s)
    if m:
        head, big, digit, small, tail = m.groups()
        unit = SCALES[small] * (SCALES[tail] if tail else 1)
        v = Decimal(head) * SCALES[big] + Decimal(digit) * unit
        return ParsedNumber(v, unit, False, unit, unit, "mixed")
    m = _MIXED_RE.match(s)
    if m:
        head, scale, rest = m.groups()
        sc = SCALES[scale]
        rest_v = Decimal(rest.replace(",", ""))
        if rest_v >= sc:
            return None
        v = Decimal(head) * sc + rest_v
        return ParsedNumber(v, Decimal(1), True, Decimal(1), _place_of_last_nonzero(rest_v) if rest_v else sc, "mixed")
    scale = Decimal(1)
    m = _SCALE_RE.search(s)
    if m and _ARABIC_RE.match(s[: m.start()]):
        scale = SCALES[m.group(1)]
        s = s[: m.start()]
    am = _ARABIC_RE.match(s)
    if am:
        int_part, frac = am.group(1), am.group(2) or ""
        int_clean = _GROUPING.sub("", int_part)
        try:
            v = Decimal(int_clean + ("." + frac if frac else ""))
        except InvalidOperation:
            return None
        if s.startswith("-"):
            v = -v
        step = Decimal(1).scaleb(-len(frac)) * scale
        exact = not frac and scale == 1
        # trailing zeros read as rounding only from three digits on: "10所" is ten, "1700人" may be rounded
        loose = step if frac else (_trailing_zero_step(int_clean) if len(int_clean) >= 3 else Decimal(1)) * scale
        hedge = _place_of_last_nonzero(Decimal(int_clean + ("." + frac if frac else ""))) * scale
        return ParsedNumber(v * scale, step, exact, loose, hedge, "arabic")
    return _parse_chinese(s)


def _parse_chinese(s: str) -> ParsedNumber | None:
    if "点" in s:
        a, b = s.split("点", 1)
        ip = parse_chinese_integer(a) if a else None
        if ip is None or not b or not all(c in _DIGIT for c in b.translate(_FIN)):
            return None
        frac = "".join(str(_DIGIT[c]) for c in b.translate(_FIN))
        v = Decimal(f"{ip}.{frac}")
        step = Decimal(1).scaleb(-len(frac))
        return ParsedNumber(v, step, False, step, _place_of_last_nonzero(v), "chinese")
    n = parse_chinese_integer(s)
    if n is None:
        return None
    d = Decimal(n)
    loose = _trailing_zero_step(str(n)) if n >= 100 else Decimal(1)
    if s.endswith(("万", "亿", "萬", "億")):  # 二百零七万: stated to the 万, like 207万
        step = SCALES["亿" if s.endswith(("亿", "億")) else "万"]
        return ParsedNumber(d, step, False, max(loose, step), _place_of_last_nonzero(d), "chinese")
    return ParsedNumber(d, Decimal(1), True, loose, _place_of_last_nonzero(d), "chinese")
