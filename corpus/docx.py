"""Word .docx files: paragraphs and tables in body order (python-docx), zip limits first."""
from __future__ import annotations

import struct
import zipfile
from pathlib import Path

from corpus.errors import BrokenFile, LimitExceeded
from corpus.limits import DEFAULT_LIMITS, Limits
from corpus.records import SourceText


_EOCD = b"PK\x05\x06"


def zip_entry_count(path: Path) -> int | None:
    """Number of members a zip's end record declares (read before ``zipfile`` builds an object
    per member), or None when there is no end record (not a zip, or truncated)."""
    with open(path, "rb") as fh:
        fh.seek(0, 2)
        size = fh.tell()
        fh.seek(max(0, size - 65557))
        tail = fh.read()
    i = tail.rfind(_EOCD)
    if i < 0 or len(tail) - i < 22:
        return None
    (count,) = struct.unpack("<H", tail[i + 10:i + 12])
    if count == 0xFFFF:  # zip64: the real count is in the zip64 end record
        j = tail.rfind(b"PK\x06\x06", 0, i)
        if j >= 0 and len(tail) - j >= 40:
            (count,) = struct.unpack("<Q", tail[j + 32:j + 40])
    return count


def check_zip(path: Path, limits: Limits, *, what: str = ".docx") -> None:
    """Refuse damaged containers and zip bombs before any parser inflates them: the member
    sizes declared in the central directory are summed (a member that inflates to more than it
    declares is cut off by ``zipfile`` and fails its CRC, so the declared sizes bound the work).

    Raises:
        BrokenFile: not a zip, truncated, or not a Word file.
        LimitExceeded: too many members, too large inflated, or a suspicious compression ratio.
    """
    count = zip_entry_count(path)
    if count is None:
        raise BrokenFile(f"not a valid {what} file: the zip container is damaged or truncated "
                         "(no end-of-archive record)")
    if count > limits.max_zip_members:
        raise LimitExceeded(f"{what} has {count:,} zip members, over max_zip_members={limits.max_zip_members:,}")
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
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
