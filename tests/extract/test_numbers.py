"""The number parser: example table, then property tests (round trip, never raises)."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.numbers import parse_chinese_integer, parse_number

# (text, value, exact, step, hedge_step) — shapes from the corpus and PATTERNS.md, written by us.
CASES = [
    # Arabic
    ("1656", 1656, True, 1, 1),
    ("1700", 1700, True, 1, 100),
    ("1,234.5", 1234.5, False, 0.1, 0.1),
    ("0.57", 0.57, False, 0.01, 0.01),
    ("１８７７４", 18774, True, 1, 1),  # full-width digits
    ("９．１", 9.1, False, 0.1, 0.1),
    # scales
    ("6.3万", 63000, False, 1000, 1000),
    ("77万", 770000, False, 10000, 10000),
    ("10万", 100000, False, 10000, 100000),
    ("2.18万亿", 2.18e12, False, 1e10, 1e10),
    ("1.4万亿", 1.4e12, False, 1e11, 1e11),
    ("7800亿", 7.8e11, False, 1e8, 1e10),
    ("2.16万", 21600, False, 100, 100),
    ("5千", 5000, False, 1000, 1000),
    ("3万4,000", 34000, True, 1, 1000),  # 万 plus a thousands-comma remainder
    # Chinese numerals
    ("二十九", 29, True, 1, 1),
    ("三百零五", 305, True, 1, 1),
    ("一千七百", 1700, True, 1, 100),
    ("两万三千", 23000, True, 1, 1000),
    ("十五", 15, True, 1, 1),
    ("十", 10, True, 1, 10),
    ("一九五三", 1953, True, 1, 1),  # digit by digit (a year)
    ("四○七", 407, True, 1, 1),
    ("二一二", 212, True, 1, 1),
    ("廿二", 22, True, 1, 1),
    ("卅一", 31, True, 1, 1),
    ("三点七", 3.7, False, 0.1, 0.1),
    ("壹佰贰拾叁", 123, True, 1, 1),  # financial numerals
    ("一万二", 12000, True, 1, 1000),  # colloquial
    ("三百五", 350, True, 1, 10),
    ("十二亿", 1.2e9, False, 1e8, 1e8),  # stated to the 亿, like 12亿
    ("三亿五千万", 3.5e8, False, 1e4, 1e7),
    ("四十二万五千", 425000, True, 1, 1000),
    ("1万6千", 16000, False, 1000, 1000),  # Arabic digits with Chinese scale words
    ("1亿3千万", 1.3e8, False, 1e7, 1e7),
    ("零", 0, True, 1, 1),
]


@pytest.mark.parametrize("text,value,exact,step,hedge_step", CASES, ids=[c[0] for c in CASES])
def test_parse_number(text, value, exact, step, hedge_step):
    p = parse_number(text)
    assert p is not None
    assert float(p.value) == pytest.approx(value)
    assert p.exact is exact
    assert float(p.step) == pytest.approx(step)
    assert float(p.hedge_step) == pytest.approx(hedge_step)


@pytest.mark.parametrize("text", ["", "统一", "万", "abc", "十百", "一二三十", "1.2.3", "x5", "点五"])
def test_not_numbers(text):
    assert parse_number(text) is None


def test_trailing_zeros_as_rounding():
    assert float(parse_number("1700").loose_step) == 100
    assert float(parse_number("300万").loose_step) == 1_000_000
    assert float(parse_number("1656").loose_step) == 1


_D = "零一二三四五六七八九"


def to_chinese(n: int) -> str:
    """Standard Chinese numeral for 0 <= n < 10**12, written independently of the parser."""
    if n == 0:
        return "零"

    def below_10k(x: int, pad: bool) -> str:
        out, zero = "", False
        for unit, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
            d = x // unit % 10
            if d == 0:
                zero = bool(out) or pad
                continue
            if zero and out:
                out += "零"
            elif zero and pad and not out:
                out += "零"
            zero = False
            out += _D[d] + name
        return out

    parts = []
    for big, name in ((10 ** 8, "亿"), (10 ** 4, "万"), (1, "")):
        chunk = n // big % 10 ** 4 if big < 10 ** 8 else n // big
        if chunk:
            parts.append(below_10k(chunk, bool(parts)) + name)
        elif parts and n % big:
            parts.append("零")
    s = "".join(parts)
    while "零零" in s:
        s = s.replace("零零", "零")
    return s.rstrip("零") if s != "零" else s


@given(st.integers(min_value=1, max_value=10 ** 11))
@settings(max_examples=400, deadline=None)
def test_chinese_round_trip(n):
    text = to_chinese(n)
    assert parse_chinese_integer(text) == n, text


@given(st.integers(min_value=0, max_value=10 ** 12), st.integers(min_value=0, max_value=3))
@settings(max_examples=300, deadline=None)
def test_arabic_round_trip(n, decimals):
    text = f"{n / 10 ** decimals:,.{decimals}f}"
    p = parse_number(text)
    assert p is not None and float(p.value) == pytest.approx(n / 10 ** decimals)


@given(st.text(max_size=30))
@settings(max_examples=500, deadline=None)
def test_never_raises(text):
    parse_number(text)
    parse_chinese_integer(text)
