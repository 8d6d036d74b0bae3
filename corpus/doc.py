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
        from corpus.read import describe_head

        with open(path, "rb") as fh:
            head = fh.read(1024)
        raise BrokenFile(f"not a Word .doc file: no OLE2 header ({describe_head(head)})")
    tool = find_converter()
    if tool is None:
        raise ConverterMissing(
            "reading old .doc files needs a converter: install antiword or catdoc "
            "(apt install antiword) or LibreOffice, or save the file as .docx"
        )
    # The converter runs in its own process: killed at read_seconds (subprocess.run kills it on
    # the deadline's exception too).  LibreOffice converts headless and never runs macros.
    timeout = limits.read_seconds if limits.read_seconds > 0 else 120.0
    target = str(path.resolve())  # absolute: a name starting with "-" is never read as an option
    try:
        if tool in ("antiword", "catdoc"):
            out = subprocess.run([tool, target], capture_output=True, timeout=timeout, check=True).stdout
        else:
            with tempfile.TemporaryDirectory() as tmp:
                # a private profile: parallel workers do not fight over one LibreOffice instance
                subprocess.run([tool, f"-env:UserInstallation={Path(tmp, 'profile').as_uri()}", "--headless",
                                "--convert-to", "txt:Text (encoded):UTF8", "--outdir", tmp, target],
                               capture_output=True, timeout=timeout, check=True)
                files = list(Path(tmp).glob("*.txt"))
                if not files:
                    raise BrokenFile(f"{tool} produced no text")
                out = files[0].read_bytes()
    except subprocess.TimeoutExpired:
        raise LimitExceeded(f"{tool} took longer than read_seconds={timeout:g} s; abandoned") from None
    except subprocess.CalledProcessError as exc:
        raise BrokenFile(f"{tool} failed: {exc.stderr.decode('utf-8', 'replace')[:200]}") from None
    if not out.strip():
        raise BrokenFile(f"{tool} found no text in the .doc file")
    dec = decode_bytes(out)
    notes = (dec.note,) if dec.note else ()
    return [SourceText(rel, dec.text.replace("\r\n", "\n"), f"doc via {tool}", "doc", notes=notes)]
