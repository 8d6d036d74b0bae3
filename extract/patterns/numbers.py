"""Number shapes: Arabic, Chinese, financial, scales, placeholders, ratios.

The character classes here are shared by the number parser (extract.numbers) and the
quantity finder (extract.quantities).
"""
from __future__ import annotations

from corpus.rules import rule

CN_DIGIT = "零〇○Ｏ一二两三四五六七八九壹贰叁肆伍陆柒捌玖贰"
CN_SMALL_UNIT = "十拾百佰千仟廿卅"
CN_BIG_UNIT = "万亿萬億"
CN_ALL = CN_DIGIT + CN_SMALL_UNIT + CN_BIG_UNIT

ARABIC = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
# A Chinese numeral: digits, 十/百/千 and 万/亿, optionally with 点 and decimal digits.
CHINESE = rf"[{CN_DIGIT}十拾廿卅][{CN_ALL}]*(?:点[{CN_DIGIT}]+)?"
SCALE = r"万亿|千万|百万|十万|亿|万|千(?!米|克|瓦|伏|卡|帕|分)"

ARABIC_NUMBER = rule(
    "arabic_number",
    rf"""(?<![\d.,A-Za-z]) (?:{ARABIC}) (?![\d.]?[A-Za-z])""",
    "an Arabic number with optional thousands commas and decimals, not glued to Latin letters "
    "(PM2.5, 5G and G20 are names, not numbers)",
    matches=["增长5.4%", "1,234.5万元", "1656人"],
    rejects=["PM2.5", "5G基站", "G20峰会"],
)

CHINESE_NUMBER = rule(
    "chinese_number",
    rf"""(?<![{CN_ALL}第]) (?:{CHINESE}) """,
    "a Chinese numeral (二十九, 三百零五, 两万三千, 一九五三, 三点七, 壹佰) not preceded by 第 (ordinal)",
    matches=["二十九户", "两万三千人", "一九五三年", "三点七", "壹佰元", "廿二个"],
    rejects=["第三届", "统计"],
)

PLACEHOLDER_NUMBER = rule(
    "placeholder_number",
    rf"""(?<![A-Za-z]) (?: (?:(?<!\d)\d+)?[.]?(?:[xX×*＊]{{1,6}}|_{{2,}}|＿+)[\dxX×*＊_.]* | \[\s*\] | 【\s*】 )
         (?:余|多)? (?:{SCALE})? (?:余|多)?""",
    "a number masked or corrupted by anonymisation (xxx万元, 120__份, xx.5亿元, **人, [ ]万元): "
    "kept visible with no value, never read as a wrong number",
    matches=["投入xxx万元", "共发放120__份", "[ ]万元", "**人", "xx.5亿元"],
    rejects=["2020年", "12.5万元"],
)

RATIO = rule(
    "ratio",
    r"""(?=\d)(?<![\d.:]) (?P<ratio> \d+(?:\.\d+)? (?: \s*[:︰]\s* \d+(?:\.\d+)? ){2,} ) (?![\d:])""",
    "a structure ratio with three or more parts (3.9:39.0:57.1); two-part hh:mm are clock times",
    matches=["三次产业结构为3.9:39.0:57.1", "比例为3.6 : 48 : 48.4"],
    rejects=["9:00-18:30", "时间:2024"],
)

SPACE_THOUSANDS = rule(
    "space_thousands",
    r"""(?<![\d.]) \d{1,3}(?:[ ]\d{3})+ (?![\d.])""",
    "thousands separated by spaces, as Hong Kong texts write them (3 000个, 2 200万小时)",
    matches=["提供3 000个职位", "逾 2 200万小时"],
    rejects=["392.66 45.31", "2013年 1月"],
)
