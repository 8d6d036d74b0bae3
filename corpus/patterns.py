"""Patterns for reading and cutting: boilerplate lines, document markers, headings.

All are applied to *normalised* lines (full-width forms already ASCII, see corpus.normalize)
with surrounding whitespace stripped.  Every rule carries schematic examples and hard
negatives, tested in tests/test_rules.py.
"""
from __future__ import annotations

from corpus.rules import rule

CN_NUM = "一二三四五六七八九十百零〇两"
CN_ORD = f"[{CN_NUM}]{{1,4}}"

# ---------------------------------------------------------------- boilerplate (whole lines)

UI_LINE = rule(
    "ui_line",
    r"""^(?: 下载 | 打印 | 全屏 | 收藏 | 分享 | 加大 | 还原 | 减小 | 关闭 | 关闭窗口 | 打印本页
        | 打印此页 | 返回顶部 | 返回 | 字号 | [大中小] | 】 | 【 | \| | 默认 | 繁体 | 简体
        | 【\s*字号\s*[:：]? .{0,12} | 字号\s*[:：] .{0,12} | 分享到 .{0,20} )$""",
    "page-chrome controls scraped with the article (下载/打印/【字号: 加大 还原 减小】)",
    matches=["下载", "打印", "【字号:", "加大", "】", "【字号:大 中 小】", "|"],
    rejects=["下载量增长5%", "打印机采购12台", "大中小学校"],
    use="fullmatch",
)

POST_META = rule(
    "post_meta",
    r"""^(?: 来源 | 时间 | 发布时间 | 发布日期 | 日期 | 作者 | 编辑 | 责任编辑 | 浏览次数 | 点击
        | 点击数 | 阅读 | 阅读次数 | 索引号 | 发布机构 | 栏目 | 标签 | 我要投稿 | 文章来源 | 信息来源
        | 稿源 | 访问量 | 浏览 )\s*[:：] .{0,60}$""",
    "post metadata lines of a saved web page (来源:, 时间:, 责任编辑:, 浏览次数:)",
    matches=["来源:某某日报", "时间:2026-02-09", "责任编辑:某某", "浏览次数:1234"],
    rejects=["时间紧、任务重,我们克服困难", "来源于群众,服务于群众"],
    use="fullmatch",
)

SITE_SERVICE = rule(
    "site_service",
    r"""在线客服 | 客服\s*QQ | 人工客服 | 客服电话 | 联系客服 | 客服老师 | 网站客服""",
    "customer-service lines of document-hosting sites",
    matches=["在线客服老师一对一协助", "网站客服QQ:12345", "人工客服工作时间:9:00-18:30"],
    rejects=["社区服务中心全年服务群众1200人次"],
)

EDITOR_PREFACE = rule(
    "editor_preface",
    r"""^(?: 引论 | 前言 | 导语 | 开篇 | 导读 | 摘要 )\s*[:：] .{0,80} (?:整理 | 精心 | 收集 | 为您 | 为你
        | 推荐 | 分享 | 筛选 | 参考)
      | 下面是小编 | 以下是小编 | 小编(?:为|给|帮)(?:大家|您|你) | 本站为(?:你|您) | 本文由.{0,20}(?:整理|分享|上传)
      | 希望(?:对)?(?:大家|你|您).{0,6}(?:喜欢|有所帮助|有帮助) | 希望能(?:够)?帮助到
      | 欢迎(?:阅读|参考|借鉴|下载) | 仅供(?:大家)?参考 | 更多.{0,12}请(?:关注|访问|点击)""",
    "editor's lead-ins and sign-offs of essay sites (下面是小编…, 希望大家喜欢)",
    matches=["引论:我们为您整理了3篇范文,供您参考", "下面是小编给大家整理的总结,希望大家喜欢",
             "以上内容仅供参考", "希望对大家有所帮助!"],
    rejects=["前言:本报告回顾了全年工作", "希望各位代表提出意见", "希望工程捐款3万元"],
)

DOC_HOST = rule(
    "doc_host",
    r"""精选优质文档 | 倾情为你奉上 | 精品合同推荐 | 下载后可任意编辑 | 感谢您的下载 | 腾讯文库
      | 由会员分享 | docx\s*VIP | 文档介绍\s*[:：] | 内容预览\s*[:：] | 本文共\s*\d+\s*字 | 全文共\s*\d+\s*字
      | 阅读全部.{0,10}登录 | 需要先登录 | 仅供站内会员 | 下载文档前请自行甄别 | 文档的所有权益归上传用户
      | 未完[,，]\s*全文共 | 当前显示\s*\d+\s*字""",
    "document-host banners, paywall and truncation notices (they carry numbers: drop them)",
    matches=["精选优质文档-倾情为你奉上", "(未完,全文共5000字,当前显示2000字)", "下载后可任意编辑"],
    rejects=["全文共分三个部分", "下载安装国家反诈中心APP人数达3万"],
)

PAGE_NUMBER = rule(
    "page_number",
    r"""^(?: [-—–_\s]* \d{1,4} [-—–_\s]* | 第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?
        | \d+\s*/\s*\d+ | 共\s*\d+\s*页 | Page\s*\d+(?:\s*of\s*\d+)? | 第\s*页\s*共\s*页 )$""",
    "page numbers and page counters on lines of their own (- 3 -, 第1页共9页, 3/12)",
    matches=["- 3 -", "3395", "第 1 页 共 9 页", "12/40", "—2—"],
    rejects=["2024年", "- 3 - 5人", "第1页的内容"],
    use="fullmatch",
)

PAGE_NUMBER_INLINE = rule(
    "page_number_inline",
    r"""第\s*\d+\s*页\s*[,，/]?\s*共\s*\d+\s*页 (?:下载后可任意编辑)?""",
    "page counters injected in the middle of a paragraph by a document viewer",
    matches=["其中城镇第 1 页 共 9 页下载后可任意编辑1200户"],
    rejects=["第1页"],
)

NAV_LINE = rule(
    "nav_line",
    r"""^(?: (?: 当前位置 | 您的位置 | 您现在的位置 | 首页\s*[>＞»] | 网站首页 | 跳到主要 | 导航菜单 | 版面概览
        | 无障碍 | 互动交流 ).{0,60} | (?:登录|注册)(?:\s*[|/]\s*(?:登录|注册))? )$""",
    "site navigation lines (当前位置: 首页 > …)",
    matches=["当前位置:首页 > 政务公开", "网站首页 | 政府信息公开", "首页>新闻"],
    rejects=["首页面向群众开放", "登录人数增长12%"],
    use="fullmatch",
)

TRAILER = rule(
    "trailer",
    r"""^(?: 相关报道 | 相关新闻 | 相关链接 | 相关文章 | 相关阅读 | 相关推荐 | 猜你喜欢 | 热门推荐 | 热门文章 | 推荐阅读
        | 上一篇 | 下一篇 | 会员登录 | 主办单位 | 版权所有 | 扫一扫 | 分享到 | 网站地图 | 联系我们
        | 打印本页 | 关闭窗口 | 【?\s*打印\s*】? )\s*[:：]? .{0,80}$""",
    "the start of trailing navigation: everything after it, near the end of a page, is dropped",
    matches=["相关报道:", "上一篇:某某工作总结", "版权所有 某某网", "猜你喜欢"],
    rejects=["相关部门联合开展检查12次", "上一年度完成投资5亿元"],
    use="fullmatch",
)

# ---------------------------------------------------------------- documents inside one file

DOC_MARKER = rule(
    "doc_marker",
    rf"""^【?\s* (?: 篇\s*(?P<n1>\d{{1,2}}|{CN_ORD}) | 第\s*(?P<n2>\d{{1,2}}|{CN_ORD})\s*篇 (?:范文)? )
        \s*】? (?: \s*[:：、.]\s* (?P<rest>.{{0,60}}) | \s+ (?P<rest2>.{{0,60}}) | (?P<rest3>[^,，。;；]{{0,25}}) )$""",
    "start of a document in a collection file: 篇1, 篇一, 第一篇, 【第1篇】, 篇二:标题",
    matches=["篇1", "篇一", "第一篇", "【第2篇】", "篇三:社区工作总结", "第1篇范文"],
    rejects=["篇章结构", "第一篇文章发表后,读者反响很大,我们随即整理了各方面的意见和建议并认真研究落实"],
    use="fullmatch",
)

TITLE_WITH_INDEX = rule(
    "title_with_index",
    rf"""^(?: (?P<title>.{{2,60}}? (?:总结|报告|汇报|计划|方案|讲话|材料|发言|述职|简报|范文|心得|体会))
              \s* 【\s*(?P<idx>\d{{1,2}}|{CN_ORD})\s*】
          | (?P<title2>.{{2,60}}? (?:总结|报告|简报|范文)) \s* (?P<idx2>\d{{1,2}}) )$""",
    "a title that carries the number of its document in a collection: …工作总结【2】, …总结【二】, 简报1",
    matches=["社区工作总结【2】", "年度民政工作总结【二】", "双拥工作简报1"],
    rejects=["社区工作总结", "全年完成计划12", "报告【注】"],
    use="fullmatch",
)

# ---------------------------------------------------------------- headings

HEADING = rule(
    "heading",
    rf"""^(?P<label>
          (?P<part> 第[{CN_NUM}\d]{{1,3}}(?:部分|章|篇|节) )
        | (?P<cn> [{CN_NUM}]{{1,3}} \s*[、.．,] )
        | (?P<paren_cn> [(（]\s*[{CN_NUM}]{{1,3}}\s*[)）] \s*[、.]? | [㈠-㈩] )
        | (?P<arabic> \d{{1,2}} \s*(?:、|[,.](?!\d)) )
        | (?P<paren_arabic> [(（]\s*\d{{1,2}}\s*[)）] \s*[、.]? | [⑴-⒇] )
        | (?P<circled> [①-⑳] )
        | (?P<markdown> \#{{1,6}}\s+ )
        )\s*""",
    "heading labels at the start of a line: 第一部分 一、 (一) 1、 1. (1) ① and markdown #",
    matches=["一、过去一年工作回顾", "(三)社会事业全面进步", "1、国际学校建设稳步推进", "2.加强管理",
             "(1)完善制度", "①做好宣传", "第二部分 工作安排", "## 总结", "㈡民生保障"],
    rejects=["1.5万人受益", "1,234人", "2023年工作回顾", "一是加强领导", "十分重要", "三年来,我们坚持", "12345"],
    use="match",
)

# Words that open a body sentence; used to cut a heading glued to its paragraph:
# "(一)丰富和完善工作机制下半年,我们将…" -> heading "丰富和完善工作机制".
SENTENCE_OPENERS = (
    "下半年", "上半年", "今年以来", "今年", "去年", "全年", "年内", "近年来", "近几年", "多年来", "一年来",
    "年初", "年底", "目前", "当前", "截至", "截止", "我们", "我局", "我镇", "我区", "我县", "我市",
    "我乡", "我街道", "我社区", "我所", "我校", "我院", "我中心", "我办", "我委", "全区", "全市",
    "全县", "全镇", "全乡", "全街道", "全社区", "全省", "为了", "为进一步", "按照", "根据", "围绕",
    "通过", "针对", "坚持", "结合", "在上级", "在区委", "在市委", "在县委", "在党委", "认真", "积极",
    "一是", "首先", "主要", "始终", "进一步",
)

PLAIN_HEADING = rule(
    "plain_heading",
    r"""^(?=[^,，。;；:：!?！？、()（）“”"]{4,24}$)(?![\d\s]*\d{4}\s*年\s*\d{1,2}\s*月)(?!.*(?:办事处|委员会|人民政府|同志|代表)$)
        [\u4e00-\u9fff\d“”《》]+.*[\u4e00-\u9fff]$""",
    "an unnumbered heading on a line of its own (Word headings whose numbers were lost: 2024年工作回顾); "
    "used only in documents without numbered top-level headings",
    matches=["2024年工作回顾", "加强政府自身建设", "劳工政策"],
    rejects=["各位代表:", "2024年1月12日", "明德街道办事处", "全年完成投资5亿元,增长6%。"],
    use="match",
)
