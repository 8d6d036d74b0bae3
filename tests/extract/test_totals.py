"""The totals checker: interval arithmetic, must-stay-undetermined cases, synthetic sections
whose parts do and do not add up, and the answer key of our examples."""
from __future__ import annotations

import math
import re
from pathlib import Path

import pytest

from corpus.load import load_documents
from corpus.normalize import normalize_text
from corpus.records import Document
from extract.interval import INF, Interval, interval_for
from extract.pipeline import ExtractConfig, analyse_document

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
STEPS = ExtractConfig(steps=("quantities", "checks"))


def checks(text: str, year: int = 2023):
    norm, script = normalize_text(text)
    doc = Document("d", "t.txt", 0, "", year, False, norm, text, len(norm), "utf-8", "txt", script, "h")
    return analyse_document(doc, STEPS).checks


def verdicts(text: str) -> list[tuple[str, str]]:
    return [(c.kind, c.verdict) for c in checks(text)]


# ------------------------------------------------------------------ interval arithmetic

@pytest.mark.parametrize("value,kw,lo,hi,lo_open,hi_open", [
    (770000, dict(step=10000, exact=False), 765000, 775000, False, False),  # 77万元
    (21600, dict(step=100, exact=False), 21550, 21650, False, False),  # 2.16万人
    (70.4, dict(step=0.1, exact=False), 70.35, 70.45, False, False),  # 70.4%
    (1656, dict(step=1, exact=True), 1656, 1656, False, False),  # plain integer: exact
    (1700, dict(step=1, exact=True, hedge="余", hedge_step=100), 1700, 1800, True, True),
    (300, dict(step=1, exact=True, hedge="多", hedge_step=100), 300, 400, True, True),
    (100000, dict(step=10000, exact=False, hedge="余", hedge_step=100000), 100000, 200000, True, True),  # 10余万
    (50000, dict(step=10000, exact=False, hedge="近"), 45000, 50000, False, False),
    (300000, dict(step=10000, exact=False, hedge="约"), 270000, 330000, False, False),
    (95, dict(step=1, exact=True, hedge="以上"), 95, INF, False, True),
    (5000, dict(step=1, exact=True, hedge="超过"), 5000, INF, True, True),
    (5000, dict(step=1, exact=True, hedge="逾"), 5000, INF, True, True),
    (10, dict(step=1, exact=True, hedge="以下"), 0, 10, False, False),
    (10, dict(step=1, exact=True, hedge="不足"), 0, 10, False, True),
])
def test_interval_for(value, kw, lo, hi, lo_open, hi_open):
    iv = interval_for(value, **kw)
    assert (iv.lo, iv.hi) == (pytest.approx(lo), pytest.approx(hi) if math.isfinite(hi) else hi)
    assert (iv.lo_open, iv.hi_open) == (lo_open, hi_open)


def test_sums_add_intervals_and_open_bounds_exclude():
    a = Interval(1700, 1800, True, True)
    assert (a + Interval.point(50)).lo == 1750
    assert not Interval(0, 10, False, True).meets(Interval.point(10))  # 不足10 excludes 10
    assert Interval(0, 10).meets(Interval.point(10))
    assert Interval(1700, 1800, True, True).meets(Interval.point(1766))


def test_ratio_of_intervals():
    n, d = Interval(68.5, 69.5), Interval(101.5, 102.5)
    r = n.div(d).scale(100)
    assert r.lo == pytest.approx(68.5 / 102.5 * 100) and r.hi == pytest.approx(69.5 / 101.5 * 100)
    assert Interval(1, 2).div(Interval(0, 3)) is None  # a denominator that may be zero


def test_mixed_scales_sum():
    assert verdicts("全年地区生产总值2.18万亿元,其中第一产业1.4万亿元,第二产业7800亿元。") == [("sum", "consistent")]


# ------------------------------------------------------------------ synthetic sections

@pytest.mark.parametrize("text,expected", [
    # complete lists checked for equality
    ("在校学生26341人(高中4771人,初中6774人,小学14796人)。", [("sum", "consistent")]),
    ("全镇有学校16所(小学10所,初中3所)。", [("sum", "partial")]),  # shortfall in a breakdown: never an error
    ("全镇有学校16所(公办12所,民办3所)。", [("sum", "inconsistent")]),  # 公办 + 民办 is the whole: checked
    ("全镇有学校16所(公办12所,民办5所)。", [("sum", "inconsistent")]),  # parts exceed their total
    ("全乡低保对象1656人,其中城镇低保1306人,农村低保349人。", [("sum", "inconsistent")]),  # complementary: complete
    ("全乡低保对象1655人,其中城镇低保1306人,农村低保349人。", [("sum", "consistent")]),
    ("走访优抚对象260余户,其中伤残军人43户、烈属军属152户、在乡复员军人71户。", [("sum", "consistent")]),
    ("委员15人,其中党员12人、女性9人。", [("sum", "partial")]),  # overlapping attributes
    ("培训2140人次,其中家政培训920人次。", [("sum", "partial")]),
    ("发放低保金30万元、临时救助金5万元、医疗救助金3万元,共计38万元。", [("sum", "consistent")]),
    ("发放低保金30万元、临时救助金5万元、医疗救助金3万元,共计40万元。", [("sum", "consistent")]),  # 30万 is [29.5万, 30.5万]
    ("发放低保金30万元、临时救助金5万元、医疗救助金3万元,共计45万元。", [("sum", "inconsistent")]),
    # rates, averages, changes, shares
    ("接收退役士兵102人,已安置69人,安置率为92%。", [("rate", "inconsistent")]),
    ("接收退役士兵102人,已安置69人,安置率为67.6%。", [("rate", "consistent")]),
    ("发放资金120万元,惠及300户,户均5000元。", [("average", "undetermined")]),  # 300 may be rounded: 125万/250
    ("发放资金117.6万元,惠及294户,户均5000元。", [("average", "inconsistent")]),
    ("发放资金120万元,惠及300户,户均4000元。", [("average", "consistent")]),
    ("补助标准由30元提高到60元,增加30元。", [("change", "consistent")]),
    ("补助标准由30元提高到60元,增加40元。", [("change", "inconsistent")]),
    ("补助标准由300元提高到600元,增加400元。", [("change", "undetermined")]),  # hundreds may be rounded
    ("补助标准由35元提高到62元,增加37元。", [("change", "inconsistent")]),
    ("纠纷中邻里纠纷、家庭纠纷分别占62%、31%和15%。", [("share", "inconsistent")]),
    ("三类纠纷分别占46%、32%和22%。", [("share", "consistent")]),
])
def test_synthetic_relations(text, expected):
    assert verdicts(text) == expected


# Cases that must stay undetermined or unflagged: only hedges, rounding or an unstated base reconcile them.
MUST_NOT_FLAG = [
    "全县户籍人口1700人,其中城镇856人,农村849人。",  # 1705 vs 1700: trailing zeros may be rounding
    "粮食产量约240万吨,其中夏粮114.6万吨,秋粮126.9万吨。",  # 约 widens the total
    "全年投入3000多万元,其中市级1800万元、县级1250万元。",  # 3050 within 3000多
    "优良率95%以上,达标率98.2%。",
    "城镇居民人均可支配收入43697元,农村居民人均可支配收入19936元,全体居民人均可支配收入32419元。",
    "比重分别为99.3%、93.8%、84.6%。",  # shares of different wholes
    "地区生产总值增长5.4%,其中第一产业增长1.7%,第二产业增长1.6%。",  # growth rates never add up
    "由1982年的31万人增加到1987年的55万人,年均增长12.1%。",  # annual growth over several years
]


@pytest.mark.parametrize("text", MUST_NOT_FLAG)
def test_must_not_flag(text):
    assert "inconsistent" not in [v for _, v in verdicts(text)]


# ------------------------------------------------------------------ the answer key of our examples

def _key_rows(section: str) -> list[tuple[str, str]]:
    key = (Path(__file__).resolve().parents[1] / "data" / "examples" / "CHECKS.md").read_text(encoding="utf-8")
    part = key.split(section, 1)[1].split("\n## ", 1)[0]
    rows = []
    for line in part.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) >= 5 and re.match(r"^[EC]\d+$", cells[0]):
            rows.append((cells[0], cells[1]))
    return rows


def test_example_with_deliberate_errors_flags_exactly_them():
    doc = load_documents(EXAMPLES / "问题核查示例_总结.txt")[0]
    out = analyse_document(doc, ExtractConfig(steps=("quantities", "checks")))
    flagged = sorted(c.kind for c in out.checks if c.verdict == "inconsistent")
    expected = sorted(kind for _, kind in _key_rows("## Deliberate errors"))
    assert len(expected) == 7
    assert flagged == expected
    assert all(c.message for c in out.checks)


@pytest.mark.parametrize("name", sorted(p.name for p in EXAMPLES.iterdir() if p.name != "问题核查示例_总结.txt"))
def test_other_examples_have_no_inconsistency(name):
    for doc in load_documents(EXAMPLES / name):
        out = analyse_document(doc, ExtractConfig(steps=("quantities", "checks")))
        assert [c.message for c in out.checks if c.verdict == "inconsistent"] == []


# ------------------------------------------------------------------ relations found only to verify
# Each case is written by us in the shape of a real construction; the finders behind them never
# accuse (nothing in the text claims the relation), so a case that does not add up gives no check.

def _rules(text: str) -> dict[str, str]:
    return {c.rule: c.verdict for c in checks(text)}


@pytest.mark.parametrize("rule,good,bad", [
    ("share_pairs",
     "在投资中,生产性投资比重由上年的60.5%上升到64.0%,非生产性投资比重相应由39.5%下降为36.0%。",
     "在投资中,生产性投资比重由上年的60.5%上升到64.0%,非生产性投资比重相应由29.5%下降为26.0%。"),
    ("share_clauses",
     "在手工业总产值中,合作社的产值将上升到70.5%,个体手工业者的产值将下降为29.5%。",
     "在手工业总产值中,合作社的产值将上升到70.5%,个体手工业者的产值将下降为19.5%。"),
    ("shares_of_named_base",
     "(一)工业支出为854万元,占建设费总数的61.2%。(二)农业支出为541万元,占建设费总数的38.8%。",
     "(一)工业支出为854万元,占建设费总数的61.2%。(二)农业支出为541万元,占建设费总数的28.8%。"),
    ("qizhong_institutions",
     "全镇有卫生机构30个。其中,卫生院2个,卫生监督所1所,村卫生室27个。",
     "全镇有卫生机构30个。其中,卫生院2个,卫生监督所1所,村卫生室17个。"),
    ("parallel_changes",
     "住户存款余额238.3亿元,比年初增加36.3亿元。住户存款余额中,活期存款91.9亿元,比年初增加7.1亿元,"
     "定期存款146.4亿元,比年初增加29.2亿元。",
     "住户存款余额238.3亿元,比年初增加36.3亿元。住户存款余额中,活期存款91.9亿元,比年初增加7.1亿元,"
     "定期存款146.4亿元,比年初增加19.2亿元。"),
    ("remainder",
     "区里有16幅用地适宜改作住宅。至今13幅已完成改划。\n规划部门正加快改划其余3幅。",
     "区里有16幅用地适宜改作住宅。至今13幅已完成改划。\n规划部门正加快改划其余2幅。"),
    ("budget_completion",
     "本年收入合计27,203,319元。\n本年收入完成预算的96.98%,比预算数28,049,780元少846,461元。",
     "本年收入合计27,203,319元。\n本年收入完成预算的95.98%,比预算数28,049,780元少846,461元。"),
    ("budget_shortfall",
     "本年支出合计29,346,938元。\n决算支出占预算数的98.41%,比预算数29,821,828元少支474,890元。",
     "本年支出合计29,346,938元。\n决算支出占预算数的98.41%,比预算数29,821,828元少支464,890元。"),
    ("share_of_named_part",
     "本年支出合计29,346,938元。其中,国防费支出6,499,862元。\n各项工作都有进展。\n"
     "本年用于国防的支出占本年支出的22.15%。",
     "本年支出合计29,346,938元。其中,国防费支出6,499,862元。\n各项工作都有进展。\n"
     "本年用于国防的支出占本年支出的25.15%。"),
])
def test_verify_only_relations(rule, good, bad):
    assert _rules(good).get(rule) == "consistent"
    assert rule not in _rules(bad)
    assert "inconsistent" not in {c.verdict for c in checks(bad)}
