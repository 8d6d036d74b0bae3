"""PDF text layer (pypdf), with the spacing artefacts of PDF extraction repaired."""
from __future__ import annotations

import logging
import re
from pathlib import Path

from corpus.errors import BrokenFile
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
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted:
            try:
                reader.decrypt("")
            except Exception:
                raise BrokenFile("the PDF is encrypted with a password") from None
        pages = [(page.extract_text() or "") for page in reader.pages]
    except BrokenFile:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError,
            RecursionError, OSError, AssertionError) as exc:
        raise BrokenFile(f"not a readable PDF: {type(exc).__name__}: {exc}") from None
    text = "\n".join(pages)
    if not re.search(r"\w", text):
        raise BrokenFile(f"the PDF has no text layer ({len(pages)} pages of images?); OCR it first")
    return [SourceText(rel, tidy_pdf_text(text), "pdf", "pdf")]
