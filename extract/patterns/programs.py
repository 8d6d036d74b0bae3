"""Patterns for named programs, campaigns, plans and documents (see extract/programs.py).

The regexes find candidates cheaply; the decisions that need word lists (lead verbs, generic
words, stop-lists) use extract/data/program_lexicon.json, read once per process by
``load_lexicon`` at the end of this module together with the small matchers over those lists.
Every example here is a schematic form written for this table.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from corpus.rules import rule

HAN = r"\u4e00-\u9fff"
CN_DIGIT = "一二三四五六七八九十"

# ---------------------------------------------------------------- containers

BOOK_TITLE = rule(
    "program_book_title",
    r"""《 (?P<body> [^《》\n]{1,120} ) 》""",
    "a 《…》 title (law, notice, plan, book): one mention even when quotes are nested inside",
    matches=["贯彻《某某条例》", "印发《关于“八一”期间开展走访活动的通知》", "《某地发展规划纲要(草案)》"],
    rejects=["《》", "书名号《未闭合", "《第一行\n第二行》"],
)

QUOTED = rule(
    "program_quoted",
    r"""(?P<open> [“「『"] ) (?P<body> [^“”「」『』"\n。;!?；！？]{1,40} ) (?P<close> [”」』"] )""",
    "a quoted name (curly, corner or ASCII quotes) without a sentence end inside; the body is judged in code",
    matches=["开展“扫黄打非”", "创建「无毒社区」", "推进\"某某+互联网\"", "“十四 ”规划"],
    rejects=["他说:“好。很好。”", "“未闭合的引号", "“”"],
)

QUOTE_HEAD = rule(
    "program_quote_head",
    rf"""(?P<mod> (?: (?! [的和与及等在是把将为比对从向被让给了着过也都就还又] ) [{HAN}] ){{0,8}}? )
        (?P<head> 三年行动计划 | 行动计划 | 专项行动 | 三年行动 | 攻坚行动 | 专项整治 | 行动 | 工程 | 项目
        | 系列活动 | 活动 | 运动 | 规划纲要 | 规划 | 计划 | 纲要 | 战略 | 攻坚战 | 学习教育 | 主题教育 | 专题教育
        | 示范区 | 示范县 | 示范市 | 示范城市 | 示范园 | 示范基地 | 示范学校 | 实践创新基地 | 模范城 | 模范县 | 模范区
        | 称号 | 著作 | 一文 )""",
    "a program word after a closing quote, at most eight characters on: “某某”工程, “十四五”某某规划",
    matches=["工程建设", "规划收官之年", "生态修复工程", "全国示范县", "学习教育"],
    rejects=["的工程", "问题", "重要思想"],
    use="match",
)

# ---------------------------------------------------------------- unquoted names

PROGRAM_SUFFIX = rule(
    "program_suffix",
    r"""(?P<suffix> 三年行动计划 | 行动计划 | 专项行动 | 三年行动 | 行动 | 工程 | 规划纲要 | 规划 | 计划 | 战略 | 攻坚战
        | 专项整治 | 专项斗争 | 系列活动 | 活动 | 运动 | 竞赛
        | 示范区 | 示范县 | 示范市 | 示范城市 | 示范园 | 示范村 | 模范城 | 模范县 | 模范区 | 模范村 | 模范单位
        | 文明城市 | 卫生城市 | 园林城市 | 森林城市 | 先进县 | 先进区 | 先进市 )""",
    "the last word of an unquoted program name; the name's start is found by scanning left in code",
    matches=["实施某某提升工程", "开展某某专项行动", "创建全国文明城市", "某某三年行动计划"],
    rejects=["工作总结", "某某项目", "某某方案"],
)

ENTER_PLACE = rule(
    "program_enter_place",
    rf"""(?P<verb> 进 | 走进 ) (?P<place> 社区 | 校园 | 农村 | 乡村 | 企业 | 机关 | 家庭 | 军营 | 学校 | 课堂 | 万家 | 基层 | 园区 )
        (?! [{HAN}]? (?: 建设 | 工作 | 治理 | 服务 | 管理 | 发展 ) )""",
    "a 'X进社区' campaign (法律进社区, 文化进校园); the X is bounded in code",
    matches=["开展法律进社区活动", "推动健康知识走进校园", "送戏曲进万家"],
    rejects=["推进社区建设", "促进企业发展"],
)

FIVE_YEAR_PLAN = rule(
    "program_five_year_plan",
    rf"""(?<!世纪) 第[{CN_DIGIT}]{{1,3}}个五年(?:计划|规划)(?:纲要)?
      | (?<![{CN_DIGIT}百千万零〇两“"]) (?:十[一二三四五六七八九]? | [一二三四五六七八九]) 五(?:计划|规划)(?:纲要)?""",
    "an ordinal five-year plan, unquoted: 第七个五年计划, 六五计划",
    matches=["实施第一个五年计划", "完成六五计划", "国民经济和社会发展第十一个五年规划纲要"],
    rejects=["五年计划", "几个五年计划", "“六五”期间", "三十五计划", "新世纪第一个五年计划"],
)

FIVE_YEAR_ANCHOR = rule(
    "program_five_year_anchor",
    r"""五 年? (?: 计划 | 规划 )""",
    "where a five-year plan may end (a literal first character keeps the scan fast); "
    "program_five_year_plan then checks the ordinal before it",
    matches=["第七个五年计划", "六五规划"],
    rejects=["五年来", "计划五年"],
)

ANNUAL_ANCHOR = rule(
    "program_annual_anchor",
    r"""国民经济 (?:和社会发展)? 计划""",
    "where a year's national economic plan may end; program_annual_plan checks the year before it",
    matches=["一九五九年国民经济计划", "国民经济和社会发展计划"],
    rejects=["国民经济发展", "经济计划"],
)

ANNUAL_PLAN = rule(
    "program_annual_plan",
    r"""(?: \d{4} | [〇○零一二三四五六七八九]{4} ) 年 (?:度)? 国民经济(?:和社会发展)?计划""",
    "a year's national economic plan: 1959年国民经济计划",
    matches=["一九五九年国民经济计划", "1981年国民经济和社会发展计划"],
    rejects=["一九五九年的计划", "国民经济计划"],
)

UNQUOTED_LAW = rule(
    "program_unquoted_law",
    rf"""(?: 落实 | 实施 | 贯彻 | 修订 | 制定 | 颁布 | 出台 | 施行 | 宣传 | 学习 ) (?:好|了)?
        (?P<name> [{HAN}]{{3,14}}? (?: 促进法 | 保护法 | 管理法 | 教育法 | 安全法 | 条例 ) ) (?![{HAN}])""",
    "an unquoted law after a verb that applies it: 落实某某促进法, 修订某某条例",
    matches=["落实民营经济促进法,", "修订某省养老服务条例。"],
    rejects=["实施办法", "落实各项条例规定", "依法管理"],
)

# ---------------------------------------------------------------- checks on quoted bodies and contexts

PERIOD_BODY = rule(
    "program_period_body",
    r"""\s* (?: 十[一二三四五六七八九]? | [一二三四五六七八九] ) \s* 五 \s*""",
    "a quoted five-year period (“十一五”): a period, a plan only when 规划/计划 follows",
    matches=["十一五", "六五", "十四五 "],
    rejects=["五五购物节", "十一五规划"],
    use="fullmatch",
)

NUMBERED_BODY = rule(
    "program_numbered_body",
    rf"""[\d{CN_DIGIT}两百千万]+ (?: 个 | 项 | 大 | 种 | 条 | 类 | 篇 | 句 | 件 | 张 | 者 )""",
    "a numbered doctrine or task list (“三个代表”, “五篇大文章”): not a program unless a program word follows",
    matches=["三个代表", "两个维护", "五篇大文章", "四大功能", "1个总体方案"],
    rejects=["双随机、一公开", "百千万", "扫黄打非"],
    use="match",
)

COUNT_BODY = rule(
    "program_count_body",
    r"""\d+ 个""",
    "a quoted count (“1个总体方案”) is never a program, whatever word ends it",
    matches=["1个总体方案", "8个工作方案"],
    rejects=["八项规定", "三大攻坚战", "五个一工程"],
    use="match",
)

PLUS_BODY = rule(
    "program_plus_body",
    rf"""(?<![{HAN}A-Za-z0-9])[{HAN}A-Za-z0-9]{{2,}} \s* [+×] | [+×] \s* [{HAN}]{{2,}}""",
    "an 'X+' initiative (“互联网+政务服务”, “人工智能+”); bare numeric forms (“1+6”) are not",
    matches=["互联网+政务服务", "人工智能+", "某某制造+互联网", "数据要素×"],
    rejects=["1+6", "2+3+6+6", "1+N+X"],
)

LISTED_ACTIVITY = rule(
    "program_listed_activity",
    rf"""等 (?: (?! [的和与及在是把将为比对从向被] ) [{HAN}] ){{0,8}}? (?: 活动 | 行动 )""",
    "a quoted name listed before a generic activity word (“某某”等主题实践活动) names that activity",
    matches=["等主题实践活动", "等系列活动", "等行动"],
    rejects=["等方面", "的活动"],
    use="match",
)

QUOTE_INSTITUTION = rule(
    "program_quote_institution",
    rf"""[{HAN}]{{0,3}} (?: 负责制 | 责任制 )""",
    "a responsibility system after a quote (“某袋子”省长负责制): an institution, not a program",
    matches=["省长负责制", "市长负责制", "责任制"],
    rejects=["建设", "工程", "监管制度"],
    use="match",
)

TITLE_PAREN = rule(
    "program_title_paren",
    r"""\( (?: 县 | 区 | 市 | 县、区 | 县、市、区 | 县市区 | 区、县 | 县、市 ) \)""",
    "a level note after a title (双拥模范城(县)) belongs to the title",
    matches=["(县)", "(县、市、区)"],
    rejects=["(2023)", "(一)"],
    use="match",
)

AREA_BEFORE = rule(
    "program_area_before",
    r"""(?: \d | [万亿千百] ) (?: 平方米 | 平方公里 | 公顷 | 亩 | 万亩 ) \s*$""",
    "an area right before a title word (某万亩某某示范区): demonstration plots, not a designation",
    matches=["2000万亩", "5公顷", "100平方公里"],
    rejects=["1个", "一批"],
)

LEADING_QUANTITY = rule(
    "program_leading_quantity",
    r"""[万亿千百]* (?: 平方米 | 平方公里 | 公顷 | 万亩 | 亩 | 公里 | 米 | 吨 | 个 | 座 | 所 | 套 | 条 | 项 | 家 | 户
        | 人 | 名 | 万元 | 亿元 | 元 | 处 | 栋 | 间 | 批 | 期 | 年度 | 年 | 千伏 | 万千瓦 | 千瓦 | 兆瓦 | 场 | 级 )""",
    "the unit left over when a leftward scan stops at a number (100万平方米|棚户区改造工程)",
    matches=["万平方米", "个", "亿元"],
    rejects=["棚户区", "全国"],
    use="match",
)

ORDINAL_PREFIX = rule(
    "program_ordinal_prefix",
    rf"""第 [\d{CN_DIGIT}]+ (?: 轮 | 批 | 期 | 届 | 次 )""",
    "a round or batch number in front of a name (第五轮|某某工程): not part of the name",
    matches=["第五轮", "第2批"],
    rejects=["第一个五年", "第某"],
    use="match",
)


# ---------------------------------------------------------------- word lists and matchers over them


@dataclass(frozen=True, slots=True)
class Lexicon:
    """extract/data/program_lexicon.json: ``lex[name]`` is a list as a set, ``lex.longest[name]``
    the same list longest first (for prefix and suffix tests)."""

    sets: dict[str, frozenset[str]]
    longest: dict[str, tuple[str, ...]]
    suffix_kinds: tuple[tuple[str, str], ...]
    bad_followers: dict[str, tuple[str, ...]]
    known_unquoted: dict[str, str]

    def __getitem__(self, name: str) -> frozenset[str]:
        return self.sets[name]


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """Read the word lists once per process (never at import time).

    Returns:
        The Lexicon.
    """
    raw = json.loads(resources.files("extract").joinpath("data/program_lexicon.json").read_text("utf-8"))
    lists = {k: v["words"] for k, v in raw.items() if isinstance(v, dict) and "words" in v}
    return Lexicon(
        sets={k: frozenset(v) for k, v in lists.items()},
        longest={k: tuple(sorted(set(v), key=len, reverse=True)) for k, v in lists.items()},
        suffix_kinds=tuple((s, k) for s, k in raw["suffix_kinds"]["pairs"]),
        bad_followers={k: tuple(v) for k, v in raw["bad_followers"].items() if not k.startswith("_")},
        known_unquoted=dict(raw["known_unquoted"]["names"]),
    )


def is_han(c: str) -> bool:
    """Is ``c`` a CJK unified ideograph (the characters program names are made of)?"""
    return "\u4e00" <= c <= "\u9fff"


def strip_level_note(name: str) -> str:
    """The name without a trailing level note: 双拥模范城(县) -> 双拥模范城."""
    m = TITLE_PAREN.search(name)
    return name[: m.start()] if m and m.end() == len(name) else name


def kind_of(name: str) -> str | None:
    """The kind a name's last characters give it.

    Args:
        name: a program name (a level note such as (县) at its end is ignored).

    Returns:
        document, campaign, project, plan, title, action or activity; None when no program
        word ends the name or the name is only that word.

    >>> kind_of("某某提升三年行动"), kind_of("全国双拥模范城(县)"), kind_of("行动")
    ('action', 'title', None)
    """
    core = strip_level_note(name)
    index, lengths = _suffix_index()
    # the first pair of the lexicon's list that the name ends with (a dict lookup per length)
    hits = [index[core[-n:]] for n in lengths if len(core) > n and core[-n:] in index]
    return min(hits)[1] if hits else None


@lru_cache(maxsize=1)
def _suffix_index() -> tuple[dict[str, tuple[int, str]], tuple[int, ...]]:
    pairs = load_lexicon().suffix_kinds
    index: dict[str, tuple[int, str]] = {}
    for i, (s, k) in enumerate(pairs):
        index.setdefault(s, (i, k))
    return index, tuple(sorted({len(s) for s, _ in pairs}))


def suffix_kind(word: str) -> tuple[str, str]:
    """The (suffix, kind) pair a program word ends with (the word may be the suffix itself)."""
    return next((s, k) for s, k in load_lexicon().suffix_kinds if word.endswith(s))


def title_kind(body: str) -> str:
    """The kind of a 《…》 title.

    Args:
        body: the title without its 《》.

    Returns:
        ``plan`` for a 规划/计划/纲要 (a trailing 草案, 试行… ignored), else ``document``.
    """
    core = body.strip()
    for tail in ("(草案)", "草案", "(试行)", "(修订)", "(征求意见稿)", "(修订草案)"):
        core = core.removesuffix(tail)
    return "plan" if core.endswith(("规划", "计划", "纲要")) else "document"


def verb_ending_at(text: str, i: int, lex: Lexicon) -> str:
    """The lead verb that ends at ``i`` ('' if none, or if it is part of a word like 可持续)."""
    for k in (4, 3, 2):
        if i - k >= 0 and text[i - k:i] in lex["lead_verbs"]:
            if text.endswith(lex.longest["not_verbs"], 0, i):  # a not-verb ending at i
                return ""
            return text[i - k:i]
    return ""


@lru_cache(maxsize=64)
def _as_tuple(words: frozenset[str]) -> tuple[str, ...]:
    return tuple(words)


def found_before(text: str, s: int, words: frozenset[str], window: int, *, stops: str = "") -> bool:
    """Does one of ``words`` end at most ``window`` characters before ``s``?  The search stops
    at any non-Han character, or only at the characters ``stops`` when they are given."""
    j, ends = s, _as_tuple(words)
    while j > 0 and s - j <= window:
        if text.endswith(ends, 0, j):  # one of the words ends at j
            return True
        c = text[j - 1]
        if (c in stops) if stops else not is_han(c):
            return False
        j -= 1
    return False


def is_generic(name: str, lex: Lexicon) -> bool:
    """A name made only of generic words (重点道路, 经济发展, 两个年度, 第三批) names no program."""
    rest = name
    while rest:
        if m := NUMBERED_BODY.match(rest) or ORDINAL_PREFIX.match(rest):
            rest = rest[m.end():]
            continue
        k = next((k for k in range(min(6, len(rest)), 0, -1) if rest[:k] in lex["generic_words"]), 0)
        if not k:
            return False
        rest = rest[k:]
    return True


def strip_lead(name: str, lex: Lexicon) -> str:
    """Drop counting words (新一轮, 第五轮) and verbs a leftward scan could not see (加强对…)."""
    while True:
        m = ORDINAL_PREFIX.match(name)
        p = m.group() if m else next((x for x in lex.longest["name_prefixes_to_strip"] if name.startswith(x)), "")
        p = p or next((name[:k] for k in (4, 3, 2) if name[:k] in lex["lead_verbs"]), "")
        if not p or len(name) <= len(p):
            return name
        name = name[len(p):]
