"""The subject of a quantity: the thing counted or measured, from the words around it.

Two places hold it: before the number ("有低保户800户", "教师1656人", "发放应急救助金6.3万元")
or after the measure word ("走访1700余名退役军人", "为19名困难群众发放…").  The local window is
segmented with jieba (a private Tokenizer with the domain dictionary extract/data/user_dict.txt,
loaded once per process on first use) and trimmed of scope words, verbs and particles from the
word lists in extract/data/lexicon.json.
"""
from __future__ import annotations

import functools
import json
import logging
import re
from importlib import resources

from extract.units import CLASSIFIERS

WINDOW_BEFORE = 24
WINDOW_AFTER = 12
MAX_SUBJECT = 16
# Characters that end a subject window: punctuation, brackets, conjunctions between items.
_STOP = re.compile(r"[,，。;；:：!?！？、()（）\[\]【】“”\"《》\n]")
_AFTER_STOP = re.compile(r"[,，。;；:：!?！？、()（）\[\]【】“”\"《》\n]|的|和|与|及|等|以上|以下|左右|以内|参加|参与|受益|次")
_HAS_HAN = re.compile(r"[\u4e00-\u9fff]")
_NUMBERISH = re.compile(r"^[\d.%‰,，~\-—–年月日号]+$|^\d")


@functools.lru_cache(maxsize=1)
def lexicon() -> dict[str, frozenset[str]]:
    raw = json.loads(resources.files("extract").joinpath("data/lexicon.json").read_text(encoding="utf-8"))
    return {k: frozenset(v) for k, v in raw.items() if isinstance(v, list)}


@functools.lru_cache(maxsize=1)
def tokenizer():
    """A private jieba Tokenizer with the domain dictionary (the global jieba is left alone)."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    tok = jieba.Tokenizer()
    path = resources.files("extract").joinpath("data/user_dict.txt")
    with resources.as_file(path) as p:
        tok.load_userdict(str(p))
    return tok


@functools.lru_cache(maxsize=100_000)
def segment(text: str) -> tuple[str, ...]:
    return tuple(tokenizer().lcut(text, HMM=False))


def _trim(tokens: list[str], *, from_left: frozenset[str], from_right: frozenset[str]) -> list[str]:
    while tokens and (tokens[0] in from_left or _NUMBERISH.match(tokens[0]) or not _HAS_HAN.search(tokens[0])):
        tokens.pop(0)
    while tokens and (tokens[-1] in from_right or not _HAS_HAN.search(tokens[-1])):
        tokens.pop()
    return tokens


def subject_before(text: str, lo: int, pos: int) -> tuple[int, int] | None:
    """Subject in ``text[lo:pos]`` (lo: the start of the clause or the end of the previous
    quantity).  Takes what follows the last verb, trimmed of scope words and tail words."""
    lo = max(lo, pos - WINDOW_BEFORE)
    window = text[lo:pos]
    cut = max((m.end() for m in _STOP.finditer(window)), default=0)
    window = window[cut:]
    if not _HAS_HAN.search(window):
        return None
    lex = lexicon()
    tokens = list(segment(window))
    # what follows the last verb is the object, hence the subject of the number
    for i in range(len(tokens) - 1, -1, -1):
        if tokens[i] in lex["verbs"] and i < len(tokens) - 1:
            rest = _trim(tokens[i + 1:], from_left=lex["scope_words"], from_right=lex["tail_words"])
            if rest:
                tokens = tokens[i + 1:]
                break
    tokens = _trim(tokens, from_left=lex["scope_words"] | lex["verbs"], from_right=lex["tail_words"])
    if not tokens:
        return None
    phrase = "".join(tokens)
    if len(phrase) > MAX_SUBJECT:
        return None
    start = lo + cut + window.rfind(phrase)
    return (start, start + len(phrase)) if start >= lo + cut else None


def subject_after(text: str, pos: int, hi: int, unit: str) -> tuple[int, int] | None:
    """Subject right after a measure word ("1700余名退役军人"): the noun phrase that follows,
    up to a verb, a particle or punctuation."""
    if unit not in CLASSIFIERS or pos >= hi or not _HAS_HAN.match(text[pos:pos + 1]):
        return None
    window = text[pos:min(hi, pos + WINDOW_AFTER)]
    m = _AFTER_STOP.search(window)
    if m:
        window = window[: m.start()]
    if not window:
        return None
    lex = lexicon()
    tokens = list(segment(window))
    kept: list[str] = []
    for t in tokens:
        if t in lex["verbs"] or t in lex["tail_words"] or t in lex["change_up"] or t in lex["change_down"]:
            break
        kept.append(t)
    if not kept or not _HAS_HAN.search(kept[0]):
        return None
    phrase = "".join(kept)
    if len(phrase) < 2 and phrase not in ("人", "户"):
        return None
    return pos, pos + len(phrase)
