"""Hostile input (issue 8): a folder of broken, huge, malicious and oddly named files, generated
at test time, run through ``extract`` twice (click's CliRunner in-process, and ``python cli.py``
as a subprocess).  The run finishes, prints no traceback, exits 1; every good file gives
documents; every bad file is exactly one ``errors`` row whose message names what was wrong;
files found == files with documents + files with an error row; nothing touches the network.

Nothing binary is committed: the zip bomb is a real deflate stream of more than 1 GB built from
one compressed block repeated (Z_FULL_FLUSH makes blocks independent), never inflated.
"""
from __future__ import annotations

import io
import os
import random
import re
import resource
import struct
import subprocess
import sys
import threading
import time
import zlib
from dataclasses import dataclass
from pathlib import Path


ROOT = Path(__file__).resolve().parents[1]

# ----------------------------------------------------------------------------- good reports
# Short summaries written for these tests (invented units and figures).

REPORT_A = """青石镇2023年民政工作总结
一、基本情况
全镇共有低保户342户、586人,全年发放低保金312.6万元,较上年增长4.5%。
二、主要做法
(一)加强社会救助。全年实施临时救助87户次,支出救助资金9.8万元。
(二)做好养老服务。新建老年食堂3个,全年助餐1.2万人次。
三、存在的问题
部分村居工作力量不足,信息化水平有待提高。
四、下一步打算
2024年,我们将进一步完善救助机制,确保困难群众基本生活。
"""

REPORT_B = """柳河街道2022年双拥工作总结
2022年,街道坚持把双拥工作摆在重要位置,军政军民关系更加融洽。
一、优抚政策落实到位
全年发放优抚金186.4万元,惠及重点优抚对象213人;走访慰问现役军人家庭96户。
二、退役军人服务持续加强
新接收退役士兵41人,其中安置就业37人,就业率90.2%。
三、下一步工作
继续做好“双拥模范街道”创建工作,推动各项政策落地见效。
"""

REPORT_HANT = """嘉禾區2022年度社會福利工作報告
一、總體情況
全年社會福利開支總額達4.86億元,較上年增長6.2%。全區65歲及以上長者共5.32萬人。
二、長者服務
全區現有安老院舍28間,提供宿位3,460個,全年平均入住率為88.4%。
"""

REPORT_C = """东湖社区2021年上半年工作小结
一、党建工作
社区党委下设4个党支部,现有党员186名,上半年发展党员3名。
二、环境整治
开展“清洁家园”行动12次,清理卫生死角80余处,惠及居民580户。
"""


def _page(body: str) -> str:
    paras = "".join(f"<p>{line}</p>\n" for line in body.strip().split("\n"))
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>东湖社区2021年上半年工作小结</title>
<script>document.write("脚本里的文字不应出现在正文");</script><style>p{{color:red}}</style></head>
<body><div class="nav"><a href="/">首页</a> | <a href="/news">新闻中心</a> | 在线客服</div>
<div class="tools">打印本页 【字号 大 中 小】 关闭窗口</div>
<article><h1>东湖社区2021年上半年工作小结</h1>
{paras}</article>
<footer>版权所有 © 东湖社区居委会 备案号:X-0000</footer>
<script src="https://example.invalid/tracker.js"></script></body></html>"""


# ------------------------------------------------------------------------- file builders

def _docx_bytes(paragraphs: list[str]) -> bytes:
    import docx

    d = docx.Document()
    for p in paragraphs:
        d.add_paragraph(p)
    table = d.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "项目", "人数"
    table.cell(1, 0).text, table.cell(1, 1).text = "低保", "586"
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def _write_raw_zip(path: Path, members: list[tuple[str, list[bytes], int, int, int]]) -> None:
    """A zip written by hand from already-compressed data: (name, chunks of the deflate stream
    (repeated references cost nothing), crc32, uncompressed size, method)."""
    central = []
    with open(path, "wb") as fh:
        for name, chunks, crc, size, method in members:
            offset = fh.tell()
            n = name.encode()
            csize = sum(len(c) for c in chunks)
            fh.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, method, 0, 0x21, crc, csize, size, len(n), 0))
            fh.write(n)
            for c in chunks:
                fh.write(c)
            central.append(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, method, 0, 0x21, crc, csize,
                                       size, len(n), 0, 0, 0, 0, 0, offset) + n)
        cd = b"".join(central)
        cd_offset = fh.tell()
        fh.write(cd)
        fh.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), len(cd), cd_offset, 0))


def _deflate(data: bytes) -> bytes:
    c = zlib.compressobj(6, zlib.DEFLATED, -15)
    return c.compress(data) + c.flush()


def write_zip_bomb(path: Path, *, inflated: int = 1100 * 1024 * 1024, declared: int | None = None) -> int:
    """A .docx whose word/document.xml inflates to ``inflated`` bytes (default 1.1 GiB) from a
    ~1 MB file.  ``declared`` lies about the size in the zip directory when given.  Returns the
    real inflated size."""
    head = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w='
            b'"http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>')
    tail = b"</w:body></w:document>"
    unit = b"<w:p><w:r><w:t>0</w:t></w:r></w:p>"
    chunk = unit * ((1 << 20) // len(unit))
    n = max(1, (inflated - len(head) - len(tail)) // len(chunk))
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = c.compress(head) + c.flush(zlib.Z_FULL_FLUSH)
    block = c.compress(chunk) + c.flush(zlib.Z_FULL_FLUSH)
    block2 = c.compress(chunk) + c.flush(zlib.Z_FULL_FLUSH)
    assert block == block2, "a full flush makes every block of the same input identical"
    last = c.compress(tail) + c.flush()
    crc = zlib.crc32(head)
    for _ in range(n):
        crc = zlib.crc32(chunk, crc)
    crc = zlib.crc32(tail, crc)
    size = len(head) + n * len(chunk) + len(tail)
    ct = (b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
          b'content-types"><Default Extension="xml" ContentType="application/xml"/></Types>')
    _write_raw_zip(path, [
        ("[Content_Types].xml", [_deflate(ct)], zlib.crc32(ct), len(ct), 8),
        ("word/document.xml", [first] + [block] * n + [last], crc, size if declared is None else declared, 8),
    ])
    return size


@dataclass(frozen=True)
class Bad:
    stage: str
    error_type: str
    says: tuple[str, ...]  # words the message must contain (lower-cased comparison)


def make_hostile_folder(root: Path) -> tuple[set[str], dict[str, Bad], dict[str, str]]:
    """Write the hostile folder.  Returns (good file paths, bad paths -> expected error row,
    files expected to carry a note in documents.notes -> a word of that note)."""
    root.mkdir(parents=True, exist_ok=True)
    good: set[str] = set()
    bad: dict[str, Bad] = {}
    noted: dict[str, str] = {}

    def put(rel: str, data: bytes | str, encoding: str = "utf-8") -> Path:
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(data.encode(encoding) if isinstance(data, str) else data)
        return p

    # -- good reports in every format and encoding
    put("good_utf8.txt", REPORT_A)
    good.add("good_utf8.txt")
    put("good_gbk.txt", REPORT_B, "gbk")
    good.add("good_gbk.txt")
    put("good_big5.txt", REPORT_HANT, "big5")
    good.add("good_big5.txt")
    put("good_utf16.txt", REPORT_C, "utf-16")
    good.add("good_utf16.txt")
    put("good.md", "---\ntitle: 东湖社区2021年上半年工作小结\n---\n# " + REPORT_C.replace("一、", "## 一、"))
    good.add("good.md")
    put("good_page.html", _page(REPORT_C))
    good.add("good_page.html")
    put("good.docx", _docx_bytes(REPORT_A.strip().split("\n")))
    good.add("good.docx")
    put("docx_saved_as.doc", _docx_bytes(REPORT_B.strip().split("\n")))
    good.add("docx_saved_as.doc")
    put("good_rows.csv", "title,year,text\n" + "".join(
        f'"{t.splitlines()[0]}",{y},"{t}"\n' for t, y in ((REPORT_A, 2023), (REPORT_B, 2022))))
    good.add("good_rows.csv")
    # a directory named like a file, with a report inside; 40 nested folders with one at the bottom
    put("x.txt/inside.txt", REPORT_B)
    good.add("x.txt/inside.txt")
    deep = "/".join(f"d{i:02d}" for i in range(1, 41))
    put(f"{deep}/deep_report.txt", REPORT_A)
    good.add(f"{deep}/deep_report.txt")
    # names with spaces, brackets, # and ?
    odd = "2021年 工作小结 [定稿] (终) #3 ?.txt"
    put(odd, REPORT_C)
    good.add(odd)

    # -- mostly good: a few bytes invalid in every encoding in the middle of a good report
    junk = b"\xff\x80\xff\xff"
    g = REPORT_B.encode("gbk")
    cut = REPORT_B.index("一、")  # a character boundary
    cut_b = len(REPORT_B[:cut].encode("gbk"))
    put("badbytes_gbk.txt", g[:cut_b] + junk + g[cut_b:])
    good.add("badbytes_gbk.txt")
    noted["badbytes_gbk.txt"] = "u+fffd"
    u = REPORT_A.encode()
    cut_u = len(REPORT_A[:REPORT_A.index("二、")].encode())
    put("badbytes_utf8.txt", u[:cut_u] + junk + u[cut_u:])
    good.add("badbytes_utf8.txt")
    noted["badbytes_utf8.txt"] = "u+fffd"
    # a 30 MB report on one line (read, cut at max_doc_chars and noted)
    line = (REPORT_A + REPORT_B).replace("\n", "")
    with open(root / "huge_one_line.txt", "w", encoding="utf-8") as fh:
        n = 30 * 1024 * 1024 // len(line.encode())
        for _ in range(n // 1000):
            fh.write(line * 1000)
        fh.write(line * (n % 1000))
    good.add("huge_one_line.txt")
    noted["huge_one_line.txt"] = "max_doc_chars"

    # -- bad files: each must become exactly one errors row
    for name in ("empty.txt", "empty.pdf", "empty.docx"):
        put(name, b"")
        bad[name] = Bad("read", "empty", ("empty",))
    put("random.txt", random.Random(8).randbytes(65536))
    bad["random.txt"] = Bad("decode", "not_text", ("not text",))
    put("fake.pdf", "这不是PDF文件,只是改了扩展名的文字。\n" * 20)
    bad["fake.pdf"] = Bad("read", "broken_file", ("not a pdf", "%pdf-"))
    whole = _docx_bytes(REPORT_A.strip().split("\n"))
    put("truncated.docx", whole[: len(whole) // 2])
    bad["truncated.docx"] = Bad("read", "broken_file", ("damaged or truncated",))
    write_zip_bomb(root / "bomb.docx")
    bad["bomb.docx"] = Bad("read", "limit_exceeded", ("max_inflated_bytes", "zip bomb"))
    deep_html = ("<html><head><title>t</title><script>while(true){}</script></head><body>"
                 + "<div>" * 5000 + "<script>alert(1)</script>全年发放低保金312万元。" + "</div>" * 5000
                 + "</body></html>")
    put("deep.html", deep_html)
    bad["deep.html"] = Bad("read", "limit_exceeded", ("max_html_depth",))
    put("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4088))
    bad["old.doc"] = Bad("read", "converter_missing", ("antiword", "libreoffice", ".docx"))
    with open(root / "huge_cell.csv", "w", encoding="utf-8") as fh:
        fh.write("title,text\n巨大单元格,\"")
        block = "全年发放低保金312万元。" * 10000
        for _ in range(100 * 1024 * 1024 // len(block.encode())):
            fh.write(block)
        fh.write("\"\n")
    bad["huge_cell.csv"] = Bad("read", "limit_exceeded", ("max_cell_chars",))
    put("photo.jpg", b"\xff\xd8\xff\xe0" + bytes(100))
    bad["photo.jpg"] = Bad("walk", "unsupported_format", ("not a supported report format", ".jpg"))
    # symlink loops: a link to the folder holding it, and a link to itself
    os.symlink(".", root / "loop")
    bad["loop"] = Bad("walk", "symlink_loop", ("loop",))
    os.symlink("self_loop", root / "self_loop")
    bad["self_loop"] = Bad("walk", "symlink_loop", ("loop",))
    if hasattr(os, "mkfifo"):  # a pipe named like a report: opening it would wait forever
        os.mkfifo(root / "pipe.txt")
        bad["pipe.txt"] = Bad("walk", "not_a_file", ("pipe",))
    # hidden files are skipped by design (not counted)
    put(".hidden_report.txt", REPORT_A)
    return good, bad, noted


# ----------------------------------------------------------------------------- measuring

class PeakMemory:
    """Peak memory of a process tree, sampled: the sum of each process's PSS (proportional set
    size: a page shared by a forked worker and its parent counts once, not once per process;
    RSS would count it in every process).  ``include_self=False`` measures only the children
    (a subprocess run); with ``include_self`` the peak is reported above this process's
    memory at the start (the run, not pytest and the tests that ran before)."""

    def __init__(self, *, include_self: bool, interval: float = 0.1) -> None:
        self.include_self = include_self
        self.interval = interval
        self.baseline = 0
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _sample(self) -> int:
        try:
            import psutil
        except ImportError:  # pragma: no cover - psutil comes with dask.distributed
            return 0
        me = psutil.Process()
        procs = ([me] if self.include_self else []) + me.children(recursive=True)
        total = 0
        for p in procs:
            try:
                info = p.memory_full_info()
                total += getattr(info, "pss", info.rss)
            except psutil.Error:
                pass
        return total

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, self._sample() - self.baseline)
            self._stop.wait(self.interval)

    def __enter__(self) -> PeakMemory:
        self.baseline = self._sample() if self.include_self else 0
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()


def _maxrss_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # KiB on Linux


# ----------------------------------------------------------------------------- checking

# "29 files found: 15 read, 12 failed; 16 documents, …" (a symlink loop is reported, not counted)
SUMMARY = re.compile(r"(\d+) files found: (\d+) read, (\d+) failed; (\d+) documents")


def _tables(out: Path):
    from corpus.tables import read_table

    docs = read_table(out, "documents").to_pylist()
    errs = read_table(out, "errors").to_pylist()
    return docs, errs


def check_run(out: Path, stderr: str, exit_code: int, good: set[str], bad: dict[str, Bad],
              noted: dict[str, str]) -> None:
    assert exit_code == 1, f"some files failed: exit code 1 expected, got {exit_code}\n{stderr[-3000:]}"
    assert "Traceback" not in stderr, stderr[-3000:]
    docs, errs = _tables(out)
    doc_files = {d["source_path"] for d in docs}
    file_errors: dict[str, list[dict]] = {}
    for e in errs:
        if e["doc_id"] is None:
            file_errors.setdefault(e["source_path"], []).append(e)
    # every good file produced documents and no file-level error row
    assert good <= doc_files, f"good files without documents: {sorted(good - doc_files)}"
    assert not good & set(file_errors), {k: file_errors[k] for k in good & set(file_errors)}
    # every bad file is exactly one errors row that says what happened, and no documents
    for rel, want in bad.items():
        rows = file_errors.get(rel, [])
        assert len(rows) == 1, f"{rel}: expected one errors row, got {rows}"
        row = rows[0]
        assert (row["stage"], row["error_type"]) == (want.stage, want.error_type), (rel, row)
        msg = row["message"].lower()
        for word in want.says:
            assert word.lower() in msg, f"{rel}: message {row['message']!r} should mention {word!r}"
        assert rel not in doc_files, f"{rel} should give no documents"
        assert "traceback" not in msg and len(row["message"]) < 400
    # nothing lost: what was found is exactly what has documents or an error row
    found = good | set(bad)
    assert doc_files | set(file_errors) == found, (
        f"unexpected: {sorted((doc_files | set(file_errors)) - found)}; missing: {sorted(found - doc_files - set(file_errors))}")
    assert not doc_files & set(file_errors)
    m = SUMMARY.search(stderr)
    assert m, f"no closing summary on stderr: {stderr[-1000:]}"
    found_n, read_n, failed_n, ndocs = map(int, m.groups())
    loops = {rel for rel, rows in file_errors.items() if rows[0]["error_type"] == "symlink_loop"}
    assert (found_n, read_n, failed_n) == (len(found - loops), len(doc_files), len(set(file_errors) - loops)), \
        "the closing summary counts: found = read + failed"
    assert ndocs == len(docs)
    # the mostly-good files were read, and the replacement is recorded
    by_file: dict[str, list[dict]] = {}
    for d in docs:
        by_file.setdefault(d["source_path"], []).append(d)
    for rel, word in noted.items():
        notes = " ".join(d["notes"] or "" for d in by_file[rel]).lower()
        assert word in notes, f"{rel}: notes {notes!r} should mention {word!r}"
    for rel in ("badbytes_gbk.txt", "badbytes_utf8.txt"):
        text = by_file[rel][0]["text"]
        assert "\ufffd" in text and ("优抚金186.4万元" in text or "低保金312.6万元" in text)
    # the page's main text, without chrome or script
    page = " ".join(d["text"] for d in by_file["good_page.html"])
    assert "清洁家园" in page and "脚本里的文字" not in page and "版权所有" not in page
    # doc-level rows of good files come only from extraction steps (e.g. the time limit)
    for e in errs:
        if e["doc_id"] is not None:
            assert e["stage"] not in ("read", "decode", "walk"), e


def _summary_print(label: str, seconds: float, peak_tree: int, extra: str = "") -> None:
    print(f"\n[hostile] {label}: {seconds:.1f} s wall, peak memory of the run's processes (PSS) "
          f"{peak_tree / 2**20:.0f} MiB{extra}", file=sys.stderr)


# -------------------------------------------------------------------------------- the test

NETWORK_GUARD = '''
import os, socket
_LOG = os.environ["ZONGJIE_NET_LOG"]
def _refuse(*a, **k):
    with open(_LOG, "a") as fh:
        fh.write(repr(a[:2]) + "\\n")
    raise OSError("network access is not allowed in this test")
socket.socket.connect = _refuse
socket.socket.connect_ex = _refuse
socket.create_connection = _refuse
socket.getaddrinfo = _refuse
'''

# The 30 MB one-line report is cut to max_doc_chars (2M characters) and its analysis then hits
# this limit (the checks step is superlinear on one enormous paragraph): a documents row plus an
# extract-stage limit_exceeded row.  10 s instead of the default 120 s keeps the test at ~40 s.
DOC_SECONDS = "10"


def test_hostile_folder(tmp_path, monkeypatch):
    import socket

    from click.testing import CliRunner

    import cli
    import corpus.doc

    t_start = time.monotonic()
    folder = tmp_path / "hostile"
    good, bad, noted = make_hostile_folder(folder)
    t_built = time.monotonic()

    # 1. in-process through click, network refused (forked workers inherit the patch)
    net_log = tmp_path / "net.log"
    monkeypatch.setenv("ZONGJIE_NET_LOG", str(net_log))

    def refuse(*a, **k):
        with open(net_log, "a") as fh:
            fh.write(repr(a[:2]) + "\n")
        raise OSError("network access is not allowed in this test")

    for name in ("connect", "connect_ex"):
        monkeypatch.setattr(socket.socket, name, refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(corpus.doc, "find_converter", lambda: None)
    out1 = tmp_path / "out_clirunner"
    with PeakMemory(include_self=True) as mem1:
        t0 = time.monotonic()
        res = CliRunner().invoke(cli.main, ["extract", str(folder), "-o", str(out1), "--doc-seconds", DOC_SECONDS])
        t1 = time.monotonic() - t0
    monkeypatch.undo()
    assert isinstance(res.exception, SystemExit), res.exception
    check_run(out1, res.stderr, res.exit_code, good, bad, noted)
    assert "Traceback" not in res.output

    # 2. as a user runs it: a subprocess, no converter on PATH, sockets refused by sitecustomize
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(NETWORK_GUARD)
    env = dict(os.environ, PATH=str(tmp_path / "nobin"), PYTHONPATH=str(site), ZONGJIE_NET_LOG=str(net_log))
    out2 = tmp_path / "out_subprocess"
    with PeakMemory(include_self=False) as mem2:
        t0 = time.monotonic()
        proc = subprocess.run([sys.executable, str(ROOT / "cli.py"), "extract", str(folder), "-o", str(out2),
                               "--doc-seconds", DOC_SECONDS], capture_output=True, text=True, cwd=ROOT, env=env,
                              timeout=600)
        t2 = time.monotonic() - t0
    check_run(out2, proc.stderr, proc.returncode, good, bad, noted)
    assert "Traceback" not in proc.stdout
    assert not net_log.exists(), f"network access attempted: {net_log.read_text()}"

    total = time.monotonic() - t_start
    peak = max(mem1.peak, mem2.peak)
    print(f"\n[hostile] building the folder: {t_built - t_start:.1f} s", file=sys.stderr)
    _summary_print("CliRunner run", t1, mem1.peak)
    _summary_print("subprocess run", t2, mem2.peak,
                   f"; max single-process RSS: self {_maxrss_mb(resource.RUSAGE_SELF):.0f} MiB, "
                   f"children {_maxrss_mb(resource.RUSAGE_CHILDREN):.0f} MiB")
    _summary_print("whole test", total, peak)
    assert total < 240, f"hostile folder took {total:.0f} s (target: under 4 minutes)"
    assert peak < 2 * 2**30, f"peak memory {peak / 2**20:.0f} MiB (target: under 2 GiB)"
