"""The fixed parts of the HTML pages: style sheet, the small sorting script, the page shell.

Everything is inlined into the page (no CDN, no network).  The script only sorts tables; the
text, the highlights, the flags and their links work without it.  Layer toggles (hide dates,
programs …) are checkbox + CSS, so they need no script either.
"""
from __future__ import annotations

import html

# Labels are drawn by CSS (::after) so that they are not part of the text when copied.
QUANTITY_LABELS = {
    "count": "数量", "money": "金额", "percent": "比例", "area": "面积", "length": "长度",
    "weight": "重量", "volume": "体积", "energy": "能耗", "duration": "时长", "ratio": "比率",
    "other": "数值",
}
PROGRAM_LABELS = {
    "document": "文件", "campaign": "创建", "project": "工程", "plan": "规划", "title": "称号",
    "action": "行动", "activity": "活动", "other": "项目",
}

_LABEL_CSS = "".join(f"mark.q.k-{k}::after{{content:\"{v}\"}}" for k, v in QUANTITY_LABELS.items()) + "".join(
    f"mark.p.k-{k}::after{{content:\"{v}\"}}" for k, v in PROGRAM_LABELS.items())

CSS = """
:root{--q:#dbeafe;--qb:#3b82f6;--d:#dcfce7;--db:#22c55e;--p:#fef3c7;--pb:#f59e0b;--x:#fee2e2;--xb:#dc2626;
--ink:#1f2937;--mute:#64748b;--line:#e2e8f0}
*{box-sizing:border-box}
html{scroll-behavior:auto}
body{margin:0;font:15px/1.6 system-ui,-apple-system,"Noto Sans CJK SC","Source Han Sans SC","WenQuanYi Zen Hei",
"PingFang SC","Microsoft YaHei",sans-serif;color:var(--ink);background:#f1f5f9}
a{color:#1d4ed8}
header.top{background:#1e293b;color:#f8fafc;padding:.9rem 1.5rem}
header.top h1{margin:0;font-size:1.35rem}
header.top p{margin:.2rem 0 0;color:#cbd5e1;font-size:.9rem}
main{max-width:1280px;margin:0 auto;padding:.5rem 1rem 3rem}
section.box,nav.box{background:#fff;border:1px solid var(--line);border-radius:6px;padding:.6rem 1rem;margin:1rem 0}
h2{font-size:1.15rem;margin:.4rem 0 .6rem}
h3{font-size:1rem;margin:.8rem 0 .4rem}
.note{color:var(--mute);font-size:.9rem}
nav.flags{border-left:6px solid var(--xb)}
nav.flags ol{margin:.2rem 0;padding-left:2.2rem}
nav.flags li{margin:.15rem 0}
nav.flags li a{color:#991b1b}
nav.flags .where{color:var(--mute);font-size:.85rem}
.ok{border-left:6px solid var(--db)}
.err{border-left:6px solid #f97316;background:#fff7ed}
.legend label{display:inline-block;margin:.15rem .5rem .15rem 0;cursor:pointer;user-select:none}
.legend .sw{display:inline-block;padding:0 .35em;border-radius:3px}
.sw.q{background:var(--q);box-shadow:inset 0 -2px var(--qb)}.sw.d{background:var(--d);box-shadow:inset 0 -2px var(--db)}
.sw.p{background:var(--p);box-shadow:inset 0 -2px var(--pb)}.sw.x{background:var(--x);box-shadow:inset 0 0 0 2px var(--xb)}
input.tg{position:absolute;opacity:0;pointer-events:none}
#tg-q:not(:checked)~main label[for=tg-q],#tg-d:not(:checked)~main label[for=tg-d],
#tg-p:not(:checked)~main label[for=tg-p],#tg-l:not(:checked)~main label[for=tg-l]{opacity:.45;text-decoration:line-through}
#tg-q:not(:checked)~main mark.q:not(.x),#tg-d:not(:checked)~main mark.d,#tg-p:not(:checked)~main mark.p{
background:none;box-shadow:none;padding:0}
#tg-q:not(:checked)~main mark.q:not(.x)::after,#tg-d:not(:checked)~main mark.d::after,
#tg-p:not(:checked)~main mark.p::after,#tg-l:not(:checked)~main mark::after{content:none}
.toc{columns:2 22rem;font-size:.9rem;margin:.3rem 0;padding-left:1.6rem}
.toc .n{color:#b91c1c;font-weight:600}
article.doc{background:#fff;border:1px solid var(--line);border-radius:6px;margin:1.2rem 0;
content-visibility:auto;contain-intrinsic-size:auto 1600px}
article.doc>header{padding:.6rem 1rem;border-bottom:1px solid var(--line);background:#f8fafc;border-radius:6px 6px 0 0}
article.doc>header h2{margin:0}
article.doc>header p{margin:.15rem 0 0;color:var(--mute);font-size:.88rem}
.docbody{display:grid;grid-template-columns:minmax(12rem,17rem) minmax(0,1fr);gap:0}
aside.outline{position:sticky;top:0;align-self:start;max-height:100vh;overflow:auto;padding:.6rem .8rem;
border-right:1px solid var(--line);font-size:.82rem;line-height:1.45}
aside.outline ol{list-style:none;margin:0;padding:0}
aside.outline li{margin:.25rem 0}
aside.outline a{text-decoration:none;color:var(--ink)}
aside.outline .tr{display:block;color:var(--mute);font-size:.76rem}
aside.outline .fx{color:var(--xb);font-weight:700}
.lv2{padding-left:.8rem}.lv3{padding-left:1.6rem}.lv4,.lv5,.lv6{padding-left:2.4rem}
.text{white-space:pre-wrap;overflow-wrap:anywhere;line-height:2.05;padding:.7rem 1.1rem;font-size:15.5px}
mark{color:inherit;border-radius:3px;padding:0 1px}
mark.q{background:var(--q);box-shadow:inset 0 -2px var(--qb)}
mark.d{background:var(--d);box-shadow:inset 0 -2px var(--db)}
mark.p{background:var(--p);box-shadow:inset 0 -2px var(--pb)}
mark.x{background:var(--x);box-shadow:inset 0 0 0 2px var(--xb);font-weight:600}
mark::after{font-size:.62em;font-weight:700;margin-left:.2em;vertical-align:.12em;color:#475569;
font-family:system-ui,sans-serif}
mark.d::after{content:"日期"}
mark.x::after{color:var(--xb)}
.sa{scroll-margin-top:1rem}
a.fl{display:inline-block;background:var(--xb);color:#fff;border-radius:3px;padding:0 .35em;margin-right:.15em;
font-size:.78em;line-height:1.5;text-decoration:none;font-weight:700;scroll-margin-top:3rem;white-space:nowrap}
a.fl:target{outline:3px solid #f59e0b;outline-offset:2px}
.co{display:block;white-space:normal;margin:.25rem 0 .5rem;padding:.35rem .7rem;background:#fef2f2;
border-left:4px solid var(--xb);border-radius:0 4px 4px 0;line-height:1.55;font-size:.92rem}
.co b{color:#991b1b}
.co .nums{color:var(--mute);font-size:.85rem}
details.checks{padding:.3rem 1rem .6rem;border-top:1px solid var(--line);font-size:.88rem}
details.checks summary{cursor:pointer;color:var(--mute)}
table{border-collapse:collapse;font-size:.86rem;margin:.3rem 0 .8rem;width:100%}
th,td{border-bottom:1px solid var(--line);padding:.22rem .5rem;text-align:left;vertical-align:top}
th{background:#f8fafc;position:sticky;top:0}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
table.sortable th{cursor:pointer;user-select:none}
table.sortable th[data-dir=asc]::after{content:" ▲"}table.sortable th[data-dir=desc]::after{content:" ▼"}
.v-inconsistent{color:var(--xb);font-weight:700}.v-consistent{color:#15803d}.v-partial{color:#a16207}
.v-undetermined{color:var(--mute)}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(34rem,1fr));gap:0 1.5rem}
.scroll{max-height:28rem;overflow:auto}
.stats{display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;margin:.2rem 0 .4rem}
.stats div{min-width:7rem}.stats b{display:block;font-size:1.3rem}
svg.chart{max-width:100%;height:auto;font-size:11px}
svg.chart text{fill:#334155}
svg.chart .bar{fill:#3b82f6}svg.chart .bar.x{fill:#dc2626}svg.chart .axis{stroke:#cbd5e1}
@media (max-width:760px){.docbody{grid-template-columns:1fr}aside.outline{position:static;max-height:none;
border-right:0;border-bottom:1px solid var(--line)}}
@media print{aside.outline{position:static}article.doc{content-visibility:visible}}
""" + _LABEL_CSS

# Sorting only: click a header to sort by it (numbers by data-v or their text).
JS = """
(function(){
function key(td){var v=td.getAttribute('data-v');if(v===null)v=td.textContent.trim();
var n=Number(v.replace(/,/g,''));return(v!==''&&isFinite(n))?n:v}
document.querySelectorAll('table.sortable').forEach(function(t){
t.querySelectorAll('th').forEach(function(th){th.tabIndex=0;th.title='点击排序 (sort)';
function go(){var b=t.tBodies[0],i=th.cellIndex,d=th.getAttribute('data-dir')==='desc'?'asc':'desc';
t.querySelectorAll('th').forEach(function(h){h.removeAttribute('data-dir')});th.setAttribute('data-dir',d);
var rows=Array.prototype.slice.call(b.rows);rows.sort(function(a,c){var x=key(a.cells[i]),y=key(c.cells[i]);
var r=(typeof x==='number'&&typeof y==='number')?x-y:String(x).localeCompare(String(y),'zh');
return d==='asc'?r:-r});rows.forEach(function(r){b.appendChild(r)})}
th.addEventListener('click',go);th.addEventListener('keydown',function(e){if(e.key==='Enter')go()})})})})();
"""

TOGGLES = ('<input type="checkbox" class="tg" id="tg-q" checked><input type="checkbox" class="tg" id="tg-d" checked>'
           '<input type="checkbox" class="tg" id="tg-p" checked><input type="checkbox" class="tg" id="tg-l" checked>')

LEGEND = ('<p class="legend">图例 (点击切换 / click to toggle): '
          '<label for="tg-q"><span class="sw q">数量</span> 数量·金额·比例</label>'
          '<label for="tg-d"><span class="sw d">日期</span> 日期</label>'
          '<label for="tg-p"><span class="sw p">项目</span> 项目·文件·活动</label>'
          '<label for="tg-l">标签 labels</label>'
          '<span class="sw x">不一致</span> 不一致核对中的数字 (figures of a flag) · 悬停查看数值、区间、单位、主体 (hover for details)</p>')


def esc(s: object) -> str:
    """Escape text for an HTML text node or attribute (None -> empty)."""
    return "" if s is None else html.escape(str(s), quote=True)


def page(title: str, subtitle: str, body: str) -> str:
    """The whole HTML document around ``body`` (already escaped HTML)."""
    return (
        '<!DOCTYPE html>\n<html lang="zh-Hans"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        '<meta name="generator" content="zongjie">'
        f"<title>{esc(title)}</title><style>{CSS}</style></head>\n<body>{TOGGLES}"
        f'<header class="top"><h1>{esc(title)}</h1><p>{esc(subtitle)}</p></header>\n'
        f'<main id="top">{body}</main>\n<script>{JS}</script></body></html>\n'
    )
