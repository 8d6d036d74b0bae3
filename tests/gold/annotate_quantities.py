"""Helper for annotating the quantity gold set (tests/gold/quantities.jsonl) by reading.

It never stores corpus text: it reads documents through ``tests.gold.anchor`` each time.

Commands (run from the repository root with the project's Python):

  paras    PATH [MIN]        paragraphs with offsets, length and count of digit runs
  show     PATH START END    text[START:END] with offsets, then every numeral run in it
  build    SPECFILE [OUT]    turn a compact annotation spec (a Python file kept outside the
                             project, see below) into JSONL rows; prints a review table
  validate [JSONL]          check the gold file: surfaces match offsets, positives lie in
                             their windows, no overlapping positives, interval sanity,
                             every Arabic digit of a window covered; counts per file/genre

A spec file defines ``SPEC = [W(path, start, end, [items...]), ...]`` where items are, in
text order, ``Q(surface, subj=..., ch=0|1|-1, v=..., u=..., k=..., lo=..., hi=..., h=...,
note=..., ph=False)`` for positives (values, units, kinds, hedges and intervals are derived
from the surface by the rules of QUANTITIES_GUIDE.md unless given), ``N(surface, why)`` for
negatives and ``X(surface)`` for digit runs deliberately left unannotated (not written).
Each item is searched for from the end of the previous one, so items must be listed in
the order they occur.
"""
from __future__ import annotations

import csv
import json
import math
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = "/work/shared/corpus"
GOLD = Path(__file__).with_name("quantities.jsonl")
INF = "inf"


def doc_text(path: str) -> str:
    from tests.gold.anchor import corpus_document
    return corpus_document(ROOT, path).text


# ----------------------------------------------------------------------------- numbers
CN_DIGIT = {"〇": 0, "零": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
            "六": 6, "七": 7, "八": 8, "九": 9}
CN_UNIT = {"十": 10, "百": 100, "千": 1000}
CN_BIG = {"万": 10_000, "亿": 100_000_000}
CN_CHARS = "".join(CN_DIGIT) + "".join(CN_UNIT) + "".join(CN_BIG) + "点"


def parse_cn(s: str) -> tuple[float, float]:
    """Value and precision (half-width of the rounding interval; 0 = exact) of a Chinese
    numeral. Precision: ±0.5 of the big unit (万/亿) the numeral ends with, else exact."""
    if "点" in s:
        ip, fp = s.split("点", 1)
        iv, _ = parse_cn(ip) if ip else (0, 0)
        frac = "".join(str(CN_DIGIT[c]) for c in fp)
        return float(f"{int(iv)}.{frac}"), 0.5 * 10 ** -len(frac)
    if all(c in CN_DIGIT for c in s):  # digit by digit: 二一二
        return float("".join(str(CN_DIGIT[c]) for c in s)), 0.0
    total, section, num = 0, 0, 0
    last_big = None
    for c in s:
        if c in CN_DIGIT:
            num = CN_DIGIT[c]
            last_big = None
        elif c in CN_UNIT:
            section += (num or 1) * CN_UNIT[c]
            num = 0
            last_big = None
        elif c in CN_BIG:
            section += num
            num = 0
            if CN_BIG[c] == 100_000_000:
                total = (total + section) * CN_BIG[c]
            else:
                total += section * CN_BIG[c]
            section = 0
            last_big = CN_BIG[c]
        else:
            raise ValueError(s)
    total += section + num
    prec = 0.5 * last_big if last_big else 0.0
    return float(total), prec


ARABIC = r"\d+(?:[,，]\d{3})*(?: \d{3})*(?:\.\d+)?"
CN_NUM = rf"[{CN_CHARS}]+"
SCALE = r"(?:万亿|千亿|百亿|亿|千万|百万|万|千(?![瓦米克伏帕卡]))"
PRE_HEDGES = ["将近", "接近", "近", "大约", "约", "超过", "超", "逾", "突破", "不足", "不到", "不满",
              "不低于", "不少于", "不高于", "不超过", "最少", "至少"]
POST_HEDGES = ["左右", "上下", "以上", "以下", "以内", "之内"]
SCALE_VAL = {"万亿": 1e12, "千亿": 1e11, "百亿": 1e10, "亿": 1e8, "千万": 1e7, "百万": 1e6,
             "万": 1e4, "千": 1e3}

# canonical unit, kind, multiplier
UNITS = [
    ("个百分点", "百分点", "percent", 1), ("百分点", "百分点", "percent", 1),
    ("个千分点", "千分点", "percent", 1),
    ("%", "%", "percent", 1), ("‰", "‰", "percent", 1),
    ("平方公里", "平方公里", "area", 1), ("平方千米", "平方公里", "area", 1),
    ("平方米", "平方米", "area", 1), ("平方公尺", "平方米", "area", 1), ("公顷", "公顷", "area", 1), ("亩", "亩", "area", 1),
    ("吨公里", "吨公里", "other", 1), ("公里", "公里", "length", 1), ("千米", "公里", "length", 1), ("米", "米", "length", 1),
    ("标准台", "标准台", "count", 1), ("吨标准煤", "吨标准煤", "weight", 1), ("吨", "吨", "weight", 1),
    ("公斤", "公斤", "weight", 1), ("千克", "公斤", "weight", 1), ("斤", "斤", "weight", 1),
    ("千瓦时", "千瓦时", "energy", 1), ("度", "千瓦时", "energy", 1),
    ("千瓦", "千瓦", "power", 1), ("立方米", "立方米", "volume", 1),
    ("美元", "美元", "money", 1), ("港元", "港元", "money", 1), ("欧元", "欧元", "money", 1),
    ("元", "元", "money", 1),
    ("人次", "人次", "count", 1), ("户次", "户次", "count", 1),
    ("名", "人", "count", 1), ("位", "人", "count", 1), ("人", "人", "count", 1),
    ("户", "户", "count", 1),
    ("周岁", "岁", "age", 1), ("岁", "岁", "age", 1),
    ("个月", "个月", "duration", 1), ("小时", "小时", "duration", 1),
    ("天", "天", "duration", 1), ("年", "年", "duration", 1),
    ("秒", "秒", "duration", 1), ("s", "秒", "duration", 1),
    ("倍", "倍", "other", 1), ("成", "%", "percent", 10),
]


def parse_number(tok: str) -> tuple[float, float, int]:
    """(value, precision half-width, decimals) of one Arabic or Chinese numeral token."""
    if re.fullmatch(ARABIC, tok):
        t = tok.replace(",", "").replace("，", "").replace(" ", "")
        dec = len(t.split(".")[1]) if "." in t else 0
        return float(t), (0.5 * 10 ** -dec if dec else 0.0), dec
    v, p = parse_cn(tok)
    return v, p, 0


def last_nonzero_step(num_str: str, scale: float) -> float:
    """Place value of the last non-zero digit of an Arabic number (times scale)."""
    t = num_str.replace(",", "").replace(" ", "")
    if re.fullmatch(ARABIC, num_str):
        if "." in t:
            ip, fp = t.split(".")
            fp = fp.rstrip("0")
            if fp:
                return 10 ** -len(fp) * scale
            t = ip
        stripped = t.rstrip("0")
        return 10 ** (len(t) - len(stripped)) * scale
    v, _ = parse_cn(num_str)
    v = int(v)
    k = 0
    while v and v % 10 == 0:
        v //= 10
        k += 1
    return 10 ** k * scale


def derive(surface: str) -> dict:
    """Value, interval, unit, kind and hedge of a surface, by the guide's rules."""
    s = re.sub(r"\s+", "", surface) if not re.search(r"\d \d{3}", surface) else \
        re.sub(r"(?<!\d)\s+|\s+(?!\d{3})", "", surface)
    if s[:1] in "-－" and len(s) > 1 and s[1].isdigit():
        d = derive(s[1:])
        lo, hi = d["lo"], d["hi"]
        d.update(value=-d["value"], lo=-hi, hi=-lo)
        return d
    pre = ""
    for h in PRE_HEDGES:
        if s.startswith(h):
            pre, s = h, s[len(h):]
            break
    if s.startswith("百分之"):
        m = re.fullmatch(rf"百分之({CN_NUM}|{ARABIC})(左右|以上|以下|多)?", s)
        if not m:
            raise ValueError(surface)
        v, p, _ = parse_number(m.group(1))
        post = m.group(2) or ""
        return finish(surface, v, p, 1.0, m.group(1), "%", "percent", pre, post, "")
    num = rf"(?:{ARABIC}|{CN_NUM})"
    m = re.fullmatch(
        rf"(?P<n1>{num})(?P<s1>{SCALE})?(?P<u1>%|‰)?(?:(?P<r>[-—~至到－])(?P<n2>{num}))?"
        rf"(?P<mid>余|多)?(?P<s2>{SCALE})?(?P<mid2>余|多)?(?P<unit>.*?)"
        rf"(?P<post>左右|上下|以上|以下|以内|之内|余|多)?", s)
    if not m:
        raise ValueError(surface)
    scale_w = m.group("s1") or m.group("s2") or ""
    scale = SCALE_VAL.get(scale_w, 1.0)
    unit_w = m.group("unit")
    if m.group("u1") and not unit_w.startswith(m.group("u1")):
        unit_w = m.group("u1") + unit_w
    unit, kind, mult = unit_w, ("count" if unit_w else "other"), 1
    for w, cu, kd, mu in UNITS:
        if unit_w == w or (unit_w.endswith(w) and unit_w[: -len(w)] in ("个", "")):
            unit, kind, mult = cu, kd, mu
            break
    else:
        unit = unit_w[1:] if unit_w.startswith("个") and len(unit_w) > 1 else unit_w
    if unit_w.startswith("个") and unit_w not in ("个", "个月", "个百分点", "个千分点"):
        unit = unit_w  # keep 个 + noun as written (rare)
    mid = m.group("mid") or m.group("mid2") or ""
    post = m.group("post") or ""
    if m.group("n2"):
        v1, _, _ = parse_number(m.group("n1"))
        v2, _, _ = parse_number(m.group("n2"))
        sc = scale * mult
        lo, hi = v1 * sc, v2 * sc
        d = {"value": (lo + hi) / 2, "lo": lo, "hi": hi, "unit": unit, "kind": kind,
             "hedge": "range"}
        return d
    v, p, _ = parse_number(m.group("n1"))
    if scale_w and scale != 1.0 and p == 0.0 and re.fullmatch(ARABIC, m.group("n1")):
        p = 0.5  # integer with a scale: ±0.5 of the scale unit
    hedge_mid = mid
    return finish(surface, v, p, scale * mult, m.group("n1"), unit, kind, pre, post, hedge_mid)


def finish(surface, v, p, scale, num_str, unit, kind, pre, post, mid) -> dict:
    val = v * scale
    prec = p * scale
    hedge = "".join(x for x in (pre, mid, post) if x)
    lo, hi = val - prec, val + prec
    if mid in ("余", "多") or post in ("余", "多"):
        step = last_nonzero_step(num_str, scale)
        lo, hi = val, val + step
    if pre in ("近", "将近", "接近"):
        lo, hi = 0.9 * val, val
    if pre in ("约", "大约") or post in ("左右", "上下"):
        lo, hi = 0.9 * val, 1.1 * val
    if post == "以上":
        lo, hi = val, math.inf
    if pre in ("超过", "超", "逾", "突破"):
        lo, hi = val, math.inf
    if post in ("以下", "以内", "之内"):
        lo, hi = 0.0, val
    if pre in ("不足", "不到", "不满", "不高于", "不超过"):
        lo, hi = 0.0, val
    if pre in ("不低于", "不少于", "最少", "至少"):
        lo, hi = val, math.inf
    return {"value": val, "lo": lo, "hi": hi, "unit": unit, "kind": kind, "hedge": hedge}


def clean_num(x):
    if x is None:
        return None
    if isinstance(x, str):
        return x
    if math.isinf(x):
        return INF if x > 0 else "-inf"
    r = float(f"{x:.12g}")
    if r.is_integer() and abs(r) < 1e16:
        return int(r)
    return r


# ----------------------------------------------------------------------------- spec
class Q:
    negative = False

    def __init__(self, surface, subj="", ch=0, v=None, u=None, k=None, lo=None, hi=None,
                 h=None, note=None, ph=False, raw=False):
        self.surface, self.subj, self.ch, self.v, self.u, self.k = surface, subj, ch, v, u, k
        self.lo, self.hi, self.h, self.note, self.ph, self.raw = lo, hi, h, note, ph, raw


class N:
    negative = True

    def __init__(self, surface, why):
        self.surface, self.why = surface, why


class X:
    negative = None

    def __init__(self, surface, why=""):
        self.surface, self.why = surface, why


class W:
    def __init__(self, path, start, end, items):
        self.path, self.start, self.end, self.items = path, start, end, items


def build(spec_file: str, out: str | None = None) -> list[dict]:
    ns: dict = {"Q": Q, "N": N, "X": X, "W": W, "INF": math.inf}
    exec(compile(Path(spec_file).read_text(encoding="utf-8"), spec_file, "exec"), ns)
    rows: list[dict] = []
    problems = 0
    for w in ns["SPEC"]:
        text = doc_text(w.path)
        cur = w.start
        print(f"\n== {w.path} [{w.start}:{w.end}]")
        for it in w.items:
            i = text.find(it.surface, cur, w.end)
            if i < 0:
                print(f"  !! not found after {cur}: {it.surface!r}")
                problems += 1
                continue
            start, end = i, i + len(it.surface)
            cur = end
            if (start > 0 and re.match(r"[\d.]", text[start - 1]) and re.match(r"[\d.]", it.surface[0])) or \
                    (end < len(text) and re.match(r"\d", text[end]) and re.match(r"[\d.]", it.surface[-1])):
                print(f"  !! {it.surface!r} at {start} is inside a longer number")
                problems += 1
            if it.negative is None:
                continue
            base = {"source_path": w.path, "part_index": 0, "window_start": w.start,
                    "window_end": w.end, "start": start, "end": end, "surface": it.surface}
            if it.negative:
                rows.append({**base, "negative": True, "why": it.why})
                print(f"  NEG {it.surface:<16} {it.why}")
                continue
            if it.ph:
                d = {"value": None, "lo": None, "hi": None, "unit": it.u or "", "kind": it.k or "",
                     "hedge": it.h or ""}
            else:
                try:
                    d = derive(it.surface) if not it.raw else {}
                except Exception:
                    d = {}
                if not d and it.v is None:
                    print(f"  !! cannot derive {it.surface!r}")
                    problems += 1
                    continue
                if it.v is not None:
                    if d and d.get("value") is not None and not math.isclose(
                            d["value"], it.v, rel_tol=1e-9) and it.lo is None:
                        print(f"  ~~ value override {it.surface!r}: derived {d['value']} -> {it.v}")
                    if "value" in d and d["value"] not in (None, 0) and it.lo is None:
                        f = it.v / d["value"]
                        d["lo"] = d["lo"] * f if not math.isinf(d["lo"]) else d["lo"]
                        d["hi"] = d["hi"] * f if not math.isinf(d["hi"]) else d["hi"]
                        if f < 0:
                            d["lo"], d["hi"] = d["hi"], d["lo"]
                    d["value"] = it.v
                if it.ch == -1:
                    d["value"] = -d["value"]
                    lo, hi = d["lo"], d["hi"]
                    d["lo"] = -hi if not math.isinf(hi) else -math.inf
                    d["hi"] = -lo
                if it.u is not None and it.k is None:
                    d["kind"] = next((kd for w_, cu, kd, _ in UNITS if cu == it.u),
                                     "count" if it.u else "other")
                for key, attr in (("unit", "u"), ("kind", "k"), ("hedge", "h"), ("lo", "lo"),
                                  ("hi", "hi")):
                    val = getattr(it, attr)
                    if val is not None:
                        d[key] = val
                d.setdefault("unit", "")
                d.setdefault("kind", "other")
                d.setdefault("hedge", "")
            row = {**base, "value": clean_num(d["value"]), "lo": clean_num(d["lo"]),
                   "hi": clean_num(d["hi"]), "unit": d["unit"], "kind": d["kind"],
                   "hedge": d["hedge"], "subject": it.subj, "is_change": bool(it.ch),
                   "status": "placeholder" if it.ph else "ok", "negative": False}
            if it.note:
                row["note"] = it.note
            rows.append(row)
            print(f"  {it.surface:<16} v={row['value']!s:<14} [{row['lo']}, {row['hi']}] "
                  f"{row['unit']}/{row['kind']} h={row['hedge']} ch={row['is_change']} "
                  f"subj={it.subj}")
    if problems:
        print(f"\n{problems} PROBLEMS")
    if out:
        with open(out, "w", encoding="utf-8") as f:
            for r in rows:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
        print(f"wrote {len(rows)} rows to {out}")
    return rows


# ----------------------------------------------------------------------------- checks
def genre_of() -> dict:
    with open(Path(ROOT) / "MANIFEST.csv", encoding="utf-8") as f:
        return {r["path"]: (r["genre"], r["year"], r["format"]) for r in csv.DictReader(f)}


def validate(path: str | Path = GOLD) -> int:
    rows = [json.loads(l) for l in open(path, encoding="utf-8") if l.strip()]
    errs = 0
    man = genre_of()
    by_file = defaultdict(list)
    for r in rows:
        by_file[r["source_path"]].append(r)
    windows = set()
    for p, rs in by_file.items():
        text = doc_text(p)
        pos = sorted((r for r in rs if not r["negative"]), key=lambda r: r["start"])
        for r in rs:
            windows.add((p, r["window_start"], r["window_end"]))
            if text[r["start"]:r["end"]] != r["surface"]:
                print("surface mismatch", p, r["start"], r["surface"]); errs += 1
            if not (r["window_start"] <= r["start"] < r["end"] <= r["window_end"]):
                print("outside window", p, r["surface"]); errs += 1
            if len(r["surface"]) > 30:
                print("long surface", p, r["surface"]); errs += 1
            if r["negative"]:
                continue
            for key in ("value", "lo", "hi", "unit", "kind", "hedge", "subject", "is_change",
                        "status"):
                if key not in r:
                    print("missing", key, r); errs += 1
            if r["status"] == "ok":
                lo = -math.inf if r["lo"] == "-inf" else r["lo"]
                hi = math.inf if r["hi"] == INF else r["hi"]
                if not (lo <= r["value"] <= hi):
                    if not (r["hedge"] in ("近",) and lo <= r["value"] <= hi + 1e-9):
                        print("value outside interval", p, r["surface"], r["value"], lo, hi)
                        errs += 1
            if r["subject"] and r["subject"] not in text[max(0, r["window_start"] - 300):
                                                         r["window_end"] + 300]:
                print("subject not in text near window", p, r["surface"], r["subject"]); errs += 1
        for a, b in zip(pos, pos[1:]):
            if b["start"] < a["end"]:
                print("overlap", p, a["surface"], b["surface"]); errs += 1
        negs = [r for r in rs if r["negative"]]
        for n in negs:
            for q in pos:
                if q["start"] < n["end"] and n["start"] < q["end"]:
                    print("negative overlaps positive", p, n["surface"], q["surface"]); errs += 1
    # windows of one file must not overlap (each is annotated exhaustively on its own)
    by_path = defaultdict(list)
    for p, ws, we in windows:
        by_path[p].append((ws, we))
    for p, ws_ in by_path.items():
        ws_.sort()
        for (a0, a1), (b0, b1) in zip(ws_, ws_[1:]):
            if b0 < a1:
                print("overlapping windows", p, (a0, a1), (b0, b1)); errs += 1
    kinds = {"count", "money", "percent", "area", "length", "weight", "volume", "energy",
             "power", "duration", "age", "ratio", "other"}
    hedges = {"", "余", "多", "近", "将近", "接近", "约", "大约", "左右", "上下", "以上", "超过",
              "超", "逾", "突破", "以下", "以内", "不足", "不到", "不满", "不低于", "不少于",
              "最少", "至少", "不高于", "不超过", "range", "上", "约多"}
    for r in rows:
        if r["negative"]:
            if not r.get("why"):
                print("negative without why", r["surface"]); errs += 1
            continue
        if r["status"] == "ok" and r["kind"] not in kinds:
            print("bad kind", r["surface"], r["kind"]); errs += 1
        if r["hedge"] not in hedges:
            print("bad hedge", r["surface"], r["hedge"]); errs += 1
        if r["status"] == "placeholder" and r["value"] is not None:
            print("placeholder with a value", r["surface"]); errs += 1
        if r["status"] == "ok" and not isinstance(r["value"], (int, float)):
            print("value not numeric", r["surface"]); errs += 1
        if r["kind"] == "ratio" and r["unit"] != "":
            print("ratio with a unit", r["surface"]); errs += 1
    # coverage of Arabic digits inside windows
    for p, ws, we in sorted(windows):
        text = doc_text(p)
        covered = [False] * (we - ws)
        for r in by_file[p]:
            if r["window_start"] == ws and r["window_end"] == we:
                for i in range(r["start"], r["end"]):
                    covered[i - ws] = True
        for m in re.finditer(r"\d+", text[ws:we]):
            if not all(covered[m.start():m.end()]):
                print(f"  uncovered digits {p} @{ws + m.start()}: {m.group()!r}")
    # counts
    npos = sum(not r["negative"] for r in rows)
    nneg = sum(r["negative"] for r in rows)
    print(f"rows {len(rows)}: positives {npos}, negatives {nneg}, windows {len(windows)}, "
          f"files {len(by_file)}, errors {errs}")
    g = Counter()
    dec = Counter()
    for r in rows:
        genre, year, fmt = man[r["source_path"]]
        key = f"{genre}/{fmt}"
        g[(key, r["negative"])] += 1
        d = (year[:3] + "0s") if year else "n/a"
        dec[(d, r["negative"])] += 1
    for k in sorted({k for k, _ in g}):
        print(f"  {k:<40} pos {g[(k, False)]:>4}  neg {g[(k, True)]:>3}")
    for k in sorted({k for k, _ in dec}):
        print(f"  {k:<10} pos {dec[(k, False)]:>4}  neg {dec[(k, True)]:>3}")
    fw = Counter(man[p][0] for p, _, _ in windows)
    print("  windows per genre:", dict(fw))
    print("  kinds:", dict(Counter(r.get("kind") for r in rows if not r["negative"])))
    print("  hedges:", dict(Counter(r.get("hedge") for r in rows if not r["negative"])))
    print("  placeholders:", sum(r.get("status") == "placeholder" for r in rows))
    print("  changes:", sum(bool(r.get("is_change")) for r in rows if not r["negative"]))
    return errs


# ----------------------------------------------------------------------------- viewing
def paras(path: str, min_digits: int = 0) -> None:
    text = doc_text(path)
    pos = 0
    for line in text.split("\n"):
        n = len(re.findall(r"\d+", line))
        if n >= min_digits and line.strip():
            print(f"{pos:>6}-{pos + len(line):<6} len={len(line):<5} digits={n:<3} {line[:40]}")
        pos += len(line) + 1


def show(path: str, start: int, end: int) -> None:
    text = doc_text(path)
    seg = text[start:end]
    step = 50
    for i in range(0, len(seg), step):
        print(f"{start + i:>6}| {seg[i:i + step]}".replace("\n", "⏎"))
    print("-- numeral runs")
    for m in re.finditer(rf"\d[\d,.:% ]*|[{CN_CHARS}]+|百分之", seg):
        tok = m.group()
        if re.fullmatch(r"[一万千百十点]", tok):
            continue
        a = start + m.start()
        print(f"  {a:>6} {tok!r:<12} …{text[max(0, a - 6):a]}[{tok}]{text[a + len(tok):a + len(tok) + 8]}"
              .replace("\n", "⏎"))


def review(path: str | Path = GOLD, only: str | None = None) -> None:
    """Print every window with its annotations inline: ⟦surface|value unit subject Δ⟧ for
    positives and ⦃surface⦄ for negatives, to proofread a window in one read."""
    rows = [json.loads(l) for l in open(path, encoding="utf-8") if l.strip()]
    wins = defaultdict(list)
    for r in rows:
        wins[(r["source_path"], r["window_start"], r["window_end"])].append(r)
    for (p, ws, we), rs in wins.items():
        if only and only not in p:
            continue
        text = doc_text(p)
        out, cur = [], ws
        for r in sorted(rs, key=lambda r: r["start"]):
            out.append(text[cur:r["start"]])
            if r["negative"]:
                out.append(f"⦃{r['surface']}⦄")
            else:
                d = "Δ" if r["is_change"] else ""
                out.append(f"⟦{r['surface']}|{r['value']} {r['unit']} «{r['subject']}»{d}"
                           f"{' ' + r['hedge'] if r['hedge'] else ''}⟧")
            cur = r["end"]
        out.append(text[cur:we])
        print(f"\n===== {p} [{ws}:{we}]")
        print("".join(out).replace("\n", "⏎"))


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__)
        return 0
    cmd, args = argv[0], argv[1:]
    if cmd == "paras":
        paras(args[0], int(args[1]) if len(args) > 1 else 0)
    elif cmd == "show":
        show(args[0], int(args[1]), int(args[2]))
    elif cmd == "build":
        build(args[0], args[1] if len(args) > 1 else None)
    elif cmd == "validate":
        return 1 if validate(args[0] if args else GOLD) else 0
    elif cmd == "review":
        review(GOLD, args[0] if args else None)
    elif cmd == "derive":
        for s in args:
            print(s, derive(s))
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    import signal
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    sys.exit(main(sys.argv[1:]))
