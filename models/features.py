"""Features of a section: its body, its heading, the headings above it, and term-list counts.

A section text is ``"<heading>\\n<body>"``: the first line is the heading, optionally preceded by
the headings of the enclosing sections, each followed by ``CONTEXT_SEP`` (see ``section_text``).
Body, heading and context are bags of hashed n-grams (characters by default; words when a
tokenizer is passed in) weighted by tf (sublinear when asked; x idf when ``use_idf``) and
L2-normalised.  A fourth, small block counts the taxonomy's seed terms: topic and role terms in
heading + body (log counts, L2-normalised), and whether the heading or an enclosing heading uses
a role's terms (a heading saying 存在的问题, or a parent saying 工作安排, says a lot about the role).

Section boundaries fall on whitespace and n-grams never contain whitespace, so the n-grams of a
section are exactly the document's n-grams that lie inside it: ``span_parts`` hashes a document
once and cuts it into pieces at every section boundary; a section's body counts are the sum of
its pieces (see ``models.topic`` for how scores are computed from the pieces).
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, NamedTuple

import numpy as np

if TYPE_CHECKING:  # scipy is imported where a sparse matrix is built (training), not to classify
    import scipy.sparse as sp

from models.hashing import HASH_VERSION, TermMatcher, batch_codes, char_codes, scan

CONTEXT_SEP = "\x1f"  # ends each enclosing heading on the first line of a section text


def split_section_text(text: str) -> tuple[str, str, str]:
    """Context (enclosing headings), heading and body of a section text.

    >>> split_section_text("三、双拥工作\\n走访慰问优抚对象")
    ('', '三、双拥工作', '走访慰问优抚对象')
    >>> split_section_text(section_text("(一)优抚安置", "(一)优抚安置 发放优抚金", ["一、主要工作"]))
    ('一、主要工作', '(一)优抚安置', '(一)优抚安置 发放优抚金')
    """
    first, _, body = text.partition("\n")
    context, _, heading = first.rpartition(CONTEXT_SEP)
    return context.replace(CONTEXT_SEP, " "), heading, body


def section_text(heading: str, body: str, context: Sequence[str] = ()) -> str:
    """The text a section is classified from: enclosing headings and heading on the first line, then the body."""
    clean = lambda h: (h or "").replace("\n", " ").replace(CONTEXT_SEP, " ")  # noqa: E731
    return "".join(clean(c) + CONTEXT_SEP for c in context) + clean(heading) + "\n" + body


class SpanParts(NamedTuple):
    """The body counts of a document cut into pieces at every section boundary, and the other
    blocks of its sections, as plain arrays (``SectionFeatures.span_coo``)."""

    columns: np.ndarray  # body n-gram column of each entry, entries sorted by piece then column
    values: np.ndarray  # weighted (not normalised) count of each entry
    indptr: np.ndarray  # entries of piece p are indptr[p]:indptr[p + 1]
    first: np.ndarray  # section i covers pieces first[i]:end[i]
    end: np.ndarray
    rest: tuple[np.ndarray, np.ndarray, np.ndarray]  # (section, column, value) of the heading, context, lexicon blocks


def _bag(rows: np.ndarray, ids: np.ndarray, width: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(row, column, count) of every distinct (row, id) pair, sorted by row then column."""
    key = rows * width + ids
    key = key.astype(np.int32) if (len(key) == 0 or key.max() < 2 ** 31) else key
    key.sort()  # what np.unique(return_counts=True) does, without its extra copies and passes
    first = np.empty(len(key), dtype=bool)
    first[:1] = True
    np.not_equal(key[1:], key[:-1], out=first[1:])
    at = np.flatnonzero(first)
    counts = np.diff(np.append(at, len(key))).astype(np.float32)
    uniq = key[at].astype(np.int64)
    return uniq // width, uniq % width, counts


def _l2(rows: np.ndarray, vals: np.ndarray, n_rows: int, weight: float) -> np.ndarray:
    """``vals`` scaled so that each row has L2 norm ``weight``."""
    norms = np.sqrt(np.bincount(rows, weights=vals.astype(np.float64) ** 2, minlength=n_rows))
    factor = np.where(norms > 0, weight / np.where(norms > 0, norms, 1.0), 0.0)
    return (vals * factor[rows]).astype(np.float32)


class SectionFeatures:
    """Section texts as one sparse matrix: body, heading, context and lexicon blocks, in that order.

    Args:
        analyzer: "char" (character n-grams) or "word" (n-grams of ``tokenizer`` tokens).
        ngram_range: smallest and largest n.
        n_features, heading_features, context_features: hashed widths of the three n-gram blocks
            (powers of two).
        heading_weight, context_weight: scale of the heading and context blocks against the body.
        sublinear_tf: 1 + log(count) instead of the count (disables the fast path of ``span_parts``).
        use_idf: weigh n-grams by inverse document frequency.
        min_df: n-grams seen in fewer training sections get weight 0.
        topic_terms, role_terms: one list of seed terms per topic / role (from the taxonomy).
        lexicon_weight: scale of the (L2-normalised, log) term counts in heading + body.
        cue_weight: value of "the heading / an enclosing heading uses this role's terms".
        max_body_chars: read a body only up to the first line break after this many characters
            (0: the whole body).  What a section is about and what it does show in its opening
            lines; a document's root and top-level sections need not be read to the end.
        tokenizer: ``str -> list[str]`` for analyzer="word" (e.g. ``jieba.lcut``); passed in, never
            global, and not saved (name it again when loading a word model).
    """

    def __init__(self, *, analyzer: str = "char", ngram_range: tuple[int, int] = (1, 2), n_features: int = 2 ** 18,
                 heading_features: int = 2 ** 15, context_features: int = 2 ** 15, heading_weight: float = 0.7,
                 context_weight: float = 0.5, sublinear_tf: bool = False, use_idf: bool = False, min_df: int = 2,
                 topic_terms: Sequence[Sequence[str]] = (), role_terms: Sequence[Sequence[str]] = (),
                 lexicon_weight: float = 0.7, cue_weight: float = 0.5, max_body_chars: int = 0,
                 tokenizer: Callable[[str], list[str]] | None = None) -> None:
        self.analyzer = analyzer
        self.ngram_range = ngram_range
        self.n_features = n_features
        self.heading_features = heading_features
        self.context_features = context_features
        self.heading_weight = heading_weight
        self.context_weight = context_weight
        self.sublinear_tf = sublinear_tf
        self.use_idf = use_idf
        self.min_df = min_df
        self.topic_terms = topic_terms
        self.role_terms = role_terms
        self.lexicon_weight = lexicon_weight
        self.cue_weight = cue_weight
        self.max_body_chars = max_body_chars
        self.tokenizer = tokenizer

    # -- pieces ------------------------------------------------------------------------------------
    def body_end(self, text: str, start: int, end: int) -> int:
        """Where the body ``text[start:end]`` is read up to (see ``max_body_chars``): a line break,
        so that no n-gram or term is cut."""
        n = self.max_body_chars
        if not n or end - start <= n:
            return end
        k = text.find("\n", start + n, end)
        return end if k == -1 else k

    def _bodies(self, bodies: Sequence[str]) -> list[str]:
        return [b[:self.body_end(b, 0, len(b))] for b in bodies]

    @property
    def n_lexicon(self) -> int:
        return len(self.topic_terms) + 3 * len(self.role_terms)

    @property
    def width(self) -> int:
        return self.n_features + self.heading_features + self.context_features + self.n_lexicon

    def _tokenizer(self) -> Callable[[str], list[str]] | None:
        if self.analyzer == "char":
            return None
        if self.analyzer == "word" and self.tokenizer is not None:
            return self.tokenizer
        raise ValueError("analyzer must be 'char', or 'word' with a tokenizer (e.g. jieba.lcut)")

    def _matchers(self) -> tuple[TermMatcher, TermMatcher]:
        cached = getattr(self, "_matcher_cache", None)
        if cached is None:
            cached = (TermMatcher([*self.topic_terms, *self.role_terms]), TermMatcher(self.role_terms))
            self._matcher_cache = cached
        return cached

    def _ngram_bag(self, texts: Sequence[str], width: int) -> tuple[np.ndarray, ...]:
        codes, starts = batch_codes(texts, self._tokenizer())
        ids, pos, _, _ = scan(codes, tuple(self.ngram_range), width)
        return _bag(np.searchsorted(starts, pos, side="right") - 1, ids, width)

    def _term_counts(self, matcher: TermMatcher, texts: Sequence[str]) -> np.ndarray:
        codes, starts = batch_codes(texts)
        pos, _, grp = scan(codes, (1, 0), 1, matcher)[3]
        rows = np.searchsorted(starts, pos, side="right") - 1
        g = len(matcher.groups)
        return np.bincount(rows * g + grp, minlength=len(texts) * g).reshape(len(texts), g)

    def _weighted(self, rows, cols, counts, idf, n_rows, weight):
        vals = 1.0 + np.log(counts) if self.sublinear_tf else counts
        vals = vals * idf[cols]
        keep = vals != 0
        rows, cols = rows[keep], cols[keep]
        return rows, cols, _l2(rows, vals[keep], n_rows, weight)

    def _rest(self, heads: Sequence[str], contexts: Sequence[str],
              body_terms: np.ndarray | int) -> tuple[np.ndarray, ...]:
        """COO parts of the heading, context and lexicon blocks (``body_terms``: term counts of the bodies)."""
        n = len(heads)
        all_terms = self._matchers()[0]
        # headings and contexts go through one pass: rows 0..n-1 are headings, n..2n-1 contexts
        codes, starts = batch_codes([*heads, *contexts], self._tokenizer())
        same = self.heading_features == self.context_features
        char_terms = all_terms if (all_terms.groups and self.analyzer == "char") else None
        ids, pos, _, hits = scan(codes, tuple(self.ngram_range), self.heading_features if same else 1 << 30,
                                 char_terms)
        rows = np.searchsorted(starts, pos, side="right") - 1
        parts = []
        offset = self.n_features
        for block, (width, weight, idf) in enumerate(((self.heading_features, self.heading_weight, self.idf_head_),
                                                      (self.context_features, self.context_weight, self.idf_context_))):
            mine = (rows >= block * n) & (rows < (block + 1) * n)
            cols = ids[mine] if same else ids[mine] & (width - 1)
            r, c, v = self._weighted(*_bag(rows[mine] - block * n, cols, width), idf, n, weight)
            parts.append((r, c + offset, v))
            offset += width
        if all_terms.groups:
            if char_terms is None:
                counts = self._term_counts(all_terms, [*heads, *contexts])
            else:
                g = len(all_terms.groups)
                trow = np.searchsorted(starts, hits[0], side="right") - 1
                counts = np.bincount(trow * g + hits[2], minlength=2 * n * g).reshape(2 * n, g)
            head_terms, context_terms = counts[:n], counts[n:]
            a = np.log1p((head_terms + body_terms).astype(np.float32))
            r, c = np.nonzero(a)
            parts.append((r, c + offset, _l2(r, a[r, c], n, self.lexicon_weight)))
            offset += a.shape[1]
            first_role = len(self.topic_terms)
            for terms in (head_terms, context_terms):
                r, c = np.nonzero(terms[:, first_role:])
                parts.append((r, c + offset, np.full(len(r), self.cue_weight, np.float32)))
                offset += len(self.role_terms)
        return tuple(np.concatenate(x) for x in zip(*parts))

    @staticmethod
    def _csr(parts: Sequence[tuple[np.ndarray, ...]], shape: tuple[int, int]) -> "sp.csr_matrix":
        import scipy.sparse as sp

        r, c, v = (np.concatenate(x) for x in zip(*parts))
        return sp.csr_matrix((v, (r, c)), shape=shape, dtype=np.float32)

    # -- sklearn API ------------------------------------------------------------------------------------
    def fit(self, texts: Iterable[str], y: object = None) -> "SectionFeatures":
        """Learn which n-grams are frequent enough (and their idf) from section texts."""
        parts = list(zip(*(split_section_text(t) for t in texts))) or [(), (), ()]
        parts[2] = self._bodies(parts[2])
        n = len(parts[2])
        for name, texts_, width in (("body", parts[2], self.n_features), ("head", parts[1], self.heading_features),
                                    ("context", parts[0], self.context_features)):
            df = np.bincount(self._ngram_bag(list(texts_), width)[1], minlength=width)
            weight = (np.log((1.0 + n) / (1.0 + df)) + 1.0) if self.use_idf else np.ones(width)
            weight = weight.astype(np.float32)
            weight[df < self.min_df] = 0.0
            setattr(self, f"idf_{name}_", weight)
        return self

    def transform(self, texts: Iterable[str]) -> "sp.csr_matrix":
        """Features of section texts (see ``section_text``)."""
        contexts, heads, bodies = (list(p) for p in (list(zip(*(split_section_text(t) for t in texts)))
                                                     or [(), (), ()]))
        bodies = self._bodies(bodies)
        n = len(bodies)
        body = self._weighted(*self._ngram_bag(bodies, self.n_features), self.idf_body_, n, 1.0)
        terms = self._term_counts(self._matchers()[0], bodies) if self._matchers()[0].groups else 0
        return self._csr([body, self._rest(heads, contexts, terms)], (n, self.width))

    def span_coo(self, text: str, headings: Sequence[str], spans: Sequence[tuple[int, int]],
                 contexts: Sequence[Sequence[str]]) -> "SpanParts | None":
        """Sections of one document, hashing its text once, as plain arrays (see ``SpanParts``).

        Row i of ``transform`` is the L2-normalised sum of pieces ``first[i]:end[i]``, followed by
        row i of ``rest``.  None when that does not hold (sublinear tf, word n-grams, or an n-gram
        or term crossing a section boundary).
        """
        if self.sublinear_tf or self.analyzer != "char":
            return None
        starts = np.array([s for s, _ in spans], dtype=np.int64)
        ends = np.array([self.body_end(text, s, e) for s, e in spans], dtype=np.int64)
        matcher = self._matchers()[0]
        # only the text some body reads is hashed: its stretches, joined by a separator
        if self.max_body_chars and len(spans):
            order = np.argsort(starts, kind="stable")
            runs: list[list[int]] = []
            for a, b in zip(starts[order].tolist(), ends[order].tolist()):
                if runs and a <= runs[-1][1]:
                    runs[-1][1] = max(runs[-1][1], b)
                elif b > a:
                    runs.append([a, b])
        else:
            runs = [[0, len(text)]]
        codes, at = batch_codes([text[a:b] for a, b in runs])
        shift = np.array([a for a, _ in runs], dtype=np.int64) - at  # doc position = joined position + shift
        ids, pos, lens, (tpos, tlen, tgrp) = scan(codes, tuple(self.ngram_range), self.n_features,
                                                  matcher if matcher.groups else None)
        if len(runs) > 1 or (runs and runs[0][0] != 0):
            pos = pos + shift[np.searchsorted(at, pos, side="right") - 1]
            tpos = tpos + shift[np.searchsorted(at, tpos, side="right") - 1]
        cuts = np.unique(np.concatenate((starts, ends, [0, len(text)])))
        nxt = np.append(cuts[1:], cuts[-1])
        seg = np.searchsorted(cuts, pos, side="right") - 1
        tseg = np.searchsorted(cuts, tpos, side="right") - 1
        if ((pos + lens) > nxt[seg]).any() or ((tpos + tlen) > nxt[tseg]).any():
            return None
        r, c, v = _bag(seg, ids, self.n_features)
        v = v * np.take(self.idf_body_, c)
        keep = np.flatnonzero(v)
        r, c, v = np.take(r, keep), np.take(c, keep), np.take(v, keep)  # still sorted by piece, then column
        indptr = np.concatenate(([0], np.cumsum(np.bincount(r, minlength=len(cuts)))))
        first, end = np.searchsorted(cuts, starts), np.searchsorted(cuts, ends)
        body_terms = 0
        if matcher.groups:
            g = len(matcher.groups)
            prefix = np.zeros((len(cuts) + 1, g), dtype=np.int64)
            prefix[1:] = np.cumsum(np.bincount(tseg * g + tgrp, minlength=len(cuts) * g).reshape(len(cuts), g), axis=0)
            body_terms = prefix[end] - prefix[first]
        clean = lambda h: (h or "").replace("\n", " ").replace(CONTEXT_SEP, " ")  # noqa: E731
        rest = self._rest([clean(h) for h in headings], [" ".join(map(clean, c)) for c in contexts], body_terms)
        return SpanParts(c.astype(np.int32), v.astype(np.float32), indptr.astype(np.int64), first, end, rest)

    def span_parts(self, text: str, headings: Sequence[str], spans: Sequence[tuple[int, int]],
                   contexts: Sequence[Sequence[str]]
                   ) -> "tuple[sp.csr_matrix, np.ndarray, np.ndarray, sp.csr_matrix] | None":
        """``span_coo`` as sparse matrices: ``(pieces, first, end, rest)``, the weighted (not
        normalised) body counts of the pieces (n_pieces x n_features), the range of pieces
        ``first[i]:end[i]`` section i covers, and the other blocks of every section (n_sections x
        width, body block empty)."""
        import scipy.sparse as sp

        parts = self.span_coo(text, headings, spans, contexts)
        if parts is None:
            return None
        n_pieces = len(parts.indptr) - 1
        pieces = sp.csr_matrix((parts.values, parts.columns, parts.indptr), shape=(n_pieces, self.n_features))
        rest = self._csr([parts.rest], (len(spans), self.width))
        return pieces, parts.first, parts.end, rest

    def transform_spans(self, text: str, headings: Sequence[str], spans: Sequence[tuple[int, int]],
                        contexts: Sequence[Sequence[str]] | None = None) -> "sp.csr_matrix":
        """Features of many sections of one document (row i = ``transform`` of section i's text)."""
        import scipy.sparse as sp

        contexts = contexts if contexts is not None else [()] * len(spans)
        parts = self.span_parts(text, headings, spans, contexts)
        if parts is None:
            return self.transform([section_text(h, text[s:e], c) for h, (s, e), c in zip(headings, spans, contexts)])
        pieces, first, end, rest = parts
        j = np.arange(pieces.shape[0])
        cover = sp.csr_matrix(((j[None, :] >= first[:, None]) & (j[None, :] < end[:, None])).astype(np.float32))
        body = sp.csr_matrix(cover @ pieces)
        r = np.repeat(np.arange(body.shape[0]), np.diff(body.indptr))
        body.data = _l2(r, body.data, body.shape[0], 1.0)
        body.resize((body.shape[0], self.width))
        return sp.csr_matrix(body + rest)

    # -- saving ---------------------------------------------------------------------------------------
    def get_config(self) -> dict:
        """JSON-able parameters (the tokenizer is named, not stored)."""
        return {"analyzer": self.analyzer, "ngram_range": list(self.ngram_range), "n_features": self.n_features,
                "heading_features": self.heading_features, "context_features": self.context_features,
                "heading_weight": self.heading_weight, "context_weight": self.context_weight,
                "sublinear_tf": self.sublinear_tf, "use_idf": self.use_idf, "min_df": self.min_df,
                "topic_terms": [list(g) for g in self.topic_terms], "role_terms": [list(g) for g in self.role_terms],
                "lexicon_weight": self.lexicon_weight, "cue_weight": self.cue_weight,
                "max_body_chars": self.max_body_chars, "hash": HASH_VERSION}


def __getattr__(name: str):
    # ``SectionVectorizer`` is ``SectionFeatures`` as a scikit-learn transformer (for Pipelines,
    # clone and cross-validation while training); it is built on first use so that classifying
    # with a saved model never imports scikit-learn (over a second of start-up)
    if name == "SectionVectorizer":
        from models.sklearn_parts import SectionVectorizer

        return SectionVectorizer
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
