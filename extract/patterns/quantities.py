"""Quantity shapes: a number with its hedges, scale and unit, and the words around it that
decide whether it is a change, a rate without a sign, or not a quantity at all.

Applied to the document's *scan text*: the normalised text in which commas that were
full-width in the original stay ``，`` (a list separator), so that an ASCII comma between
digits is a thousands separator (1,656人) and ``12，15人`` is two numbers.
"""
from __future__ import annotations

from corpus.rules import rule
from extract.patterns.numbers import ARABIC, CHINESE, CN_ALL, SCALE
from extract.units import UNIT_ALTERNATION

_PLACEHOLDER = r"\d*[.]?(?:[xX×*＊]{1,6}|_{2,}|＿+)[\dxX×*＊_.]*|\[\s*\]|【\s*】"
# digits spaced out by a PDF text layer: "4 6 2 8 0 亿元", "1 0 .0 6 ‰", "5 .4 %"
_SPACED = r"\d(?:[ ]\d)+(?:[ ]?\.[ ]?\d(?:[ ]\d)*)?|\d[ ]?\.[ ]?\d(?:[ ]\d)*"
# Arabic digits with Chinese scale words inside: "1万6千多户", "1亿3千多万"
_MIXED_CN = r"\d+(?:\.\d+)?[万亿]\d+[千百]"

QUANTITY = rule(
    "quantity",
    rf"""(?=[\d{CN_ALL}xX×*＊_＿\[【])  # fail fast where no number can start (13x faster over a document)
        (?P<pctw>百分之|千分之)?
        (?P<num>
            (?<![\d.A-Za-z])(?<!\d,) \d{{1,3}}(?:[ ]\d{{3}})+ (?=\s?(?:{SCALE})?\s?(?:{UNIT_ALTERNATION}))
          | (?<![\d.A-Za-z])(?<!\d[ ]) (?:{_SPACED}) (?=[ ]?(?:余|多)?(?:{SCALE})?[ ]?(?:余|多)?(?:{UNIT_ALTERNATION}))
          | (?<![\d.A-Za-z]) (?:{_MIXED_CN})
          | (?<![\d.A-Za-z_])(?<!\d,)(?<!\d[ ]) (?:{ARABIC}) (?![\d_＿×*＊]|\.\d|[A-Za-z])
          | (?<![{CN_ALL}第]) (?:{CHINESE})
          | (?<![A-Za-z]) (?:{_PLACEHOLDER}) )
        (?: %?\s?(?P<rsep>[-—–~至到])\s?(?:百分之)?
            (?P<num2> (?:{ARABIC})(?![\d.]) | (?:{CHINESE}) ) )?
        (?P<h1>余|多|几)?
        [ \n]?(?P<scale>{SCALE})?
        (?P<h2>余|多)?
        [ \n]?
        (?P<unit>{UNIT_ALTERNATION})?
        (?P<post>以上|以下|以内|左右|上下|之多|及以上|及以下)?""",
    "a number with its hedges, scale word and unit: 1700余名, 6.3万元, 2.18万亿元, 300多人, 百分之九十二, "
    "3-5人, 95%以上, xxx万元 (the finder: whether it is a quantity is decided after)",
    matches=["走访1700余名", "救助金6.3万元", "2.18万亿元", "百分之九十二", "3-5人", "95%以上", "投入xxx万元",
             "两万三千人", "十几户", "3 000个", "4 6 2 8 0 亿元", "1万6千多户"],
    rejects=["统计", "PM", "第"],
)

PRE_HEDGE = rule(
    "pre_hedge",
    r"""(?P<hedge> 约为 | 大约 | 大概 | (?<![节制签合公预契邀特条简集婚相])约 | 将近 | 接近 | (?<![最附亲靠就邻贴遥临])近
        | 超过 | (?<![赶])超 | 逾 | 突破 | 不足 | 不到 | 不满 | 多于 | 少于 | 高于 | 低于 | 不低于 | 不少于 | 至少 | 最少
        | 不高于 | 不超过 ) \s?$""",
    "hedge words just before a number (约30万人, 近5万元, 超过, 逾, 不足10人); 节约/最近 are not hedges",
    matches=["约", "将近", "近", "超过 ", "不足", "不低于", "超"],
    rejects=["节约", "最近", "附近", "赶超"],
)

COMPARED_DIFF = rule(
    "compared_diff",
    r"""(?: (?:(?<![占对之])比(?![重例率值赛较如])|较(?![为好大多快高低少]))
            (?P<base>(?:[^,，。;；:：!?！？\n]|(?<=\d),(?=\d{3})){1,30}?)
            (?P<verb>超过|超出|高出|多出|多|少|差|低|高|快|慢|领先|落后)了?
          | (?P<than>(?:高|低|快|慢|多|少)于) (?P<base2>[^,，。;；:：!?！？\n\d%]{2,24}?) )
        \s?(?:约|近)?\s?$""",
    "a number that is the difference from a compared figure: 比五年计划原定的水平超过133亿斤, 比计划只差38亿元, "
    "高于全省平均水平2.1个百分点 (the words between name the base; a bare 高于10% is a bound, not a difference)",
    matches=["比五年计划原定1957年3,856亿斤的水平超过", "比规定的水平只差", "高于规模以上工业增加值增速",
             "比全国平均水平高", "低于全省平均"],
    rejects=["比重超过", "高于", "占比", "比上年增长5%,超过"],
)

RATE_CONTEXT = rule(
    "rate_context",
    r"""(?:率|比例|比重|覆盖面|占比|满意度|指数|系数)
        (?:已|均|分别|总体|平均)?
        (?:为|达到|达|是|提高到|提升到|保持在|稳定在|超过|在|高达|突破|上升到|上升至|提高至|达到了|降至|下降到|降到)?
        \s?$""",
    "a rate or share noun right before a bare number makes it a percentage (参保率达到70.4, 比重为46.8)",
    matches=["参保率达到", "城镇化率为", "比重", "满意度达"],
    rejects=["利率调整后", "完成投资"],
)

SHARE_CONTEXT = rule(
    "share_context",
    r"""占 (?:[^,，。;；:\n]{0,16}的)? \s?$""",
    "占…的 before a bare number: a share in percent (占总人口的5, 占14.6)",
    matches=["占总人口的", "占", "占全市的"],
    rejects=["占地面积", "占总人口"],
)

CHANGE_BEFORE = rule(
    "change_before",
    r"""(?P<basis> 较上年同期|比上年同期|较去年同期|比去年同期|较上年末|比上年末|较年初|比年初|较上年|比上年
        |较去年|比去年|同比|环比|与上年相比|与去年相比|较上一年|比上一年|年均|平均每年|每年|(?:较|比)\d{4}年(?:末|底)?)?
        [,，]?\s? (?:分别|均|也|还|又|共|累计|实际|名义|合计)? \s?
        (?P<verb> 净增加|净增|净减少|净减|增支|增收|减收|减支|增产|减产|递增|递减|增加|增长|提高|上升|上涨|提升|扩大|回升|攀升|下降|减少|降低|回落|下滑|下跌
        |缩小|缩减|压减|增|减|降|升|涨|多|少) (?:了)? \s? (?:约|近|超过|逾|将近)? \s?$""",
    "a change word before a number: 较上年增加304人, 同比增长5%, 比上年下降3.2%, 减少52户",
    matches=["较上年增加", "同比增长", "比上年下降", "减少", "分别较上年增加", "增长了"],
    rejects=["增加到", "提高至"],
)

CHANGE_TO = rule(
    "change_to",
    r"""^(?:到|至|为)""",
    "提高到/增至/降为 (to a level): what follows is a level, not a change",
    matches=["到", "至"],
    rejects=["了"],
    use="match",
)

NOT_AFTER = rule(
    "not_after",
    r"""^(?:年(?!龄)|月|日|号|时|点(?![\d一二三四五六七八九])|届|周年|级|期间|次会议|世纪|代|版|型|式|楼|层|路|大|中全会|项目)""",
    "what a number is not followed by when it is a quantity: a date, a time, an ordinal or a name "
    "(2020年, 3月, 第十届, 70周年)",
    matches=["年", "月份", "周年", "级"],
    rejects=["人", "年龄"],
    use="match",
)

QUOTED = rule(
    "quoted",
    r"""“[^“”\n]{1,15}” | "[^"\n]{1,15}" | 「[^「」\n]{1,15}」 | 《[^《》\n]{1,80}》 | ‘[^‘’\n]{1,15}’""",
    "short quoted names and book titles: numbers inside them are names (“十一五”, “五小”, “6.10”), not quantities",
    matches=["“十一五”", "“五小”", "《2023年工作要点》"],
    rejects=["发放资金5万元"],
)

BARE_SCALE = rule(
    "bare_scale",
    rf"""(?=[近将超突逾上千百万亿])(?P<pre>近|将近|超过|超|突破|逾|上)?(?<![\d{CN_ALL}])(?P<num>千亿|百亿|万亿|亿|千)(?P<unit>{UNIT_ALTERNATION})(?P<post>以上)?""",
    "a bare scale word used as a number: 超亿元 (1亿元), 突破千亿元, 近千公里, 上亿人, 亿元以上",
    matches=["超亿元", "突破千亿元", "近千公里", "上亿人", "亿元以上"],
    rejects=["十亿元"],
)

DURATION_YEARS = rule(
    "duration_years",
    rf"""连续\s?(?P<num>\d{{1,3}}|[{CN_ALL}]{{1,4}})\s?(?P<unit>年)(?!来|内|以来|前|后|间|度)""",
    "a measured duration in years after 连续 (连续四年, 连续5年): a quantity, unlike 五年来 or 5年内",
    matches=["连续四年获得丰收", "连续5年获评"],
    rejects=["五年来", "连续5年来"],
)

RANK_CONTEXT = rule(
    "rank_context",
    r"""(?:排名|排位|位次|提升|上升|前移|跃升|升至|提高|前进|下降)\s?$""",
    "a rank move before N位: the unit is a position, not people (排名提升4位)",
    matches=["排名提升", "位次前移"],
    rejects=["共有"],
)
