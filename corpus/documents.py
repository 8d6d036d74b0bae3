"""Cut a file's cleaned text into documents; find each one's title and year; give it an id."""
from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass

from corpus import patterns as P
from corpus.normalize import normalize_chars, normalize_text
from corpus.records import Document, SourceText
from corpus.rules import rule

# A part with fewer Han characters than this (title excluded) is empty and dropped.
MIN_PART_HAN = 20
# Text before the first document marker is kept as a document only when it is this long.
MIN_PREAMBLE_HAN = 150
TITLE_MAX = 60
_HAN = re.compile(r"[\u4e00-\u9fff]")
_INDEX_HINT = re.compile(r"[【\[][^】\]]{1,3}[】\]]\s*$|\d\s*$")
_TITLE_WORDS = re.compile(r"报告|总结|公报|讲话|计划|汇报|述职|要点|情况|发言|致辞|纪要|通报|方案|小结|简报")
# A title ends with its title word (and a bracketed note such as (摘要) or a number 【2】)
_TITLE_END = re.compile(r"^.*?(?:报告|总结|公报|讲话|汇报|述职报告|要点|发言|致辞|纪要|通报|方案|小结|简报)"
                        r"(?:[(（【][^)）】]{0,8}[)）】]|\d{1,2}|[(（][^)）]{0,10}[)）])?")
NOT_TITLE = rule(
    "not_title",
    r"""^(?:[-—–─]{1,4}|\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$|各位(?:代表|委员|同志|领导)|尊敬的)
      | [:：]$ | (?:区长|市长|县长|省长|主席|主任|书记|局长|总理)\s*[\u4e00-\u9fff]{2,4}$ | (?:统计局|调查队|人民政府|办公室|委员会)$""",
    "opening lines that are not the title: datelines (——2017年2月11日在…), salutations (各位代表:), "
    "speaker lines (区人民政府区长 张三) and issuing offices (某州统计局)",
    matches=["——2017年2月11日在区人代会上", "各位代表:", "区人民政府代区长 张三", "某州统计局", "2024年4月30日"],
    rejects=["2023年民政工作总结", "政府工作报告"],
)
_CN_DIGIT = {"〇": "0", "零": "0", "○": "0", "Ｏ": "0", "O": "0", "一": "1", "二": "2", "三": "3", "四": "4",
             "五": "5", "六": "6", "七": "7", "八": "8", "九": "9"}

YEAR_IN_TEXT = rule(
    "year_in_text",
    r"""(?<![\d.])(?P<y>(?:19[4-9]\d|20[0-4]\d))\s*(?:年|年度|-\d{1,2}-\d{1,2})
      | (?P<cy>[一二三四五六七八九〇零○]{4})\s*年
      | (?<![\d.])(?P<y2>(?:19[4-9]\d|20[0-4]\d))(?=\s*(?:政府工作报告|工作总结|工作报告|统计公报|年度))""",
    "a year in a title or dateline: 2020年, 2016年度, 2024-04-30, 一九五八年, 2006政府工作报告",
    matches=["2020年上半年工作总结", "一九五八年度", "时间:2024-04-30", "2006政府工作报告"],
    rejects=["1700余名", "20xx年", "2号令", "12020年"],
)

YEAR_PLACEHOLDER = rule(
    "year_placeholder",
    r"""(?<![\dA-Za-z])(?:20|19|2)[xX×*＊_]{1,3}(?=\s*年|\b) | (?:[xX×*]{2,4}|_{2,4}|某某?)\s*年(?!龄|级|限|轻)""",
    "an anonymised year: 20xx年, 20__年, 20**, XX年, ××年, 某年 — never a real year",
    matches=["20xx年工作总结", "20__年", "XX年度", "2020年至20XX年", "某年"],
    rejects=["2020年", "xx社区", "某某同志", "年龄"],
)


@dataclass(frozen=True, slots=True)
class Part:
    start: int
    end: int
    marker_title: str | None


def split_documents(text: str) -> tuple[list[Part], int]:
    """Find the documents in a collection file.  Returns the parts and how many empty ones
    were dropped.

    >>> parts, empty = split_documents("范文3篇\\n篇1\\n甲" + "字" * 30 + "\\n篇2\\n\\n篇3:乙标题\\n" + "文" * 30)
    >>> [(p.marker_title, empty) for p in parts]
    [(None, 1), ('乙标题', 1)]
    """
    starts: list[tuple[int, int, str | None]] = []  # (line start, body start, title)
    pos = 0
    for line in text.split("\n"):
        if "篇" not in line and not (_INDEX_HINT.search(line) and _TITLE_WORDS.search(line)):
            pos += len(line) + 1  # cheap test first: most lines cannot be markers
            continue
        s = normalize_chars(line).strip()
        m = P.DOC_MARKER.fullmatch(s)
        if m:
            rest = m.group("rest") or m.group("rest2") or m.group("rest3") or ""
            starts.append((pos, pos + len(line) + 1, rest.strip() or None))
        else:
            m = P.TITLE_WITH_INDEX.fullmatch(s)
            if m:
                starts.append((pos, pos, (m.group("title") or m.group("title2")).strip()))
        pos += len(line) + 1
    if not starts:
        return [Part(0, len(text), None)], 0
    parts: list[Part] = []
    empty = 0
    pre = text[: starts[0][0]]
    if len(_HAN.findall(pre)) >= MIN_PREAMBLE_HAN:
        parts.append(Part(0, starts[0][0], None))
    for k, (line_start, body_start, title) in enumerate(starts):
        end = starts[k + 1][0] if k + 1 < len(starts) else len(text)
        body = text[body_start:end]
        han = len(_HAN.findall(body)) - (len(_HAN.findall(title)) if title and body_start == line_start else 0)
        if han < MIN_PART_HAN:
            empty += 1
            continue
        parts.append(Part(body_start, end, title))
    return parts, empty


def find_title(text: str, hint: str | None = None) -> str:
    """The document's title: the hint (a table's title column, a page's <title>) when it reads
    like a title, else the first of the opening lines that reads like one (skipping datelines,
    salutations, speaker and issuing-office lines), cut after its title word when a date or an
    office was glued to it; else the hint; else the first plain line; else "".

    >>> find_title("——2017年2月11日在区人代会上\\n区长 张三\\n各位代表:\\n一、工作回顾")
    ''
    >>> find_title("2016年国民经济和社会发展统计公报某州统计局  国家统计局某州调查队2017年3月16日\\n正文")
    '2016年国民经济和社会发展统计公报'
    """
    if hint and _TITLE_WORDS.search(hint) and len(hint) <= 2 * TITLE_MAX:
        return hint.strip()
    lines = [normalize_chars(ln).lstrip("#").strip() for ln in text.split("\n")[:8] if ln.strip()]
    candidates = [s for s in lines[:5] if not NOT_TITLE.search(s) and not P.HEADING.match(s)]
    for s in candidates[:3]:
        m = _TITLE_END.search(s)
        if m and m.end() <= TITLE_MAX and not re.search(r"[。;:,，]", s[: m.end()]):
            return s[: m.end()].strip()
    if hint and hint.strip():
        return hint.strip()[:200]
    for s in candidates[:2]:
        if len(s) <= TITLE_MAX and not re.search(r"[。;,，]", s) and len(s) >= 4:
            return s
    return ""


def _year_from(text: str) -> int | None:
    m = YEAR_IN_TEXT.search(text)
    if not m:
        return None
    if m.group("y"):
        return int(m.group("y"))
    if m.group("y2"):
        return int(m.group("y2"))
    y = int("".join(_CN_DIGIT.get(c, "0") for c in m.group("cy")))
    return y if 1900 <= y <= 2099 else None


def find_year(title: str, head: str, *, hint: int | None = None, path: str = "") -> tuple[int | None, bool]:
    """``(year, placeholder)`` of a document, from the most to the least deliberate source:
    the title, a year column of the table it came from, its file name, its first lines.
    A placeholder year (20xx) where a year should be gives ``(None, True)``.

    >>> find_year("20xx年社区工作总结", "")
    (None, True)
    >>> find_year("政府工作报告", "一、2019年工作回顾", path="gwr_2020.txt")
    (2020, False)
    """
    t = normalize_chars(title)
    y = _year_from(t)
    if y:
        return y, False
    if YEAR_PLACEHOLDER.search(t):
        return hint, True  # a year column of the table is deliberate metadata; the title stays marked
    if hint:
        return hint, False
    m = re.search(r"(?<!\d)(19[5-9]\d|20[0-4]\d)(?!\d)", path.rsplit("/", 1)[-1])
    if m:
        return int(m.group(1)), False
    h = normalize_chars(head)
    y = _year_from(h)
    if y:
        return y, False
    if YEAR_PLACEHOLDER.search(h):
        return None, True
    return None, False


def make_doc_id(rel: str, row_index: int | None, part_index: int, text: str) -> str:
    h = hashlib.sha1()
    h.update(f"{rel}\x00{'' if row_index is None else row_index}\x00{part_index}\x00".encode())
    h.update(text.encode("utf-8", "surrogatepass"))
    return h.hexdigest()[:16]


def build_documents(src: SourceText, cleaned: str, *, notes: tuple[str, ...] = ()) -> tuple[list[Document], int]:
    """Documents of one cleaned SourceText, and the number of empty parts dropped."""
    parts, empty = split_documents(cleaned)
    docs: list[Document] = []
    meta = json.dumps(dict(src.metadata), ensure_ascii=False) if src.metadata else "{}"
    for idx, part in enumerate(parts):
        original = cleaned[part.start:part.end].strip("\n ")
        if not _HAN.search(original) and not original.strip():
            empty += 1
            continue
        text, script = normalize_text(original)
        title = part.marker_title or find_title(text, src.title_hint if len(parts) == 1 else None)
        title = normalize_text(title)[0] if title else title
        year, placeholder = find_year(title, text[:300], hint=src.year_hint, path=src.source_path)
        docs.append(Document(
            doc_id=make_doc_id(src.source_path, src.row_index, idx, text),
            source_path=src.source_path,
            part_index=idx,
            title=title,
            year=year,
            year_placeholder=placeholder,
            text=text,
            original_text=original,
            char_count=len(text),
            encoding=src.encoding,
            format=src.format,
            script=script,
            content_hash=hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest(),
            row_index=src.row_index,
            metadata=meta,
            notes="; ".join(src.notes + notes),
        ))
    return docs, empty


def iter_documents(src: SourceText) -> Iterator[Document]:
    from corpus.clean import clean_text

    cleaned, _ = clean_text(src.text, fmt=src.format)
    yield from build_documents(src, cleaned)[0]
