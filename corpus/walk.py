"""Find the input files: recursive, stable order, hidden files skipped, no symlink loops."""
from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from corpus.limits import DEFAULT_LIMITS, Limits


@dataclass(frozen=True, slots=True)
class InputFile:
    path: Path  # where to open it
    rel: str  # path relative to its input root (POSIX); part of doc_id
    size: int


@dataclass(frozen=True, slots=True)
class WalkProblem:
    rel: str
    error_type: str
    message: str


def iter_inputs(inputs: list[str | Path], *, limits: Limits = DEFAULT_LIMITS) -> Iterator[InputFile | WalkProblem]:
    """Yield every regular file under the inputs, sorted by relative path within each input.

    A file given directly has its own name as ``rel``; files under a folder are relative to
    that folder.  Directories reached twice (symlink loops) are visited once; a folder
    deeper than ``limits.max_dir_depth`` is reported, not followed.
    """
    seen_dirs: set[tuple[int, int]] = set()
    seen_files: set[tuple[int, int]] = set()
    for item in inputs:
        root = Path(item)
        if not root.exists():
            yield WalkProblem(str(item), "not_found", "no such file or folder")
            continue
        if root.is_file():
            st = root.stat()
            yield InputFile(root, root.name, st.st_size)
            continue
        yield from _walk(root, root, 0, seen_dirs, seen_files, limits)


def _walk(root: Path, folder: Path, depth: int, seen_dirs: set, seen_files: set,
          limits: Limits) -> Iterator[InputFile | WalkProblem]:
    rel_folder = folder.relative_to(root).as_posix()
    try:
        st = folder.stat()
    except OSError as exc:
        yield WalkProblem(rel_folder, "unreadable", f"cannot open folder: {exc.strerror}")
        return
    key = (st.st_dev, st.st_ino)
    if key in seen_dirs:
        yield WalkProblem(rel_folder, "symlink_loop", "folder already visited (symlink loop); skipped")
        return
    seen_dirs.add(key)
    if depth > limits.max_dir_depth:
        yield WalkProblem(rel_folder, "limit_exceeded",
                          f"folder nested deeper than max_dir_depth={limits.max_dir_depth}; not read")
        return
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        yield WalkProblem(rel_folder, "unreadable", f"cannot list folder: {exc.strerror}")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        rel = path.relative_to(root).as_posix()
        try:
            if entry.is_dir(follow_symlinks=True):
                yield from _walk(root, path, depth + 1, seen_dirs, seen_files, limits)
            elif entry.is_file(follow_symlinks=True):
                fst = entry.stat(follow_symlinks=True)
                fkey = (fst.st_dev, fst.st_ino)
                if entry.is_symlink() and fkey in seen_files:
                    continue  # the same file reached again through a link
                seen_files.add(fkey)
                yield InputFile(path, rel, fst.st_size)
            elif entry.is_symlink():
                yield WalkProblem(rel, "broken_link", "symbolic link to nothing")
        except OSError as exc:
            yield WalkProblem(rel, "unreadable", f"cannot stat: {exc.strerror or exc}")
