"""Sentence splitting with offsets: on 。！？；… and line ends, never inside quotes or
brackets (up to a run-away limit), never inside numbers (the ASCII '.' is not a boundary)."""
from __future__ import annotations

import re
from bisect import bisect_right

from corpus.records import Section, Sentence

TERMINATORS = frozenset("。!?;！？；")
OPENERS = {"“": "”", "‘": "’", "「": "」", "『": "』", "(": ")", "（": "）", "《": "》", "【": "】", "[": "]"}
CLOSERS = frozenset(OPENERS.values())
QUOTE_CLOSERS = frozenset("”’」』")
TRAILING = frozenset("”’」』)）】》]\"'")
RUNAWAY = 200
_SPECIAL = re.compile("[" + re.escape("".join(sorted(TERMINATORS | set(OPENERS) | CLOSERS | {"\n"}))) + "]")  # an unclosed quote stops protecting its content after this many characters


def split_sentence_spans(text: str, start: int = 0, end: int | None = None,
                         breaks: frozenset[int] | set[int] = frozenset()) -> list[tuple[int, int]]:
    """Sentence spans in ``text[start:end]``, whitespace trimmed, empty ones dropped.

    ``breaks`` are extra boundary offsets (the end of a heading glued to its paragraph).

    >>> t = "全年投入6.3万元。他说:“好。很好。”然后(见表1。)结束!\\n1—5月"
    >>> [t[a:b] for a, b in split_sentence_spans(t)]
    ['全年投入6.3万元。', '他说:“好。很好。”', '然后(见表1。)结束!', '1—5月']
    """
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    stack: list[tuple[str, int]] = []
    s = start
    cuts = sorted(b for b in breaks if start < b < end)
    ci = 0
    # Only the characters that can open, close or end something are visited (a regex jumps between them).
    for m in _SPECIAL.finditer(text, start, end):
        i = m.start()
        if i < s:
            continue
        while ci < len(cuts) and cuts[ci] <= i:
            if cuts[ci] > s:
                _add(text, s, cuts[ci], spans)
                s = cuts[ci]
                stack.clear()
            ci += 1
        c = text[i]
        if c == "\n":
            _add(text, s, i, spans)
            s = i + 1
            stack.clear()
            continue
        cut = False
        if c in OPENERS:
            stack.append((OPENERS[c], i))
        elif stack and c == stack[-1][0]:
            stack.pop()
            cut = not stack and c in QUOTE_CLOSERS and text[i - 1] in TERMINATORS
        elif c in TERMINATORS:
            if stack and i - stack[-1][1] > RUNAWAY:
                stack.clear()
            cut = not stack
        if cut:
            j = i + 1
            while j < end and (text[j] in TERMINATORS or text[j] in TRAILING):
                j += 1
            _add(text, s, j, spans)
            s = j
    while ci < len(cuts):
        if cuts[ci] > s:
            _add(text, s, cuts[ci], spans)
            s = cuts[ci]
        ci += 1
    _add(text, s, end, spans)
    return spans


def _add(text: str, a: int, b: int, spans: list[tuple[int, int]]) -> None:
    while a < b and text[a] in " \t\n":
        a += 1
    while b > a and text[b - 1] in " \t\n":
        b -= 1
    if b > a and any(ch.isalnum() for ch in text[a:b]):
        spans.append((a, b))


def split_sentences(doc_id: str, text: str, sections: list[Section],
                    breaks: frozenset[int] | set[int] = frozenset()) -> list[Sentence]:
    """Sentences of a document, each assigned to the deepest section containing its start."""
    starts = [sec.start for sec in sections]
    order = sorted(range(len(sections)), key=lambda k: (sections[k].start, sections[k].level))
    sorted_starts = [starts[k] for k in order]
    out: list[Sentence] = []
    for n, (a, b) in enumerate(split_sentence_spans(text, breaks=breaks)):
        j = bisect_right(sorted_starts, a) - 1
        sec = sections[0]
        while j >= 0:
            cand = sections[order[j]]
            if cand.start <= a < cand.end or cand.level == 0:
                sec = cand
                break
            j -= 1
        out.append(Sentence(doc_id, f"{doc_id}/t{n}", sec.section_id, a, b, text[a:b]))
    return out
