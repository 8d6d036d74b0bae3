"""Write the bundled sample examples/某镇双拥工作总结.docx.

The text is invented for the project (no sentence is taken from a real report).  The table's
rows add up exactly to its 合计 row (114 人, 846,600 元); 504,000 元 / 42 户 = 12,000 元 (户均1.2万元); and the placement rate in section
四 is 25 / 27 = 92.6%.

    .venv/bin/python tests/data/examples/make_docx.py
"""
from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

OUT = Path(__file__).resolve().parents[3] / "examples" / "某镇双拥工作总结.docx"

TITLE = "青石镇2023年双拥工作总结"

INTRO = (
    "2023年，青石镇党委、政府坚持把双拥工作摆在突出位置，认真贯彻落实上级关于双拥工作的各项部署，"
    "以巩固“省级双拥模范镇”创建成果为抓手，深入开展拥军优属、拥政爱民活动，军政军民关系更加融洽。"
    "现将全年工作总结如下。"
)

# (kind, text): kind is "h1" (一、), "h2" ((一)) or "p" (a body paragraph)
BODY_BEFORE_TABLE = [
    ("h1", "一、加强组织领导，夯实工作基础"),
    ("p", "年初，镇党委及时调整充实双拥工作领导小组，由镇党委书记任组长，领导小组办公室设在镇退役军人服务站。"
          "全年召开双拥工作专题会议4次，研究解决驻镇部队和优抚对象实际困难9件，并将双拥工作纳入各村（社区）"
          "年度目标考核，形成了党委统一领导、部门齐抓共管、社会广泛参与的工作格局。"),
    ("h1", "二、开展走访慰问，传递党和政府关怀"),
    ("p", "春节、“八一”建军节期间，镇领导班子分4个组走访慰问驻镇部队官兵和优抚对象家庭156户，"
          "发放慰问金及慰问物资折合6.8万元。协调资金3万元，帮助驻地武警中队完成营区供水管网改造。"
          "组织镇卫生院开展“送医进军营”活动2次，为官兵免费体检86人次。"),
    ("p", "深入开展国防教育和双拥宣传，利用村（社区）宣传栏、微信公众号等阵地刊发双拥信息35条，"
          "在全镇中小学开设国防教育课12节，组织“小手拉大手·争做双拥小卫士”主题活动，"
          "参与学生1100余名，全社会关心支持国防和军队建设的氛围日益浓厚。"),
    ("h1", "三、落实优抚政策，保障优抚对象权益"),
    ("h2", "（一）优抚金足额发放"),
    ("p", "严格执行优抚对象抚恤补助标准，全部实行社会化发放，全年共向114名优抚对象发放各类优抚金84.66万元，"
          "做到按时足额、应发尽发。各类对象发放情况见下表。"),
]

TABLE_CAPTION = "表1  青石镇2023年优抚金发放情况"
TABLE_HEADER = ("优抚对象类别", "人数（人）", "全年发放金额（元）")
TABLE_ROWS = [
    ("伤残军人", 14, 312480),
    ("烈士遗属", 3, 89640),
    ("在乡复员军人", 5, 131400),
    ("带病回乡退伍军人", 9, 87480),
    ("参战参试退役人员", 22, 79200),
    ("农村籍退役士兵（60周岁以上）", 61, 146400),
]

BODY_AFTER_TABLE = [
    ("h2", "（二）优抚对象医疗保障"),
    ("p", "为全镇优抚对象全额代缴城乡居民医疗保险，落实优抚对象医疗补助政策，全年报销医疗费用23人次、4.2万元，"
          "有效减轻了重点优抚对象的就医负担。"),
    ("h2", "（三）优待政策全面落实"),
    ("p", "为42户义务兵家庭发放优待金50.4万元，户均1.2万元；为新入伍士兵家庭和立功受奖官兵家庭送喜报、"
          "挂“光荣之家”光荣牌，全年送喜报27份。落实优抚对象乘车、游园、就医优先等优待措施，"
          "在镇便民服务中心设立“军人军属优先”窗口，全年优先办理各类事项130余件。"),
    ("h1", "四、做好退役军人安置，拓宽就业渠道"),
    ("p", "2023年，全镇接收退役士兵27人，已安置25人，安置率为92.6%，其余2人正在办理自主就业手续。"
          "举办退役军人专场招聘会1场，18家企业提供就业岗位120余个，现场达成就业意向11人；"
          "组织退役军人参加适应性培训和职业技能培训32人次。"),
    ("h1", "五、军民共建，支持国防和军队建设"),
    ("p", "圆满完成年度征兵任务，输送新兵19名，其中大学生12名。驻镇部队积极支援地方建设，"
          "参与防汛抢险、森林防火等急难险重任务3次，出动兵力210余人次，帮助群众转移财产、抢修道路，"
          "受到群众广泛赞誉。"),
    ("h1", "六、存在的不足和下步打算"),
    ("p", "一年来，我镇双拥工作虽然取得一定成效，但也存在宣传形式较为单一、退役军人就业质量有待提高等问题。"
          "下一步，我们将继续深化“双拥模范镇”创建，完善退役军人就业创业扶持措施，"
          "推动拥军优属工作向常态化、精准化发展。"),
]

SIGNATURE = ("青石镇双拥工作领导小组办公室", "2024年1月8日")


def _font(run, size: float, bold: bool = False) -> None:
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.name = "宋体"
    rpr = run._element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(rfonts)
    rfonts.set(qn("w:eastAsia"), "宋体")


def _add(doc, kind: str, text: str) -> None:
    p = doc.add_paragraph()
    if kind == "p":
        p.paragraph_format.first_line_indent = Pt(24)
    _font(p.add_run(text), 12, bold=kind in ("h1", "h2"))


def build(path: Path = OUT) -> Path:
    doc = Document()
    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(title.add_run(TITLE), 16, bold=True)
    _add(doc, "p", INTRO)
    for kind, text in BODY_BEFORE_TABLE:
        _add(doc, kind, text)

    cap = doc.add_paragraph()
    cap.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(cap.add_run(TABLE_CAPTION), 10.5, bold=True)
    table = doc.add_table(rows=1, cols=3)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, TABLE_HEADER):
        cell.text = text
    rows = TABLE_ROWS + [("合计", sum(r[1] for r in TABLE_ROWS), sum(r[2] for r in TABLE_ROWS))]
    for name, people, amount in rows:
        cells = table.add_row().cells
        cells[0].text = name
        cells[1].text = str(people)
        cells[2].text = f"{amount:,}"

    for kind, text in BODY_AFTER_TABLE:
        _add(doc, kind, text)
    for line in SIGNATURE:
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        _font(p.add_run(line), 12)
    props = doc.core_properties
    props.title = TITLE
    props.author = "zongjie examples"
    props.created = props.modified = dt.datetime(2024, 1, 8, 9, 0, 0)
    props.last_modified_by = "zongjie examples"
    props.revision = 1
    buf = io.BytesIO()
    doc.save(buf)
    _write_reproducible(buf.getvalue(), path)
    return path


def _write_reproducible(data: bytes, path: Path) -> None:
    """Re-pack the .docx with fixed member timestamps so that rerunning the script gives
    byte-identical output (no spurious diffs of the committed file)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2024, 1, 8, 9, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, src.read(info.filename))
    path.write_bytes(out.getvalue())


if __name__ == "__main__":
    total_people = sum(r[1] for r in TABLE_ROWS)
    total_amount = sum(r[2] for r in TABLE_ROWS)
    assert (total_people, total_amount) == (114, 846600), (total_people, total_amount)
    assert round(25 / 27 * 100, 1) == 92.6
    assert 504000 / 42 == 12000
    print(build())
