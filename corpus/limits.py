"""Safety limits for reading files from strangers.  Every limit has a safe default, can be
set from the CLI, and names itself in the error message when it is hit."""
from __future__ import annotations

from dataclasses import dataclass

MB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Limits:
    max_file_bytes: int = 256 * MB  # a file bigger than this is not read at all
    max_inflated_bytes: int = 256 * MB  # total uncompressed size of a .docx's zip members
    max_zip_ratio: int = 200  # compression ratio of one zip member beyond which it is a bomb
    max_html_depth: int = 500  # element nesting depth accepted in HTML
    max_doc_chars: int = 20_000_000  # characters per document (longer ones are cut, and noted)
    max_cell_chars: int = 50_000_000  # characters in one cell of a table file
    max_dir_depth: int = 64  # folder nesting followed when walking
    doc_seconds: float = 120.0  # wall time per document before extraction is abandoned

    def describe(self) -> str:
        return ", ".join(f"{k}={getattr(self, k)}" for k in self.__dataclass_fields__)


DEFAULT_LIMITS = Limits()
