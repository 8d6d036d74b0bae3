"""PDF text layer, with the spacing artefacts of PDF extraction repaired.

The text is read with PDFium (pypdfium2: the engine of Chrome's viewer, 10-20 times faster than
pypdf on statistics bulletins); pypdf reads the file when PDFium cannot.  PDFium puts a heading
that follows a sentence on the sentence's line ("…坚实。 一、综合"): such headings get their line
back.

Safety: the header is checked before a parser sees the file; a document with more than
``max_pdf_pages`` pages is refused; pypdf's decompression limits (75 MB per stream) bound its
memory; and ``corpus.read`` runs the reader under the ``read_seconds`` deadline, which fires
between pages, so a PDF that makes a parser loop becomes an errors row naming that limit.
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


PDF_GLUED_HEADING = rule(
    "pdf_glued_heading",
    r"""(?<=[。;；!?！？:：])[ \t]+(?=(?:[一二三四五六七八九十]{1,3}、|[(（][一二三四五六七八九十]{1,3}[)）]
        |第[一二三四五六七八九十]{1,3}[章部分节篇]))""",
    "blanks between a sentence's end and a numbered heading that PDFium put on the same line "
    "('…坚实。 一、综合'): the heading starts its own line",
    matches=["坚实。 一、综 合", "完成。 (二)工业", "如下: 第一部分"],
    rejects=["一、综合", "增长 4.8%", "其中: 城镇"],
)


def tidy_pdf_text(text: str) -> str:
    """Remove the spaces PDF extraction adds inside Chinese text.

    >>> tidy_pdf_text("年末常住人口 866.60 万人。城镇 392.66 45.31")
    '年末常住人口866.60万人。城镇392.66 45.31'
    """
    return PDF_INNER_SPACE.sub("", PDF_GLUED_HEADING.sub("\n", text))


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
    pages = _pdfium_pages(path, limits)
    if pages is None:
        pages = _pypdf_pages(path, limits)
    text = "\n".join(pages)
    if not re.search(r"\w", text):
        raise BrokenFile(f"the PDF has no text layer ({len(pages)} pages of images?); OCR it first")
    return [SourceText(rel, tidy_pdf_text(text), "pdf", "pdf")]


def _pdfium_pages(path: Path, limits: Limits) -> list[str] | None:
    """Text of every page by PDFium, or None when PDFium is missing or cannot open the file (then
    pypdf tries, and names the problem)."""
    try:
        import pypdfium2 as pdfium
    except ImportError:
        return None
    try:
        doc = pdfium.PdfDocument(str(path))
    except Exception:  # PdfiumError and friends: damaged, encrypted, unusual
        return None
    try:
        n = len(doc)
        if n > limits.max_pdf_pages:
            raise LimitExceeded(f"the PDF has {n:,} pages, over max_pdf_pages={limits.max_pdf_pages:,}")
        pages = []
        for i in range(n):
            page = doc[i]
            tp = page.get_textpage()
            pages.append(tp.get_text_range().replace("\r\n", "\n").replace("\r", "\n"))
            tp.close()
            page.close()
        return pages
    except LimitExceeded:
        raise
    except Exception:
        return None
    finally:
        doc.close()


def _pypdf_pages(path: Path, limits: Limits) -> list[str]:
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
        return [(page.extract_text() or "") for page in reader.pages]
    except (BrokenFile, LimitExceeded):
        raise
    except (PdfReadError, PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError, ZeroDivisionError,
            RecursionError, OSError, AssertionError, NotImplementedError, LookupError) as exc:
        raise BrokenFile(f"not a readable PDF (damaged or unusual): {type(exc).__name__}: {exc}") from None
