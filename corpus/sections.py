"""The heading tree of a document.

Headings are lines that start with a number label (see ``patterns.HEADING``).  Levels are not
fixed per style: a style seen for the first time under another becomes its child, a style
already open closes everything below it (the way people actually number reports, where
1、 may sit under 一、 in one file and be the top level in the next).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from corpus import patterns as P
from corpus.records import Section

# Default depth order of the styles, used when a style appears that is not yet open.
STYLE_RANK = {"part": 0, "plain": 0.5, "cn": 1, "paren_cn": 2, "arabic": 3, "paren_arabic": 4, "circled": 5}
PLAIN_MIN_BODY = 40  # an unnumbered heading is followed by a paragraph at least this long
HEADING_MAX = 40  # a heading longer than this is not a heading but a numbered paragraph
_FIRST_SENT = re.compile(r"[。!?;]")
_COLON = re.compile(r"[:：]")
_CLAUSE = re.compile(r"[,，:：、]")
_STRONG_OPENERS = tuple(sorted(P.SENTENCE_OPENERS, key=len, reverse=True))


@dataclass(frozen=True, slots=True)
class Heading:
    line_start: int
    label_start: int
    heading_end: int  # end of the heading text (the body, if glued, starts here)
    line_end: int
    style: str
    rank: float
    label: str
    heading: str
    glued: bool  # body text follows the heading on the same line


def cut_heading(rest: str) -> tuple[str, int]:
    """Split the text after a label into (heading, length of heading text in ``rest``).

    >>> cut_heading("丰富和完善工作机制下半年,我们将继续推进")
    ('丰富和完善工作机制', 9)
    >>> cut_heading("国际学校建设稳步推进。确定了选址")
    ('国际学校建设稳步推进', 11)
    >>> cut_heading("过去一年工作回顾")
    ('过去一年工作回顾', 8)
    """
    text = rest.rstrip()
    first_clause = _CLAUSE.split(_FIRST_SENT.split(text, 1)[0], 1)[0]
    if len(first_clause) < len(text):
        for op in _STRONG_OPENERS:
            i = first_clause.find(op, 4)
            if 4 <= i <= HEADING_MAX:
                return text[:i].rstrip("。.;:：,，"), i
    if len(text) <= HEADING_MAX and not _FIRST_SENT.search(text[:-1]):
        return text.rstrip("。.;:："), len(text)
    m = _FIRST_SENT.search(text)
    c = _COLON.search(text)
    if c and c.start() <= 30 and (not m or c.start() < m.start()):
        return text[: c.start()], c.start() + 1
    if m and m.start() <= HEADING_MAX:
        return text[: m.start()], m.end()
    return "", 0


def find_headings(text: str) -> list[Heading]:
    out: list[Heading] = []
    plain: list[Heading] = []
    pos = 0
    lines = text.split("\n")
    for n, line in enumerate(lines):
        line_start, line_end = pos, pos + len(line)
        pos = line_end + 1
        lead = len(line) - len(line.lstrip())
        s = line[lead:]
        m = P.HEADING.match(s)
        if not m:
            if n > 1 and P.PLAIN_HEADING.match(s.rstrip()) and n + 1 < len(lines) \
                    and len(lines[n + 1]) >= PLAIN_MIN_BODY and not P.HEADING.match(lines[n + 1].lstrip()):
                plain.append(Heading(line_start, line_start + lead, line_end, line_end, "plain",
                                     STYLE_RANK["plain"], "", s.strip(), False))
            continue
        style = _style_of(m)
        rest = s[m.end():]
        if style == "markdown":
            level = len(m.group("markdown").strip())
            heading, hlen = rest.strip(), len(rest)
            rank = -10 + level  # markdown headings nest by their own count, above numbered ones
        else:
            if not rest.strip() and style != "part":
                continue
            heading, hlen = cut_heading(rest)
            rank = STYLE_RANK[style]
        label = m.group("label").strip()
        heading_end = line_start + lead + m.end() + hlen
        glued = bool(rest[hlen:].strip())
        out.append(Heading(line_start, line_start + lead, min(heading_end, line_end), line_end, style, rank,
                           label, heading.strip(), glued))
    if plain and not any(h.style in ("part", "cn", "markdown") for h in out):
        out = sorted(out + plain, key=lambda h: h.line_start)
    return out


def _style_of(m: re.Match) -> str:
    for k in ("part", "cn", "paren_cn", "arabic", "paren_arabic", "circled", "markdown"):
        if m.group(k):
            return k
    raise AssertionError("HEADING matched without a style group")


def split_sections(doc_id: str, text: str, title: str = "") -> tuple[list[Section], list[Heading]]:
    """The section tree: a root section spanning the document, then one per heading."""
    headings = find_headings(text)
    sections: list[Section] = [Section(doc_id, f"{doc_id}/s0", None, 0, "", title, 0, len(text), 0, 0, "root")]
    # stack of (rank, style key, index into sections)
    stack: list[tuple[float, str, int]] = []
    levels: list[int] = []
    parents: list[int] = []
    for i, h in enumerate(headings):
        key = h.style if h.style != "markdown" else f"md{h.rank}"
        idx = next((i for i, (_, k, _) in enumerate(stack) if k == key), None)
        if idx is not None:
            del stack[idx:]
        else:
            while stack and stack[-1][0] >= h.rank:
                stack.pop()
        parent = stack[-1][2] if stack else 0
        parents.append(parent)
        levels.append(len(stack) + 1)
        stack.append((h.rank, key, i + 1))
    # ends: the next heading at the same or a shallower level
    n = len(headings)
    ends = [len(text)] * n
    open_: list[int] = []
    for i in range(n):
        while open_ and levels[open_[-1]] >= levels[i]:
            ends[open_.pop()] = headings[i].line_start
        open_.append(i)
    for i, h in enumerate(headings):
        end = ends[i]
        while end > h.line_start and text[end - 1] in "\n ":
            end -= 1
        sections.append(Section(
            doc_id=doc_id, section_id=f"{doc_id}/s{i + 1}", parent_id=sections[parents[i]].section_id,
            level=levels[i], label=h.label, heading=h.heading, start=h.label_start, end=end,
            heading_start=h.label_start, heading_end=h.heading_end, style=h.style,
        ))
    return sections, headings
