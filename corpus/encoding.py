"""Decode bytes of unknown encoding, recording which encoding worked.

Order: byte-order marks, UTF-16 without BOM (NUL pattern), strict UTF-8, then the Chinese
legacy encodings GB18030 and Big5.  Both of those accept many byte strings, so when both
decode strictly the one whose text looks more like Chinese wins (share of the most common
characters of each script).  A file that decodes only with replacements is accepted when
the bad bytes are few (they are replaced and counted), rejected as not text otherwise.
"""
from __future__ import annotations

import codecs
from dataclasses import dataclass

from corpus.errors import DecodeError, EmptyInput, NotText

# The most frequent characters of Chinese text, Simplified and Traditional forms together.
_COMMON = frozenset(
    "的一是在不了有和人这這中大为為上个個国國我以要他时時来來用们們生到作地于於出就分对對成会會"
    "可主发發年动動同工也能下过過子说說产產种種面而方后後多定行学學法所民得经經十三之进進着著等"
    "部度家电電力里裡如水化高自二理起小物现現实實加量都两兩体體制机機当當使点點从從业業本去把性"
    "好应應开開它合还還因由其些然前外天政四日那社义義事平形相全表间間样樣与與关關各重新线線内內"
    "数數正心反明看原又么麼利比或但质質气氣第向道命此变變条條只没沒结結解问問意建月公无無系军軍"
    "很情者最立代想已通并並提直题題党黨程展五果料象员員革位入常文总總次品式活设設及管特件长長求"
    "基资資边邊流路级級少图圖山统統接知较較将將组組见見计計别別手角期根论論运運农農指几幾九区區"
    "强強放决決西被做必战戰先回则則任取据據处處府研元万萬亿億增"
)

# Share of bad (replaced) characters above which a file is "not text".
MAX_BAD_SHARE = 0.02
# Share of control characters above which decoded text is binary garbage.
MAX_CONTROL_SHARE = 0.01


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str
    bad_chars: int = 0  # characters replaced because their bytes were invalid


def _score(text: str) -> float:
    if not text:
        return 0.0
    sample = text[:20000]
    return sum(1 for c in sample if c in _COMMON) / len(sample)


def _control_share(text: str) -> float:
    sample = text[:50000]
    if not sample:
        return 0.0
    bad = sum(1 for c in sample if (ord(c) < 32 and c not in "\t\n\r\f") or c == "\x7f")
    return bad / len(sample)


def _looks_utf16(data: bytes) -> str | None:
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    half = len(sample) / 2
    # ASCII-heavy UTF-16 has NULs on one side; CJK-heavy UTF-16 has none, so also try a
    # strict decode when the other heuristics fail (done by the caller).
    if odd > 0.3 * half and even < 0.05 * half:
        return "utf-16-le"
    if even > 0.3 * half and odd < 0.05 * half:
        return "utf-16-be"
    return None


def decode_bytes(data: bytes, *, encoding: str | None = None) -> Decoded:
    """Decode ``data``; raise DecodeError/NotText when it is not text in any known encoding.

    >>> decode_bytes("低保户800户".encode("gb18030")).encoding
    'gb18030'
    >>> decode_bytes(codecs.BOM_UTF8 + "教师".encode()).encoding
    'utf-8-sig'
    """
    if not data:
        raise EmptyInput("the file is empty")
    if encoding:
        try:
            return Decoded(data.decode(encoding), encoding)
        except (UnicodeDecodeError, LookupError) as exc:
            raise DecodeError(f"cannot decode as {encoding}: {exc}") from None
    for bom, name in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                      (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                      (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            text, bad = _decode_lenient(data, name)
            return _accept(text, name, bad)
    u16 = _looks_utf16(data)
    if u16:
        text, bad = _decode_lenient(data, u16)
        return _accept(text, u16, bad)
    if b"\x00" in data[:65536]:
        raise NotText("binary data (NUL bytes), not a text file")
    try:
        return _accept(data.decode("utf-8"), "utf-8", 0)
    except UnicodeDecodeError:
        pass
    strict: list[tuple[float, str, str]] = []
    for name in ("gb18030", "big5hkscs"):
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        strict.append((_score(text), name, text))
    if strict:
        strict.sort(key=lambda t: -t[0])
        score, name, text = strict[0]
        if score > 0.02 or len(strict) == 1:
            return _accept(text, name, 0)
    # Nothing decodes cleanly: take the candidate with the fewest replacements.
    best: tuple[int, float, str, str] | None = None
    for name in ("utf-8", "gb18030", "big5hkscs"):
        text, bad = _decode_lenient(data, name)
        key = (bad, -_score(text))
        if best is None or key < (best[0], -best[1]):
            best = (bad, _score(text), name, text)
    assert best is not None
    bad, _, name, text = best
    return _accept(text, name, bad)


def _decode_lenient(data: bytes, name: str) -> tuple[str, int]:
    text = data.decode(name, errors="replace")
    return text, text.count("\ufffd")


def _accept(text: str, name: str, bad: int) -> Decoded:
    if text.startswith("\ufeff"):
        text = text[1:]
    n = max(1, len(text))
    if bad / n > MAX_BAD_SHARE:
        raise NotText(
            f"not text: {bad} of {n} characters are invalid in every encoding tried "
            f"(utf-8, gb18030, big5); best guess {name}"
        )
    if _control_share(text) > MAX_CONTROL_SHARE:
        raise NotText(f"not text: too many control characters when decoded as {name} (binary file?)")
    return Decoded(text, name, bad)
