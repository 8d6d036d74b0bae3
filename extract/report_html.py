"""Self-contained HTML pages: a supervisor's review and a researcher's corpus report.

``write_review`` renders what ``cli.py check --html`` found in a few files; ``write_report``
renders an extracted output folder (``cli.py report``): an overview of the whole corpus (DuckDB
aggregates, inline SVG charts, sortable tables) followed by the highlighted text of at most
``max_documents`` documents, those with flags first.  Both pages inline their CSS and script,
load nothing from the network, escape every piece of document text, and keep the text, the
flags and the links to them working with JavaScript disabled.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from extract.report_assets import LEGEND, esc, page
from extract.report_doc import DocView, anchor, doc_heading, render_document, render_flags, view_from_output

MENTION_TABLES = ("sections", "quantities", "dates", "programs", "checks")


@dataclass(frozen=True)
class ReportSummary:
    """What ``write_report`` wrote: document counts and the file size."""

    path: str
    documents: int
    shown: int
    left_out: int
    flags: int
    bytes: int


def _write(path: str | Path, text: str) -> int:
    """Write atomically (temporary file, then rename); return the size in bytes."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    data = text.encode("utf-8")
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    tmp.write_bytes(data)
    os.replace(tmp, path)
    return len(data)


def _toc(views: list[DocView]) -> str:
    items = "".join(f'<li><a href="#{anchor("d-", v.doc.get("doc_id"))}">{esc(doc_heading(v))}</a>'
                    + (f' <span class="n">⚑{len(v.flags)}</span>' if v.flags else "") + "</li>" for v in views)
    return f'<ol class="toc">{items}</ol>'


def render_review(reports: list) -> str:
    """The review page (HTML string) for ``FileReport``s from ``extract.review.check_files``."""
    views: list[DocView] = []
    blocks: list[str] = []
    for rep in reports:
        if rep.error:
            blocks.append(f'<section class="box err"><h2>{esc(rep.path)}</h2><p>无法读取 cannot read: '
                          f"{esc(rep.error)} ({esc(rep.error_type)})</p></section>")
            continue
        for out in rep.outputs:
            v = view_from_output(out)
            views.append(v)
            blocks.append(render_document(v))
    n_flags = sum(len(v.flags) for v in views)
    n_checks = sum(len(v.checks) for v in views)
    toc = f'<section class="box"><h2>文档 documents ({len(views)})</h2>{_toc(views)}</section>' if len(views) > 1 else ""
    body = (render_flags(views) + toc + f'<section class="box">{LEGEND}</section>' + "".join(blocks))
    files = ", ".join(r.path for r in reports)
    subtitle = f"{len(reports)} 个文件 files · {len(views)} 文档 documents · {n_checks} 项核对 checks · {n_flags} 项不一致 flags"
    return page(f"核查 review: {files}" if len(files) < 80 else f"核查 review: {len(reports)} files", subtitle, body)


def write_review(reports: list, path: str | Path) -> int:
    """Write the review page of ``check`` results to ``path``.

    Args:
        reports: ``FileReport`` list from ``extract.review.check_files`` (run with the
            dates and programs steps to see them highlighted).
        path: the HTML file to write.
    Returns:
        The size of the file in bytes.
    """
    return _write(path, render_review(reports))


def rank_documents(con) -> list[tuple[str, int, int]]:
    """Every document as (doc_id, characters, flags) in the order they are offered a place in
    the report: flagged ones first (most flags first), then a deterministic sample of the rest
    (ordered by a hash of doc_id), non-duplicates before duplicates."""
    return con.execute("""WITH f AS (SELECT doc_id, count(*) n FROM checks WHERE verdict = 'inconsistent'
                                     GROUP BY doc_id)
        SELECT d.doc_id, coalesce(d.char_count, length(d.text), 0), coalesce(f.n, 0) AS flags
        FROM documents d LEFT JOIN f USING (doc_id)
        ORDER BY flags DESC, d.duplicate_of IS NOT NULL, md5(d.doc_id)""").fetchall()


def _dicts(con, sql: str) -> list[dict]:
    cur = con.execute(sql)
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, r)) for r in cur.fetchall()]


def load_views(con, doc_ids: list[str]) -> list[DocView]:
    """Read the rows of the given documents from the tables into ``DocView``s (in that order)."""
    import pyarrow as pa

    if not doc_ids:
        return []
    con.register("_chosen", pa.table({"doc_id": pa.array(doc_ids, pa.string())}))
    try:
        docs = _dicts(con, """SELECT doc_id, title, year, source_path, text, char_count, duplicate_of
            FROM documents WHERE doc_id IN (SELECT doc_id FROM _chosen)""")
        views = {r["doc_id"]: DocView(r) for r in docs}
        for table in MENTION_TABLES:
            for r in _dicts(con, f"SELECT * FROM {table} WHERE doc_id IN (SELECT doc_id FROM _chosen)"):
                v = views.get(r["doc_id"])
                if v is not None:
                    getattr(v, table).append(r)
    finally:
        con.unregister("_chosen")
    for v in views.values():
        v.sections.sort(key=lambda s: (s.get("start") or 0, s.get("level") or 0))
    return [views[i] for i in doc_ids if i in views]


def _render_documents(con, ranked: list[tuple[str, int, int]], *, max_documents: int,
                      max_bytes: int) -> list[tuple[DocView, str]]:
    """Render documents in ``ranked`` order while they fit: at most ``max_documents`` and
    ``max_bytes`` of HTML (a document too large for what is left is skipped, a smaller one
    after it may still fit).  Rows are read in batches so that memory stays bounded."""
    shown: list[tuple[DocView, str]] = []
    used, batch = 0, []

    def flush() -> None:
        nonlocal used
        for v in load_views(con, batch):
            h = render_document(v)
            size = len(h.encode("utf-8"))
            if len(shown) < max_documents and used + size <= max_bytes:
                shown.append((v, h))
                used += size
        batch.clear()

    for doc_id, chars, _ in ranked:
        if len(shown) >= max_documents or used >= max_bytes:
            break
        if chars * 3 > max_bytes - used:  # the text alone (UTF-8 Chinese) would not fit
            continue
        batch.append(doc_id)
        if len(batch) >= min(50, max_documents - len(shown)):
            flush()
    if batch:
        flush()
    return shown


def render_report(out_dir: str | Path, *, max_documents: int = 200, max_mb: float = 12.0,
                  max_rows: int = 2000, title: str | None = None) -> tuple[str, ReportSummary]:
    """The corpus report page (HTML string) and its summary; see ``write_report``."""
    import duckdb

    from extract.query import QueryError, connect
    from extract.report_overview import render_overview

    con = connect(out_dir)  # raises QueryError for unreadable part files
    try:
        ranked = rank_documents(con)
        shown = _render_documents(con, ranked, max_documents=max_documents, max_bytes=int(max_mb * 1e6))
        # flagged documents first (most flags first), then the sample in source order
        shown.sort(key=lambda vh: (-len(vh[0].flags), vh[0].doc.get("source_path") or "", vh[0].doc.get("doc_id")))
        overview = render_overview(con, included={v.doc["doc_id"] for v, _ in shown}, max_rows=max_rows)
        all_flags = con.execute("SELECT count(*) FROM checks WHERE verdict = 'inconsistent'").fetchone()[0]
    except duckdb.Error as exc:
        raise QueryError(f"cannot read the tables of {out_dir}: {exc}", hint="re-run extract with --restart") from None
    finally:
        con.close()
    views = [v for v, _ in shown]
    total = len(ranked)
    shown_flags = sum(len(v.flags) for v in views)
    left_out = total - len(views)
    note = ""
    if left_out:
        note = (f"本页只收录 {len(views):,} 篇文档的全文，另有 {left_out:,} 篇未收录 (text of {len(views):,} of {total:,} "
                f"documents shown, {left_out:,} left out: flagged documents first, then a sample; limits "
                f"max_documents={max_documents:,}, max_mb={max_mb:g}). 概览覆盖全部文档 (the overview covers all).")
    flag_note = "" if shown_flags == all_flags else f"{all_flags - shown_flags:,} more flags are in documents left out (see the overview)."
    body = (render_flags(views, note=flag_note) + overview
            + f'<section class="box" id="documents"><h2>文档全文 documents ({len(views):,} of {total:,})</h2>'
            + (f'<p class="note">{esc(note)}</p>' if note else "") + LEGEND + _toc(views) + "</section>"
            + "".join(h for _, h in shown))
    name = title or f"语料报告 corpus report: {Path(out_dir).name}"
    subtitle = f"{total:,} 文档 documents · {all_flags:,} 项不一致 flags · 全文 {len(views):,} 篇 shown"
    return page(name, subtitle, body), ReportSummary("", total, len(views), left_out, all_flags, 0)


def write_report(out_dir: str | Path, path: str | Path, *, max_documents: int = 200, max_mb: float = 12.0,
                 max_rows: int = 2000, title: str | None = None) -> ReportSummary:
    """Write the corpus report of an output folder to one self-contained HTML file.

    Args:
        out_dir: a folder written by ``cli.py extract`` (``OUT/<table>/*.parquet``).
        path: the HTML file to write.
        max_documents: at most this many documents get their full text (flagged ones first).
        max_mb: and their highlighted text takes at most this many MB (keeps the file small;
            the overview and the flags list come on top, usually well under 1 MB).
        max_rows: rows of the per-document overview tables.
        title: the page title (default: from the folder name).
    Returns:
        A ``ReportSummary`` with the counts and the file size.
    Raises:
        QueryError: a table cannot be read.
    """
    html_text, s = render_report(out_dir, max_documents=max_documents, max_mb=max_mb, max_rows=max_rows,
                                 title=title)
    size = _write(path, html_text)
    return ReportSummary(str(path), s.documents, s.shown, s.left_out, s.flags, size)
