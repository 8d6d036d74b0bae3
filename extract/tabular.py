"""Statistical tables inside report text.  Statistics bulletins, Word and Markdown tables and
HTML tables reach us one row per line: either tab-separated cells ("伤残军人\t14\t312,480",
"低保动态复核\t300户\t312户\t104.0%") or, from PDFs, a label glued to its numbers
("其中:城镇392.66 45.31").  A header line names the columns and often their units
("指标\t年末数(万人)\t比重(%)", "优抚对象类别\t人数(人)\t全年发放金额(元)").

``parse_tables`` finds the blocks and reads each row's label, its nesting mark (``#`` or
``其中:`` for a sub-item, ``(1)`` for a deeper one), a total row (合计/总计) and its numeric
cells with the unit and the role of their column (value, share, change, rate, target, actual).
Columns are matched from the right: a header may leave out the label or unit column, but every
number column of a row lines up with the header's last columns.  The quantities extractor
reports the cells (status ``table``); the totals checker verifies what the table implies.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from corpus.rules import rule
from extract.units import UNIT_ALTERNATION, UNITS

_NUM = r"-?\d[\d,]*(?:\.\d+)?"
# Units a row may print between its label and its numbers (not 口, 项 …, which end labels: 人口, 项目)
_ROW_UNITS = "吨公里|人公里|人次|千瓦时|千瓦|立方米|平方米|平方公里|公顷|美元|标箱|公里|元|吨|亩|户|人|辆|头|只|个|家|所|台|套|件|张|%"
# an age band as a row label: 0-15岁(含不满16周岁), 60周岁及以上, 16至59岁
_AGE = r"\d{1,3}\s?(?:[-—~至]\s?\d{1,3}\s?)?周?岁(?:及以上|以上|以下)?(?:[(（][^()（）\t]{0,14}[)）])?"

TABLE_ROW = rule(
    "table_row",
    rf"""^(?P<mark>\#|其中\s?[:：]|\(\d{{1,2}}\)|（\d{{1,2}}）)?\s?
        (?P<label>{_AGE}|[^\t\d%:：\s](?:[^\t\d%:：]{{0,38}}?[^\t\d%:：\s])??(?:{_AGE})?)
        (?:\s*(?P<unit>(?:亿|万|千)?(?:{_ROW_UNITS})))?\s*
        (?P<cells>{_NUM}(?:[\t ]+{_NUM}){{0,3}})$""",
    "a table row printed without tabs (from a PDF): a label, an optional unit, then one to four numbers "
    "(全市常住人口 866.60 / #城镇 392.66 45.31); the label starts and ends with a non-blank so the blanks "
    "between the parts are read one way only",
    matches=["全市常住人口866.60", "其中:城镇392.66 45.31", "#铁路亿吨0.80 -6.6", "财政总收入 148.87 3.5",
             "(1)税收收入 69.10 12.5", "其中:0-15岁(含不满16周岁)212.60 24.53", "60周岁及以上190.90 22.03",
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

TAB_CELL = rule(
    "tab_cell",
    rf"""^(?P<num>-?\d[\d,]*(?:\.\d+)?)\s?(?P<unit>(?:亿|万|千)?(?:{UNIT_ALTERNATION}))?$""",
    "a number cell of a tab-separated row, its unit written in the cell or not: 14, 312,480, 312户, "
    "104.0%, 57户次, 84.66万元",
    matches=["14", "312,480", "312户", "104.0%", "57户次", "-6.6", "84.66万元"],
    rejects=["伤残军人", "2023年度", "—"],
    use="fullmatch",
)

TOTAL_LABEL = rule(
    "total_label",
    r"""^(?:合\s?计|总\s?计|小\s?计|共\s?计|总\s?数|全\s?部|累\s?计)$""",
    "the label of a table row that sums the rows above or below it: 合计, 总计, 小计",
    matches=["合计", "总计", "合 计"],
    rejects=["合计划", "总计划数", "全部财税收入"],
    use="fullmatch",
)

# column roles, from the header's words
_ROLE_WORDS = (
    ("share", re.compile(r"比重|构成|占比|结构|占.{0,6}%")),
    ("change", re.compile(r"增长|增减|增幅|比上年|同比|比去年|增速|增加|减少")),
    ("rate", re.compile(r"率|进度|完成比例")),
    ("target", re.compile(r"目标|计划|任务|预算|应发|应到")),
    ("actual", re.compile(r"完成|实际|执行|实发|实到|决算")),
)
_MISSING = re.compile(r"^(?:—+|-{1,2}|/|…+|\.{2,}|×|无|空)?$")
_MARK = re.compile(r"^(?:\#|其中\s?[:：]|\(\d{1,2}\)|（\d{1,2}）)")
_SCALE = {"亿": 1e8, "万": 1e4, "千": 1e3, "百": 1e2}
MIN_ROWS = 3
HEADER_MAX = 60  # a longer line is prose, not a header


@dataclass
class Cell:
    start: int
    end: int
    value: float
    decimals: int
    unit: str = ""  # canonical unit ("" when unknown)
    kind: str = ""
    factor: float = 1.0
    role: str = "value"  # value, share, change, rate, target, actual
    col: int = 0  # place from the right: 1 = last column


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

    @property
    def is_total(self) -> bool:
        return bool(TOTAL_LABEL.fullmatch(self.label))

    def cell(self, col: int) -> Cell | None:
        return next((c for c in self.cells if c.col == col), None)


@dataclass
class Table:
    rows: list[Row]
    share_column: int | None  # the column holding shares in percent (比重/构成), counted from the right (1 = last)
    columns: list[str] = field(default_factory=list)  # header names, right-aligned with the cells

    def share_cell(self, row: Row) -> Cell | None:
        """The row's share cell; a row must also hold a value besides it (全市常住人口 866.60 has none)."""
        k = self.share_column
        if k is None or len(row.cells) < 2:
            return None
        c = row.cell(k)
        return c if c is not None and c is not row.cells[0] else None

    def role_columns(self, role: str) -> list[int]:
        cols = sorted({c.col for r in self.rows for c in r.cells if c.role == role}, reverse=True)
        return cols


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


def _role(name: str) -> str:
    for role, pat in _ROLE_WORDS:
        if pat.search(name):
            return role
    return "value"


@dataclass
class _Header:
    names: list[str]  # right-aligned column names (tab headers), [] for a glued header
    units: list[tuple[str, str, float] | None]  # per name, from "(万人)"
    share_col: int | None  # from the right


def _tab_header(cells: list[str]) -> _Header:
    names = [c.strip() for c in cells]
    units = []
    for n in names:
        hu = _header_units(n)
        units.append(hu[0] if hu else None)
    k = len(names)
    share = next((k - i for i, n in enumerate(names) if _role(n) == "share"), None)
    return _Header(names, units, share)


def _glued_header(line: str) -> _Header | None:
    units = _header_units(line)
    if not any(units):
        return None
    share = None
    if re.search(r"比重|构成|占比|结构", line):
        marks = list(TABLE_HEADER_UNIT.finditer(line))
        share = next((len(marks) - i for i, mk in enumerate(marks)
                      if (mk.group("unit") or "") == "%" and re.search(
                          r"比重|构成|占比|结构", line[marks[i - 1].end() if i else 0:mk.start()])), None)
    return _Header([], units, share)


def _tab_row(line: str, start: int, header: _Header | None) -> Row | None:
    """A tab-separated row: a label, then number cells (a unit word or a blank may stand among them)."""
    parts = line.split("\t")
    if len(parts) < 2:
        return None
    offsets, pos = [], start
    for p in parts:
        offsets.append(pos)
        pos += len(p) + 1
    label_raw = parts[0]
    label = label_raw.strip()
    if not label or not re.search(r"[^\d\s.,%\-]", label):
        return None
    mark_m = _MARK.match(label)
    mark = (mark_m.group(0) if mark_m else "").replace(" ", "").rstrip(":：")
    if mark_m:
        label = label[mark_m.end():].strip()
    row_unit: tuple[str, str, float] | None = None
    raw_cells: list[tuple[int, int, re.Match | None]] = []
    for p, off in zip(parts[1:], offsets[1:]):
        s = p.strip()
        lead = len(p) - len(p.lstrip())
        if _MISSING.fullmatch(s):
            raw_cells.append((off + lead, off + lead, None))
            continue
        m = TAB_CELL.fullmatch(s)
        if m is None:
            u = _unit_of(s)
            if u is not None and not raw_cells:
                row_unit = u  # a unit column: 从业人员 万人 203.33
                raw_cells.append((off + lead, off + lead, None))
                continue
            return None
        if m.group("unit") and _unit_of(m.group("unit")) is None:
            return None
        raw_cells.append((off + lead, off + lead + len(s), m))
    if not any(m is not None for _, _, m in raw_cells):
        return None
    n = len(raw_cells)
    names = header.names if header else []
    cells: list[Cell] = []
    for i, (a, b, m) in enumerate(raw_cells):
        if m is None:
            continue
        col = n - i
        name = names[-col] if col <= len(names) else ""
        role = _role(name) if name else "value"
        col_unit = header.units[-col] if header and header.names and col <= len(header.units) else None
        if header and not header.names and header.units:  # a glued header: its units from the right too
            col_unit = header.units[-col] if col <= len(header.units) else None
        unit = _unit_of(m.group("unit")) if m.group("unit") else (
            (row_unit or col_unit) if role == "value" else col_unit)
        if role in ("share", "rate", "change") and unit is None and not m.group("unit"):
            unit = ("%", "percent", 1.0) if re.search(r"%|率|比重|构成|增长|增速", name) else None
        raw = m.group("num").replace(",", "")
        dec = len(raw.split(".")[1]) if "." in raw else 0
        u, k, f = unit if unit else ("", "", 1.0)
        cells.append(Cell(a, a + len(m.group("num")), float(raw), dec, u, k, f, role, col))
    if not cells:
        return None
    first = cells[0]
    return Row(start + len(line) - len(line.lstrip()), start + len(line.rstrip()), mark, label,
               first.unit, first.kind, first.factor, cells, label_start=start + label_raw.find(label))


def _glued_row(line: str, start: int, header: _Header | None) -> Row | None:
    stripped = line.strip()
    if len(stripped) > 160:
        return None
    m = TABLE_ROW.fullmatch(stripped)
    if m is None:
        return None
    lead = len(line) - len(line.lstrip())
    base = start + lead
    units = header.units if header else []
    row_unit = _unit_of(m.group("unit") or "") or (units[0] if units else None)
    nums = list(re.finditer(_NUM, m.group("cells")))
    cells = []
    # a glued header names its number columns in order: a row with fewer numbers fills them from
    # the left (全市常住人口 866.60 under 年末数(万人) 比重(%) has no share)
    width = max(len(nums), len(units))
    for i, cm in enumerate(nums):
        a = base + m.start("cells") + cm.start()
        raw = cm.group(0).replace(",", "")
        dec = len(raw.split(".")[1]) if "." in raw else 0
        col = width - i
        role, unit = "value", row_unit if i == 0 else None
        if header and header.share_col == col and i > 0:
            role, unit = "share", ("%", "percent", 1.0)
        u, k, f = unit if unit else ("", "", 1.0)
        cells.append(Cell(a, a + len(cm.group(0)), float(raw), dec, u, k, f, role, col))
    unit, kind, factor = row_unit if row_unit else ("", "", 1.0)
    label = m.group("label").strip()
    label_start = base + m.start("label")
    return Row(base, start + len(line.rstrip()), (m.group("mark") or "").replace(" ", "").rstrip(":："),
               label, unit, kind, factor, cells, label_start)


def parse_tables(text: str) -> list[Table]:
    """Every block of at least MIN_ROWS consecutive table rows (a header line may precede it)."""
    tables: list[Table] = []
    pos = 0
    header: _Header | None = None
    block: list[Row] = []
    block_header: _Header | None = None

    def close() -> None:
        if len(block) >= MIN_ROWS:
            h = block_header
            tables.append(Table(list(block), h.share_col if h else None, h.names if h else []))
        block.clear()

    for line in text.split("\n"):
        start = pos
        pos += len(line) + 1
        if not line.strip():
            close()
            continue
        row = None
        if "\t" in line:
            row = _tab_row(line, start, header)
        if row is None and "\t" not in line.strip():
            row = _glued_row(line, start, header)
        if row is None:
            close()
            if "\t" in line.strip():
                cells = line.strip().split("\t")
                if len(cells) >= 2 and not any(TAB_CELL.fullmatch(c.strip()) for c in cells):
                    header = _tab_header(cells)
                    continue
            h = _glued_header(line) if len(line.strip()) <= HEADER_MAX else None
            if h is not None:
                header = h
            elif len(line.strip()) > HEADER_MAX:
                header = None  # prose between tables: the next table brings its own header
            continue
        if not block:
            block_header = header
        block.append(row)
    close()
    return tables
