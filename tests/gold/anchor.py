"""Gold items point into ``documents.text`` by offsets plus the short surface they cover
(a mention such as "1700余名", never a sentence).  When cleaning changes shift a document's
offsets, ``locate`` re-finds the surface nearest to the recorded place, so a gold set
survives small changes to the reader and fails loudly on large ones."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

SEARCH_WINDOW = 3000


def locate(text: str, start: int, end: int, surface: str) -> tuple[int, int] | None:
    """Offsets of ``surface`` in ``text``: the recorded ones if they still hold, else the
    nearest occurrence within SEARCH_WINDOW characters, else None."""
    if text[start:end] == surface:
        return start, end
    lo = max(0, start - SEARCH_WINDOW)
    best = None
    i = text.find(surface, lo, start + SEARCH_WINDOW + len(surface))
    while i != -1:
        if best is None or abs(i - start) < abs(best - start):
            best = i
        i = text.find(surface, i + 1, start + SEARCH_WINDOW + len(surface))
    return (best, best + len(surface)) if best is not None else None


@lru_cache(maxsize=256)
def corpus_document(root: str, source_path: str, part_index: int = 0):
    """The Document ``source_path`` (relative to the corpus root) as the pipeline builds it."""
    from corpus.load import load_documents

    docs = load_documents(Path(root) / source_path, rel=source_path)
    for d in docs:
        if d.part_index == part_index:
            return d
    raise LookupError(f"{source_path} has no part {part_index}")
