"""Vectorised hashing of character (or token) n-grams, and fast matching of term lists.

Everything works on arrays of code points: a batch of strings is joined with newlines into one
array, so that hashing costs a handful of numpy operations per batch instead of per string.
N-grams never contain whitespace; a term list is matched with the same rolling hash.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

HASH_VERSION = "zj-ngram-3"
_M1 = np.uint64(0x9E3779B97F4A7C15)
_M2 = np.uint64(0xC2B2AE3D27D4EB4F)
_SALT = np.uint64(0x165667B19E3779F9)
# code points that break n-grams: whitespace (and control characters), NBSP, ideographic space
SEPARATORS = np.array([*range(33), 0xA0, 0x3000], dtype=np.uint64)
_SEPARATOR_SET = frozenset(int(c) for c in SEPARATORS)
_TABLE_BITS = 16


def char_codes(text: str) -> np.ndarray:
    """Code points with every digit folded to '0' and ASCII letters lower-cased.

    >>> char_codes("A1 二").tolist()
    [97, 48, 32, 20108]
    """
    a = np.frombuffer(text.encode("utf-32-le"), dtype="<u4").astype(np.uint64)
    a = np.where((a >= 48) & (a <= 57), np.uint64(48), a)
    return np.where((a >= 65) & (a <= 90), a + np.uint64(32), a)


def token_codes(tokens: Sequence[str]) -> np.ndarray:
    """One code per token (whitespace tokens become a separator)."""
    from sklearn.utils import murmurhash3_32  # word models only; character models never need it

    return np.array([32 if not t.strip() else murmurhash3_32(t, seed=7, positive=True) + 0x110000
                     for t in tokens], dtype=np.uint64)


def batch_codes(texts: Sequence[str], tokenizer: Callable[[str], list[str]] | None = None
                ) -> tuple[np.ndarray, np.ndarray]:
    """Codes of all ``texts`` joined by a separator, and the start of each text in them."""
    if tokenizer is None:
        codes = char_codes("\n".join(texts))
        lengths = np.fromiter((len(t) for t in texts), dtype=np.int64, count=len(texts))
    else:
        parts = [token_codes(tokenizer(t)) for t in texts]
        codes = np.concatenate([np.append(p, np.uint64(10)) for p in parts]) if parts else np.zeros(0, np.uint64)
        lengths = np.array([len(p) for p in parts], dtype=np.int64)
    starts = np.concatenate(([0], np.cumsum(lengths + 1)[:-1])) if len(texts) else np.zeros(0, np.int64)
    return codes, starts


def _finish(h: np.ndarray, k: int) -> np.ndarray:
    x = h ^ (np.uint64(k) * _SALT)
    x = (x ^ (x >> np.uint64(31))) * _M2
    return x ^ (x >> np.uint64(29))


def scan(codes: np.ndarray, ngram_range: tuple[int, int], n_features: int, matcher: "TermMatcher | None" = None
         ) -> tuple[np.ndarray, np.ndarray, np.ndarray, tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """One pass of rolling hashes over ``codes``.

    Returns:
        Hashed ids (mod ``n_features``, a power of two), start positions and lengths of the n-grams
        in ``ngram_range`` that contain no separator; and the (positions, lengths, groups) of the
        terms of ``matcher`` found (overlaps allowed).
    """
    lo, hi = ngram_range
    top = max(hi, matcher.max_len if matcher else 0)
    n = len(codes)
    empty = np.zeros(0, np.int64)
    if hi >= lo:
        sep = (codes <= 32) | (codes == 0xA0) | (codes == 0x3000)  # whitespace and control characters
        cs = np.concatenate(([0], np.cumsum(sep, dtype=np.int64)))
    ids, pos, lens, tp, tl, tg = [], [], [], [], [], []
    h = np.zeros(0, dtype=np.uint64)
    for k in range(1, top + 1):
        m = n - k + 1
        if m <= 0:
            break
        h = codes[:m].copy() if k == 1 else h[:m] * _M1 + codes[k - 1:k - 1 + m]
        if lo <= k <= hi:
            ok = (cs[k:k + m] - cs[:m]) == 0
            ids.append((_finish(h[ok], k) & np.uint64(n_features - 1)).astype(np.int64))
            p = np.flatnonzero(ok)
            pos.append(p)
            lens.append(np.full(len(p), k, dtype=np.int64))
        if matcher is not None:
            found = matcher.lookup(h, k)
            if found is not None:
                tp.append(found[0])
                tl.append(np.full(len(found[0]), k, dtype=np.int64))
                tg.append(found[1])
    cat = lambda xs: np.concatenate(xs) if xs else empty  # noqa: E731
    return cat(ids), cat(pos), cat(lens), (cat(tp), cat(tl), cat(tg))


class TermMatcher:
    """Finds every occurrence of a list of term groups in an array of codes.

    Terms longer than ``max_term_len`` characters are matched on their first ``max_term_len``
    (each extra length costs a pass over the text; 最低生活保障 is found as 最低生活).

    >>> m = TermMatcher([["低保", "救助"], ["养老"]])
    >>> pos, lens, group = m.find(char_codes("低保和养老,临时救助"))
    >>> sorted(zip(pos.tolist(), group.tolist()))
    [(0, 0), (3, 1), (8, 0)]
    """

    def __init__(self, groups: Sequence[Sequence[str]], *, max_term_len: int = 4) -> None:
        self.groups = [list(g) for g in groups]
        by_len: dict[int, dict[int, int]] = {}
        for gi, terms in enumerate(self.groups):
            for term in terms:
                codes = [int(c) for c in char_codes(term)[:max_term_len]]
                if not codes or not _SEPARATOR_SET.isdisjoint(codes):
                    continue
                h = codes[0]
                for c in codes[1:]:  # the same wrap-around arithmetic as the vectorised rolling hash
                    h = (h * int(_M1) + int(c)) & 0xFFFFFFFFFFFFFFFF
                by_len.setdefault(len(codes), {}).setdefault(h, gi)  # a term in two groups counts for the first
        self._tables = {}
        for length, keys in by_len.items():
            sorted_keys = np.array(sorted(keys), dtype=np.uint64)
            table = np.zeros(1 << _TABLE_BITS, dtype=bool)
            table[(_fold(sorted_keys)).astype(np.int64)] = True
            self._tables[length] = (sorted_keys, np.array([keys[int(k)] for k in sorted_keys], dtype=np.int64), table)
        self.max_len = max(self._tables, default=0)

    def lookup(self, h: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray] | None:
        """Positions and groups of the terms of length ``k`` among the rolling hashes ``h``."""
        if k not in self._tables:
            return None
        keys, grp, table = self._tables[k]
        cand = np.flatnonzero(table[_fold(h).astype(np.int64)])
        idx = np.minimum(np.searchsorted(keys, h[cand]), len(keys) - 1)
        hit = keys[idx] == h[cand]
        return cand[hit], grp[idx[hit]]

    def find(self, codes: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Start positions, lengths and group indexes of all matches (overlaps allowed)."""
        return scan(codes, (1, 0), 1, self)[3]


def _fold(h: np.ndarray) -> np.ndarray:
    """A few well-mixed bits of a raw rolling hash, to index the candidate table."""
    return ((h * _M2) >> np.uint64(64 - _TABLE_BITS))
