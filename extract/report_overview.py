"""The corpus overview of ``cli.py report``: aggregates over the whole output by DuckDB, drawn
as inline SVG charts and sortable tables.

Every query aggregates in DuckDB, so the overview costs the same whether the page then shows
the text of 1 or 200 documents, and it always covers every document of the output.
"""
from __future__ import annotations

from extract.report_assets import esc
from extract.report_doc import anchor, VERDICT_ZH
from extract.report_svg import hbar, heat, vbar

NO_YEAR = "不明"
_FOLDER = ("CASE WHEN strpos(source_path, '/') > 0 THEN split_part(source_path, '/', 1) "
           "ELSE '(根目录 top level)' END")


def table(columns: list[str], rows: list[list], *, numeric: set[int] = frozenset(), caption: str = "",
          sortable: bool = True, scroll: bool = True) -> str:
    """A table whose cells are pre-rendered HTML strings (escape before calling)."""
    head = "".join(f'<th class="num">{esc(c)}</th>' if i in numeric else f"<th>{esc(c)}</th>"
                   for i, c in enumerate(columns))
    body = "".join("<tr>" + "".join(f'<td class="num">{v}</td>' if i in numeric else f"<td>{v}</td>"
                                   for i, v in enumerate(r)) + "</tr>" for r in rows)
    cap = f"<caption class=note>{esc(caption)}</caption>" if caption else ""
    t = (f'<table class="{"sortable" if sortable else ""}">{cap}<thead><tr>{head}</tr></thead>'
         f"<tbody>{body}</tbody></table>")
    return f'<div class="scroll">{t}</div>' if scroll and len(rows) > 12 else t


def _n(v) -> str:
    return "" if v is None else f"{int(v):,}" if float(v).is_integer() else f"{v:,.2f}"


def _rows(con, sql: str, params: list | None = None) -> list[tuple]:
    return con.execute(sql, params or []).fetchall()


def stats(con) -> dict:
    names = ["documents", "sections", "sentences", "quantities", "dates", "programs", "checks", "errors"]
    sql = "SELECT " + ", ".join(f"(SELECT count(*) FROM {t})" for t in names)
    out = dict(zip(names, _rows(con, sql)[0]))
    out["duplicates"], out["flags"], out["flagged_documents"] = _rows(con, """
        SELECT (SELECT count(*) FROM documents WHERE duplicate_of IS NOT NULL),
               (SELECT count(*) FROM checks WHERE verdict = 'inconsistent'),
               (SELECT count(DISTINCT doc_id) FROM checks WHERE verdict = 'inconsistent')""")[0]
    return out


def _years(con) -> list[tuple[str, int]]:
    rows = _rows(con, "SELECT year, count(*) FROM documents GROUP BY year ORDER BY year NULLS LAST")
    known = {y: n for y, n in rows if y is not None}
    out: list[tuple[str, int]] = []
    if known:
        lo, hi = min(known), max(known)
        years = range(lo, hi + 1) if hi - lo <= 120 else sorted(known)  # a time axis when it fits
        out = [(str(y), known.get(y, 0)) for y in years]
    out += [(NO_YEAR, n) for y, n in rows if y is None]
    return out


def _topics_by_year(con) -> str:
    rows = _rows(con, """SELECT s.topic, coalesce(CAST(d.year AS VARCHAR), ?) AS y, count(*) AS n
        FROM sections s JOIN documents d USING (doc_id)
        WHERE s.topic IS NOT NULL AND s.level > 0 GROUP BY ALL""", [NO_YEAR])
    if not rows:
        return ('<p class="note">各小节尚无主题 (sections carry no topic: the classifier was absent when the '
                "tables were written).</p>")
    totals: dict[str, int] = {}
    for t, _, n in rows:
        totals[t] = totals.get(t, 0) + n
    topics = sorted(totals, key=lambda t: (-totals[t], t))
    years = sorted({y for _, y, _ in rows}, key=lambda y: (y == NO_YEAR, y))
    cell = 18 if len(years) <= 40 else 12
    return heat(topics, years, {(t, y): n for t, y, n in rows}, title="各年份小节主题 sections by topic and year",
                cell=cell) + ('<p class="note">颜色越深，小节越多 (darker = more sections of all levels; hover a cell '
                              "for its count).</p>")


def render_overview(con, *, included: set[str], max_rows: int = 2000) -> str:
    """The overview section (HTML): counts, charts and sortable tables over the whole output."""
    st = stats(con)
    cards = "".join(f"<div><b>{_n(st[k])}</b>{esc(label)}</div>" for k, label in (
        ("documents", "文档 documents"), ("duplicates", "重复 duplicates"), ("sections", "小节 sections"),
        ("quantities", "数量 quantities"), ("dates", "日期 dates"), ("programs", "项目 programs"),
        ("checks", "核对 checks"), ("flags", "不一致 flags"), ("errors", "错误 errors")))
    parts = [f'<section class="box" id="overview"><h2>语料概览 corpus overview</h2><div class="stats">{cards}</div>']

    folders = _rows(con, f"SELECT {_FOLDER} AS f, count(*) n FROM documents GROUP BY f ORDER BY n DESC, f")
    if len(folders) > 25:
        folders = folders[:24] + [("其他 other", sum(n for _, n in folders[24:]))]
    parts.append('<div class="grid"><div><h3>各年份文档 documents per year</h3>'
                 + vbar(_years(con), title="documents per year") + "</div>"
                 + "<div><h3>各来源文件夹文档 documents per source folder</h3>"
                 + hbar(folders, title="documents per source folder") + "</div></div>")
    parts.append("<h3>各年份主题 topics per year</h3>" + _topics_by_year(con))

    # Flags per document: a chart of the worst 20 and a table of every flagged document.
    flagged = _rows(con, """SELECT d.doc_id, coalesce(nullif(d.title, ''), d.source_path), d.year, d.source_path,
            count(*) FILTER (WHERE c.verdict = 'inconsistent') AS flags, count(c.check_id) AS checks
        FROM documents d JOIN checks c USING (doc_id) GROUP BY ALL HAVING flags > 0
        ORDER BY flags DESC, d.doc_id LIMIT ?""", [max_rows])
    parts.append("<h3>各文档不一致数 flags per document</h3>")
    if flagged:
        parts.append(hbar([(t, f) for _, t, _, _, f, _ in flagged[:20]], title="flags per document", color=" x",
                          links=[f"#{anchor('d-', i)}" if i in included else None for i, *_ in flagged[:20]]))
        parts.append(table(["文档 document", "年份 year", "来源 source", "不一致 flags", "核对 checks"],
                           [[_doc_link(i, t, included), esc(y), esc(s), _n(f), _n(c)] for i, t, y, s, f, c in flagged],
                           numeric={1, 3, 4}, caption=f"{st['flagged_documents']:,} documents with flags"))
    else:
        parts.append('<p class="note">没有不一致 (no inconsistent checks in the corpus).</p>')

    verdicts = _rows(con, "SELECT kind, verdict, count(*) n FROM checks GROUP BY ALL ORDER BY kind, verdict")
    parts.append("<h3>核对结论 checks by kind and verdict</h3>" + table(
        ["类型 kind", "结论 verdict", "数目 n"],
        [[esc(k), f'<span class="v-{esc(v)}">{esc(VERDICT_ZH.get(v, v))} {esc(v)}</span>', _n(n)] for k, v, n in verdicts],
        numeric={2}))

    progs = _rows(con, """SELECT p.name, min(p.kind), count(*) AS mentions, count(DISTINCT p.doc_id) AS docs,
            min(d.year), max(d.year)
        FROM programs p LEFT JOIN documents d USING (doc_id) WHERE p.name IS NOT NULL AND p.name <> ''
        GROUP BY p.name ORDER BY mentions DESC, docs DESC, p.name LIMIT 100""")
    parts.append('<div class="grid"><div><h3>提及最多的项目 most mentioned programs</h3>'
                 + hbar([(n, m) for n, _, m, *_ in progs[:20]], title="most mentioned programs", label_px=230)
                 + "</div><div><h3>项目一览 programs (top 100)</h3>"
                 + table(["名称 name", "类别 kind", "提及 mentions", "文档 documents", "始 first", "末 last"],
                         [[esc(n), esc(k), _n(m), _n(d), esc(a), esc(b)] for n, k, m, d, a, b in progs],
                         numeric={2, 3, 4, 5}) + "</div></div>")

    subjects = _rows(con, """SELECT subject, string_agg(DISTINCT unit, ' ' ORDER BY unit) AS units, count(*) AS n,
            count(DISTINCT doc_id) AS docs FROM quantities WHERE subject IS NOT NULL AND subject <> ''
        GROUP BY subject ORDER BY n DESC, subject LIMIT 100""")
    parts.append("<h3>数量的主体 quantity subjects (top 100)</h3>" + table(
        ["主体 subject", "单位 units", "数量 quantities", "文档 documents"],
        [[esc(s), esc((u or "")[:40]), _n(n), _n(d)] for s, u, n, d in subjects], numeric={2, 3}))

    errors = _rows(con, """SELECT stage, error_type, count(*) n, min(message) FROM errors
        GROUP BY ALL ORDER BY n DESC, stage, error_type""")
    parts.append("<h3>错误 errors by type</h3>" + (table(
        ["阶段 stage", "类型 type", "数目 n", "示例 example"],
        [[esc(s), esc(t), _n(n), esc((m or "")[:160])] for s, t, n, m in errors], numeric={2})
        if errors else '<p class="note">无错误 (no errors).</p>'))

    docs = _rows(con, """WITH q AS (SELECT doc_id, count(*) n FROM quantities GROUP BY doc_id),
             p AS (SELECT doc_id, count(*) n FROM programs GROUP BY doc_id),
             c AS (SELECT doc_id, count(*) n, count(*) FILTER (WHERE verdict = 'inconsistent') f
                   FROM checks GROUP BY doc_id)
        SELECT d.doc_id, coalesce(nullif(d.title, ''), d.source_path), d.year, d.source_path, d.char_count,
               coalesce(q.n, 0), coalesce(p.n, 0), coalesce(c.n, 0), coalesce(c.f, 0)
        FROM documents d LEFT JOIN q USING (doc_id) LEFT JOIN p USING (doc_id) LEFT JOIN c USING (doc_id)
        ORDER BY coalesce(c.f, 0) DESC, d.source_path, d.part_index LIMIT ?""", [max_rows])
    cap = f"{len(docs):,} of {st['documents']:,} documents" + (" (most flagged first)" if len(docs) < st["documents"] else "")
    parts.append("<h3>文档一览 documents</h3>" + table(
        ["文档 document", "年份 year", "来源 source", "字数 chars", "数量 quantities", "项目 programs",
         "核对 checks", "不一致 flags"],
        [[_doc_link(i, t, included), esc(y), esc(s), _n(c), _n(q), _n(p), _n(k), _n(f)]
         for i, t, y, s, c, q, p, k, f in docs], numeric={1, 3, 4, 5, 6, 7}, caption=cap))
    parts.append("</section>")
    return "".join(parts)


def _doc_link(doc_id: str, title: str, included: set[str]) -> str:
    t = esc(title or doc_id)
    return f'<a href="#{anchor("d-", doc_id)}">{t}</a>' if doc_id in included else t
