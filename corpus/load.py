"""Convenience: the documents of one file, as the pipeline builds them (for tests, gold-set
tools and the ``check`` command)."""
from __future__ import annotations

from pathlib import Path

from corpus.clean import clean_text
from corpus.documents import build_documents
from corpus.limits import DEFAULT_LIMITS, Limits
from corpus.read import iter_sources
from corpus.records import Document, SourceText


def load_documents(path: str | Path, *, rel: str | None = None, limits: Limits = DEFAULT_LIMITS,
                   encoding: str | None = None, text_column: str | None = None) -> list[Document]:
    """Read, clean and cut one file; raises CorpusError when it cannot be read.

    ``rel`` is the path recorded as ``source_path`` (default: the file name; the corpus
    tools pass the path relative to the corpus root, as ``extract`` does for a folder).
    """
    path = Path(path)
    rel = rel or path.name
    docs: list[Document] = []
    for src in iter_sources(path, rel, limits=limits, encoding=encoding, text_column=text_column):
        if not isinstance(src, SourceText):
            continue
        cleaned, _ = clean_text(src.text, fmt=src.format)
        docs.extend(build_documents(src, cleaned)[0])
    return docs
