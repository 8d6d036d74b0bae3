"""Old Word .doc files, through an external converter when one is installed."""
from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from corpus.encoding import decode_bytes
from corpus.errors import BrokenFile, ConverterMissing, LimitExceeded
from corpus.limits import DEFAULT_LIMITS, Limits
from corpus.records import SourceText

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
CONVERTERS = ("antiword", "catdoc", "soffice", "libreoffice")


def find_converter() -> str | None:
    for name in CONVERTERS:
        if shutil.which(name):
            return name
    return None


def read_doc(path: Path, rel: str, *, limits: Limits = DEFAULT_LIMITS,
             encoding: str | None = None) -> list[SourceText]:
    with open(path, "rb") as fh:
        magic = fh.read(8)
    if magic[:2] == b"PK":
        from corpus.docx import read_docx  # a .docx saved under the old name

        return read_docx(path, rel, limits=limits)
    if magic != OLE_MAGIC:
        raise BrokenFile("not a Word .doc file (no OLE2 header)")
    tool = find_converter()
    if tool is None:
        raise ConverterMissing(
            "reading old .doc files needs a converter: install antiword or catdoc "
            "(apt install antiword) or LibreOffice, or save the file as .docx"
        )
    timeout = max(10.0, limits.doc_seconds)
    try:
        if tool in ("antiword", "catdoc"):
            out = subprocess.run([tool, str(path)], capture_output=True, timeout=timeout, check=True).stdout
        else:
            with tempfile.TemporaryDirectory() as tmp:
                subprocess.run([tool, "--headless", "--convert-to", "txt:Text (encoded):UTF8", "--outdir", tmp,
                                str(path)], capture_output=True, timeout=timeout, check=True)
                files = list(Path(tmp).glob("*.txt"))
                if not files:
                    raise BrokenFile(f"{tool} produced no text")
                out = files[0].read_bytes()
    except subprocess.TimeoutExpired:
        raise LimitExceeded(f"{tool} took longer than {timeout:.0f} s") from None
    except subprocess.CalledProcessError as exc:
        raise BrokenFile(f"{tool} failed: {exc.stderr.decode('utf-8', 'replace')[:200]}") from None
    dec = decode_bytes(out)
    return [SourceText(rel, dec.text.replace("\r\n", "\n"), f"doc via {tool}", "doc")]
