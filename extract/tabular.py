"""Statistical tables inside report text: rows of "label value [value …]" under a header that
names the units ("指标 年末数(万人) 比重(%)").  Statistics bulletins print their figures this way;
the PDF, Word and HTML readers keep one table row per line.

``parse_tables`` finds the blocks and reads each row's label, its nesting mark (``#`` or
``其中:`` for a sub-item, ``(1)`` for a deeper one) and its numeric cells with the unit of their
column.  The quantities extractor reports the first-column cells (status ``table``); the totals
checker verifies that sub-items add up to their row.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from corpus.rules import rule
from extract.units import UNITS

_NUM = r"-?\d[\d,]*(?:\.\d+)?"
# Units a row may print between its label and its numbers (not 口, 项 …, which end labels: 人口, 项目)
_ROW_UNITS = "吨公里|人公里|人次|千瓦时|千瓦|立方米|平方米|平方公里|公顷|美元|标箱|公里|元|吨|亩|户|人|辆|头|只|个|家|所|台|套|件|张|%"

# an age band as a row label: 0-15岁(含不满16周岁), 60周岁及以上, 16至59岁
_AGE = r"\d{1,3}\s*(?:[-—~至]\s*\d{1,3}\s*)?周?岁(?:及以上|以上|以下)?(?:[(（][^()（）\t]{0,14}[)）])?"

TABLE_ROW = rule(
    "table_row",
    rf"""^(?P<mark>\#|其中\s*[:：]|\(\d{{1,2}}\)|（\d{{1,2}}）)?\s*
        (?P<label>{_AGE}|[^\t\d%:：]{{1,40}}?(?:{_AGE})?)\s*
        (?P<unit>(?:亿|万|千)?(?:{_ROW_UNITS}))?[\s]*
        (?P<cells>{_NUM}(?:[\t ]+{_NUM}){{0,3}})\s*$""",
    "a table row: a label, an optional unit, then one to four numbers (全市常住人口 866.60 / #城镇 392.66 45.31)",
    matches=["全市常住人口866.60", "其中:城镇392.66 45.31", "#铁路亿吨0.80 -6.6", "财政总收入\t148.87\t3.5",
             "(1)税收收入\t69.10\t12.5", "其中:0-15岁(含不满16周岁)212.60 24.53", "60周岁及以上190.90 22.03",
             "#0-17岁(含不满18周岁)1136460 23.2"],
    rejects=["全年粮食产量241.5万吨,下降1.7%。", "2023年", "一、综合"],
    use="fullmatch",
)

TABLE_HEADER_UNIT = rule(
    "table_header_unit",
    r"""[(（]\s*(?:单位\s*[:：]\s*)?(?P<unit>(?:亿|万|千|百)?[^\d()（）\s,，]{1,5}|%)\s*[)）] | 单位\s*[:：]\s*(?P<unit2>(?:亿|万|千)?[^\d\s,，]{1,5})""",
    "the unit of a table column in its header: 年末数(万人), 绝对数(亿元), 比重(%), 单位:万元",
    matches=["年末数(万人)", "比重(%)", "单位:万元", "产量(吨)"],
    rejects=["第一产业"],
)

_SCALE = {"亿": 1e8, "万": 1e4, "千": 1e3, "百": 1e2}
MIN_ROWS = 3


@dataclass
class Cell:
    start: int
    end: int
    value: float
    decimals: int


@dataclass
class Row:
    start: int
    end: int
    mark: str  # "", "#", "其中", "(1)"
    label: str
    unit: str  # canonical unit of the first cell ("" when unknown)
    kind: str
    factor: float
    cells: list[Cell] = field(default_factory=list)
    label_start: int = 0

    @property
    def depth(self) -> int:
        return 0 if not self.mark else (2 if self.mark.startswith(("(", "（")) else 1)


@dataclass
class Table:
    rows: list[Row]
    share_column: int | None  # the column holding shares in percent (比重/构成), counted from the right (1 = last)

    def share_cell(self, row: Row) -> Cell | None:
        """The row's share cell; a row must also hold a value besides it (全市常住人口 866.60 has none)."""
        k = self.share_column
        if k is None or len(row.cells) < k + 1:
            return None
        return row.cells[-k]


def _unit_of(word: str) -> tuple[str, str, float] | None:
    """'万人' -> ('人', 'count', 1e4); '%' -> ('%', 'percent', 1)."""
    scale = 1.0
    if word and word[0] in _SCALE and word[1:] in UNITS:
        scale, word = _SCALE[word[0]], word[1:]
    u = UNITS.get(word)
    return (u.canonical, u.kind, scale * u.factor) if u else None


def _header_units(line: str) -> list[tuple[str, str, float] | None]:
    out = []
    for m in TABLE_HEADER_UNIT.finditer(line):
        out.append(_unit_of(m.group("unit") or m.group("unit2") or ""))
    return out


def parse_tables(text: str) -> list[Table]:
    """Every block of at least MIN_ROWS consecutive table rows (a header line may precede it)."""
    tables: list[Table] = []
    pos = 0
    header: list = []
    share_col: int | None = None
    block: list[Row] = []
    for line in text.split("\n"):
        start = pos
        pos += len(line) + 1
        m = TABLE_ROW.fullmatch(line.strip()) if line.strip() else None
        if m is None:
            if len(block) >= MIN_ROWS:
                tables.append(Table(block, share_col))
            block = []
            units = _header_units(line)
            if units:
                header = units
                share_col = None
                if re.search(r"比重|构成|占比|结构", line):
                    # the column's place from the right: the header may name a label or unit column
                    # without a bracket (单位 绝对数 构成(%)) but every number column is to the right of it
                    marks = list(TABLE_HEADER_UNIT.finditer(line))
                    share_col = next((len(marks) - i for i, mk in enumerate(marks)
                                      if (mk.group("unit") or "") == "%" and re.search(
                                          r"比重|构成|占比|结构", line[marks[i - 1].end() if i else 0:mk.start()])),
                                     None)
            continue
        lead = len(line) - len(line.lstrip())
        row_unit = _unit_of(m.group("unit") or "") or (header[0] if header else None)
        cells = []
        base = start + lead
        for cm in re.finditer(_NUM, m.group("cells")):
            a = base + m.start("cells") + cm.start()
            raw = cm.group(0).replace(",", "")
            dec = len(raw.split(".")[1]) if "." in raw else 0
            cells.append(Cell(a, a + len(cm.group(0)), float(raw), dec))
        unit, kind, factor = row_unit if row_unit else ("", "", 1.0)
        label = m.group("label").strip()
        label_start = base + m.start("label") + (len(m.group("label")) - len(m.group("label").lstrip()))
        block.append(Row(base, start + len(line.rstrip()), (m.group("mark") or "").replace(" ", "").rstrip(":："),
                         label, unit, kind, factor, cells, label_start))
    if len(block) >= MIN_ROWS:
        tables.append(Table(block, share_col))
    return tables
