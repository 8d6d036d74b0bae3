"""Write tests/gold/dates.jsonl from the hand annotations below.

The annotations were made by reading sentences of the shared corpus (never by copying the
extractor's output).  Each row names a sentence by its start offset in ``documents.text`` and
gives the short surface of one mention in it; this script finds the offsets and writes the
gold file.  Only mention surfaces are kept here, never corpus sentences.

Annotation guide (what counts, and how it is resolved):

* A mention is a calendar expression: a year (2020年, 一九五三年, 1997 年, a two-digit year
  with a leading zero or followed by a month), a year range (2019—2023年, 2012-2013学年), a
  month, a day, a part of a day, a quarter (一季度, 2012年第四季), a half year, a season
  attached to a year, a festival (春节, “八一”建军节, 双十一), an ISO date (2026-02-09), a
  weekly range of a log (25_7.21 --- 25_7.28), a Five-Year-Plan period (“十三五”时期), and the
  relative years: deictic 今年/去年/明年/前年/后年 and anaphoric 本年/上年/上一年/全年/年初/
  年底/年末/上半年/下半年.
* Not mentions: durations (三年, 5年来, 过去五年, 20年后), decades (1980年代), 当年/同年/次年,
  每年, 年均, 上月/下月, plan and campaign names (“十四五”规划, “七五”计划), counts and amounts
  whose digits look like years (1700余所, 2003元, 1955万吨), document numbers (17/2012号),
  ordinals (第十届), ages (65岁), clock times, section numbers (5.1) and 全年 meaning
  "year-round" (全年开放).  Negatives are rows with NEG.
* Extent: the surface carries 年度/份/底/末/初/旬, a part of day and festival words such as
  期间/前夕/假期; it leaves out 以来/起/前/后/至今/间/内.
* Values: ISO-8601 at the stated precision.  Deictic words count from the document's year;
  anaphoric ones take the last year stated (or counted from the document's year) earlier in
  the same sentence, else the document's year -- so 全年 in a government work report gets the
  report's year even where the report reviews the year before (a convention of the contract).
  The right end of a range takes what it leaves out from the left end.  A quarter is its three
  months, a half its six, a season its three (winter runs into the next year), 上/中/下旬 their
  days; fixed festivals their day, lunar festivals the Gregorian months they always fall in,
  清明 its solar-term day.  A document without a year gives yearless dates (--03-25) or None.

Every mention in an annotated sentence is annotated, so precision can be measured on those
sentences.  Row format: alias|sentence_start|surface|k|kind|start|end|granularity, where k
counts earlier occurrences of the surface in the sentence; negatives: alias|start|surface|k|NEG.

Usage: python tests/gold/annotate_dates.py [CORPUS_ROOT]   (default ../shared/corpus)
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = Path(__file__).with_name("dates.jsonl")

ALIASES = {
    "gwr_1954": "national_textworkshop17/gwr_1954.txt",
    "gwr_1955": "national_textworkshop17/gwr_1955.txt",
    "gwr_1956": "national_textworkshop17/gwr_1956.txt",
    "gwr_1958": "national_textworkshop17/gwr_1958.txt",
    "gwr_1960": "national_textworkshop17/gwr_1960.txt",
    "gwr_1964": "national_textworkshop17/gwr_1964_abstract.txt",
    "gwr_1985": "national_textworkshop17/gwr_1985.txt",
    "gwr_2000": "national_textworkshop17/gwr_2000.txt",
    "yeexiangzhen": "work_summaries/yeexiangzhen_job_summary.md",
    "gansu_2026": "provincial_2026_csv/gansu_2026.csv",
    "jilin_2026": "provincial_2026_csv/jilin_2026.csv",
    "gwr_1978": "national_textworkshop17/gwr_1978.txt",
    "gwr_1980": "national_textworkshop17/gwr_1980.txt",
    "gwr_1981": "national_textworkshop17/gwr_1981.txt",
    "gwr_1982": "national_textworkshop17/gwr_1982.txt",
    "gwr_1983": "national_textworkshop17/gwr_1983.txt",
    "gwr_1987": "national_textworkshop17/gwr_1987.txt",
    "gwr_1988": "national_textworkshop17/gwr_1988.txt",
    "gwr_1989": "national_textworkshop17/gwr_1989.txt",
    "gwr_1990": "national_textworkshop17/gwr_1990.txt",
    "gwr_1993": "national_textworkshop17/gwr_1993.txt",
    "gwr_1997": "national_textworkshop17/gwr_1997.txt",
    "gwr_1998": "national_textworkshop17/gwr_1998.txt",
    "gwr_2009": "national_textworkshop17/gwr_2009.txt",
    "gwr_2013": "national_textworkshop17/gwr_2013.txt",
    "gwr_2003_gbk": "national_dxcarl_gbk/gwr_2003_gbk.txt",
    "gwr_2009_gbk": "national_dxcarl_gbk/gwr_2009_gbk.txt",
    "gwr_2016_gbk": "national_dxcarl_gbk/gwr_2016_gbk.txt",
    "gwr_2020_govcn": "national_govcn_htmlfragment/gwr_2020_govcn.txt",
    "hailar_2012": "district_hailar_gbk/hailar_gwr_2012_gbk.txt",
    "hailar_2014": "district_hailar_gbk/hailar_gwr_2014_gbk.txt",
    "hailar_2018": "district_hailar_gbk/hailar_gwr_2018_gbk.txt",
    "hailar_2019": "district_hailar_gbk/hailar_gwr_2019_gbk.txt",
    "guizhou_2026": "provincial_2026_csv/guizhou_2026.csv",
    "ningxia_2026": "provincial_2026_csv/ningxia_2026.csv",
    "henan_2026": "provincial_2026_csv/henan_2026.csv",
    "yunnan_2026": "provincial_2026_csv/yunnan_2026.csv",
    "shanxi_2026": "provincial_2026_csv/shanxi_2026.csv",
    "chongqing_2026": "provincial_2026_csv/chongqing_2026.csv",
    "qinghai_2026": "provincial_2026_csv/qinghai_2026.csv",
    "sichuan_2025": "provincial_2025_docx/sichuan_2025.docx",
    "beijing_2025": "provincial_2025_docx/beijing_2025.docx",
    "guangdong_2025": "provincial_2025_docx/guangdong_2025.docx",
    "wanzai_2022": "stats_bulletins_html/wanzai_2022_bulletin.html",
    "yichun_2022": "stats_bulletins_html/yichun_2022_bulletin.html",
    "jiangxi_2022": "stats_bulletins_html/jiangxi_2022_bulletin.html",
    "zhoukou_2023": "stats_bulletins_hyskyline/zhoukou_2023_bulletin.pdf",
    "luoyang_2023": "stats_bulletins_hyskyline/luoyang_2023_bulletin.txt",
    "qiandongnan_2016": "stats_bulletins_hyskyline/qiandongnan_2016_bulletin_MISNAMED_luoyang.docx",
    "qiandongnan_2023": "stats_bulletins_hyskyline/qiandongnan_2023_bulletin.pdf",
    "legco_budget": "hk_legco_zh_hant/legco_20130227_budget_speech.txt",
    "legco_policy": "hk_legco_zh_hant/legco_20130116_policy_address.txt",
    "serein": "work_summaries/serein_weekly_summaries.md",
    "haoze": "work_summaries/haoze_school_general_affairs_h1_2025.md",
    "clarkfist": "work_summaries/clarkfist_annual_summary_rd_engineer.md",
    "fredwo_cs": "work_summaries/fredwo_customer_service_annual_summary.docx",
}

ANNOTATIONS = """
gwr_1954|1655|一九四九年|0|point|1949|1949|year
gwr_1954|7440|今年|0|relative|1954|1954|year
gwr_1954|7440|一九五○年|0|point|1950|1950|year
gwr_1954|16348|一九五三年底|0|point|1953-12|1953-12|month
gwr_1954|17828|一九五三年十一月二十三日|0|point|1953-11-23|1953-11-23|day
gwr_1956|2323|1955年|0|point|1955|1955|year
gwr_1956|2323|本年|0|relative|1955|1955|year
gwr_1956|3390|1955年|0|point|1955|1955|year
gwr_1956|3535|1954年|0|point|1954|1954|year
gwr_1956|3535|1954年|1|point|1954|1954|year
gwr_1956|5701|1955年|0|point|1955|1955|year
gwr_1956|5701|本年|0|relative|1955|1955|year
gwr_1956|5701|本年|1|relative|1955|1955|year
gwr_1956|7851|1956年|0|point|1956|1956|year
gwr_1956|7851|1955年|0|point|1955|1955|year
gwr_1956|9713|1956年|0|point|1956|1956|year
gwr_1956|9713|上年|0|relative|1955|1955|year
gwr_1956|11781|1956年|0|point|1956|1956|year
gwr_1956|11781|1955年|0|point|1955|1955|year
gwr_1982|12271|一九八一年|0|point|1981|1981|year
gwr_1982|12271|一九八○年|0|point|1980|1980|year
gwr_1982|12271|一九八二年|0|point|1982|1982|year
gwr_1982|12271|一九八一年|1|point|1981|1981|year
gwr_1982|14034|一九七九年到一九八一年|0|range|1979|1981|year
gwr_1998|789|1997 年|0|point|1997|1997|year
gwr_1998|7671|今年|0|relative|1998|1998|year
gwr_1998|11770|今年|0|relative|1998|1998|year
gwr_2009|100|2008年|0|point|2008|2008|year
gwr_2009|5334|今年|0|relative|2009|2009|year
gwr_2009|5758|2009年|0|point|2009|2009|year
gwr_2009|7373|今年|0|relative|2009|2009|year
gwr_2009|9154|今年|0|relative|2009|2009|year
gwr_2009|9154|上年|0|relative|2008|2008|year
gwr_2009|9886|今年|0|relative|2009|2009|year
gwr_2009|14702|今年|0|relative|2009|2009|year
gwr_2009|15313|今年|0|relative|2009|2009|year
gwr_2016_gbk|0|2016年|0|point|2016|2016|year
gwr_2016_gbk|95|全年|0|relative|2016|2016|year
gwr_2016_gbk|590|去年末|0|relative|2015-12|2015-12|month
gwr_2016_gbk|3784|去年|0|relative|2015|2015|year
gwr_2016_gbk|5242|2020年|0|point|2020|2020|year
gwr_2016_gbk|5242|2010年|0|point|2010|2010|year
gwr_2016_gbk|5242|“十三五”时期|0|range|2016|2020|year
gwr_2016_gbk|9168|5月1日|0|relative|2016-05-01|2016-05-01|day
gwr_2016_gbk|12856|今年|0|relative|2016|2016|year
gwr_2016_gbk|13051|今年|0|relative|2016|2016|year
gwr_2009|11|2009年3月5日|0|point|2009-03-05|2009-03-05|day
gwr_2009|3336|去年5月12日|0|relative|2008-05-12|2008-05-12|day
gwr_2020_govcn|210|2019年|0|point|2019|2019|year
gwr_2020_govcn|210|今年|0|relative|2020|2020|year
gwr_2020_govcn|227|去年|0|relative|2019|2019|year
gwr_2020_govcn|272|全年|0|relative|2020|2020|year
gwr_2020_govcn|1801|春节假期|0|relative|2020-01|2020-02|festival
gwr_2020_govcn|3326|今年|0|relative|2020|2020|year
gwr_2020_govcn|3488|“十三五”规划|0|NEG
gwr_2020_govcn|3529|全年|0|relative|2020|2020|year
gwr_2020_govcn|4556|全年|0|relative|2020|2020|year
gwr_2020_govcn|4890|全年|0|relative|2020|2020|year
hailar_2014|112|2013年|0|point|2013|2013|year
hailar_2014|124|2013年|0|point|2013|2013|year
hailar_2014|124|“8337”|0|NEG
hailar_2014|422|全年|0|relative|2014|2014|year
hailar_2014|618|全年|0|relative|2014|2014|year
hailar_2014|706|全年|0|relative|2014|2014|year
hailar_2014|1620|全年|0|relative|2014|2014|year
hailar_2014|2045|全年|0|relative|2014|2014|year
hailar_2014|2045|全年|1|relative|2014|2014|year
hailar_2014|5130|全年|0|relative|2014|2014|year
hailar_2014|7626|今年|0|relative|2014|2014|year
guizhou_2026|31|2026年1月27日|0|point|2026-01-27|2026-01-27|day
guizhou_2026|439|三季度|0|relative|2026-07|2026-09|quarter
guizhou_2026|439|全年|0|relative|2026|2026|year
guizhou_2026|881|全年|0|relative|2026|2026|year
guizhou_2026|2717|2020年到2025年|0|range|2020|2025|year
guizhou_2026|3387|2020年|0|point|2020|2020|year
guizhou_2026|3387|2025年|0|point|2025|2025|year
guizhou_2026|3852|2020年|0|point|2020|2020|year
guizhou_2026|3852|2025年|0|point|2025|2025|year
guizhou_2026|5526|2020年|0|point|2020|2020|year
guizhou_2026|5526|2025年|0|point|2025|2025|year
guizhou_2026|8012|“十五五”时期|0|range|2026|2030|year
guizhou_2026|9136|2030年|0|point|2030|2030|year
ningxia_2026|133|2月3日|0|relative|2026-02-03|2026-02-03|day
ningxia_2026|133|第十三届|0|NEG
ningxia_2026|7611|2000多亿方|0|NEG
ningxia_2026|12127|五年计划|0|NEG
ningxia_2026|12192|11.7年|0|NEG
sichuan_2025|8040|“十四五”规划|0|NEG
sichuan_2025|8363|今年|0|relative|2025|2025|year
sichuan_2025|23498|2024年10月18日|0|point|2024-10-18|2024-10-18|day
sichuan_2025|23498|2024—2027年|0|range|2024|2027|year
sichuan_2025|23498|2027年|1|point|2027|2027|year
sichuan_2025|23892|2024年9月19日|0|point|2024-09-19|2024-09-19|day
sichuan_2025|23975|2024年6月28日|0|point|2024-06-28|2024-06-28|day
sichuan_2025|27689|“十四五”|0|NEG
ningxia_2026|38|2026-02-09|0|point|2026-02-09|2026-02-09|day
ningxia_2026|38|09:45:30|0|NEG
wanzai_2022|31|2022年|0|point|2022|2022|year
wanzai_2022|1092|上年|0|relative|2021|2021|year
wanzai_2022|2813|上年|0|relative|2021|2021|year
wanzai_2022|3953|全年|0|relative|2022|2022|year
wanzai_2022|3953|上年|0|relative|2021|2021|year
wanzai_2022|4052|上年|0|relative|2021|2021|year
wanzai_2022|4082|上年|0|relative|2021|2021|year
wanzai_2022|4654|上年|0|relative|2021|2021|year
wanzai_2022|4654|2003元|0|NEG
wanzai_2022|4711|上年|0|relative|2021|2021|year
wanzai_2022|4902|上年|0|relative|2021|2021|year
zhoukou_2023|2259|2023年底|0|point|2023-12|2023-12|month
zhoukou_2023|2676|上年|0|relative|2022|2022|year
zhoukou_2023|5484|2023年|0|point|2023|2023|year
zhoukou_2023|5896|全年|0|relative|2023|2023|year
zhoukou_2023|6902|全年|0|relative|2023|2023|year
zhoukou_2023|6902|年末|0|relative|2023-12|2023-12|month
zhoukou_2023|7176|2023年末|0|point|2023-12|2023-12|month
zhoukou_2023|7477|2018年|0|point|2018|2018|year
legco_budget|12262|2008-2009学年|0|range|2008|2009|year
legco_budget|26906|全年|0|NEG
legco_budget|27607|2000年|0|point|2000|2000|year
legco_budget|29038|2012-2013年度|0|range|2012|2013|year
legco_budget|57980|2011年第四季|0|point|2011-10|2011-12|quarter
legco_budget|57980|2012年第四季|0|point|2012-10|2012-12|quarter
legco_budget|57980|2012年全年|0|point|2012|2012|year
legco_budget|67679|去年|0|relative|2012|2012|year
legco_budget|67679|今年 3月 1日|0|relative|2013-03-01|2013-03-01|day
legco_budget|71310|今年下半年|0|relative|2013-07|2013-12|half
legco_budget|75049|2011年年初|0|point|2011-01|2011-01|month
legco_budget|79175|1980年代|0|NEG
legco_budget|79175|15岁至 64岁|0|NEG
legco_budget|79175|20年|0|NEG
legco_policy|30|2013年 1月 16日|0|point|2013-01-16|2013-01-16|day
legco_policy|1569|2012年 3月 31日|0|point|2012-03-31|2012-03-31|day
legco_policy|13414|去年 10月|0|relative|2012-10|2012-10|month
legco_policy|18559|6年|0|NEG
legco_policy|19630|明年 6月底|0|relative|2014-06|2014-06|month
legco_policy|28440|今年年初|0|relative|2013-01|2013-01|month
serein|7|25_7.21 --- 25_7.28|0|range|2025-07-21|2025-07-28|day
serein|9511|25_10.20 --- 25_10.27|0|range|2025-10-20|2025-10-27|day
serein|12905|25_12.22 --- 25_12.29|0|range|2025-12-22|2025-12-29|day
haoze|410|3月|0|relative|2025-03|2025-03|month
haoze|423|三月|0|relative|2025-03|2025-03|month
haoze|619|4月|0|relative|2025-04|2025-04|month
haoze|632|四月|0|relative|2025-04|2025-04|month
haoze|885|2024年|0|point|2024|2024|year
haoze|981|6月|0|relative|2025-06|2025-06|month
haoze|994|六月|0|relative|2025-06|2025-06|month
haoze|1121|2025年上半年|0|point|2025-01|2025-06|half
clarkfist|919|2025年3月31日|0|point|2025-03-31|2025-03-31|day
clarkfist|1082|2025年12月30日|0|point|2025-12-30|2025-12-30|day
clarkfist|1971|3.2|0|NEG
clarkfist|2628|5.1|0|NEG
clarkfist|2833|5.2|0|NEG
clarkfist|4201|8.3|0|NEG
legco_budget|47755|2012年 8月|0|point|2012-08|2012-08|month
legco_budget|47755|17/2012号|0|NEG
legco_budget|47755|2012-2013学年|0|range|2012|2013|year
legco_policy|31995|9/12-13号|0|NEG
legco_policy|31995|2012年|0|point|2012|2012|year
shanxi_2026|2149|1700余所|0|NEG
gwr_1997|1702|2000多项|0|NEG
hailar_2012|2366|5000余户|0|NEG
hailar_2019|1110|2000余万元|0|NEG
hailar_2019|1110|2847米|0|NEG
ningxia_2026|13517|1900多个|0|NEG
jiangxi_2022|5731|2009.2万平方公里|0|NEG
zhoukou_2023|4248|全年|0|relative|2023|2023|year
zhoukou_2023|4248|1954.60亿元|0|NEG
gwr_1980|7749|2号|0|NEG
guangdong_2025|7518|2号|0|NEG
qinghai_2026|2328|9号|0|NEG
qinghai_2026|2328|2025|0|point|2025|2025|year
gwr_1988|25754|598号|0|NEG
gwr_2009_gbk|2469|1500元|0|NEG
gwr_2003_gbk|5293|2090元|0|NEG
chongqing_2026|8947|1733个|0|NEG
gwr_2003_gbk|15|2003年3月5日|0|point|2003-03-05|2003-03-05|day
gwr_2003_gbk|15|第十届|0|NEG
hailar_2018|2338|第十三届|0|NEG
serein|17413|10:30|0|NEG
legco_budget|79098|去年|0|relative|2012|2012|year
legco_budget|79098|65岁|0|NEG
qiandongnan_2023|714|18-59岁|0|NEG
gwr_1964|8986|一九六二年九月|0|point|1962-09|1962-09|month
gwr_1981|706|12月|0|relative|1981-12|1981-12|month
gwr_1981|907|今年|0|relative|1981|1981|year
gwr_1981|1434|今年|0|relative|1981|1981|year
gwr_1981|1434|去年|0|relative|1980|1980|year
gwr_1981|3206|今年|0|relative|1981|1981|year
gwr_1981|27764|明年|0|relative|1982|1982|year
gwr_1981|27764|今年|0|relative|1981|1981|year
gwr_1981|29297|今年7月|0|relative|1981-07|1981-07|month
gwr_1981|31955|明年1月|0|relative|1982-01|1982-01|month
gwr_1981|4105|今年1至9月|0|range|1981-01|1981-09|month
gwr_1989|2301|去年9月|0|relative|1988-09|1988-09|month
gwr_1989|2301|今明两年|0|range|1989|1990|year
gwr_1989|3387|今年1月底|0|relative|1989-01|1989-01|month
gwr_1989|3777|今年元旦|0|relative|1989-01-01|1989-01-01|festival
gwr_1989|3777|春节|0|relative|1989-01|1989-02|festival
gwr_1989|8218|今年4月1日|0|relative|1989-04-01|1989-04-01|day
gwr_1989|22854|今年9月|0|relative|1989-09|1989-09|month
fredwo_cs|435|双十一|0|relative|--11-11|--11-11|festival
fredwo_cs|1417|xxx万元|0|NEG
fredwo_cs|1417|xxxx人|0|NEG
fredwo_cs|1417|19.41s|0|NEG
luoyang_2023|475|全年|0|relative|2023|2023|year
luoyang_2023|1154|全年|0|relative|2023|2023|year
luoyang_2023|1154|上年|0|relative|2022|2022|year
luoyang_2023|1154|1751.6亿元|0|NEG
luoyang_2023|2810|全年|0|relative|2023|2023|year
luoyang_2023|2810|上年|0|relative|2022|2022|year
luoyang_2023|3150|年末|0|relative|2023-12|2023-12|month
luoyang_2023|4090|年末|0|relative|2023-12|2023-12|month
luoyang_2023|4225|年末|0|relative|2023-12|2023-12|month
luoyang_2023|4301|年末|0|relative|2023-12|2023-12|month
qiandongnan_2016|441|上年|0|relative|2015|2015|year
qiandongnan_2016|441|1月3日|0|relative|2016-01-03|2016-01-03|day
qiandongnan_2016|690|上年|0|relative|2015|2015|year
qiandongnan_2016|1314|上年|0|relative|2015|2015|year
qiandongnan_2016|2872|全年|0|relative|2016|2016|year
qiandongnan_2016|2872|1909个|0|NEG
qiandongnan_2016|3975|上年|0|relative|2015|2015|year
qiandongnan_2016|3975|1745.04亿元|0|NEG
qiandongnan_2016|6341|年初|0|relative|2016-01|2016-01|month
henan_2026|0|2026年|0|point|2026|2026|year
henan_2026|15|2026年1月26日|0|point|2026-01-26|2026-01-26|day
henan_2026|15|第十四届|0|NEG
henan_2026|112|“十四五”时期|0|range|2021|2025|year
henan_2026|112|2025年|0|point|2025|2025|year
henan_2026|1807|2025年|0|point|2025|2025|year
henan_2026|4894|2030年|0|point|2030|2030|year
henan_2026|5206|2026年|0|point|2026|2026|year
beijing_2025|0|2025年|0|point|2025|2025|year
beijing_2025|112|2024年|0|point|2024|2024|year
beijing_2025|238|2024年|0|point|2024|2024|year
beijing_2025|6828|今年|0|relative|2025|2025|year
beijing_2025|6828|“十四五”规划|0|NEG
beijing_2025|6828|“十五五”|0|NEG
beijing_2025|6879|今年|0|relative|2025|2025|year
beijing_2025|9486|“十五五”时期|0|range|2026|2030|year
gwr_1955|447|一九五五年三月|0|point|1955-03|1955-03|month
gwr_1955|1133|一九四九年|0|point|1949|1949|year
gwr_1955|1133|一九五二年|0|point|1952|1952|year
gwr_1955|12576|一九五二年|0|point|1952|1952|year
gwr_1955|24245|一九五四年|0|point|1954|1954|year
gwr_1955|26606|一九五三年|0|point|1953|1953|year
gwr_1955|26606|一九五四年|0|point|1954|1954|year
gwr_1955|26606|五年计划|0|NEG
gwr_1955|30611|一九五三年|0|point|1953|1953|year
gwr_1955|36435|一九五四年九月|0|point|1954-09|1954-09|month
gwr_1955|49779|一九五二年|0|point|1952|1952|year
gwr_1955|49779|一九五四年|0|point|1954|1954|year
gwr_1987|12571|“七五”计划|0|NEG
gwr_1987|13768|今年|0|relative|1987|1987|year
gwr_1987|13768|去年|0|relative|1986|1986|year
gwr_1987|16295|去年年底|0|relative|1986-12|1986-12|month
gwr_1987|21296|去年|0|relative|1986|1986|year
gwr_1958|4944|一九五六年|0|point|1956|1956|year
gwr_1958|9238|今年|0|relative|1958|1958|year
gwr_1958|9238|八一|0|NEG
gwr_1958|12826|一九五七年|0|point|1957|1957|year
gwr_1958|13504|一九五八年|0|point|1958|1958|year
gwr_1958|17078|一九五八年|0|point|1958|1958|year
gwr_1958|17078|上一年|0|relative|1957|1957|year
gwr_1958|22771|一九五七年上半年|0|point|1957-01|1957-06|half
gwr_1958|22771|去年十一月|0|relative|1957-11|1957-11|month
gwr_2013|2624|2010年|0|point|2010|2010|year
gwr_2013|2624|2300元|0|NEG
gwr_2013|3087|2007年末|0|point|2007-12|2007-12|month
gwr_2013|3087|2012年末|0|point|2012-12|2012-12|month
gwr_2013|4237|2007年|0|point|2007|2007|year
gwr_2013|4237|2012年|0|point|2012|2012|year
gwr_2013|5203|2012年底|0|point|2012-12|2012-12|month
gwr_2013|6052|2007年|0|point|2007|2007|year
gwr_2013|6052|2012年|0|point|2012|2012|year
gwr_2013|12268|2003年|0|point|2003|2003|year
yunnan_2026|4484|“1262”|0|NEG
yunnan_2026|5066|2025年|0|point|2025|2025|year
yunnan_2026|5098|3月19日至20日|0|range|2026-03-19|2026-03-20|day
yunnan_2026|10638|1955万吨|0|NEG
yichun_2022|41|2023年4月12日|0|point|2023-04-12|2023-04-12|day
yichun_2022|531|年末|0|relative|2022-12|2022-12|month
yichun_2022|531|2021年|0|point|2021|2021|year
yichun_2022|1978|上年|0|relative|2021|2021|year
yichun_2022|2697|全年|0|relative|2022|2022|year
yichun_2022|7620|全年|0|relative|2022|2022|year
yichun_2022|7620|常年|0|NEG
gwr_1983|6196|三八|0|NEG
gwr_1990|6433|今年|0|relative|1990|1990|year
gwr_1990|6433|九十年代|0|NEG
gwr_1978|4481|年初|0|NEG
gwr_1982|1961|一九八一|0|point|1981|1981|year
gwr_1982|1961|一九八二|0|point|1982|1982|year
gwr_1982|1961|六五计划|0|NEG
gwr_1993|1178|初中|0|NEG
legco_policy|21550|年代|0|NEG
gwr_1982|12045|一九八一年|0|point|1981|1981|year
gwr_1982|12045|一九八○年|0|point|1980|1980|year
gwr_1982|12045|一九八二年|0|point|1982|1982|year
gwr_1982|12045|一九八一年|1|point|1981|1981|year
clarkfist|271|2-3月|0|range|2025-02|2025-03|month
clarkfist|271|9-10月|0|range|2025-09|2025-10|month
clarkfist|271|12月|0|relative|2025-12|2025-12|month
legco_budget|18584|7月 12日至 9月 11日|0|range|2013-07-12|2013-09-11|day
haoze|1236|下半年|0|relative|2025-07|2025-12|half
legco_budget|57358|2011年第二季|0|point|2011-04|2011-06|quarter
legco_budget|57358|2012年上半年|0|point|2012-01|2012-06|half
legco_budget|57358|下半年|0|relative|2012-07|2012-12|half
legco_budget|57358|去年全年|0|relative|2012|2012|year
gwr_1980|4309|今年上半年|0|relative|1980-01|1980-06|half
gwr_1980|4309|去年|0|relative|1979|1979|year
legco_budget|30646|2012年 12月底|0|point|2012-12|2012-12|month
gwr_1960|2788|今年三月初|0|relative|1960-03|1960-03|month
gwr_1960|2788|今年|1|relative|1960|1960|year
gwr_1956|5574|去年10月初|0|relative|1955-10|1955-10|month
gwr_1956|5574|今年3月|0|relative|1956-03|1956-03|month
gwr_1981|6131|去年|0|relative|1980|1980|year
gwr_1981|6131|第一季度|0|relative|1981-01|1981-03|quarter
gwr_1981|6131|第二季度|0|relative|1981-04|1981-06|quarter
gwr_1981|6131|第三季度|0|relative|1981-07|1981-09|quarter
gwr_1981|6131|10月份|0|relative|1981-10|1981-10|month
gwr_1985|4266|去年下半年|0|relative|1984-07|1984-12|half
gwr_1985|4266|第四季度|0|relative|1984-10|1984-12|quarter
gwr_2000|1771|去年二季度|0|relative|1999-04|1999-06|quarter
gwr_1978|2242|一九七六年一月底|0|point|1976-01|1976-01|month
yeexiangzhen|25|九月初|0|relative|--09|--09|month
guangdong_2025|9571|四季度|0|relative|2025-10|2025-12|quarter
gansu_2026|429|2022年|0|point|2022|2022|year
gansu_2026|429|16个季度|0|NEG
jilin_2026|7620|上半年|0|relative|2026-01|2026-06|half
"""


def build(corpus_root: str) -> list[dict]:
    """Locate every annotation in its document and return the gold rows."""
    from tests.gold.anchor import corpus_document

    rows = []
    for line in ANNOTATIONS.strip().splitlines():
        alias, sent, surface, k, *rest = line.split("|")
        path = ALIASES[alias]
        text = corpus_document(corpus_root, path).text
        pos = int(sent) - 1
        for _ in range(int(k) + 1):
            pos = text.find(surface, pos + 1)
        if pos < 0 or pos - int(sent) > 3000:
            raise LookupError(f"{alias}@{sent}: {surface!r} not found")
        row = {"source_path": path, "part_index": 0, "start": pos, "end": pos + len(surface), "surface": surface}
        if rest == ["NEG"]:
            row.update(kind=None, start_date=None, end_date=None, granularity=None, placeholder=False, negative=True)
        else:
            kind, start, end, grain = rest
            row.update(kind=kind, start_date=start or None, end_date=end or None, granularity=grain,
                       placeholder=kind == "placeholder", negative=False)
        rows.append(row)
    return rows


def main() -> None:
    sys.path.insert(0, str(ROOT))
    corpus_root = sys.argv[1] if len(sys.argv) > 1 else str(ROOT.parent / "shared" / "corpus")
    rows = build(corpus_root)
    with OUT.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    pos = sum(not r["negative"] for r in rows)
    print(f"wrote {len(rows)} rows ({pos} mentions, {len(rows) - pos} negatives, "
          f"{len({r['source_path'] for r in rows})} files) to {OUT}")


if __name__ == "__main__":
    main()
