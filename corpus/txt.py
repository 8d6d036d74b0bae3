"""Plain text and Markdown files."""
from __future__ import annotations

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
    r"""^[ \t]*(```|~~~)[^\n]*\n.*?^[ \t]*\1[ \t]*$""",
    "fenced code blocks in Markdown summaries: code, not report text",
    matches=["```python\nx = 1\n```"],
    rejects=["`inline`"],
    flags=re.MULTILINE | re.DOTALL,
)
MD_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)")
MD_LINK = re.compile(r"\[([^\]\n]*)\]\([^)\n]*\)")
MD_EMPHASIS = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
MD_TAG = re.compile(r"</?[A-Za-z][^>\n]{0,200}>")
MD_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$", re.MULTILINE)
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
    text = MD_FENCE.sub("", text)
    text = MD_IMAGE.sub("", text)
    text = MD_LINK.sub(r"\1", text)
    text = MD_EMPHASIS.sub(r"\2", text)
    text = MD_TAG.sub("", text)
    text = MD_TABLE_RULE.sub("", text)
    text = MD_BLOCKQUOTE.sub("", text)
    text = "\n".join(_table_row(line) for line in text.split("\n"))
    return html.unescape(text), meta


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
    notes = (f"replaced {dec.bad_chars} undecodable characters",) if dec.bad_chars else ()
    if HTML_SNIFF.search(text[:4096]):
        from corpus.html import html_to_source

        return [html_to_source(text, rel, encoding=dec.encoding, limits=limits, notes=notes)]
    fmt = "md" if path.suffix.lower() in (".md", ".markdown") else "txt"
    title = None
    if fmt == "md":
        text, meta = clean_markdown(text)
        title = meta.get("title")
    return [SourceText(rel, text, dec.encoding, fmt, notes=notes, title_hint=title)]
