"""One document as HTML: its text with the mentions highlighted, its flags, its outline.

A ``DocView`` holds plain dict rows (column name -> value) so the same renderer serves the
``check`` command (records in memory, ``view_from_output``) and the ``report`` command (rows
read from Parquet).  Highlights are nested ``<mark>`` elements; a mention that would cross
another one (rare: a program title holding half a date) is left unmarked rather than break
the nesting.  Every piece of document text goes through ``html.escape``.
"""
from __future__ import annotations

import dataclasses
import math
import re
from dataclasses import dataclass, field

from extract.report_assets import QUANTITY_LABELS, PROGRAM_LABELS, esc

VERDICT_ZH = {"inconsistent": "不一致", "consistent": "一致", "undetermined": "无法判定", "partial": "部分列举"}
# A flag's callout goes after the sentence holding the check (or the first one, for long spans).
_SENTENCE_END = re.compile(r"[。！？!?；;\n]")
_LONG_SPAN = 300


@dataclass
class DocView:
    """Rows of one document: ``doc`` is a documents row; the rest are lists of table rows."""

    doc: dict
    sections: list[dict] = field(default_factory=list)
    quantities: list[dict] = field(default_factory=list)
    dates: list[dict] = field(default_factory=list)
    programs: list[dict] = field(default_factory=list)
    checks: list[dict] = field(default_factory=list)

    @property
    def flags(self) -> list[dict]:
        """The inconsistent checks, in text order."""
        return sorted((c for c in self.checks if c.get("verdict") == "inconsistent"),
                      key=lambda c: (c.get("start") or 0, c.get("check_id") or ""))


def _row(rec) -> dict:
    return {f.name: getattr(rec, f.name) for f in dataclasses.fields(rec)}


def view_from_output(out) -> DocView:
    """A ``DocView`` of an ``extract.pipeline.DocOutput`` (records in memory)."""
    return DocView(_row(out.document), [_row(s) for s in out.sections], [_row(q) for q in out.quantities],
                   [_row(d) for d in out.dates], [_row(p) for p in out.programs], [_row(c) for c in out.checks])


def anchor(prefix: str, ident: str) -> str:
    """A safe element id for a doc/section/check id (which hold '/')."""
    return prefix + re.sub(r"[^0-9A-Za-z_-]", "-", str(ident))


def fmt_num(x: float | None) -> str:
    """A number for people: 1482.0 -> '1,482'; 70.6897 -> '70.69'; 0.12345 -> '0.1235'; inf -> '∞'.

    >>> fmt_num(1482.0), fmt_num(70.68965), fmt_num(float("inf")), fmt_num(None)
    ('1,482', '70.69', '∞', '?')
    """
    if x is None:
        return "?"
    if isinstance(x, float) and math.isinf(x):
        return "∞" if x > 0 else "-∞"
    if float(x).is_integer() and abs(x) < 1e15:
        return f"{int(x):,}"
    return f"{x:,.{2 if abs(x) >= 1 else 4}f}".rstrip("0").rstrip(".")


def _interval(lo, hi, lo_open=False, hi_open=False) -> str:
    if lo is None and hi is None:
        return ""
    return f"{'(' if lo_open else '['}{fmt_num(lo)}, {fmt_num(hi)}{')' if hi_open else ']'}"


def quantity_title(q: dict) -> str:
    if q.get("status") not in (None, "ok"):
        return f"{q.get('status')}: {q.get('reason') or ''}".strip()
    parts = [f"{fmt_num(q.get('value'))} {q.get('unit') or ''}".strip(),
             _interval(q.get("lo"), q.get("hi"), q.get("lo_open"), q.get("hi_open")), q.get("kind") or ""]
    if q.get("subject"):
        parts.append(f"主体 {q['subject']}")
    if q.get("hedge"):
        parts.append(f"修饰 {q['hedge']}")
    if q.get("is_change"):
        parts.append(f"变化量 {q.get('change_basis') or ''}".strip())
    return " · ".join(p for p in parts if p)


def date_title(d: dict) -> str:
    a, b = d.get("start_date"), d.get("end_date")
    rng = a if a == b or not b else f"{a or '?'} – {b}"
    parts = [rng or "", d.get("granularity") or "", d.get("kind") or ""]
    if d.get("placeholder"):
        parts.append("占位符 placeholder")
    return " · ".join(p for p in parts if p)


def program_title(p: dict) -> str:
    return " · ".join(x for x in (p.get("name") or "", p.get("kind") or "") if x)


def _nest(spans: list[tuple]) -> list[tuple]:
    """Keep the spans that nest (sorted outer first); drop crossing ones and duplicates."""
    kept, stack, seen = [], [], set()
    for s in sorted(spans, key=lambda s: (s[0], -s[1], s[2])):
        a, b = s[0], s[1]
        if (a, b, s[2]) in seen:
            continue
        while stack and stack[-1] <= a:
            stack.pop()
        if stack and b > stack[-1]:
            continue
        seen.add((a, b, s[2]))
        kept.append(s)
        stack.append(b)
    return kept


def _outside(pos: int, kept: list[tuple]) -> int:
    """Move an insertion point out of any mark that contains it."""
    for a, b, *_ in kept:
        if a < pos < b:
            pos = b
    return pos


def _callout_pos(text: str, check: dict) -> int:
    a, b = check.get("start") or 0, check.get("end") or 0
    base = b if b - a <= _LONG_SPAN else a
    m = _SENTENCE_END.search(text, max(base, 0))
    if m is None:
        return len(text)
    return m.start() if m.group() == "\n" else m.end()


def flag_label(view: DocView, i: int) -> str:
    return f"⚑{i + 1}"


def render_text(view: DocView) -> str:
    """The document text as HTML, mentions marked, flags and section anchors inserted."""
    text = view.doc.get("text") or ""
    n = len(text)
    flags = view.flags
    in_flag: dict[str, list[str]] = {}
    for i, c in enumerate(flags):
        for qid in c.get("quantity_ids") or ():
            in_flag.setdefault(qid, []).append(flag_label(view, i))
    spans = []  # (start, end, priority, open tag)
    for q in view.quantities:
        title = quantity_title(q)
        cls = f"q k-{q.get('kind') if q.get('kind') in QUANTITY_LABELS else 'other'}"
        if q.get("quantity_id") in in_flag:
            cls += " x"
            title = " ".join(in_flag[q["quantity_id"]]) + " 不一致 · " + title
        spans.append((q.get("start"), q.get("end"), 0, f'<mark class="{cls}" title="{esc(title)}">'))
    for d in view.dates:
        spans.append((d.get("start"), d.get("end"), 1, f'<mark class="d" title="{esc(date_title(d))}">'))
    for p in view.programs:
        k = p.get("kind") if p.get("kind") in PROGRAM_LABELS else "other"
        spans.append((p.get("start"), p.get("end"), 2, f'<mark class="p k-{k}" title="{esc(program_title(p))}">'))
    spans = [s for s in spans if isinstance(s[0], int) and isinstance(s[1], int) and 0 <= s[0] < s[1] <= n]
    kept = _nest(spans)
    points = []  # (pos, order, html)
    for s in view.sections:
        if (s.get("level") or 0) > 0 and s.get("heading_start") is not None:
            pos = _outside(min(max(s["heading_start"], 0), n), kept)
            points.append((pos, 0, f'<span class="sa" id="{anchor("s-", s["section_id"])}"></span>'))
    for i, c in enumerate(flags):
        pos = _outside(min(max(c.get("start") or 0, 0), n), kept)
        points.append((pos, 1, f'<a class="fl" id="{anchor("c-", c["check_id"])}" href="#flags" '
                               f'title="{esc(c.get("message"))}">{flag_label(view, i)}</a>'))
        pos = _outside(min(_callout_pos(text, c), n), kept)
        points.append((pos, 2, callout(view, i, c)))
    events = []  # (pos, kind 0=close 1=point 2=open, order, html)
    for idx, (a, b, _, tag) in enumerate(kept):
        events.append((b, 0, -idx, "</mark>"))
        events.append((a, 2, idx, tag))
    for pos, order, h in points:
        events.append((pos, 1, order, h))
    events.sort(key=lambda e: (e[0], e[1], e[2]))
    out, pos = [], 0
    for p, _, _, h in events:
        if p > pos:
            out.append(esc_text(text[pos:p]))
            pos = p
        out.append(h)
    out.append(esc_text(text[pos:]))
    return "".join(out)


def esc_text(s: str) -> str:
    # Text nodes need only &, < and > escaped; quotes are left as they are (smaller pages).
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def callout(view: DocView, i: int, c: dict) -> str:
    nums = []
    if c.get("stated") is not None:
        nums.append(f"所述 stated {fmt_num(c['stated'])} {_interval(c.get('stated_lo'), c.get('stated_hi'))}")
    if c.get("computed") is not None:
        nums.append(f"计算 computed {fmt_num(c['computed'])} {_interval(c.get('computed_lo'), c.get('computed_hi'))}")
    return (f'<span class="co" role="note"><b>{flag_label(view, i)} 不一致 · {esc(c.get("kind"))}</b> '
            f'{esc(c.get("message"))} <span class="nums">{esc(" · ".join(nums))} {esc(c.get("unit") or "")}</span>'
            f"</span>")


def render_outline(view: DocView) -> str:
    """The side outline: each section's number, heading, topic and role ('—' when unknown)."""
    flags = view.flags
    items = []
    for s in view.sections:
        level = s.get("level") or 0
        if level == 0:
            continue
        a, b = s.get("start") or 0, s.get("end") or 0
        nflag = sum(1 for c in flags if a <= (c.get("start") or 0) < b)
        head = f"{s.get('label') or ''}{s.get('heading') or ''}"
        short = head if len(head) <= 24 else head[:23] + "…"
        fx = f' <span class="fx" title="不一致">⚑{nflag}</span>' if nflag else ""
        items.append(f'<li class="lv{min(level, 6)}"><a href="#{anchor("s-", s["section_id"])}" title="{esc(head)}">'
                     f"{esc(short)}</a>{fx}<span class=\"tr\">{esc(s.get('topic') or '—')} · "
                     f"{esc(s.get('role') or '—')}</span></li>")
    if not items:
        items.append('<li class="note">(无小节 no sections)</li>')
    root = next((s for s in view.sections if (s.get("level") or 0) == 0), None)
    top = ""
    if root is not None:
        top = (f'<p class="tr">全文 whole text: {esc(root.get("topic") or "—")} · {esc(root.get("role") or "—")}</p>')
    return f'<aside class="outline"><b>提纲 outline</b>{top}<ol>{"".join(items)}</ol></aside>'


def render_checks_table(view: DocView) -> str:
    """Every check of the document (folded): verdict, kind, message."""
    if not view.checks:
        return ""
    order = {"inconsistent": 0, "partial": 2, "undetermined": 3, "consistent": 1}
    rows = []
    for c in sorted(view.checks, key=lambda c: (order.get(c.get("verdict"), 9), c.get("start") or 0)):
        v = c.get("verdict") or ""
        link = (f'<a href="#{anchor("c-", c["check_id"])}">{esc(VERDICT_ZH.get(v, v))}</a>' if v == "inconsistent"
                else esc(VERDICT_ZH.get(v, v)))
        rows.append(f'<tr><td class="v-{esc(v)}">{link}</td><td>{esc(c.get("kind"))}</td>'
                    f"<td>{esc(c.get('message'))}</td></tr>")
    return (f'<details class="checks"><summary>全部核对 all checks ({len(view.checks)})</summary>'
            f"<table><thead><tr><th>结论</th><th>类型</th><th>说明</th></tr></thead><tbody>{''.join(rows)}"
            f"</tbody></table></details>")


def doc_heading(view: DocView) -> str:
    d = view.doc
    return d.get("title") or d.get("source_path") or d.get("doc_id") or "?"


def render_document(view: DocView) -> str:
    """One ``<article>``: header, outline, highlighted text, folded table of all checks."""
    d = view.doc
    flags = view.flags
    meta = [d.get("source_path") or "", f"{d.get('year') or '年份不明'}", f"{d.get('char_count') or len(d.get('text') or '')} 字",
            f"{len(view.quantities)} 数量 · {len(view.dates)} 日期 · {len(view.programs)} 项目",
            f"{len(view.checks)} 核对 · {len(flags)} 不一致"]
    if d.get("duplicate_of"):
        meta.append(f"重复 duplicate of {d['duplicate_of']}")
    return (f'<article class="doc" id="{anchor("d-", d.get("doc_id"))}"><header><h2>{esc(doc_heading(view))}</h2>'
            f"<p>{esc(' · '.join(m for m in meta if m))}</p></header>"
            f'<div class="docbody">{render_outline(view)}<div class="text">{render_text(view)}</div></div>'
            f"{render_checks_table(view)}</article>")


def render_flags(views: list[DocView], *, note: str = "") -> str:
    """The list of flags at the top: one link per inconsistent check, to its place."""
    items = []
    for v in views:
        for i, c in enumerate(v.flags):
            items.append(f'<li><a href="#{anchor("c-", c["check_id"])}">{flag_label(v, i)} {esc(c.get("message"))}</a>'
                         f' <span class="where">— {esc(doc_heading(v))} · {esc(c.get("kind"))}</span></li>')
    if not items:
        return (f'<nav class="box flags ok" id="flags"><h2>不一致 flags (0)</h2>'
                f'<p>没有发现不一致的数字 (no inconsistent figures found). {esc(note)}</p></nav>')
    return (f'<nav class="box flags" id="flags"><h2>不一致 flags ({len(items)})</h2>'
            f'<ol>{"".join(items)}</ol>{f"<p class=note>{esc(note)}</p>" if note else ""}</nav>')
