"""Example tables and properties of the program extractor.

Rows are schematic phrases written for these tests (never sentences copied from the corpus),
grouped by where the shape came from: the issue's list, shapes seen while reading the corpus,
hard negatives (look-alikes that are not programs) and known misses (xfail, strict).
"""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus.records import Document, Sentence
from corpus.sentences import split_sentence_spans
from extract.patterns.programs import kind_of, load_lexicon, title_kind
from extract.programs import extract_programs, parse_program_name


def _doc(text: str) -> tuple[Document, list[Sentence]]:
    doc = Document("t", "t.txt", 0, "", 2020, False, text, text, len(text), "utf-8", "txt", "zh-Hans", "h")
    sents = [Sentence("t", f"t/t{i}", "t/s0", a, b, text[a:b]) for i, (a, b) in enumerate(split_sentence_spans(text))]
    return doc, sents


def _found(text: str) -> list[tuple[str, str, str]]:
    doc, sents = _doc(text)
    return [(p.surface, p.name, p.kind) for p in extract_programs(doc, sents)]


# text, surface, name, kind
ISSUE_ROWS = [
    ("印发《关于“八一”建军节期间开展走访慰问活动的通知》", "《关于“八一”建军节期间开展走访慰问活动的通知》",
     "关于八一建军节期间开展走访慰问活动的通知", "document"),
    ("认真贯彻《某某法》", "《某某法》", "某某法", "document"),
    ("制定《某市“十四五”养老服务发展规划》", "《某市“十四五”养老服务发展规划》", "某市十四五养老服务发展规划", "plan"),
    ("提交《某某纲要(草案)》审查", "《某某纲要(草案)》", "某某纲要(草案)", "plan"),
    ("荣获“双拥模范区”称号", "“双拥模范区”", "双拥模范区", "title"),
    ("深入开展“扫黄打非”", "“扫黄打非”", "扫黄打非", "campaign"),
    ("实施“爱心工程”", "“爱心工程”", "爱心工程", "project"),
    ("创建“无毒社区”", "“无毒社区”", "无毒社区", "title"),
    ("深化“放管服”改革", "“放管服”", "放管服", "campaign"),
    ("共建“一带一路”", "“一带一路”", "一带一路", "campaign"),
    ("编制“十四五”规划", "“十四五”规划", "十四五规划", "plan"),
    ("深入实施乡村振兴战略", "乡村振兴战略", "乡村振兴战略", "plan"),
    ("实施城乡居民增收计划", "城乡居民增收计划", "城乡居民增收计划", "plan"),
    ("启动农村饮水安全工程", "农村饮水安全工程", "农村饮水安全工程", "project"),
    ("开展安全生产专项整治", "安全生产专项整治", "安全生产专项整治", "action"),
    ("深入实施提振消费专项行动", "提振消费专项行动", "提振消费专项行动", "action"),
    ("开展某某治本攻坚三年行动", "某某治本攻坚三年行动", "某某治本攻坚三年行动", "action"),
    ("全力创建全国文明城市", "全国文明城市", "全国文明城市", "title"),
    ("被评为全国双拥模范城(县)", "全国双拥模范城(县)", "全国双拥模范城(县)", "title"),
    ("积极争创国家生态文明建设示范区", "国家生态文明建设示范区", "国家生态文明建设示范区", "title"),
    ("推进法律进社区,", "法律进社区", "法律进社区", "campaign"),
    ("推动法律知识走进校园。", "法律知识走进校园", "法律知识走进校园", "campaign"),
    ("广泛开展全民健身活动", "全民健身活动", "全民健身活动", "activity"),
    ("深入开展爱国卫生运动", "爱国卫生运动", "爱国卫生运动", "campaign"),
]

# Shapes met while reading the corpus (rewritten with made-up names).
CORPUS_ROWS = [
    ("完成第一个五年计划", "第一个五年计划", "第一个五年计划", "plan"),
    ("执行六五计划", "六五计划", "六五计划", "plan"),
    ("一九五九年国民经济计划", "一九五九年国民经济计划", "一九五九年国民经济计划", "plan"),
    ("全面完成“十三五”规划", "“十三五”规划", "十三五规划", "plan"),
    ("“十二五 ”规划明确支持", "“十二五 ”规划", "十二五规划", "plan"),
    ("落实民营经济促进法,", "民营经济促进法", "民营经济促进法", "document"),
    ("严格执行“八项规定”", "“八项规定”", "八项规定", "document"),
    ("深入开展“两学一做”学习教育", "“两学一做”学习教育", "两学一做学习教育", "campaign"),
    ("打造“十大文化”工程", "“十大文化”工程", "十大文化工程", "project"),
    ("重点实施“某山某河”生态修复工程", "“某山某河”生态修复工程", "某山某河生态修复工程", "project"),
    ("实施乡村人才“百千万”工程", "乡村人才“百千万”工程", "乡村人才百千万工程", "project"),
    ("全面推行“双随机、一公开”监管", "“双随机、一公开”", "双随机、一公开", "campaign"),
    ("推行“互联网+政务服务”", "“互联网+政务服务”", "互联网+政务服务", "campaign"),
    ("推进“厕所革命”", "“厕所革命”", "厕所革命", "campaign"),
    ("开展积案化解“百日攻坚”", "“百日攻坚”", "百日攻坚", "action"),
    ("开展“平安家庭”等主题实践活动", "“平安家庭”", "平安家庭", "activity"),
    ("开展“双拥”活动", "“双拥”活动", "双拥活动", "activity"),
    ("酒某获评“平安某地建设示范市”", "“平安某地建设示范市”", "平安某地建设示范市", "title"),
    ("实施科教兴国战略和人才强国战略", "人才强国战略", "人才强国战略", "plan"),
    ("开展粮食节约和反食品浪费行动", "粮食节约和反食品浪费行动", "粮食节约和反食品浪费行动", "action"),
    ("加快100万平方米棚户区改造工程建设", "棚户区改造工程", "棚户区改造工程", "project"),
    ("启动新一轮清洁空气行动计划", "清洁空气行动计划", "清洁空气行动计划", "plan"),
    ("完成国企改革深化提升行动", "国企改革深化提升行动", "国企改革深化提升行动", "action"),
    ("在线设备监测质量比对行动", "在线设备监测质量比对行动", "在线设备监测质量比对行动", "action"),
    ("巩固园林城市、森林城市创建成果", "森林城市", "森林城市", "title"),
    ("深入开展创建双拥模范城(县)和军民共建精神文明活动", "军民共建精神文明活动", "军民共建精神文明活动", "activity"),
    ("实施“走出去”战略", "“走出去”战略", "走出去战略", "plan"),
    ("全年获“全国五个一工程”奖", "“全国五个一工程”", "全国五个一工程", "project"),
]


@pytest.mark.parametrize("text,surface,name,kind", ISSUE_ROWS + CORPUS_ROWS)
def test_finds_program(text, surface, name, kind):
    assert (surface, name, kind) in _found(text)


# Hard negatives: look-alikes that are not programs.
NEGATIVE_ROWS = [
    "“十一五”期间经济平稳增长",  # a quoted period, not the plan
    "进入“十五五”时期",
    "坚持“三个代表”重要思想",  # a numbered doctrine
    "树牢“四个意识”",
    "做好“三农”工作",  # a domain
    "反对“四风”",
    "坚持“一国两制”",
    "他说:“好。很好。”",  # quoted speech
    "营造“点赞”氛围",  # a quoted word for emphasis
    "不搞“形象工程”",  # pejoratives
    "不能搞“半拉子”工程",
    "有计划地推进",  # 计划 as adverb or verb
    "全年计划投资5亿元",
    "人口和计划生育工作",
    "这个计划很好",
    "编制经济发展计划",  # generic heads
    "加快重点工程建设",
    "按照统一规划",
    "以实际行动落实",
    "严厉打击违法犯罪活动",  # things fought, not launched
    "发展冰雪运动",
    "运动员和工程师",
    "通讯、供电等工程",  # a category after a list
    "一是加强领导,二是完善制度",
    "建设2000万亩玉米高产示范区",  # demonstration plots
    "持续推进社区建设",  # 推进 + 社区, not 进社区
    "实现“双提升”",
    "全面实施“某长制”",  # an institution
    "推进“城中村”、老旧小区改造",
]


@pytest.mark.parametrize("text", NEGATIVE_ROWS)
def test_rejects_look_alike(text):
    assert _found(text) == []


# Known misses: the day they pass, strict xfail says so.
MISS_ROWS = [
    ("实施大气、水、土壤污染防治行动计划", "大气、水、土壤污染防治行动计划"),  # a list sharing one head
    ("实施东北地区等老工业基地振兴战略", "东北地区等老工业基地振兴战略"),  # 等 inside an official name
    ("经过反右派斗争", "反右派斗争"),  # …斗争 is too generic to scan
    ("推行庞大的公营房屋计划", "公营房屋计划"),  # 的 before a weak head hides the verb
    ("深入推进民族团结进步创建“一廊一区一带”行动", "民族团结进步创建“一廊一区一带”行动"),
    ("提升“万人助万企”服务水平", "“万人助万企”"),  # a local program with no cue around it
]


@pytest.mark.parametrize("text,surface", MISS_ROWS)
@pytest.mark.xfail(strict=True, reason="known miss")
def test_known_misses(text, surface):
    assert surface in [f[0] for f in _found(text)]


def test_records_have_ids_sentences_and_rules():
    doc, sents = _doc("深入实施乡村振兴战略。共建“一带一路”。")
    found = list(extract_programs(doc, sents))
    assert [p.program_id for p in found] == ["t/p1", "t/p2"]
    assert [p.sentence_id for p in found] == ["t/t0", "t/t1"]
    assert [p.rule for p in found] == ["suffix", "quote_known"]
    assert all(doc.text[p.start:p.end] == p.surface for p in found)


def test_without_sentences_the_sentence_id_is_empty():
    doc, _ = _doc("共建“一带一路”")
    assert [p.sentence_id for p in extract_programs(doc, [])] == [""]


@pytest.mark.parametrize("surface,name", [
    ("《關於開展擁軍優屬活動的通知》", "关于开展拥军优属活动的通知"),  # Traditional → Simplified
    ("「扫黄打非」", "扫黄打非"),
    ("“ 十二五 ”规划", "十二五规划"),
    ("（县）", "(县)"),  # full-width brackets become ASCII
    ("", ""),
])
def test_parse_program_name(surface, name):
    assert parse_program_name(surface) == name


@pytest.mark.parametrize("name,kind", [
    ("某某提升工程", "project"), ("某某三年行动计划", "plan"), ("某某三年行动", "action"),
    ("某某示范区", "title"), ("全国双拥模范城(县)", "title"), ("某某条例", "document"), ("工程", None),
])
def test_kind_of(name, kind):
    assert kind_of(name) == kind


def test_title_kind():
    assert title_kind("某某规划纲要(草案)") == "plan"
    assert title_kind("关于某某的通知") == "document"


def test_lexicon_loads_once_and_has_every_list():
    lex = load_lexicon()
    assert lex is load_lexicon()
    for name in ("lead_verbs", "activity_verbs", "generic_words", "quote_known", "quote_not_bare", "quote_never"):
        assert lex[name], name
    assert all(kind in {"document", "campaign", "project", "plan", "title", "action", "activity", "other"}
               for _, kind in lex.suffix_kinds)


ALPHABET = list("实施开展推进创建全国文明城市乡村振兴战略工程行动计划规划活动运动示范区模范城进社区专项三年十四五"
                "的和等、,。;“”《》「」\"()0123456789 \n") + ["“十三五”", "《某法》", "“一带一路”", "第一个五年计划"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(ALPHABET), max_size=80).map("".join))
def test_properties(text):
    doc, sents = _doc(text)
    found = list(extract_programs(doc, sents))
    last_end = 0
    for p in found:
        assert 0 <= p.start < p.end <= len(text)
        assert p.surface == text[p.start:p.end]
        assert p.start >= last_end, "spans do not overlap and come in text order"
        last_end = p.end
        assert p.name and p.kind in {"document", "campaign", "project", "plan", "title", "action", "activity", "other"}
