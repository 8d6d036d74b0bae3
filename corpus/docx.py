"""Word .docx files: paragraphs and tables in body order (python-docx), zip limits first."""
from __future__ import annotations

import zipfile
from pathlib import Path

from corpus.errors import BrokenFile, LimitExceeded
from corpus.limits import DEFAULT_LIMITS, Limits
from corpus.records import SourceText


def check_zip(path: Path, limits: Limits, *, what: str = ".docx") -> None:
    """Refuse damaged containers and zip bombs before any parser inflates them."""
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except zipfile.BadZipFile:
        raise BrokenFile(f"not a valid {what} file: the zip container is damaged or truncated") from None
    total = sum(i.file_size for i in infos)
    if total > limits.max_inflated_bytes:
        raise LimitExceeded(
            f"{what} would inflate to {total:,} bytes, over max_inflated_bytes="
            f"{limits.max_inflated_bytes:,} (zip bomb?)"
        )
    for i in infos:
        if i.compress_size and i.file_size > 10_000_000 and i.file_size / i.compress_size > limits.max_zip_ratio:
            raise LimitExceeded(
                f"{what} member {i.filename!r} has compression ratio "
                f"{i.file_size // max(1, i.compress_size)}:1, over max_zip_ratio={limits.max_zip_ratio} (zip bomb?)"
            )
    names = {i.filename for i in infos}
    if what == ".docx" and "word/document.xml" not in names:
        raise BrokenFile("not a Word .docx file: it has no word/document.xml")


def _cells(row) -> list[str]:
    out: list[str] = []
    last = None
    for cell in row.cells:
        if cell._tc is last:  # merged cells repeat the same cell object
            continue
        last = cell._tc
        out.append(" ".join(p.text.strip() for p in cell.paragraphs if p.text.strip()))
    return out


def read_docx(path: Path, rel: str, *, limits: Limits = DEFAULT_LIMITS,
              encoding: str | None = None) -> list[SourceText]:
    check_zip(path, limits)
    import docx
    from docx.table import Table

    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises many types for broken parts
        raise BrokenFile(f"Word file could not be opened: {type(exc).__name__}: {exc}") from None
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            for row in block.rows:
                cells = _cells(row)
                if any(cells):
                    lines.append("\t".join(cells))
            lines.append("")
        else:
            lines.append(block.text)
    # core_properties.title is usually a template's leftover ("Microsoft Word - …"): not used.
    return [SourceText(rel, "\n".join(lines), "docx", "docx")]
