"""Named programs, campaigns, plans and documents: the rows of the ``programs`` table.

What counts as a program (the policy tests/gold/programs.jsonl is annotated with):

* every 《…》 title is one ``document`` (``plan`` for a 规划/计划/纲要), quotes inside included;
* a quoted name when a program word follows it (“十四五”规划 → plan, “某某”工程 → project: the
  word joins the surface) or ends it (“无毒社区” → title, “厕所革命” → campaign), when it is a
  well-known program (“一带一路”), when a launching verb governs it (开展“某某”), when a
  reform or policy word follows it (“放管服”改革: the surface stays the quote) or a title verb
  precedes it (荣获“某某先进学校”).  Quoted periods (“十一五” alone), numbered doctrines
  (“三个代表”), domains and labels (“三农”, “四风”) and ordinary quoted words are not programs;
* an unquoted name ending in a program word (…工程, …行动, …三年行动, …计划, …规划, …战略,
  …攻坚战, …活动, …运动, …示范区, 双拥模范城, 全国文明城市, X进社区, 第N个五年计划).  It
  starts after the verb that governs it (深入实施|乡村振兴战略: the verb is not part of it);
  generic heads (重点工程, 国家计划, 有计划) are not programs, and …计划/…规划/…活动/…运动
  count only after a launching verb (开展全民健身活动, not 打击非法金融活动);
* unquoted …项目 and …试点 are not reported: every construction item is a 项目.

``name`` is the surface without quotes, brackets or spaces, in Simplified characters.
"""
from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from corpus.normalize import normalize_chars, to_simplified
from corpus.records import Document, Sentence
from extract.patterns import programs as P
from extract.patterns.programs import Lexicon, found_before, is_generic, is_han, kind_of, load_lexicon
from extract.records import Program

MAX_NAME = 20  # longest unquoted name (without its suffix) a leftward scan is trusted to bound
MAX_PREFIX = 8  # longest unquoted lead-in joined to a quoted name (乡村人才“某某”工程)
QUOTE_CHARS = "“”「」『』‘’\"《》〈〉"
_HARD = frozenset("的等了是把将被从让给着或")  # a name never runs across these
_SOFT = frozenset("和与及")  # a name may (粮食节约和反食品浪费行动) or may not run across these
_WEAK = ("计划", "规划", "活动", "运动", "竞赛")  # generic unless a launching verb governs them
_FAMILIES = ("工程", "计划", "规划", "战略", "运动", "活动", "行动")
_ALWAYS_BAD = ("师", "院", "生育", "员", "会", "中心", "室", "场", "馆")  # 工程师, 计划生育, 运动员
_OUTSIDE_HEADS = frozenset({"著作", "一文", "称号"})  # name the quote before them, not joined to it
_DOC_PLANS = ("实施方案", "工作方案", "总体方案", "行动方案", "改革方案", "建设方案")


@lru_cache(maxsize=65536)
def parse_program_name(surface: str) -> str:
    """Normalise a program surface into the name used to count it across a corpus.

    Quotes, book-title marks and whitespace go; full-width forms become ASCII and Traditional
    characters Simplified, so that the spellings of one program group together.

    Args:
        surface: the mention as written (``doc.text[start:end]``).

    Returns:
        The normalised name ('' when nothing is left).

    >>> parse_program_name("《關於“八一”建軍節期間開展擁軍活動的通知》")
    '关于八一建军节期间开展拥军活动的通知'
    >>> parse_program_name("“十二五 ”规划")
    '十二五规划'
    """
    text = "".join(c for c in normalize_chars(surface) if c not in QUOTE_CHARS and not c.isspace())
    return to_simplified(text) if text else ""


@dataclass(frozen=True, slots=True)
class _Candidate:
    start: int
    end: int
    kind: str
    rule: str
    rank: int  # lower wins an overlap: 0 titles, 1 quoted names, 2 fixed patterns, 3 unquoted names


def extract_programs(doc: Document, sentences: list[Sentence]) -> Iterator[Program]:
    """Yield the program mentions of one document, in text order, without overlaps.

    Args:
        doc: the document; offsets point into ``doc.text``.
        sentences: its sentences, for ``sentence_id`` (may be empty).

    Returns:
        An iterator of Program records with ids ``{doc_id}/p{n}``.
    """
    text, lex = doc.text, load_lexicon()
    kept = _resolve([*_titles(text), *_quoted(text, lex), *_fixed(text, lex), *_unquoted(text, lex)])
    starts = [s.start for s in sentences]
    for n, c in enumerate(kept, 1):
        i = bisect_right(starts, c.start) - 1
        surface = text[c.start:c.end]
        yield Program(doc.doc_id, f"{doc.doc_id}/p{n}", sentences[i].sentence_id if i >= 0 else "",
                      c.start, c.end, surface, parse_program_name(surface), c.kind, c.rule)


def _resolve(cands: list[_Candidate]) -> list[_Candidate]:
    """Keep non-overlapping candidates by rank, the longest first within a rank (a fixed
    第一个五年计划 beats a scanned 我国第一个五年计划)."""
    starts: list[int] = []  # the kept spans, sorted and disjoint: an overlap test is a bisect
    spans: list[tuple[int, int, _Candidate]] = []
    for c in sorted(cands, key=lambda c: (c.rank, c.start - c.end, c.start)):
        if c.end <= c.start:
            continue
        i = bisect_right(starts, c.start)
        if (i > 0 and spans[i - 1][1] > c.start) or (i < len(spans) and spans[i][0] < c.end):
            continue
        starts.insert(i, c.start)
        spans.insert(i, (c.start, c.end, c))
    return [t[2] for t in spans]


def _titles(text: str) -> Iterator[_Candidate]:
    for m in P.BOOK_TITLE.finditer(text):
        if any(is_han(ch) for ch in m["body"]):
            yield _Candidate(m.start(), m.end(), P.title_kind(m["body"]), "book_title", 0)


def _fixed(text: str, lex: Lexicon) -> Iterator[_Candidate]:
    """Ordinal five-year plans, annual plans, unquoted laws and the known unquoted names."""
    for anchor, rx, backs, name in ((P.FIVE_YEAR_ANCHOR, P.FIVE_YEAR_PLAN, range(5, -1, -1), "five_year_plan"),
                                    (P.ANNUAL_ANCHOR, P.ANNUAL_PLAN, (7, 6, 5), "annual_plan")):
        for a in anchor.finditer(text):  # a literal anchor keeps the scan fast; the rule checks what precedes it
            starts = (max(0, a.start() - k) for k in backs)
            if m := next((m for s in starts if (m := rx.match(text, s)) and m.end() >= a.end()), None):
                yield _Candidate(m.start(), m.end(), "plan", name, 2)
    for m in P.UNQUOTED_LAW.finditer(text):
        name = P.strip_lead(m["name"], lex)
        if not any(c in name for c in "的和与及") and not is_generic(name[:-2], lex):
            yield _Candidate(m.end("name") - len(name), m.end("name"), "document", "unquoted_law", 2)
    for name, kind in lex.known_unquoted.items():
        i = text.find(name)
        while i >= 0:
            yield _Candidate(i, i + len(name), kind, "known_name", 2)
            i = text.find(name, i + len(name))


# ---------------------------------------------------------------- quoted names


def _quoted(text: str, lex: Lexicon) -> list[_Candidate]:
    """Judge every quoted name, right to left so that “甲”“乙”政策 learns from its last item."""
    listed: dict[int, str] = {}  # start of a quote accepted by a word after it -> its kind
    return [c for m in reversed(list(P.QUOTED.finditer(text))) if (c := _judge_quote(text, m, lex, listed))]


def _judge_quote(text: str, m, lex: Lexicon, listed: dict[int, str]) -> _Candidate | None:
    body, s, e = m["body"].strip(), m.start(), m.end()
    if len(body) < 2 or not any(is_han(ch) for ch in body) or body in lex["quote_never"]:
        return None
    if (h := P.QUOTE_HEAD.match(text, e)) and _head_ok(text, h, body, lex):
        kind = P.suffix_kind(h["head"])[1]
        if h["head"] in _OUTSIDE_HEADS:
            return _Candidate(s, e, kind, "quote_head", 1)
        return _Candidate(_quote_prefix(text, s, lex), h.end(), kind, "quote_head", 1)
    if "、" not in body and "," not in body and not P.COUNT_BODY.match(body) and (k := kind_of(body)):
        return _Candidate(s, e, k, "quote_suffix", 1) if _plain_body(body, lex) else None
    if body in lex["quote_not_bare"] or P.PERIOD_BODY.fullmatch(body) or P.NUMBERED_BODY.match(body):
        return None
    if P.QUOTE_INSTITUTION.match(text, e):
        return None  # “某袋子”省长负责制
    kind = "document" if body.endswith("条") else "campaign"  # “某十条”: a policy document's nickname
    if body in lex["quote_known"] or P.PLUS_BODY.search(body):
        return _Candidate(s, e, kind, "quote_known", 1)
    if found_before(text, s, lex["title_triggers"], 6):
        return _Candidate(s, e, "title", "quote_title", 1)
    nxt = e + 1 if e < len(text) and text[e] in "、和与及" else e
    if _policy_head_after(text, e, lex) or nxt in listed:
        listed[s] = kind
        return _Candidate(s, e, kind, "quote_policy", 1)
    if P.LISTED_ACTIVITY.match(text, e):
        return _Candidate(s, e, "activity", "quote_listed", 1)
    if not body.endswith("制") and found_before(text, s, lex["quote_triggers"], 4) and (
            e == len(text) or not is_han(text[e]) or text[e] in "和与及等" or text.startswith("工作", e)):
        return _Candidate(s, e, kind, "quote_trigger", 1)
    return None


def _plain_body(body: str, lex: Lexicon) -> bool:
    """Not a pejorative (“形象工程”), a bare generic (“头号工程”) or a 'solution' (“某地方案”)."""
    if any(w in body for w in lex["negative_name_words"]) or body.endswith("方案") and not body.endswith(_DOC_PLANS):
        return False
    core = P.strip_level_note(body)
    suffix = P.suffix_kind(core)[0]
    return bool(P.NUMBERED_BODY.match(core)) or not is_generic(core[: -len(suffix)], lex)  # “十大工程”: a bundle


def _head_ok(text: str, h, body: str, lex: Lexicon) -> bool:
    """May the program word after a quote join it?  Not after a period unless it is a plan
    (“十五五”重大项目), not when the word runs on (“某某”战略任务), not 项目 after a long modifier."""
    head = h["head"]
    if P.PERIOD_BODY.fullmatch(body) and not head.endswith(("规划", "计划", "纲要")):
        return False
    if head == "项目" and len(h["mod"]) > 2 or text.startswith(_ALWAYS_BAD, h.end()):
        return False
    if any(w in body or w in h["mod"] for w in lex["negative_name_words"]):
        return False  # “某独”分裂活动
    fam = _family(head)
    return fam in ("规划", "计划") or not _bad_follow(text, h.end(), fam, lex)


def _policy_head_after(text: str, e: int, lex: Lexicon) -> bool:
    """“某某”改革 / “某某”行政执法改革: a reform or policy word at most four characters on."""
    for k in range(5):
        if text.startswith(lex.longest["quote_policy_heads"], e + k):
            return True
        if e + k >= len(text) or not is_han(text[e + k]) or text[e + k] in "的和与及等":
            return False
    return False


def _quote_prefix(text: str, s: int, lex: Lexicon) -> int:
    """Join an unquoted lead-in governed by a verb (实施|乡村人才“某某”工程); else the quote alone."""
    j = s
    while s - j < MAX_PREFIX and j > 0:
        if P.verb_ending_at(text, j, lex):
            return j if s - j >= 2 and not is_generic(text[j:s], lex) else s
        if not is_han(text[j - 1]) or text[j - 1] in _HARD or text[j - 1] in _SOFT:
            return s
        j -= 1
    return s


# ---------------------------------------------------------------- unquoted names


def _unquoted(text: str, lex: Lexicon) -> Iterator[_Candidate]:
    for m in P.PROGRAM_SUFFIX.finditer(text):
        if c := _judge_suffix(text, m.start(), m.end(), m["suffix"], lex):
            yield c
    for m in P.ENTER_PLACE.finditer(text):
        s = m.start()
        if m["verb"] == "进" and s > 0 and text[s - 1] in "推促改引增先跟演前迈挺跃上奋精并突冒激行递后送":
            continue  # 推进/促进 + 社区: a verb, not a 进社区 campaign
        start, stop, conn = _scan_left(text, s, lex)
        start = _join_connector(text, start, conn, lex)
        if stop != "limit" and s - start >= 2 and not is_generic(text[start:s], lex):
            yield _Candidate(start, m.end(), "campaign", "enter_place", 3)


def _scan_left(text: str, end: int, lex: Lexicon, *, min_name: int = 2) -> tuple[int, str, int]:
    """Where an unquoted name ending at ``end`` starts, what stopped the scan (verb, punct,
    digit, quote, hard…, start, limit) and the connector 和/与/及 it crossed (-1: none)."""
    i, conn, floor = end, -1, max(0, end - MAX_NAME)
    while True:
        n = end - i
        if n >= min_name and (v := P.verb_ending_at(text, i, lex)):
            if not (min_name and n <= 3 and v in lex["inner_verbs"]):  # 国企改革深化|提升行动
                return i, "verb", conn
        if i == 0 or i <= floor:
            return i, "start" if i == 0 else "limit", conn
        c = text[i - 1]
        if not is_han(c):
            return i, "digit" if c.isascii() and c.isalnum() else "quote" if c in QUOTE_CHARS else "punct", conn
        if c in _HARD or c == "对" and text[i:i + 1] not in "口外台接标非" and text[i - 2:i - 1] not in "比核校配相绝应":
            return i, "hard" + c, conn
        if c in _SOFT and conn < 0:
            conn = i - 1
        i -= 1


def _join_connector(text: str, start: int, conn: int, lex: Lexicon) -> int:
    """A short left conjunct joins the name (双良与华能…工程); a long or generic one does not."""
    if conn < 0 or conn == len(text) - 1 or not is_han(text[conn + 1]):
        return start
    left = text[start:conn]
    joins = 0 < len(left) <= 4 and not P.PROGRAM_SUFFIX.search(left) and not is_generic(left, lex)
    return start if joins else conn + 1


def _bad_follow(text: str, end: int, family: str, lex: Lexicon) -> bool:
    return text.startswith(lex.bad_followers.get(family, ()), end)


def _family(suffix: str) -> str:
    return next((f for f in _FAMILIES if suffix.endswith(f)), "title" if kind_of("某" + suffix) == "title" else suffix)


def _judge_suffix(text: str, s: int, e: int, suffix: str, lex: Lexicon) -> _Candidate | None:
    """Bound and judge the unquoted name that ends with ``suffix`` at ``text[s:e]``."""
    family, self_title = _family(suffix), suffix.endswith(tuple(lex["self_titles"]))
    if _bad_follow(text, e, family, lex):
        return None
    if family == "title" and (paren := P.TITLE_PAREN.match(text, e)):
        e = paren.end()
    scan, stop, conn = _scan_left(text, s, lex, min_name=0 if self_title else 2)
    if stop in ("limit", "hard等") or stop == "quote" and (scan == s or text[e:e + 1] in "”」』\""):
        return None  # unbounded, a category after a list (甲、乙等工程), judged as a quoted name
    if conn == s - 1 >= 0:
        return None  # 赛事和活动: a bare noun in a list
    start = _join_connector(text, scan, conn, lex)
    name = text[start:s]
    if stop == "digit" and (q := P.LEADING_QUANTITY.match(name)):
        if family == "title" and P.AREA_BEFORE.search(text[max(0, start - 8):start + q.end()]):
            return None  # 某万亩某某示范区: demonstration plots
        start, name = start + q.end(), name[q.end():]
    stripped = P.strip_lead(name, lex)
    start, name = start + len(name) - len(stripped), stripped
    if not _good_name(name, family, self_title, lex):
        return None
    if suffix.endswith(_WEAK) and not _launched(text, scan, stop, conn, lex):
        return None
    if family == "行动" and stop != "verb" and len(name) < 4:
        return None  # 统一行动, 以实际行动
    return _Candidate(start, e, kind_of(name + suffix) or "other", "suffix", 3)


def _good_name(name: str, family: str, self_title: bool, lex: Lexicon) -> bool:
    """Is the part before the suffix a name rather than a generic word, a verb or a clause?"""
    if name in lex["lead_verbs"] or name in lex["pejoratives"] or name.startswith(lex.longest["determiners"]):
        return False
    if not self_title and (len(name) < 2 or is_generic(name, lex)):
        return False
    if "项目" in name or name and name[-1] in "用以在中开诸于为了着过":
        return False  # 续建项目和收尾工程 (a list), 只能用实际行动 (a verb's object)
    if family in ("活动", "运动", "行动", "竞赛") and any(w in name for w in lex["negative_name_words"]):
        return False
    if family == "运动" and any(w in name for w in lex["movement_negative_words"]):
        return False
    return family != "战略" or not (name.endswith(lex.longest["strategy_bad_endings"]) or "在" in name
                                   or name.startswith("为"))  # 服务国家重大战略, 澳门在国家整体发展战略


def _launched(text: str, start: int, stop: str, conn: int, lex: Lexicon) -> bool:
    """Is a 计划/规划/活动 name governed by a launching verb, directly or across a list?"""
    if stop == "verb":
        return found_before(text, start, lex["activity_verbs"], 0)
    return conn >= 0 and found_before(text, conn, lex["activity_verbs"], 24, stops=",。;:!?\n")
