"""Sections of one document as the classifier sees them: their texts and enclosing headings,
and the scores of all (nested) sections computed from one pass over the document text."""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from corpus.records import Document, Section
from models.features import section_text


CHUNK = 1 << 16  # entries per step when summing weights over pieces (bounds the temporary arrays)


def span_scores(model, text: str, headings: list[str], spans: list[tuple[int, int]],
                contexts: list[tuple[str, ...]]) -> dict[str, np.ndarray] | None:
    """Decision scores of every head for the (nested) sections of one document, without a feature
    row per section and without a sparse-matrix library.

    The document is cut into pieces at every section boundary and a section's body counts are the
    sum of a run of pieces, so its body scores are a difference of prefix sums of the pieces'
    scores, and its L2 norm is taken from the per-column sums of its own entries (None when the
    vectorizer cannot cut the document into pieces)."""
    parts = model.vectorizer.span_coo(text, headings, spans, contexts)
    if parts is None:
        return None
    cols, vals, indptr, first, end, (rr, rc, rv) = parts
    b, bounds = model.head_bounds()
    row, w = model.compact_weights()  # weights of column c: w[row[c]] (see compact_weights)
    n_pieces, k = len(indptr) - 1, w.shape[1]
    # scores of each piece: sum over its entries of value x weight row, in chunks of entries
    piece = np.zeros((n_pieces, k))
    owner = np.repeat(np.arange(n_pieces), np.diff(indptr))
    for lo in range(0, len(cols), CHUNK):
        hi = min(lo + CHUNK, len(cols))
        o = owner[lo:hi]
        heads = np.flatnonzero(np.r_[True, o[1:] != o[:-1]])
        piece[o[heads]] += np.add.reduceat(np.take(w, np.take(row, cols[lo:hi]), axis=0) * vals[lo:hi, None],
                                           heads, axis=0)
    prefix = np.zeros((n_pieces + 1, k))
    np.cumsum(piece, axis=0, out=prefix[1:])
    # squared norm of each section's body: sum of squares of its column sums (columns made dense)
    seen = np.zeros(model.vectorizer.n_features, dtype=bool)
    seen[cols] = True
    uniq = np.flatnonzero(seen)
    lut = np.empty(len(seen), dtype=np.int32)
    lut[uniq] = np.arange(len(uniq), dtype=np.int32)
    dense = np.take(lut, cols)
    v64 = vals.astype(np.float64)
    # a section of one piece has each column once: its squared norm is its piece's sum of squares
    piece_sq = np.zeros(n_pieces)
    filled = np.flatnonzero(np.diff(indptr))
    if len(filled):
        piece_sq[filled] = np.add.reduceat(np.square(v64), indptr[filled])
    sq = np.zeros(len(first))
    single = (end - first) == 1
    sq[single] = piece_sq[first[single]]
    for i in np.flatnonzero(~single).tolist():
        lo, hi = indptr[first[i]], indptr[end[i]]
        if hi > lo:
            sums = np.bincount(dense[lo:hi], weights=v64[lo:hi])
            sq[i] = np.square(sums).sum()  # not a BLAS dot: its threads would compete with the other workers
    norms = np.sqrt(sq)
    inv = np.where(norms > 1e-9, 1.0 / np.where(norms > 1e-9, norms, 1.0), 0.0)[:, None]
    n = len(first)
    flat = (rr[:, None] * k + np.arange(k)[None, :]).ravel()
    rest = np.bincount(flat, weights=(np.take(w, np.take(row, rc), axis=0) * rv[:, None]).ravel(),
                       minlength=n * k).reshape(n, k)
    scores = (prefix[end] - prefix[first]) * inv + rest + b[None, :]
    return {name: scores[:, lo:hi] for name, lo, hi in bounds}


def section_contexts(sections: Sequence[Section]) -> list[tuple[str, ...]]:
    """Headings of the sections enclosing each section, outermost first (the root is left out)."""
    by_id = {s.section_id: s for s in sections}
    out = []
    for s in sections:
        chain: list[str] = []
        parent = by_id.get(s.parent_id) if s.parent_id else None
        while parent is not None and parent.level > 0 and len(chain) < 8:
            chain.append(parent.heading or "")
            parent = by_id.get(parent.parent_id) if parent.parent_id else None
        out.append(tuple(reversed(chain)))
    return out


def section_texts(document: Document, sections: Sequence[Section]) -> list[str]:
    """The texts ``classify_sections`` classifies, for training and inspection."""
    return [section_text(s.heading or "", document.text[s.start:s.end], c)
            for s, c in zip(sections, section_contexts(sections))]


