"""Safety limits for reading files from strangers.  Every limit has a safe default, can be
set from the CLI, and names itself in the error message when it is hit.

The defaults are far above anything a real report needs (the longest report of the shared
corpus has 87,000 characters; a .docx is a few MB) and low enough that one hostile file cannot
take a worker's memory or a batch's time: a run over a folder of them stays under 2 GB.
"""
from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

MB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Limits:
    max_file_bytes: int = 256 * MB  # a file bigger than this is not read at all (table files stream)
    max_inflated_bytes: int = 256 * MB  # total uncompressed size of a .docx's zip members / a Parquet row group
    max_zip_ratio: int = 200  # compression ratio of one zip member beyond which it is a bomb
    max_zip_members: int = 10_000  # a .docx has a few dozen parts
    max_html_depth: int = 500  # element nesting depth accepted in HTML
    max_pdf_pages: int = 2_000  # a report is not a 2,000-page book
    max_doc_chars: int = 2_000_000  # characters per document (longer ones are cut, and noted)
    max_cell_chars: int = 10_000_000  # characters in one cell of a table file (the row is refused)
    max_dir_depth: int = 64  # folder nesting followed when walking
    read_seconds: float = 60.0  # wall time to read one file (PDF, .docx, HTML parsers) before giving up
    doc_seconds: float = 120.0  # wall time per document before extraction is abandoned

    def describe(self) -> str:
        return ", ".join(f"{k}={getattr(self, k)}" for k in self.__dataclass_fields__)


DEFAULT_LIMITS = Limits()


class _Expired(BaseException):
    """Raised by the alarm.  A BaseException so that a library's ``except Exception`` cannot
    swallow it (pypdf and trafilatura have broad handlers); converted at the block's edge."""


@contextmanager
def alarm(seconds: float, exc: type[BaseException]) -> Iterator[None]:
    """Raise ``exc()`` inside the block after ``seconds`` of wall time (SIGALRM: active in the main
    thread of a process, a no-op elsewhere).  After the first alarm it re-fires every 0.5 s, so a
    library that swallows one exception cannot keep the block running.  Nests: an enclosing alarm
    is restored with the time it had left (at least a moment)."""
    if seconds <= 0 or threading.current_thread() is not threading.main_thread() or not hasattr(signal, "SIGALRM"):
        yield
        return

    def _fire(signum, frame):
        raise exc()

    t0 = time.monotonic()
    old_handler = signal.signal(signal.SIGALRM, _fire)
    old_delay, old_interval = signal.setitimer(signal.ITIMER_REAL, seconds, 0.5)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old_handler)
        if old_delay > 0:
            signal.setitimer(signal.ITIMER_REAL, max(1e-3, old_delay - (time.monotonic() - t0)), old_interval)


@contextmanager
def deadline(seconds: float, *, limit: str, what: str) -> Iterator[None]:
    """Abandon the block after ``seconds`` of wall time, raising ``LimitExceeded`` that names
    ``limit`` (see ``alarm``; it nests inside ``extract.pipeline.time_limit``).

    Raises:
        LimitExceeded: the block ran longer than ``seconds``.
    """
    from corpus.errors import LimitExceeded

    try:
        with alarm(seconds, _Expired):
            yield
    except _Expired:
        raise LimitExceeded(f"{what} took longer than {limit}={seconds:g} s; abandoned") from None
