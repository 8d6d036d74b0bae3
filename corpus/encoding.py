"""Decode bytes of unknown encoding, recording which encoding worked.

Order: byte-order marks, UTF-16 without BOM (NUL pattern), strict UTF-8, then strict GB18030,
Big5 and (for even lengths) UTF-16 without NULs.  GB18030 accepts almost any byte string, Big5
many, so when several decode strictly the one whose text looks most like Chinese wins (share
of the most common characters of each script).

A file that decodes only with replacements is read, not rejected, when the bad bytes are few
(at most MAX_BAD_SHARE of the characters, or MAX_BAD_SHARE_CHINESE when the rest is clearly
Chinese): they become U+FFFD and ``Decoded.note`` says how many and where the first was.
Among the lenient decodings the one that reads most like Chinese wins, not merely the one
with the fewest replacements (Big5 bytes decode as GB18030 with no errors, as nonsense).
Binary files (NUL bytes, control characters) are rejected as not text.
"""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from corpus.errors import CorpusError, DecodeError, EmptyInput, NotText

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

_DROP_COMMON = dict.fromkeys(map(ord, _COMMON))

# Share of bad (replaced) characters above which a file is "not text" ...
MAX_BAD_SHARE = 0.02
# ... unless what decodes reads clearly as Chinese (common-character score at least
# CHINESE_SCORE): then up to this share is accepted, the bad bytes replaced and noted.
MAX_BAD_SHARE_CHINESE = 0.10
CHINESE_SCORE = 0.15
# Share of control characters above which decoded text is binary garbage.
MAX_CONTROL_SHARE = 0.01
# Share of NUL bytes (in the first 64 KiB) above which a file without a UTF-16 pattern is binary.
MAX_NUL_SHARE = 0.01
_CONTROLS = {c: None for c in range(32) if chr(c) not in "\t\n\r\f"} | {0x7F: None}
_CONTROL_RE = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_CONTROLS)) + "]")
CONTROL_SAMPLE = 200_000  # characters looked at to tell text from binary


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str
    bad_chars: int = 0  # characters replaced because their bytes were invalid
    first_bad: int | None = None  # byte offset of the first invalid byte

    @property
    def note(self) -> str | None:
        """What ``documents.notes`` should say about the decoding, or None when it was clean."""
        if not self.bad_chars:
            return None
        where = f" (first at byte {self.first_bad:,})" if self.first_bad is not None else ""
        return (f"replaced {self.bad_chars} undecodable byte sequence{'s' if self.bad_chars > 1 else ''} "
                f"with U+FFFD{where} while decoding as {self.encoding}")


def _score(text: str) -> float:
    if not text:
        return 0.0
    sample = text[:20000]
    return (len(sample) - len(sample.translate(_DROP_COMMON))) / len(sample)  # counted in C


def _control_share(text: str) -> float:
    if not text:
        return 0.0
    sample = text[:CONTROL_SAMPLE]
    return len(_CONTROL_RE.findall(sample)) / len(sample)


def _looks_utf16(data: bytes) -> str | None:
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    half = len(sample) / 2
    # ASCII-heavy UTF-16 has NULs on one side; CJK-only UTF-16 has none and is found by
    # scoring strict decodes (see decode_bytes).
    if odd > 0.3 * half and even < 0.05 * half:
        return "utf-16-le"
    if even > 0.3 * half and odd < 0.05 * half:
        return "utf-16-be"
    return None


def decode_bytes(data: bytes, *, encoding: str | None = None) -> Decoded:
    """Decode ``data``, detecting its encoding unless ``encoding`` is given.

    A few invalid bytes do not reject a file: they are replaced with U+FFFD and counted
    (``Decoded.bad_chars``, ``Decoded.note``).

    Raises:
        EmptyInput: no bytes.
        DecodeError: ``encoding`` is unknown, or the bytes are mostly invalid in it.
        NotText: binary data, or mostly invalid in every encoding tried.

    >>> decode_bytes("低保户800户".encode("gb18030")).encoding
    'gb18030'
    >>> decode_bytes(codecs.BOM_UTF8 + "教师".encode()).encoding
    'utf-8-sig'
    >>> decode_bytes("全年发放低保金312万元".encode() + b"\\xff" + "，惠及3421户。".encode()).bad_chars
    1
    """
    if not data:
        raise EmptyInput("the file is empty")
    if encoding:
        try:
            return Decoded(data.decode(encoding), encoding)
        except LookupError:
            raise DecodeError(f"unknown encoding {encoding!r}", hint="try utf-8, gb18030, big5 or utf-16") from None
        except UnicodeDecodeError:
            text, bad, first = _decode_lenient(data, encoding)
            return _accept(text, encoding, bad, first, error=DecodeError)
    for bom, name in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                      (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                      (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return _accept_lenient(data, name)
    u16 = _looks_utf16(data)
    if u16:
        return _accept_lenient(data, u16)
    head = data[:65536]
    if head.count(0) > MAX_NUL_SHARE * len(head):
        raise NotText(f"binary data ({head.count(0) / len(head):.0%} NUL bytes), not a text file")
    try:
        return _accept(data.decode("utf-8"), "utf-8", 0)
    except UnicodeDecodeError:
        pass
    strict: list[tuple[float, str, str]] = []
    names = ["gb18030", "big5hkscs"] + (["utf-16-le", "utf-16-be"] if len(data) % 2 == 0 else [])
    for name in names:
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
    # Nothing decodes cleanly: among the decodings with few replacements, the one that reads
    # most like Chinese (Big5 bytes decode as GB18030 with no more errors, but as nonsense).
    tries = []
    for name in ("utf-8", "gb18030", "big5hkscs"):
        text, bad, first = _decode_lenient(data, name)
        tries.append((bad / max(1, len(text)), -_score(text), bad, name, text, first))
    good = [t for t in tries if t[0] <= MAX_BAD_SHARE]
    if good:
        _, _, bad, name, text, first = min(good, key=lambda t: (t[1], t[0]))
    else:
        _, _, bad, name, text, first = min(tries, key=lambda t: (t[0], t[1]))
    return _accept(text, name, bad, first)


def _decode_lenient(data: bytes, name: str) -> tuple[str, int, int | None]:
    """Decode with replacements; return the text, the number replaced and the first bad offset."""
    try:
        return data.decode(name), 0, None
    except UnicodeDecodeError as exc:
        first = exc.start
    text = data.decode(name, errors="replace")
    return text, text.count("\ufffd"), first


def _accept_lenient(data: bytes, name: str) -> Decoded:
    text, bad, first = _decode_lenient(data, name)
    return _accept(text, name, bad, first)


def _accept(text: str, name: str, bad: int, first: int | None = None, *,
            error: type[CorpusError] = NotText) -> Decoded:
    if text.startswith("\ufeff"):
        text = text[1:]
    n = max(1, len(text))
    share = bad / n
    if share > MAX_BAD_SHARE and not (share <= MAX_BAD_SHARE_CHINESE
                                      and _score(text.replace("\ufffd", "")) >= CHINESE_SCORE):
        raise error(
            f"not text: {bad:,} of {n:,} characters are invalid in every encoding tried "
            f"(utf-8, gb18030, big5); best guess {name}" if error is NotText else
            f"{bad:,} of {n:,} characters are invalid as {name}"
        )
    controls = _control_share(text)
    if controls > MAX_CONTROL_SHARE:
        raise NotText(f"not text: {controls:.0%} of the characters are control characters when decoded as "
                      f"{name} (a binary file?)")
    return Decoded(text, name, bad, first)
