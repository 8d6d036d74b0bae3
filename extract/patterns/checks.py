"""Words that tie stated quantities into relations the totals checker can test."""
from __future__ import annotations

from corpus.rules import rule

PARTS_START = rule(
    "parts_start",
    r"""其中\s*[:：,，]? | 包括\s*[:：]? | (?<![包])含\s*[:：]? | 内含""",
    "the words that open a list of parts right after their total: 其中, 包括, 含",
    matches=["其中:", "其中,", "包括", "(含"],
    rejects=["其他", "包装", "按年龄段分"],
)

BY_DIMENSION = rule(
    "by_dimension",
    r"""按(?:照)?[^,，。;；]{1,10}(?:分|划分|统计)\s*[:：,，]? | 分[^,，。;；]{1,8}看\s*[:：,，]?
      | (?<=[。;；\n])(?:在)?[\u4e00-\u9fff]{2,12}(?<!其)中\s*[,，:：]""",
    "a breakdown by one dimension (按经营单位所在地分, 分行业看, 住户存款余额中,): its total is one of the "
    "paragraph's earlier figures, not necessarily the one just before",
    matches=["按行业分,", "按照公路技术等级划分,", "按年龄段分,", "分产业看,", "。住户存款余额中,"],
    rejects=["按时完成", "按规定", "其中,"],
)

INTENSIVE = rule(
    "intensive",
    r"""人均|户均|平均|均价|率|比重|比例|占比|每(?=人|户|个|家|亩|吨|平方|床|名|位|公里|次|件|台|辆|万人)|单价|价格
      |指数|标准|密度|系数|强度|年均|增速|工资""",
    "words of a per-unit or relative figure (人均收入, 平均工资, 比重, 标准): such figures never add up to a total",
    matches=["城镇居民人均可支配收入", "在岗职工平均工资", "低保标准", "城镇化率", "每人每月"],
    rejects=["社会消费品零售总额", "低保对象", "每年安排支出"],
)

COMPARISON_BASE = rule(
    "comparison_base",
    r"""(?:(?<![占对之])比(?![重例率值较])|较|同(?![比期])|(?<![参给赋授准])与|由|从)[^,，。;；:：]{0,12}?的?\s*$""",
    "a figure given as the base of a comparison (比一九五二年的二百七十亿元, 由A提高到B): not a part of a total",
    matches=["比一九五二年的", "由", "较上年同期的"],
    rejects=["全年完成", "占全州生产总值的比重为", "参与", "给与", "占比"],
)

TOTAL_AFTER = rule(
    "total_after",
    r"""(?:共计|合计|总计|累计共|一共|总共)\s*(?:为|达|达到|有)?\s*$""",
    "a total stated after its list: …, 共计15人 / 合计 / 总计",
    matches=["共计", "合计为", "总共"],
    rejects=["共同", "合计划"],
)

COMPLETE_LIST = rule(
    "complete_list",
    r"""分别为 | 分别是 | 分为[一二三四五六七八九十\d两]+(?:类|种|个|部分) | 分为""",
    "a list that claims to exhaust its total: 分别为, 分为三类",
    matches=["分别为8个和3个", "分为三类"],
    rejects=["分别增长", "分别"],
)

SHARE_LIST = rule(
    "share_list",
    r"""分别占 | 占[^,，。;；]{0,12}(?:比重|比例|份额)?(?:分别)?为 | 比重分别为 | 比例分别为 | 构成分别为 | 分别约占
      | 贡献率分别为 | 比重为(?=[\d.]+%[、和])""",
    "shares of one whole listed together (分别占58%、34%和21%): they sum to at most 100",
    matches=["分别占", "占全部纠纷的比重分别为", "比重分别为", "贡献率分别为", "比重为19.6%、"],
    rejects=["分别增长", "占比"],
)

AVERAGE = rule(
    "average",
    r"""(?P<per>户均|人均|平均每户|平均每人|每户平均|每人平均|平均每户次|平均每人次|每户|每人)\s*(?:约|为|达|达到)?\s*$""",
    "an average right before a number: 户均1,200元, 人均300元, 平均每户次2,000元",
    matches=["户均", "人均", "平均每户次", "每户平均"],
    rejects=["人均可支配收入增长", "均衡"],
)

TO_LEVEL = rule(
    "to_level",
    r"""^(?:[^,，。;；]{0,6})?(?:提高|增加|增长|上升|提升|扩大|上调|调整|下降|减少|降低|下调|压缩)(?:到|至|为)\s*$""",
    "…提高到/增加到/降至 between the two levels of a change",
    matches=["提高到", "每人每月提高到", "下调至"],
    rejects=["提高了"],
)

FUTURE = rule(
    "future",
    r"""目标|预期|预计|计划|力争|争取|确保|将要|将|要|拟|明年|下一步|今后|规划|目标任务|任务是""",
    "plans and targets: a figure in such a sentence is not a statement of what happened",
    matches=["预期目标", "力争完成", "明年"],
    rejects=["完成了"],
)

PERIOD = rule(
    "period",
    r"""\d{4}\s*年(?:度|末|底|初)? | [上下]半年 | 全年 | 当年 | 今年 | 去年 | 明年 | 上年 | \d{1,2}\s*[-—~至]\s*\d{1,2}\s*月
      | \d{1,2}\s*月(?:份|底|末)? | [一二三四1-4]\s*季度 | 年末 | 年底 | 年初 | (?<![一二三四五六七八九十两\d])[一二三四五六七八九十两\d]+年来 | 过去[一二三四五六七八九十两\d]+年
      | “[一二三四五六七八九十]+五”(?:期间|时期)? | 截至""",
    "time words that scope a figure: a figure restated under another period is not a restatement",
    matches=["2023年", "上半年", "1-6月", "五年来", "年末"],
    rejects=["年龄"],
)

FUTURE_HEADING = rule(
    "future_heading",
    r"""计划|打算|安排|思路|目标|任务|展望|下一步|明年|今后|工作重点|重点工作|要点|建议|部署|总体要求|政策取向
        |\d{4}年(?:的)?(?:主要)?工作""",
    "a section heading that announces plans: figures under it are targets, not results",
    matches=["下一步工作打算", "2024年工作安排", "今后五年的目标任务", "2025年主要工作"],
    rejects=["过去一年工作回顾", "存在的问题"],
)

VITAL_RATES = rule(
    "vital_rates",
    r"""出生率 [^\n]{0,40}? 死亡率 [^\n]{0,40}? 自然增长率""",
    "birth, death and natural growth rates stated together: natural growth = births - deaths",
    matches=["出生率为9.56‰;死亡人口4083人,死亡率为8.36‰;人口自然增长率为1.2‰",
             "出生率为7.19‰,比上年下降1.15个千分点;死亡人口31.4万人,死亡率为6.94‰,上升0.23个千分点;自然增长率为0.25‰"],
    rejects=["出生率9.1‰"],
)

GROWTH_SHARE = rule(
    "growth_share",
    r"""(?:增长面|覆盖面|达标面)(?:为|达|达到)?\s*$""",
    "增长面: the share of items that grew (15 of 36 industries -> 41.7%)",
    matches=["增长面为", "增长面达到"],
    rejects=["增长"],
)

COMPLETION = rule(
    "completion",
    r"""(?:完成|达到|为|占)(?P<what>[^,，。;；]{0,24}?)(?:计划|预算数|预算|目标|任务)[^,，。;；]{0,8}?的\s*$""",
    "a completion rate: 完成全年目标任务2000万美元的100.05% = actual / target",
    matches=["完成全年目标任务2000万美元的", "完成预算数的", "完成年度计划的"],
    rejects=["完成了"],
)


INLINE_ITEM = rule(
    "inline_item",
    r"""(?<=[。;；:：])[ \t]*[(（](?P<n>[一二三四五六七八九十]{1,2})[)）]""",
    "an item marker inside a paragraph, after a colon or the end of the previous item "
    "(…情况如下:(一)各项税收…;(二)国营企业收入…): the items are classes of one whole",
    matches=["如下:(一)", "。(二)", ";（三）"],
    rejects=["(一)开头的标题", "其中(一)"],
)

WHOLE_WORD = rule(
    "whole_word",
    r"""总数|总计|合计|共计|总额|全年""",
    "words naming a figure as the whole of the figures before it (收入总数共为, 合计)",
    matches=["收入总数共为", "合计"],
    rejects=["总体", "共同"],
)

SHARE_BEFORE = rule(
    "share_before",
    r"""占(?:[^,，。;；:：、\d]{0,10}的)?\s*(?:比重|比例)?(?:为|达)?\s*$""",
    "a percent given as a share of a whole: 占16.8%, 占全部的42.3%, 的占百分之二十五点六",
    matches=["判处死刑的占", "占全部的", "占全县的比重为"],
    rejects=["占地", "增长"],
)

GROWTH_THEN_LEVEL = rule(
    "growth_then_level",
    r"""\s*(?:[,，]\s*)?(?:达到|达|为|至|到)\s?""",
    "between a growth and the level it leads to: 地方财政总收入增长20%,达到24.8亿元",
    matches=[",达到", "达", ", 为"],
    rejects=[",比上年", "同比"],
    use="fullmatch",
)

YEAR_BEFORE = rule(
    "year_before",
    r"""(?P<y>(?:19|20)\d\d)年(?:末|底)?的?\s*$""",
    "a year right before a figure: 由2010年的5.24亿元, 到2015年的15.07亿元",
    matches=["由2010年的", "2015年末"],
    rejects=["2015年以来"],
)

ANNUAL_RATE = rule(
    "annual_rate",
    r"""^\s*(?:[,，、;；]\s*)?(?:年均|平均每年|每年平均)(?:增长|递增|提高|增加)\s?$""",
    "an average annual growth right after a from-to pair: …,年均增长23.53%",
    matches=[",年均增长", "、年均增长", ",年均递增"],
    rejects=[",增长", "年均下降"],
)

FIVE_YEAR_SPAN = rule(
    "five_year_span",
    r"""(?<![十\d])五年|(?<!\d)5年|“?十[一二三四五]五”?""",
    "a five-year review (过去五年, “十二五”期间): the span of a 年均 rate stated without years",
    matches=["过去五年", "“十三五”时期", "5年累计"],
    rejects=["五一", "十五年"],
)

CLAUSE_NOISE = rule(
    "clause_noise",
    r"""^(?:全年|今年|去年|年末|年底)(?:全区|全市|全县|全镇|全州|全省|全国)? | ^(?:全区|全市|全县|全镇|全州|全省|全国)
      | 实现|完成|达到|共计|为|达|了|\s""",
    "scope, time and verb words dropped when two clauses are compared for naming the same figure "
    "(全年全县服务业实现增加值 -> 服务业增加值)",
    matches=["全年全县", "实现"],
    rejects=["服务业"],
)

SHARE_PAIR_FROM = rule(
    "share_pair_from",
    r"""(?:由(?![于此])|从)[^,，。;；由从]{0,12}?$""",
    "before the first share of a from-to pair: 比重由上年的68.6%…, 相应地由36.5%…",
    matches=["比重由上年的", "相应地由", "由1954年的"],
    rejects=["由于", "由此,"],
)

SHARE_PAIR_TO = rule(
    "share_pair_to",
    r"""\s*(?:相应地?)?(?:上升|下降|提高|降低|增加|减少|升|降|扩大|缩小)了?(?:到|为|至)(?:[^,，。;；\d]{0,8}?的)?\s*""",
    "between the two shares of a from-to pair: …上升到…, …降到…, …上升到今年的…",
    matches=["上升到", "下降为", "降到", "上升到今年的"],
    rejects=["增长", "上升了", ",比上年下降"],
    use="fullmatch",
)

SHARE_CUE = rule(
    "share_cue",
    r"""比重|占比|所占|比例|份额|构成""",
    "a share is meant (the clause before a from-to pair names a 比重/所占/比例)",
    matches=["生产性投资比重", "积累所占的比重", "占比"],
    rejects=["增长率", "增加值"],
)

SHARE_FRAME = rule(
    "share_frame",
    r"""^\s*(?:在|从)[^,，。;；]{2,20}?(?:中|里)\s*[,，:：]""",
    "a sentence opening with the whole its figures divide (在手工业总产值中, …): the percents after it are shares",
    matches=["在手工业总产值中,", "在社会商品零售总额中,", "从工业总产值中:"],
    rejects=["在全市范围内,", "其中,", "在上级的关心中开展"],
)

NAMED_BASE_SHARE = rule(
    "named_base_share",
    r"""占(?!(?:全[县市省国区州镇部]|总[数量]|全体|其)的)(?P<base>[^,，。;；:：、的\d]{2,16})的\s*(?:比重|比例)?(?:为|是|达|达到)?\s*$""",
    "a share of a named whole right before the percent: 占经济建设费总数的, 占工业支出总数的比重为 "
    "(a bare scope such as 全县 or 全部 names no one whole: several such shares may be of different wholes)",
    matches=["占经济建设费总数的", "占工业支出总数的比重为"],
    rejects=["占地", "占比为", "占全县的"],
)

REMAINDER = rule(
    "remainder",
    r"""(?:其余|其他|剩余|余下)(?:的)?\s*$""",
    "right before the last part of a list that the rest makes complete: 其中10幅…,其余26幅",
    matches=["其余", "其余 ", "余下的"],
    rejects=["其中", "其余的工作"],
)

BUDGET_SHARE_BEFORE = rule(
    "budget_share_before",
    r"""(?:完成|占|为|达到)(?:原|年初)?(?:预算|计划)(?:数)?的\s*$""",
    "right before the completion rate of a budget: 本年收入完成预算的96.98%, 决算支出占预算数的98.41%",
    matches=["完成预算的", "占预算数的", "完成年初预算的"],
    rejects=["占全部的", "完成投资的"],
)

BUDGET_BASE_AFTER = rule(
    "budget_base_after",
    r"""\s*(?:[,，]\s*)?比(?:原|年初)?(?:预算|计划)数?\s*""",
    "between the completion rate and the budget figure: …96.98%,比预算数28,049,780,000元…",
    matches=[",比预算数", "，比年初预算", ",比计划"],
    rejects=[",比上年", "比预算数多"],
    use="fullmatch",
)

BUDGET_DIFF = rule(
    "budget_diff",
    r"""\s*(?P<dir>少|多|超)(?:收|支|出)?了?\s*""",
    "between the budget figure and the shortfall or excess: …28,049,780,000元少846,461,000元, 多支, 超收",
    matches=["少", "少支", "超收", "多了"],
    rejects=["减少", "增长"],
    use="fullmatch",
)
