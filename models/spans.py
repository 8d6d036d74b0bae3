"""Sections of one document as the classifier sees them: their texts and enclosing headings,
and the scores of all (nested) sections computed from one pass over the document text."""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from corpus.records import Document, Section
from models.features import section_text


def span_scores(model, text: str, headings: list[str], spans: list[tuple[int, int]],
                 contexts: list[tuple[str, ...]]) -> dict[str, np.ndarray] | None:
    """Decision scores of every head for the (nested) sections of one document, without a feature
    row per section.  A section's body is the sum of a run of pieces, so its body scores are a
    difference of prefix sums of ``pieces @ W`` and its squared norm a difference of 2-D prefix
    sums of the pieces' Gram matrix (None when the vectorizer cannot cut the document into pieces)."""
    parts = model.vectorizer.span_parts(text, headings, spans, contexts)
    if parts is None:
        return None
    pieces, first, end, rest = parts
    n = pieces.shape[0]
    gram = np.zeros((n + 1, n + 1))
    gram[1:, 1:] = (pieces @ pieces.T).toarray().astype(np.float64).cumsum(axis=0).cumsum(axis=1)
    sq = gram[end, end] - gram[first, end] - gram[end, first] + gram[first, first]
    norms = np.sqrt(np.maximum(sq, 0.0))
    inv = np.where(norms > 1e-9, 1.0 / np.where(norms > 1e-9, norms, 1.0), 0.0)[:, None]
    w, b, bounds = model.stacked_weights()
    prefix = np.zeros((n + 1, w.shape[1]))
    prefix[1:] = np.asarray(pieces @ w[:model.vectorizer.n_features], dtype=np.float64).cumsum(axis=0)
    scores = (prefix[end] - prefix[first]) * inv + np.asarray(rest @ w) + b[None, :]
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


