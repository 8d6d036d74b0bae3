"""Date patterns: years, months, days, relative years, quarters, festivals, plan periods.

Two layers.  ``scan_dates`` finds the span of every date mention in one pass over a whole
document (``DATE_SCAN``, no groups, so it stays fast); ``DATE_TOKEN`` cuts one found surface into tokens
that ``extract.dates.parse_date`` interprets.  Both are built from the fragments below, so a
form added here is found and parsed alike.  Text is normalised before it gets here
(full-width forms are ASCII); ``parse_date`` normalises its own input.
"""
from __future__ import annotations

from corpus.rules import fragment, rule

SP = r"[ \t]{0,2}"  # PDF and LegCo text put spaces inside dates: "2013年 2月 27日"
CONN_RAW = r"(?:-{1,3}|—{1,2}|–{1,2}|─{1,2}|~|至|到)"
CONN = rf"[ \t]{{0,3}}{CONN_RAW}[ \t]{{0,3}}"
CN_D = "〇○零一二三四五六七八九"
CN_ANY = CN_D + "十百千万两"
_NUMERIC_LEFT = CN_ANY + r"\d几个多每第数半这那整逐"  # a numeral here makes 三月 part of a count

# ---------------------------------------------------------------- numbers
DIG4 = r"(?<![\d.])(?:1[5-9]|2[01])\d\d(?!\d)"  # 1500-2199 only: 2600年 / 5000年 are durations
Y_CN = rf"(?<![{CN_ANY}])[一二][{CN_D}]{{3}}"  # 一九五三, 二○○五
Y_PH = (r"(?:(?<![\d.])[12]\d{1,2}(?:[xX×]{1,2}|_{1,2}|\*{1,2})(?![\dxX×*_])"  # 20xx 201x 20__ 20**
        r"|(?<![A-Za-z0-9])(?:[xX×]{1,4}|_{2,6}|\*{2,4})|某(?![轻龄纪级]))")  # XX ×× ____ 某
YY_LEAD = r"(?<![\d.])0\d(?=[ \t]{0,2}年)"  # 07年: the leading zero makes it a year, not 7 years
YY_MON = r"(?<![\d.])\d\d(?=[ \t]{0,2}年[ \t]{0,2}(?:1[0-2]|0?[1-9])[ \t]{0,2}月)"  # 18年3月
YEARNUM = rf"(?:{DIG4}|{Y_CN}|{Y_PH}|{YY_LEAD}|{YY_MON})"
M_AR = r"(?<![\d.])(?<!\d[ \t])(?:1[0-2]|0?[1-9])(?![\d.])"  # "1 2 月" is a broken 12
M_CN = rf"(?<![{_NUMERIC_LEFT}])(?:十[一二]?|[一二三四五六七八九]|元)"
M_PH = r"(?:[xX×]{1,2}|_{1,4}|\*{1,2}|某)"
MONTHNUM = rf"(?:{M_AR}|{M_CN}|{M_PH})"
D_AR = r"(?:[12]\d|3[01]|0?[1-9])(?!\d)"
D_CN = r"(?:三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|廿[一二三四五六七八九]?|[一二三四五六七八九])"
DAYNUM = rf"(?:{D_AR}|{D_CN}|{M_PH})"
MONTH = rf"{MONTHNUM}{SP}月(?!龄|薪|票|饼|嫂|亮|光|球|子|刊|革命|度)份?"
DAY = rf"{DAYNUM}{SP}[日号]"
POD = r"(?:上午|下午|晚上|晚间|凌晨|早上|早晨|清晨|中午|傍晚|夜间|夜里|深夜|晚)"
MEDGE = r"(?:上中旬|中下旬|上旬|中旬|下旬|初|底|末)"
_EARLY = r"初(?![步中级等心赛审次始选见期稿核衷])"  # 初步/初中 are words, not "early in"
YEDGE = rf"年?(?:{_EARLY}|底|末)"

# ---------------------------------------------------------------- words
REL = r"(?:今年|去年|上年|明年|前年|后年|本年|上一年)"
# Guards after the word: the look-behinds see the word and the character before it.
REL_WORD = (rf"{REL}(?<!如今年)(?<![以础之]上年)(?<![说表证声发阐注标查]明年)(?<![以之从]前年)"
            r"(?<![以之前今日然最此其往落]后年)(?<![基根资成样版读课范文日账剧脚话书标副原蓝底]本年)(?<!过去年)"
            r"(?![均龄纪级轻代鉴])")
HALF = r"(?:上半年|下半年)度?"
_WHOLE = r"全年(?![龄级候]|无休|开放|不间断|常态)"  # 全年无休 / 全年开放 mean "year-round"
QUARTER = r"(?:第?[一二三1-3](?:至|到|-|—|、)[二三四2-4]季度|第?[一二三四1-4]季度|前[二三两]个?季度)"
SEASON = r"(?:(?:春夏|夏秋|秋冬|冬春)季?|[春夏秋冬](?:季|天))"
FMOD = r"(?:节日期间|期间|前夕|前后|假期|小长假|长假|黄金周|之际|当天)"
FEST_NAMED = (r"(?:国际)?(?:元旦|春节|除夕|元宵节|清明节|端午节|中秋节|重阳节|七夕节?|国庆节|劳动节|儿童节"
              r"|妇女节|建军节|建党节|青年节|教师节|植树节|护士节)|双十一|双11|双十二|双12"
              rf"|(?:清明|端午|中秋|国庆|重阳|元宵)(?={FMOD})")
NUM_FEST = r"(?:八一|七一|五一|六一|三八|五四|十一)"
FEST_NUM = (rf"(?:[“\"]{NUM_FEST}[”\"]|(?<![{CN_ANY}第]){NUM_FEST}(?![{CN_ANY}]))"
            rf"(?:(?:国际)?(?:劳动节|儿童节|妇女节|建军节|建党节|青年节|国庆节?|节)|(?={FMOD}))")
FEST = rf"(?:{FEST_NAMED}|{FEST_NUM}){FMOD}?"
FIVE_N = r"(?:十[一二三四五六七八九]?|[一二三四五六七八九])"
FIVE = rf"(?:[“\"]{FIVE_N}五[”\"]|(?<![{CN_ANY}第]){FIVE_N}五)(?:时期|期间)"  # “十三五”时期 = 2016-2020

# ---------------------------------------------------------------- compound forms
MONTHX = (rf"(?:{MONTHNUM}{SP}(?:月份?)?{CONN}{MONTHNUM}{SP}月份?"
          rf"|{MONTH}(?:{SP}{DAYNUM}{SP}[日号]?{CONN}{DAYNUM}{SP}[日号](?:{SP}{POD})?"
          rf"|{SP}{DAY}(?:{SP}{POD})?|{SP}{MEDGE})?)")
YSUFFIX = rf"(?:{SP}(?:{YEDGE}|{HALF}|{_WHOLE}|{QUARTER}|第[一二三四]季(?![节度])|{FEST}|{MONTHX})|{SEASON}(?![节]))"
_Y = rf"(?:{DIG4}|{Y_CN}|{Y_PH})"
YEAR_RANGE = rf"(?:{_Y}(?:{SP}年)?{CONN}{_Y}{SP}年度?|{YY_LEAD}{SP}年{CONN}\d\d{SP}年)"
YEAR_ATOM = rf"(?:{YEAR_RANGE}|{YEARNUM}{SP}年(?!代)(?:度|{YSUFFIX})?)"  # 1980年代 is a decade
REL_ATOM = rf"{REL_WORD}度?{YSUFFIX}?"
ISO = (r"(?<![\d./\-])(?:1[5-9]|2[01])\d\d(?:-(?:1[0-2]|0[1-9])-(?:[12]\d|3[01]|0[1-9])"
       r"|/(?:1[0-2]|0?[1-9])/(?:[12]\d|3[01]|0?[1-9])|\.(?:1[0-2]|0?[1-9])\.(?:[12]\d|3[01]|0?[1-9]))(?![\d.])")
YY_MD = r"(?<![\d.])\d\d_(?:1[0-2]|0?[1-9])\.(?:[12]\d|3[01]|0?[1-9])(?![\d.])"  # weekly logs: 25_7.21
BARE_YR = (rf"(?<![\d./\-])(?:19|20)\d\d{CONN}(?:19|20)\d\d(?![\d.%])(?:学年|财年|年度)?"
           r"(?![ \t]*[万亿千百元人户个家名所吨亩米辆台件次座套张份项条篇部种只头斤克岁天])")
_LEFT = CN_ANY + r"\d几个多今去明本上当同前后全每半近第连续各这那该"
STANDALONE = (rf"(?:(?<![安完健齐周]){_WHOLE}"
              rf"|(?<![{_LEFT}])年(?:{_EARLY}|底|末)"
              rf"|[上下]半年度?"
              rf"|(?<![{_LEFT}]){QUARTER}"
              rf"|{FEST}|{FIVE})")
ATOM = rf"(?:{ISO}|{YY_MD}|{YEAR_ATOM}|{BARE_YR}|{REL_ATOM}|{MONTHX}|{STANDALONE})"
# ---------------------------------------------------------------- named fragments, each with its table
fragment("date_year", YEAR_ATOM, "a year, year range or year with a sub-period (half, quarter, month, edge)",
     matches=["2020年", "1997 年", "一九五三年", "2016年度", "2012年底", "2007年一季度", "2019—2023年",
              "07年—10年", "2025年上半年", "一九五七年冬季", "2020年春节前夕"],
     rejects=["30年", "2600年", "1980年代", "11588年", "2020年以来"], use="fullmatch")
fragment("date_placeholder_year", rf"{Y_PH}{SP}年", "an anonymised year: never resolved to a real one",
     matches=["20xx年", "20XX年", "20__年", "XX年", "××年", "20**年", "201x年", "某年"],
     rejects=["2020年", "MAX年", "某年轻"], use="fullmatch")
fragment("date_month_day", MONTHX, "a month, a day, a part of a day, a month edge or 旬, and month or day ranges",
     matches=["7月30日下午", "元月", "1—5月", "1─9月", "5月28-29日", "5月21日-29日", "4月中下旬", "3月底",
              "九月十五日", "9月份-10月份", "x月x日"],
     rejects=["3个月", "6月龄", "十月革命", "13月", "两月"], use="fullmatch")
fragment("date_relative", REL_ATOM, "a year counted from the document's year or the sentence's: 今年, 上年末",
     matches=["今年", "去年", "明年", "上年", "本年度", "上一年", "今年3月", "去年底", "今年上半年", "去年四季度"],
     rejects=["如今年轻", "以前年度", "说明年度"], use="fullmatch")
fragment("date_standalone", STANDALONE, "a year part, quarter, festival or plan period with no year of its own",
     matches=["全年", "上半年", "年初", "年末", "第一季度", "前三季度", "一、二季度", "春节", "元旦",
              "清明期间", "“八一”建军节", "五一劳动节", "双十一", "“十三五”时期", "十二五期间"],
     rejects=["全年无休", "一年初", "政治清明", "“十一五”规划", "连续5个季度", "八一钢铁厂"], use="fullmatch")
fragment("date_numeric", rf"(?:{ISO}|{YY_MD}|{BARE_YR})",
     "digits-only dates: ISO dates, weekly-log days (25_7.21) and bare year ranges (2012-2013)",
     matches=["2026-02-09", "2018/3/5", "2018.3.5", "25_7.21", "2012-2013", "2012-2013学年", "2025-2027"],
     rejects=["2020.5", "6.10", "1500-2000元", "0470-8234567", "2026-13-01"], use="fullmatch")

# Every character a mention can start with.  The scan opens with a look-ahead on this class so
# that the engine rejects the other ~90% of positions at once (5x faster than without it);
# tests/extract/test_dates.py checks that the class covers every first character of ATOM.
SCAN_FIRST = "0-9一二三四五六七八九十〇○零今去上下明前后本全年第元春除清端中国重七劳儿妇建青教植护双“\"某xX×*_"
# A second, sharper look-ahead at the ~10% of positions that pass SCAN_FIRST: the first two or
# three characters a mention can open with (a numeral must reach 年/月/日/号/季/五 or a connector).
SCAN_PREFIX = (rf"(?:\d{{1,4}}[ \t]{{0,2}}[年月日号季_/.\-—–─~至到、xX×*]|[{CN_D}十廿]{{1,4}}[ \t]{{0,2}}[年月日号季五至到、\-—–─~]"
               rf"|{NUM_FEST}|[“\"][一二三四五六七八九十]|今年|去年|上年|上一年|[上下]半年|明年|前年|前[二三两]|后年|本年|全年"
               r"|年[初底末]|第[一二三四1-4]|元[ \t]{0,2}[旦宵月\-—–─~至到]|春节|除夕|清明|端午|中秋|国[庆际]|重阳|七夕|劳动节|儿童节|妇女节"
               r"|建[军党]节|青年节|教师节|植树节|护士节|双[十1]|某|[xX×*_])")

DATE_SCAN = rule(
    "date_scan",
    rf"(?=[{SCAN_FIRST}])(?={SCAN_PREFIX}){ATOM}",
    "every date in one left-to-right pass; a range is two of them joined by DATE_RANGE_CONN (see scan_dates)",
    matches=["2020年", "2012年全年", "2016年度", "7月30日下午", "2007年一季度", "元月", "上半年", "全年", "1—5月", "1-6月",
             "1─9月", "5月21日-29日", "5月21日至6月3日", "4月中下旬", "3月底", "今年3月", "去年", "明年",
             "春节前夕", "清明期间", "“八一”建军节", "一九五三年", "二○○五年九月十五日", "07年—10年",
             "2019—2023年", "“十三五”时期", "20xx年", "20__年", "××年", "201x年", "2026-02-09", "25_7.21",
             "2012-2013学年", "2013年 2月 27日", "上年末", "今年年底", "前三季度"],
    rejects=["1700余名", "1656人", "2000多户", "〔2020〕83号", "“6.10”专项", "2020.5万元", "第十届", "3-5人",
             "9:30", "2号令", "0470-8234567", "60岁", "30年", "3个月", "十月革命", "基础上年均增长",
             "政治清明", "以前年度", "如今年轻人", "“十一五”规划", "1500-2000元", "6月龄", "安全年", "1980年代", "全年无休"],
)

DATE_RANGE_CONN = rule(
    "date_range_conn",
    CONN,
    "the connector of a range (1—5月, 5月21日至6月3日), tried right after a date; the second date "
    "is DATE_SCAN again, so the large date pattern is compiled once (38 ms less start-up per process)",
    matches=["—", "-", "--", " 至 ", "到", "~", "–", "─"],
    rejects=["、", "和", "及", " "],
    use="fullmatch",
)


def scan_dates(text: str):
    """Spans of every date mention of ``text``, left to right, never overlapping: a date, and
    with it the date after a range connector.  The same spans as one regex
    ``ATOM(?:CONN ATOM)?`` (tests/extract/test_dates.py checks this on generated text): the
    connector cannot give back characters a date could start with, so matching it and then a
    date is what the regex's backtracking would do.

    >>> list(scan_dates("1—5月和2020年"))
    [(0, 4), (5, 10)]
    """
    search, conn = DATE_SCAN.search, DATE_RANGE_CONN.match
    match = DATE_SCAN.match
    pos = 0
    while True:
        m = search(text, pos)
        if m is None:
            return
        start, end = m.span()
        c = conn(text, end)
        if c is not None:
            second = match(text, c.end())
            if second is not None:
                end = second.end()
        yield start, end
        pos = end if end > start else end + 1


DATE_TOKEN = rule(
    "date_token",
    rf"""(?P<iso>(?:1[5-9]|2[01])\d\d[-/.]\d{{1,2}}[-/.]\d{{1,2}})
      | (?P<yymd>\d\d_\d{{1,2}}\.\d{{1,2}})
      | (?P<five>[“"]?{FIVE_N}五[”"]?(?:时期|期间))
      | (?P<fest>{FEST_NAMED}|[“"]?{NUM_FEST}[”"]?(?![{CN_ANY}月日号\d])(?:(?:国际)?(?:劳动节|儿童节|妇女节|建军节|建党节|青年节|国庆节?|节))?)
      | (?P<fmod>{FMOD})
      | (?P<rel>{REL})
      | (?P<whole>全年)
      | (?P<half>上半年|下半年)
      | (?P<quarter>{QUARTER}|第[一二三四]季)
      | (?P<yedge>年(?:初|底|末))
      | (?P<year>(?:\d{{2,4}}|[{CN_D}]{{4}}|[12]\d{{1,2}}[xX×*_]{{1,2}}|[xX×*_]{{1,6}}|某)[ \t]{{0,2}}年)
      | (?P<du>度|学年|财年|年度|份)
      | (?P<season>(?:春夏|夏秋|秋冬|冬春|[春夏秋冬])(?:季|天)?)
      | (?P<month>(?:\d{{1,2}}|十[一二]?|[一二三四五六七八九元]|{M_PH})[ \t]{{0,2}}月份?)
      | (?P<day>(?:\d{{1,2}}|{D_CN}|{M_PH})[ \t]{{0,2}}[日号])
      | (?P<medge>{MEDGE})
      | (?P<pod>{POD})
      | (?P<num>\d{{1,4}}|[{CN_D}]{{4}}|{D_CN})
      | (?P<conn>{CONN_RAW}|、)
      | (?P<space>[ \t]+)""",
    "the tokens of one date surface, interpreted by parse_date",
    matches=["2020年", "7月", "30日", "下午", "一季度", "上半年", "春节", "期间", "—", "“十三五”时期", "中下旬"],
    rejects=["人", "万元", "工作"],
    use="match",
)
