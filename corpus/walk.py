"""Find the input files: recursive, stable order, hidden files skipped, no symlink loops.

Everything found that is not read becomes a ``WalkProblem`` (an ``errors`` row with stage
``walk``): a symbolic link back to a folder that contains it (``symlink_loop``), a link to a
file or folder that is read under its own path anyway (``duplicate_link``), a broken link,
a pipe or device (never opened: reading a pipe would wait forever), a folder nested deeper
than ``max_dir_depth``, an unreadable folder.  Only hidden names (``.git``, ``.DS_Store``) are
skipped without a row.
"""
from __future__ import annotations

import errno
import os
from collections.abc import Iterable, Iterator
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


@dataclass
class _State:
    root: Path
    real_root: Path
    limits: Limits
    exclude: frozenset[Path]
    seen_dirs: set[tuple[int, int]]
    seen_files: set[tuple[int, int]]


def iter_inputs(inputs: list[str | Path], *, limits: Limits = DEFAULT_LIMITS,
                exclude: Iterable[str | Path] = ()) -> Iterator[InputFile | WalkProblem]:
    """Yield every regular file under the inputs, sorted by relative path within each input.

    A file given directly has its own name as ``rel``; files under a folder are relative to
    that folder.  A folder reached twice (symlink loops, aliases) is read once, under its real
    path when that lies inside the input.  Folders in ``exclude`` (e.g. the output folder of
    the run, when it lies inside an input) are not entered.
    """
    seen_dirs: set[tuple[int, int]] = set()
    seen_files: set[tuple[int, int]] = set()
    skip = frozenset(Path(p).resolve() for p in exclude)
    for item in inputs:
        root = Path(item)
        if root.is_file():
            st = root.stat()
            yield InputFile(root, root.name, st.st_size)
        elif root.is_dir():
            state = _State(root, root.resolve(), limits, skip, seen_dirs, seen_files)
            yield from _walk(state, root, 0)
        elif root.is_symlink() or not os.path.lexists(root):
            yield WalkProblem(str(item), "not_found", "no such file or folder (or a broken link)")
        else:
            yield WalkProblem(str(item), "not_a_file", "not a regular file or folder (a pipe, socket or device); "
                                                       "not read")


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def _visible_inside(target: Path, real_root: Path) -> bool:
    """Is ``target`` inside the input and reached by the walk under its own path?"""
    if not _inside(target, real_root):
        return False
    return not any(part.startswith(".") for part in target.relative_to(real_root).parts)


def _walk(s: _State, folder: Path, depth: int) -> Iterator[InputFile | WalkProblem]:
    rel_folder = folder.relative_to(s.root).as_posix()
    try:
        st = folder.stat()
    except OSError as exc:
        yield WalkProblem(rel_folder, "unreadable", f"cannot open folder: {exc.strerror}")
        return
    key = (st.st_dev, st.st_ino)
    if key in s.seen_dirs:
        yield WalkProblem(rel_folder, "duplicate_link", "folder already read through another path; skipped")
        return
    s.seen_dirs.add(key)
    if depth > s.limits.max_dir_depth:
        yield WalkProblem(rel_folder, "limit_exceeded",
                          f"folder nested deeper than max_dir_depth={s.limits.max_dir_depth}; not read")
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
        rel = path.relative_to(s.root).as_posix()
        try:
            yield from _entry(s, entry, path, rel, depth)
        except OSError as exc:
            yield WalkProblem(rel, "unreadable", f"cannot stat: {exc.strerror or exc}")


def _entry(s: _State, entry: os.DirEntry, path: Path, rel: str, depth: int) -> Iterator[InputFile | WalkProblem]:
    link = entry.is_symlink()
    if link:
        try:
            os.stat(path)
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                yield WalkProblem(rel, "symlink_loop", "symbolic link that points back to itself (a loop); not followed")
            else:
                yield WalkProblem(rel, "broken_link", "symbolic link to nothing; not read")
            return
    if entry.is_dir(follow_symlinks=True):
        real = path.resolve()
        if real in s.exclude:
            return  # the run's own output folder
        if link:
            if _inside(path.parent.resolve(), real):
                yield WalkProblem(rel, "symlink_loop",
                                  f"symbolic link to a folder that contains it ({_show(real, s)}): a loop; not followed")
                return
            if _visible_inside(real, s.real_root):
                yield WalkProblem(rel, "duplicate_link",
                                  f"symbolic link to the folder {_show(real, s)}, which is read under its own path; "
                                  "skipped")
                return
        yield from _walk(s, path, depth + 1)
    elif entry.is_file(follow_symlinks=True):
        fst = entry.stat(follow_symlinks=True)
        fkey = (fst.st_dev, fst.st_ino)
        if link:
            real = path.resolve()
            if _visible_inside(real, s.real_root) or fkey in s.seen_files:
                yield WalkProblem(rel, "duplicate_link",
                                  f"symbolic link to the file {_show(real, s)}, which is read under its own path; "
                                  "skipped")
                return
        s.seen_files.add(fkey)
        yield InputFile(path, rel, fst.st_size)
    else:
        yield WalkProblem(rel, "not_a_file", "not a regular file (a pipe, socket or device); not read")


def _show(real: Path, s: _State) -> str:
    return real.relative_to(s.real_root).as_posix() or "." if _inside(real, s.real_root) else str(real)
