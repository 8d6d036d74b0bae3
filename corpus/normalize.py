"""Character normalisation that keeps offsets honest.

Everything here maps one character to exactly one character, so an offset into the
normalised text is the same offset into the original: ``Document.text`` (normalised,
Simplified) and ``Document.original_text`` have the same length.

* full-width ASCII forms (``１２３，（）％：``) become ASCII;
* U+3000 and other exotic spaces become an ordinary space;
* small-form and other variant signs (``﹪``, ``％``, ``－``, ``〜``) become their plain forms;
* Traditional characters become Simplified (OpenCC ``t2s``; should a phrase conversion ever
  change the length, that line falls back to character-by-character conversion).
"""
from __future__ import annotations

import functools
import re

# One-to-one translation table: full-width ASCII block FF01-FF5E -> 0021-007E, spaces, variants.
_CHAR_MAP: dict[int, str] = {cp: chr(cp - 0xFEE0) for cp in range(0xFF01, 0xFF5F)}
_CHAR_MAP.update({
    0x3000: " ",  # ideographic space
    0x00A0: " ", 0x2002: " ", 0x2003: " ", 0x2009: " ", 0x202F: " ", 0x205F: " ",
    0xFE6A: "%",  # small percent sign
    0xFE50: ",", 0xFE51: "、", 0xFE52: ".", 0xFE54: ";", 0xFE55: ":", 0xFE56: "?", 0xFE57: "!",
    0xFE59: "(", 0xFE5A: ")",
    0x2212: "-",  # minus sign
    0xFE63: "-",  # small hyphen-minus
    0x2236: ":",  # ratio sign
    0xFE30: ":",  # presentation form two-dot leader, seen in ratios
    0xFE13: ":",  # vertical colon, seen in ratios "A︰B"
    0xFF5E: "~",
    0x301C: "~",  # wave dash
})
_TABLE = str.maketrans(_CHAR_MAP)
_NEEDS = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_CHAR_MAP)) + "]")

# A document is called Traditional when this share of its Han characters changes under t2s.
HANT_SHARE = 0.03
HANT_MIN_CHANGED = 5

_HAN = re.compile(r"[\u4e00-\u9fff]")
_NOT_HAN = re.compile(r"[^\u4e00-\u9fff]+")  # deleting the rest counts Han characters 3x faster than findall


def normalize_chars(text: str) -> str:
    """Map full-width forms and odd spaces to plain ones, one character for one.

    >>> normalize_chars("增长９．１％，（一）")
    '增长9.1%,(一)'
    """
    # str.translate looks every character up in a dict (slow on Chinese text); one str.replace per
    # mapped character that occurs is a C scan each, several times faster on a whole document
    if not _NEEDS.search(text):
        return text
    if len(text) < 2000:
        return text.translate(_TABLE)
    for ch in set(_NEEDS.findall(text)):
        text = text.replace(ch, _CHAR_MAP[ord(ch)])
    return text


@functools.lru_cache(maxsize=1)
def _t2s():
    import opencc  # lazy: no import-time cost for callers that never see Traditional text

    return opencc.OpenCC("t2s")


@functools.lru_cache(maxsize=65536)
def _t2s_char(ch: str) -> str:
    out = _t2s().convert(ch)
    return out if len(out) == 1 else ch


def to_simplified(text: str) -> str:
    """Traditional -> Simplified, guaranteed to keep the length.

    >>> to_simplified("會議過程正式紀錄")
    '会议过程正式纪录'
    """
    out = _t2s().convert(text)
    if len(out) == len(text):
        return out
    lines_in = text.split("\n")
    lines_out = []
    for line in lines_in:
        conv = _t2s().convert(line)
        if len(conv) != len(line):
            conv = "".join(_t2s_char(c) for c in line)
        lines_out.append(conv)
    return "\n".join(lines_out)


def detect_script(text: str, *, sample: int = 8000) -> str:
    """Return ``zh-Hant`` when enough Han characters change under t2s, else ``zh-Hans``.

    >>> detect_script("立法會會議過程正式紀錄，財政預算案")
    'zh-Hant'
    >>> detect_script("政府工作报告")
    'zh-Hans'
    """
    head = text[:sample]
    han = len(_NOT_HAN.sub("", head))
    if not han:
        return "zh-Hans"
    conv = _t2s().convert(head)
    if conv == head:
        return "zh-Hans"
    if len(conv) != len(head):
        conv = to_simplified(head)
    changed = sum(map(str.__ne__, head, conv))
    if changed >= min(HANT_MIN_CHANGED, max(1, han // 4)) and changed / han >= HANT_SHARE:
        return "zh-Hant"
    return "zh-Hans"


def normalize_text(text: str) -> tuple[str, str]:
    """Normalise for analysis.  Returns ``(normalised_text, script)``; same length as input.

    >>> normalize_text("２０１３年財政預算")
    ('2013年财政预算', 'zh-Hant')
    """
    script = detect_script(text)
    out = normalize_chars(text)
    if script == "zh-Hant":
        out = to_simplified(out)
    assert len(out) == len(text)
    return out, script
