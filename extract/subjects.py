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
# segmentations kept per process: windows recur within a document (a total and its parts share
# words), rarely across documents, so a small cache keeps the hits and memory flat over an archive
SEGMENT_CACHE = 8192
# Characters that end a subject window: punctuation, brackets, conjunctions between items.
_STOP = re.compile(r"[,，。;；:：!?！？、()（）\[\]【】“”\"《》\n]")
_AFTER_STOP = re.compile(r"[,，。;；:：!?！？、()（）\[\]【】“”\"《》\n\d]|的|和|与|及|等|以上|以下|左右|以内|参加|参与|受益|次")
_HAS_HAN = re.compile(r"[\u4e00-\u9fff]")
_NUMBERISH = re.compile(r"^[\d.%‰,，~\-—–年月日号]+$|^\d")


@functools.lru_cache(maxsize=1)
def lexicon() -> dict[str, frozenset[str]]:
    raw = json.loads(resources.files("extract").joinpath("data/lexicon.json").read_text(encoding="utf-8"))
    return {k: (frozenset(v) if isinstance(v, list) else v) for k, v in raw.items() if not k.startswith("_")}


@functools.lru_cache(maxsize=1)
def tokenizer():
    """The segmenter for the few words around a number, with the domain dictionary.

    jieba-rs (the ``rjieba`` binding) when installed: the same algorithm and dictionary as jieba,
    about ten times faster on short windows (tests/extract/test_segmenter.py checks that both
    cut corpus windows alike); otherwise a private ``jieba.Tokenizer`` (the global jieba is left
    alone).  Loaded once per process, on first use.
    """
    user = _user_words()
    jieba_rs = _rjieba_class()
    if jieba_rs is not None:
        tok = jieba_rs()
        for word, freq, tag in user:
            tok.add_word(word, freq, tag)
        return _RustTokenizer(tok)
    tok = _private_jieba()
    for word, freq, tag in user:
        tok.add_word(word, freq, tag)
    return tok


def _rjieba_class():
    """``rjieba.Jieba``, or None when rjieba is not installed.

    Importing the ``rjieba`` package builds a module-level default segmenter (a whole dictionary
    load, 0.12 s per process) that is never used here, since ours needs the domain words added.
    So the compiled module inside the package is loaded on its own (and registered under its
    full name, so that a later ``import rjieba`` reuses it); if the package is laid out
    differently, the plain import is used.
    """
    import importlib.machinery
    import importlib.util
    import os
    import sys

    name = "rjieba.rjieba"
    if name in sys.modules:
        return sys.modules[name].Jieba
    try:
        spec = importlib.util.find_spec("rjieba")
    except (ImportError, ValueError):
        return None
    if spec is None:
        return None
    try:
        for folder in spec.submodule_search_locations or ():
            for suffix in importlib.machinery.EXTENSION_SUFFIXES:
                path = os.path.join(folder, "rjieba" + suffix)
                if os.path.isfile(path):
                    loader = importlib.machinery.ExtensionFileLoader(name, path)
                    module = importlib.util.module_from_spec(importlib.util.spec_from_loader(name, loader))
                    loader.exec_module(module)
                    sys.modules[name] = module
                    return module.Jieba
    except Exception:  # noqa: BLE001 -- any surprise in the shortcut: import the package as usual
        pass
    try:
        import rjieba
    except ImportError:
        return None
    return rjieba.Jieba


def jieba_cache_dir() -> str:
    """A folder only this user can write, for jieba's dictionary cache.

    jieba by default loads ``jieba.cache`` with ``marshal`` from the shared temp folder
    (/tmp): anyone who can write there could plant a cache that this process then unmarshals.
    The cache goes instead to ``$XDG_CACHE_HOME/zongjie/jieba`` (``~/.cache/zongjie/jieba``),
    created with mode 0700; when that folder is not ours or others can write to it, a fresh
    private temporary folder (``mkdtemp``, mode 0700) is used for this process.
    """
    import os
    import stat

    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    path = os.path.join(base, "zongjie", "jieba")
    try:
        os.makedirs(path, mode=0o700, exist_ok=True)
        st = os.lstat(path)
        uid = os.getuid() if hasattr(os, "getuid") else None
        if (stat.S_ISDIR(st.st_mode) and (uid is None or st.st_uid == uid)
                and not st.st_mode & (stat.S_IWGRP | stat.S_IWOTH)):
            return path
    except OSError:
        pass
    return _private_tmp()


@functools.lru_cache(maxsize=1)
def _private_tmp() -> str:
    import atexit
    import shutil
    import tempfile

    path = tempfile.mkdtemp(prefix="zongjie-jieba-")  # mode 0700, owned by us
    atexit.register(shutil.rmtree, path, True)
    return path


def _private_jieba():
    """A fresh ``jieba.Tokenizer`` whose dictionary cache lives in ``jieba_cache_dir()``."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    tok = jieba.Tokenizer()
    tok.tmp_dir = jieba_cache_dir()  # jieba names the cache file (jieba.cache) inside it
    return tok


class _RustTokenizer:
    def __init__(self, tok) -> None:
        self._tok = tok

    def lcut(self, text: str, HMM: bool = False) -> list[str]:  # noqa: N803 - jieba's own keyword
        return self._tok.cut(text, HMM)

    def tag(self, text: str) -> list[tuple[str, str]]:
        return self._tok.tag(text, False)


def _user_words() -> list[tuple[str, int, str]]:
    text = resources.files("extract").joinpath("data/user_dict.txt").read_text(encoding="utf-8")
    out = []
    for line in text.splitlines():
        parts = line.split()
        if len(parts) >= 3:
            out.append((parts[0], int(parts[1]), parts[2]))
    return out


def jieba_tokenizer():
    """The pure-Python jieba Tokenizer with the same dictionary (reference for tests)."""
    tok = _private_jieba()
    for word, freq, tag in _user_words():
        tok.add_word(word, freq, tag)
    return tok


@functools.lru_cache(maxsize=SEGMENT_CACHE)
def segment(text: str) -> tuple[str, ...]:
    return tuple(tokenizer().lcut(text, HMM=False))


def word_tags(text: str) -> dict[str, str]:
    """Part-of-speech tags of the words of ``text`` from the segmenter's dictionary (jieba-rs tags
    them as it cuts; with plain jieba, jieba's dict.txt is read once)."""
    tok = tokenizer()
    if isinstance(tok, _RustTokenizer):
        return dict(_tagged(text))
    return pos_tags()


@functools.lru_cache(maxsize=SEGMENT_CACHE)
def _tagged(text: str) -> tuple[tuple[str, str], ...]:
    return tuple(tokenizer().tag(text))


_COMPARISON = re.compile(r"(?:由|从|比(?![重例率较])|较)[^,，。;；]{0,14}$")
_TIME_TOKEN = re.compile(r"^[\d〇零一二三四五六七八九十两-]+(?:年|月|日|季度|年度)?$|^[\d〇零一二三四五六七八九十]+[年月日]"
                         r"|^(?:年|月|日|年度|年末|年底|年初|季度|上半年|下半年)$")
_STOP_TAGS = ("p", "c", "u", "d", "r", "m", "q", "t", "f", "x", "y", "e", "o")


@functools.lru_cache(maxsize=1)
def pos_tags() -> dict[str, str]:
    """Part-of-speech tags from jieba's own dictionary (the tag column of dict.txt), plus the
    domain dictionary: a cheap tagger for the few words around a number."""
    import jieba

    tags: dict[str, str] = {}
    dict_path = resources.files(jieba).joinpath("dict.txt")
    with resources.as_file(dict_path) as p, open(p, encoding="utf-8") as fh:
        for line in fh:
            w, _, rest = line.partition(" ")
            tags[w] = rest.rsplit(" ", 1)[-1].strip()
    user = resources.files("extract").joinpath("data/user_dict.txt").read_text(encoding="utf-8")
    for line in user.splitlines():
        parts = line.split()
        if len(parts) >= 3:
            tags[parts[0]] = parts[2]
    return tags


def _is_break(tok: str, lex: dict[str, frozenset[str]], tags: dict[str, str]) -> bool:
    """A word that cannot be inside a subject noun phrase: an action verb, a preposition, a
    particle, a number or time word, punctuation."""
    if tok in lex["nominal_verbs"]:
        return False
    if tok in lex["verbs"] or tok in lex["scope_words"] or _TIME_TOKEN.match(tok) or not _HAS_HAN.search(tok):
        return True
    tag = tags.get(tok, "n")
    return tag == "v" or (tag.startswith(_STOP_TAGS) and tag not in ("vn", "nz"))


def _noun_phrase_before(tokens: list[str]) -> list[str]:
    """The longest run of noun-like words ending the window (after trailing tail words)."""
    lex = lexicon()
    tags = word_tags("".join(tokens))
    end = len(tokens)
    while end > 0 and (tokens[end - 1] in lex["tail_words"] or not _HAS_HAN.search(tokens[end - 1])
                       or tokens[end - 1] in lex["scope_words"] or _TIME_TOKEN.match(tokens[end - 1])
                       or (tags.get(tokens[end - 1]) == "v" and tokens[end - 1] not in lex["nominal_verbs"])):
        end -= 1
    if end == 0:
        return []
    start = end - 1  # the head word is kept even when jieba calls it a verb (收入, 就业)
    head = tokens[start]
    if (head in lex["verbs"] and head not in lex["nominal_verbs"]) or head in lex["scope_words"] \
            or _TIME_TOKEN.match(head):
        return []
    if len(head) == 1 and head in _NOMINAL_SUFFIX and start > 0:
        start -= 1  # 办结率, 增长面, 参保率: the word before a nominal suffix belongs to it, verb or not
    while start > 0 and not _is_break(tokens[start - 1], lex, tags):
        start -= 1
    # a word jieba calls a verb that opens the clause is an attribute (兼职网格员, 下岗职工), not a verb
    if start == 1 and tags.get(tokens[0]) == "v" and tokens[0] not in lex["verbs"] and len(tokens[0]) >= 2 \
            and tokens[0] not in lex["tail_words"] and tokens[0] not in lex["scope_words"]:
        start = 0
    return tokens[start:end]


_NOMINAL_SUFFIX = frozenset("率面额量数度值")
_FILLER = re.compile(r"\s*(?:由|从|达到|达|为|是|到|增加到|提高到|降至|增至|共|合计|累计|其中)?[^,，。;；\u4e00-\u9fff]*")


def _strip_comparison(window: str) -> str:
    cmp_ = _COMPARISON.search(window)  # "国内生产总值从1997年的": the subject stands before 从
    return window[: cmp_.start()] if cmp_ else window


def subject_before(text: str, lo: int, pos: int) -> tuple[int, int] | None:
    """Subject in ``text[lo:pos]`` (lo: the start of the clause or the end of the previous
    quantity): the noun phrase that ends right before the number, without the verb, scope and
    change words around it ("发放应急救助金" -> 应急救助金, "全年城镇新增就业" -> 城镇新增就业)."""
    lo = max(lo, pos - WINDOW_BEFORE)
    full = text[lo:pos]
    stops = [m.end() for m in _STOP.finditer(full)]
    cut = stops[-1] if stops else 0
    window = _strip_comparison(full[cut:])
    if not _HAS_HAN.search(window) and len(stops) >= 1 and _FILLER.fullmatch(full[cut:]):
        # "原油产量继续增长,达到1.42亿吨": the clause holds only a verb; its subject is one clause back
        cut = stops[-2] if len(stops) >= 2 else 0
        window = _strip_comparison(full[cut:stops[-1] - 1])
    if not _HAS_HAN.search(window):
        return None
    tokens = _noun_phrase_before(list(segment(window)))
    if not tokens:
        return None
    phrase = "".join(tokens)
    if len(phrase) > MAX_SUBJECT or (len(phrase) < 2 and word_tags(phrase).get(phrase, "") != "n"):
        return None
    start = lo + cut + window.rfind(phrase)
    return start, start + len(phrase)


def subject_after(text: str, pos: int, hi: int, unit: str) -> tuple[int, int] | None:
    """Subject right after the number and its unit: the noun phrase that follows ("1700余名退役军人",
    "增拨900万元经常开支"), or the one after 的 ("3.28万亿元的投资规模", "86%的县"); up to a
    verb, an adverb, a particle or punctuation."""
    if pos >= hi:
        return None
    start = pos + 1 if text[pos:pos + 1] == "的" else pos
    if not _HAS_HAN.match(text[start:start + 1]):
        return None
    window = text[start:min(hi, start + WINDOW_AFTER)]
    m = _AFTER_STOP.search(window)
    if m:
        window = window[: m.start()]
    if not window:
        return None
    lex = lexicon()
    tags = word_tags(window)
    kept: list[str] = []
    for t in segment(window):
        if t in lex["verbs"] or t in lex["tail_words"] or t in lex["change_up"] or t in lex["change_down"]:
            break
        tag = tags.get(t, "n")
        if kept and (tag == "v" and t not in lex["nominal_verbs"] or tag in ("d", "p", "c", "u", "uj", "r")):
            break
        if not kept and (tag in ("d", "p", "c", "u", "uj", "m", "q", "r") or (tag == "v" and t not in lex["nominal_verbs"])):
            return None  # 4 000个仍未售出…: a verb follows, the subject is elsewhere
        kept.append(t)
    if not kept:
        return None
    phrase = "".join(kept)
    if len(phrase) < 2 and phrase not in ("人", "户"):
        return None
    return start, start + len(phrase)
