"""Quantity extraction against example tables (shapes from PATTERNS.md and the issue, written
by us), hard negatives, and properties over arbitrary text."""
from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus.normalize import normalize_text
from corpus.records import Document
from extract.pipeline import ExtractConfig, analyse_document
from extract.quantities import extract_quantities

INF = math.inf


def quantities(text: str, year: int | None = 2023):
    norm, script = normalize_text(text)
    doc = Document("d", "t.txt", 0, "", year, False, norm, text, len(norm), "utf-8", "txt", script, "h")
    out = analyse_document(doc, ExtractConfig(steps=()))
    return list(extract_quantities(doc, out.sentences))


def find(qs, surface):
    hits = [q for q in qs if q.surface == surface]
    assert hits, f"{surface!r} not found in {[q.surface for q in qs]}"
    return hits[0]


# (text, surface, value, lo, hi, unit, kind, hedge, subject, is_change)
LEVELS = [
    # the issue's own shapes
    ("走访1700余名退役军人。", "1700余名", 1700, 1700, 1800, "人", "count", "余", "退役军人", False),
    ("为19名困难群众发放应急救助金6.3万元。", "19名", 19, 19, 19, "人", "count", "", "困难群众", False),
    ("为19名困难群众发放应急救助金6.3万元。", "6.3万元", 63000, 62500, 63500, "元", "money", "", "应急救助金", False),
    ("全镇有低保户800户。", "800户", 800, 800, 800, "户", "count", "", "低保户", False),
    ("全校教师1656人。", "1656人", 1656, 1656, 1656, "人", "count", "", "教师", False),
    ("城乡居民参保率达到70.4,较上年提高。", "70.4", 70.4, 70.35, 70.45, "%", "percent", "", "城乡居民参保率", False),
    # scales and precision (SPEC: 77万元 is [76.5万, 77.5万], 2.16万人 is [21550, 21650])
    ("投入资金77万元。", "77万元", 770000, 765000, 775000, "元", "money", "", "资金", False),
    ("惠及群众2.16万人。", "2.16万人", 21600, 21550, 21650, "人", "count", "", "群众", False),
    ("地区生产总值2.18万亿元。", "2.18万亿元", 2.18e12, 2.175e12, 2.185e12, "元", "money", "", "地区生产总值", False),
    ("粮食产量１８７７４万吨。", "18774万吨", 187740000, 187735000, 187745000, "吨", "weight", "", "粮食产量", False),
    ("增长９．１％。", "9.1%", 9.1, 9.05, 9.15, "%", "percent", "", "", True),
    # hedges
    ("帮扶300多人。", "300多人", 300, 300, 400, "人", "count", "多", "", False),
    ("捐款10余万元。", "10余万元", 100000, 100000, 200000, "元", "money", "余", "捐款", False),
    ("筹集近5万元。", "近5万元", 50000, 45000, 50000, "元", "money", "近", "", False),
    ("覆盖约30万人。", "约30万人", 300000, 270000, 330000, "人", "count", "约", "", False),
    ("每年200人左右。", "200人左右", 200, 180, 220, "人", "count", "左右", "", False),
    ("优良率95%以上。", "95%以上", 95, 95, INF, "%", "percent", "以上", "优良率", False),
    ("受益超过5000户。", "超过5000户", 5000, 5000, INF, "户", "count", "超过", "", False),
    ("空置不足10套。", "不足10套", 10, 0, 10, "套", "count", "不足", "", False),
    ("每组3-5人。", "3-5人", 4, 3, 5, "人", "count", "range", "", False),
    ("每组3至5人。", "3至5人", 4, 3, 5, "人", "count", "range", "", False),
    ("整治十几户。", "十几户", 10, 10, 20, "户", "count", "几", "", False),
    # Chinese numerals and 百分之
    ("增长百分之九十二。", "百分之九十二", 92, 91.5, 92.5, "%", "percent", "", "", True),
    ("共有两万三千人参加。", "两万三千人", 23000, 23000, 23000, "人", "count", "", "", False),
    ("新建八所幼儿园。", "八所", 8, 8, 8, "所", "count", "", "幼儿园", False),
    ("比重为46.8。", "46.8", 46.8, 46.75, 46.85, "%", "percent", "", "比重", False),
    ("占总人口的5。", "5", 5, 4.5, 5.5, "%", "percent", "", "", False),
    ("出生率为7.20‰。", "7.20‰", 7.2, 7.195, 7.205, "‰", "percent", "", "出生率", False),
    ("提高0.94个百分点。", "0.94个百分点", 0.94, 0.935, 0.945, "百分点", "percent", "", "", True),
    ("面积1802.3平方公里。", "1802.3平方公里", 1802.3, 1802.25, 1802.35, "平方公里", "area", "", "面积", False),
    ("新建高标准农田5.2万亩。", "5.2万亩", 52000, 51500, 52500, "亩", "area", "", "高标准农田", False),
    ("全年发生交通事故57宗。", "57宗", 57, 57, 57, "宗", "count", "", "交通事故", False),
]

CHANGES = [
    ("残疾人2271人,较上年增加304人。", "304人", 304, "人", True),
    ("同比增长5%。", "5%", 5, "%", True),
    ("贫困户减少52户。", "52户", -52, "户", True),
    ("比上年下降3.2%。", "3.2%", -3.2, "%", True),
    ("自然增长率为-0.57‰。", "0.57‰", -0.57, "‰", False),
    ("补助标准由30元提高到60元,增加30元。", "60元", 60, "元", False),
    ("补助标准由30元提高到60元,增加30元。", "30元", 30, "元", False),
]


@pytest.mark.parametrize("text,surface,value,lo,hi,unit,kind,hedge,subject,is_change", LEVELS,
                         ids=[f"{r[1]}" for r in LEVELS])
def test_levels(text, surface, value, lo, hi, unit, kind, hedge, subject, is_change):
    q = find(quantities(text), surface)
    assert q.value == pytest.approx(value)
    assert q.lo == pytest.approx(lo) and q.hi == pytest.approx(hi)
    assert (q.unit, q.kind, q.hedge, q.is_change) == (unit, kind, hedge, is_change)
    if subject:
        assert q.subject == subject


@pytest.mark.parametrize("text,surface,value,unit,is_change", CHANGES, ids=[r[0] for r in CHANGES])
def test_changes(text, surface, value, unit, is_change):
    q = find(quantities(text), surface)
    assert (q.value, q.unit, q.is_change) == (pytest.approx(value), unit, is_change)


def test_levels_to_and_change_by():
    qs = quantities("补助标准由30元提高到60元,增加30元。")
    assert [(q.value, q.is_change) for q in qs] == [(30, False), (60, False), (30, True)]


def test_respectively_distributes_subjects_and_change():
    qs = quantities("残疾人2271人,特困残疾人275人,分别较上年增加147人和15人。")
    assert [(q.surface, q.subject, q.is_change) for q in qs] == [
        ("2271人", "残疾人", False), ("275人", "特困残疾人", False),
        ("147人", "残疾人", True), ("15人", "特困残疾人", True)]


def test_two_units_one_subject():
    qs = quantities("全镇有低保户800户、1576人。")
    assert [(q.surface, q.subject) for q in qs] == [("800户", "低保户"), ("1576人", "低保户")]


def test_ratio_components():
    qs = quantities("三次产业结构为3.6 : 48 : 48.4。")
    assert [(q.value, q.kind) for q in qs] == [(3.6, "ratio"), (48, "ratio"), (48.4, "ratio")]


def test_thousands_comma_vs_list_comma():
    assert [q.value for q in quantities("低保对象1,656人。")] == [1656]
    assert [q.value for q in quantities("分别为12，15，18人。")][-1] == 18


def test_space_thousands_hong_kong():
    q = find(quantities("提供3 000個臨時職位。"), "3 000个")
    assert q.value == 3000


@pytest.mark.parametrize("text,surface,status", [
    ("投入xxx万元。", "xxx万元", "placeholder"),
    ("共发放120__份。", "120__份", "placeholder"),
    ("发放20__多份。", "20__多份", "placeholder"),
    ("经费[ ]万元。", "[ ]万元", "masked"),
])
def test_placeholders_have_no_value(text, surface, status):
    q = find(quantities(text), surface)
    assert q.value is None and q.lo is None and q.status == status


NEGATIVES = [
    "坚持3宗旨不动摇。", "全市有5宗教团体。",
    "创办九年一贯制学校。", "实施“十一五”规划。", "开展“五小”活动。", "纪念“6.10”。", "见川教外事函[20__]83号文件。",
    "按省政府2号令执行。", "召开第三届运动会。", "第十届代表大会。", "庆祝建党100周年。", "热线电话12345。",
    "2020年7月30日下午。", "1—5月累计。", "PM2.5年均浓度下降。", "建成5G基站。", "坚持“两个确立”。",
    "落实四个全面战略布局。", "统一思想,一系列举措。", "一是加强领导。", "上午9:00-18:30办公。", "共建一带一路。",
    "千方百计增加收入。", "走进千家万户。", "三番五次督促。", "第一产业增加值增长。", "生产总值[2]增长。",
]


@pytest.mark.parametrize("text", NEGATIVES)
def test_look_alikes_are_not_quantities(text):
    assert quantities(text) == []


@given(st.text(alphabet=st.sampled_from(list("0123456789.,-%万亿元人户名余多约近第年月“”《》、，。 一二三十百千两xX_")),
               max_size=60))
@settings(max_examples=300, deadline=None)
def test_properties_on_arbitrary_text(text):
    qs = quantities(text)
    norm = normalize_text(text)[0]
    last = -1
    for q in qs:
        assert 0 <= q.start < q.end <= len(norm)
        assert q.surface == norm[q.start:q.end]
        assert q.start >= last  # spans never overlap
        last = q.end
        if q.value is not None:
            assert q.lo <= q.hi
            assert q.lo <= q.value <= q.hi or q.hedge


def test_change_prefilter_covers_every_change_verb():
    # _apply_change skips the CHANGE_BEFORE search when none of these characters is near the number
    import re as _re

    from extract.patterns import quantities as Q
    from extract.quantities import _CHANGE_TAIL, _CHANGE_VERB_CHARS

    verbs = _re.search(r"\(\?P<verb>(.*?)\)\s*\(\?:了\)", Q.CHANGE_BEFORE.pattern, _re.S).group(1)
    alts = [a.strip() for a in verbs.replace("\n", "").split("|") if a.strip()]
    assert len(alts) > 30 and all(a[-1] in _CHANGE_VERB_CHARS for a in alts)
    # the longest tail the pattern allows after the verb: 了, a space, 将近, a space
    assert _CHANGE_TAIL >= len("了 将近 ") + 1
