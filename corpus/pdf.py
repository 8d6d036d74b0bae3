"""PDF text layer (pypdf), with the spacing artefacts of PDF extraction repaired.

Safety: the header is checked before pypdf sees the file; pypdf's own decompression limits
(75 MB per stream) bound memory; a document with more than ``max_pdf_pages`` pages is refused;
and ``corpus.read`` runs the reader under the ``read_seconds`` deadline, so a PDF whose object
graph makes pypdf loop becomes an errors row naming that limit.
"""
from __future__ import annotations

import logging
import re
from pathlib import Path

from corpus.errors import BrokenFile, LimitExceeded
from corpus.limits import DEFAULT_LIMITS, Limits
from corpus.records import SourceText
from corpus.rules import rule

_CJK = r"\u4e00-\u9fff\u3000-\u303f\uff00-\uffef“”‘’《》、。"
PDF_INNER_SPACE = rule(
    "pdf_inner_space",
    rf"""(?<=[{_CJK}]) [ \t]+ (?=[{_CJK}0-9]) | (?<=[0-9%‰]) [ \t]+ (?=[{_CJK}])""",
    "spaces a PDF text layer puts between Chinese characters and around numbers "
    "('866.60 万人', '周 口 市'); spaces between two numbers (table cells) are kept",
    matches=["常住人口 866.60 万人", "周 口 市", "增长 4.8%"],
    rejects=["392.66 45.31", "GDP growth"],
)


def tidy_pdf_text(text: str) -> str:
    """Remove the spaces PDF extraction adds inside Chinese text.

    >>> tidy_pdf_text("年末常住人口 866.60 万人。城镇 392.66 45.31")
    '年末常住人口866.60万人。城镇392.66 45.31'
    """
    return PDF_INNER_SPACE.sub("", text)


def read_pdf(path: Path, rel: str, *, limits: Limits = DEFAULT_LIMITS,
             encoding: str | None = None) -> list[SourceText]:
    """Text layer of every page.

    Raises:
        BrokenFile: not a PDF, damaged, encrypted, or without a text layer.
        LimitExceeded: more than ``limits.max_pdf_pages`` pages.
    """
    from corpus.read import describe_head

    with open(path, "rb") as fh:
        head = fh.read(1024)
    if b"%PDF-" not in head:
        raise BrokenFile(f"not a PDF file: no %PDF- header in its first 1,024 bytes ({describe_head(head)})")
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError, PyPdfError

    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted:
            try:
                reader.decrypt("")
            except Exception:
                raise BrokenFile("the PDF is encrypted with a password") from None
        n = len(reader.pages)
        if n > limits.max_pdf_pages:
            raise LimitExceeded(f"the PDF has {n:,} pages, over max_pdf_pages={limits.max_pdf_pages:,}")
        pages = [(page.extract_text() or "") for page in reader.pages]
    except (BrokenFile, LimitExceeded):
        raise
    except (PdfReadError, PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError, ZeroDivisionError,
            RecursionError, OSError, AssertionError, NotImplementedError, LookupError) as exc:
        raise BrokenFile(f"not a readable PDF (damaged or unusual): {type(exc).__name__}: {exc}") from None
    text = "\n".join(pages)
    if not re.search(r"\w", text):
        raise BrokenFile(f"the PDF has no text layer ({len(pages)} pages of images?); OCR it first")
    return [SourceText(rel, tidy_pdf_text(text), "pdf", "pdf")]
