"""What a statistics table implies, for the totals checker: sub-items add up to their row
(全市常住人口 = #城镇 + 乡村; 其中:一般公共预算收入 = (1)税收 + (2)非税), a 合计 row adds up its
column, a share column makes 100 and each share is its row over the parent row, a 完成率 column is
完成 over 目标, and a figure the text states again in the table is the same figure.

A table states no claim in words, and which rows nest under which is read from marks that
bulletins use loosely, so every relation here is verified only (kept when it holds)."""
from __future__ import annotations

import re

from extract.records import Quantity
from extract.relations import DocView, Relation, _same_unit
from extract.tabular import Cell, Row, Table, parse_tables

VERIFY = {"verify_only": True}
# how far before a table the text may state its total ("…发放各类优抚金84.66万元…见下表")
TOTAL_NEAR = 300


def _q(by_start: dict[int, Quantity], cell: Cell | None) -> Quantity | None:
    return by_start.get(cell.start) if cell is not None else None


def _value_cols(table: Table) -> list[int]:
    return sorted({c.col for r in table.rows for c in r.cells if c.role in ("value", "target", "actual")},
                  reverse=True)


def _groups_under(rows: list[Row], i: int, col: int, by_start: dict) -> list[list[Row]]:
    """The sub-item groups of the depth-0 row ``rows[i]``: each 其中/# row opens a group, the
    unmarked rows after it continue it until the group would exceed the parent."""
    parent = _q(by_start, rows[i].cell(col))
    groups: list[list[Row]] = []
    for row in rows[i + 1:]:
        if row.depth == 2:
            continue
        if row.depth == 0 and not groups:
            break
        if row.depth == 1:
            groups.append([row])
        else:
            groups[-1].append(row)
            if parent is not None and sum(q.value for q in _cells(groups[-1], col, by_start)) >= parent.value * 1.0005:
                groups[-1].pop()
                break
    return groups


def _cells(rows: list[Row], col: int, by_start: dict) -> list[Quantity]:
    return [q for q in (_q(by_start, r.cell(col)) for r in rows) if q is not None]


def _sum_relation(total: Quantity | None, parts: list[Quantity], rule: str) -> Relation | None:
    if total is None or len(parts) < 2 or not all(_same_unit(p, total) for p in parts):
        return None
    return Relation("sum", rule, total, parts, complete=False, extra=dict(VERIFY))


def _table_relations(view: DocView, table: Table, by_start: dict) -> list[Relation]:
    out: list[Relation] = []
    rows = table.rows
    cols = _value_cols(table)

    def add(r: Relation | None) -> None:
        if r is not None:
            out.append(r)

    children: set[int] = set()  # rows already read as sub-items of an earlier row
    for i, parent in enumerate(rows):
        if parent.depth == 0 and not parent.is_total and i not in children:
            for col in cols:
                for g in _groups_under(rows, i, col, by_start):
                    add(_sum_relation(_q(by_start, parent.cell(col)), _cells(g, col, by_start), "table"))
            share_groups = _groups_under(rows, i, cols[0], by_start) if cols else []
            children.update(rows.index(r) for g in share_groups for r in g)
            _shares(table, parent, share_groups, by_start, cols, out)
        if parent.depth in (0, 1):  # (1)(2)… under the row before them
            kids = []
            for row in rows[i + 1:]:
                if row.depth != 2:
                    break
                kids.append(row)
            for col in cols:
                add(_sum_relation(_q(by_start, parent.cell(col)), _cells(kids, col, by_start), "table_nested"))
    # a 合计 row closing (or opening) the table sums the plain rows on its other side
    for i, row in enumerate(rows):
        if not row.is_total:
            continue
        body = [r for r in (rows[:i] if i == len(rows) - 1 else rows[i + 1:] if i == 0 else []) if r.depth == 0
                and not r.is_total]
        for col in cols:
            add(_sum_relation(_q(by_start, row.cell(col)), _cells(body, col, by_start), "table_total_row"))
    # a rate column: 完成率 = 完成 / 目标
    for row in rows:
        rate = next((c for c in row.cells if c.role == "rate"), None)
        target = next((c for c in row.cells if c.role == "target"), None)
        actual = next((c for c in row.cells if c.role == "actual"), None)
        qr, qt, qa = _q(by_start, rate), _q(by_start, target), _q(by_start, actual)
        if qr is not None and qt is not None and qa is not None and _same_unit(qt, qa) and qr.unit == "%" and qt.value:
            out.append(Relation("rate", "table_rate_column", qr, [qa, qt], extra=dict(VERIFY)))
    return out


def _shares(table: Table, parent: Row, groups: list[list[Row]], by_start: dict, cols: list[int],
            out: list[Relation]) -> None:
    if table.share_column is None or not cols:
        return
    total = _q(by_start, parent.cell(cols[0]))
    for g in groups:
        cells = [table.share_cell(r) for r in g]
        shares = [q for q in (_q(by_start, c) for c in cells) if q is not None]
        if len(shares) >= 2:
            out.append(Relation("share", "table_shares", None, shares, complete=True, extra=dict(VERIFY)))
        for r, c in zip(g, cells):  # each row's share is its value over the parent row's
            v, sq = _q(by_start, r.cell(cols[0])), _q(by_start, c)
            if total is not None and v is not None and sq is not None and v is not sq and _same_unit(v, total):
                out.append(Relation("share", "table_row_share", sq, [v, total], extra={**VERIFY, "match": "table"}))


def _label_matches(label: str, subject: str) -> bool:
    label = re.sub(r"^(?:全市|全县|全州|全区|全省|全部|全年)", "", label)
    return len(label) >= 2 and bool(subject) and (label in subject or subject in label)


def _restated(view: DocView, table: Table, by_start: dict) -> list[Relation]:
    """A figure of the text stated again in the table (一般公共预算收入110.68亿元 … 其中:一般公共
    预算收入 110.68; 粮食总产量122.35万吨 … 粮食 1223474吨; 优抚金84.66万元 … 合计 846,600)."""
    out = []
    first, last = table.rows[0].start, table.rows[-1].end
    text_levels = [q for q in view.levels if q.status == "ok" and not (first <= q.start < last)]
    for row in table.rows:
        for cell in row.cells:
            tq = _q(by_start, cell)
            if tq is None or tq.status != "table" or tq.is_change or cell.role not in ("value", "actual"):
                continue
            for q in text_levels:
                if not _same_unit(q, tq) or not (q.lo <= tq.hi and tq.lo <= q.hi):
                    continue
                near_total = row.is_total and 0 <= first - q.end <= TOTAL_NEAR
                if near_total or _label_matches(row.label, q.subject or ""):
                    out.append(Relation("restated", "text_and_table", q, [tq], extra=dict(VERIFY)))
                    break
    return out


def find_table_relations(view: DocView) -> list[Relation]:
    by_start = {q.start: q for q in view.qs}
    out: list[Relation] = []
    for table in parse_tables(view.text):
        out.extend(_table_relations(view, table, by_start))
        out.extend(_restated(view, table, by_start))
    return out
