"""Plain text and Markdown files."""
from __future__ import annotations

import bisect
import html
import re
from pathlib import Path

from corpus.encoding import decode_bytes
from corpus.limits import DEFAULT_LIMITS, Limits
from corpus.records import SourceText
from corpus.rules import rule

HTML_SNIFF = rule(
    "html_sniff",
    r"""\A\s*(?:\[\s*)?<\s*(?:!doctype|html|head|body|div|p|table|section|article|h[1-6]|span|meta)\b""",
    "a .txt file that is really an HTML page or fragment (the corpus has '[<div …>…</div>]')",
    matches=['[<div class="x">\n<h4>各位代表</h4>', "<!DOCTYPE html><html>", "  <p>正文</p>"],
    rejects=["一、工作回顾 <注>", "各位代表:<br>"],
    flags=re.IGNORECASE,
    use="search",
)

MD_FRONT_MATTER = re.compile(r"\A---\n(?P<body>.*?)\n---\n", re.DOTALL)
MD_FENCE = rule(
    "md_fence",
    r"""^[ \t]*(?P<fence>```|~~~)""",
    "the opening or closing line of a fenced code block in a Markdown summary: code, not report "
    "text (blocks are found line by line, so a file of unclosed fences stays linear)",
    matches=["```python", "~~~", "  ```"],
    rejects=["`inline`", "text ```"],
    use="match",
)
# Each repetition stops at the character that could start the next match ("[", "(", "*"), so
# an unclosed "[" or "**" on a 30 MB line costs a short scan, never one to the end of the line
# from every position (quadratic time).
MD_IMAGE = re.compile(r"!\[[^\[\]\n]{0,500}\]\([^()\n]{0,2000}\)")
MD_LINK = re.compile(r"\[([^\[\]\n]{0,500})\]\([^()\n]{0,2000}\)")
MD_EMPHASIS = re.compile(r"\*\*(?=[^\s*])([^*\n]{1,300}?)(?<=\S)\*\*|__(?=[^\s_])([^_\n]{1,300}?)(?<=\S)__")
MD_TAG = re.compile(r"</?[A-Za-z][^>\n]{0,200}>")
# One way to match each character ([ \t], never \s across lines; no two adjacent optional
# runs of blanks): the older form took cubic time on a few thousand blank lines.
MD_TABLE_RULE = re.compile(
    r"^[ \t]*(?:\|[ \t]*)?:?-{3,}:?[ \t]*(?:\|[ \t]*:?-{3,}:?[ \t]*)*(?:\|[ \t]*)?$", re.MULTILINE)
MD_BLOCKQUOTE = re.compile(r"^[ \t]*>[ \t]?", re.MULTILINE)
MD_FRONT_KEY = re.compile(r"^(title|date|year)\s*:\s*['\"]?(.+?)['\"]?\s*$", re.MULTILINE)


def normalize_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def clean_markdown(text: str) -> tuple[str, dict[str, str]]:
    """Strip Markdown markup that is not report text; keep '#' heading marks and table cells.

    Returns the text and front-matter fields (title, date) found.

    >>> clean_markdown("---\\ntitle: 年度总结\\n---\\n**1、完成**项目[3个](x.md)&nbsp;")[0]
    '1、完成项目3个\\xa0'
    """
    meta: dict[str, str] = {}
    m = MD_FRONT_MATTER.match(text)
    if m:
        for k, v in MD_FRONT_KEY.findall(m.group("body")):
            meta[k] = v
        text = text[m.end():]
    text = _drop_fenced_blocks(text)
    text = MD_IMAGE.sub("", text)
    text = MD_LINK.sub(r"\1", text)
    text = MD_EMPHASIS.sub(lambda m: m.group(1) or m.group(2), text)
    text = MD_TAG.sub("", text)
    text = MD_TABLE_RULE.sub("", text)
    text = MD_BLOCKQUOTE.sub("", text)
    text = "\n".join(_table_row(line) for line in text.split("\n"))
    return html.unescape(text), meta


def _drop_fenced_blocks(text: str) -> str:
    """Remove fenced code blocks (opening line to its bare closing line); an unclosed fence
    is kept as text.  Linear: the closing line of each fence kind is looked up, not searched."""
    lines = text.split("\n")
    fences = [(m.group("fence"), line[m.end():].strip() == "") if (m := MD_FENCE.match(line)) else None
              for line in lines]
    if not any(fences):
        return text
    closers: dict[str, list[int]] = {"```": [], "~~~": []}
    for i, f in enumerate(fences):
        if f and f[1]:
            closers[f[0]].append(i)
    keep = [True] * len(lines)
    i = 0
    while i < len(lines):
        f = fences[i]
        if f:
            later = closers[f[0]]
            k = bisect.bisect_right(later, i)
            if k < len(later):
                j = later[k]
                for n in range(i, j + 1):
                    keep[n] = False
                i = j + 1
                continue
        i += 1
    return "\n".join(line for line, k in zip(lines, keep) if k)


def _table_row(line: str) -> str:
    s = line.strip()
    if s.startswith("|") and s.endswith("|") and s.count("|") >= 2:
        return "\t".join(c.strip() for c in s.strip("|").split("|"))
    return line


def read_txt(path: Path, rel: str, *, limits: Limits = DEFAULT_LIMITS,
             encoding: str | None = None) -> list[SourceText]:
    """Read a .txt/.md file (or a .txt holding HTML) into one SourceText."""
    data = path.read_bytes()
    dec = decode_bytes(data, encoding=encoding)
    text = normalize_newlines(dec.text)
    notes = (dec.note,) if dec.note else ()
    if HTML_SNIFF.search(text[:4096]):
        from corpus.html import html_to_source

        return [html_to_source(text, rel, encoding=dec.encoding, limits=limits, notes=notes)]
    fmt = "md" if path.suffix.lower() in (".md", ".markdown") else "txt"
    title = None
    if fmt == "md":
        text, meta = clean_markdown(text)
        title = meta.get("title")
    return [SourceText(rel, text, dec.encoding, fmt, notes=notes, title_hint=title)]
