"""Run the pipeline over many files: shards, workers, resumable atomic output.

A run is planned as shards (consecutive files in walk order, bounded by bytes and count), so
shard ids depend only on the input, never on the number of workers.  Each shard writes one part
file per table (atomically, see ``corpus.tables.write_part``) and then a completion marker with
its counts.  Re-running on the same output skips shards that have a marker; a run killed at any
moment and re-run therefore ends with exactly the tables of an uninterrupted run.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from corpus.errors import OutputError
from corpus.records import ErrorRecord, RunCounts
from corpus.tables import TABLES, mark_duplicates, release_arrow_memory, remove_stale_temp, write_part
from corpus.walk import InputFile, WalkProblem, iter_inputs
from extract.pipeline import DocOutput, ExtractConfig, add_time, classify_batch, process_file

# Shard size: a small corpus is cut fine so that all workers stay busy to the end (about
# SHARD_TARGET_COUNT shards), a large one coarse so that it does not make millions of part files.
# Depends only on the input, never on the worker count, so shard ids stay stable.
# ZONGJIE_SHARD_BYTES / ZONGJIE_SHARD_FILES override (tests, tuning).
SHARD_MIN_BYTES = 512 * 1024
SHARD_MAX_BYTES = 16 * 1024 * 1024
SHARD_TARGET_COUNT = 64
SHARD_MAX_FILES = 512  # a shard of many short files: per-part overhead (8 tables, fsync) is paid per shard
STATE = "_run.json"
MARKERS = "_shards"


@dataclass(frozen=True)
class ShardSpec:
    shard_id: str
    files: tuple[tuple[str, str, int], ...]  # (path, rel, size)

    @property
    def bytes(self) -> int:
        return sum(f[2] for f in self.files)


@dataclass
class RunSummary:
    counts: RunCounts
    shards: int
    shards_skipped: int
    seconds: float
    out: str


def _rel_prefix(inputs: list[str]) -> list[str]:
    """With several inputs, paths are prefixed by each input's own name so they stay distinct."""
    if len(inputs) <= 1:
        return [""]
    names = [Path(i).resolve().name or "input" for i in inputs]
    seen: dict[str, int] = {}
    out = []
    for n in names:
        seen[n] = seen.get(n, 0) + 1
        out.append(n if seen[n] == 1 else f"{n}~{seen[n]}")
    return [n + "/" for n in out]


def plan_shards(inputs: list[str], config: ExtractConfig,
                out: str | Path | None = None) -> tuple[list[ShardSpec], list[ErrorRecord]]:
    """Walk the inputs and group the files into shards with stable ids.

    ``out`` is the run's output folder: when it lies inside an input it is not walked, so a
    re-run never reads its own Parquet parts as input.
    """
    problems: list[ErrorRecord] = []
    files: list[tuple[str, str, int]] = []
    # the output folder, and (when the output folder is an input folder itself) what a run writes
    # there: the table folders, the markers and the run's state file
    exclude = [out, *(Path(out) / t for t in TABLES), Path(out) / MARKERS] if out is not None else []
    own_state = (Path(out) / STATE).resolve() if out is not None else None
    for prefix, item in zip(_rel_prefix(inputs), inputs):
        for f in iter_inputs([item], limits=config.limits, exclude=exclude):
            if isinstance(f, WalkProblem):
                problems.append(ErrorRecord(prefix + f.rel, "walk", f.error_type, f.message))
            elif own_state is None or Path(f.path).resolve() != own_state:
                files.append((str(f.path), prefix + f.rel, f.size))
    total = sum(f[2] for f in files)
    default_bytes = min(SHARD_MAX_BYTES, max(SHARD_MIN_BYTES, total // SHARD_TARGET_COUNT))
    max_bytes = int(os.environ.get("ZONGJIE_SHARD_BYTES", default_bytes))
    max_files = int(os.environ.get("ZONGJIE_SHARD_FILES", SHARD_MAX_FILES))
    shards: list[ShardSpec] = []
    cur: list[tuple[str, str, int]] = []
    size = 0
    for f in files:
        if cur and (size + f[2] > max_bytes or len(cur) >= max_files):
            shards.append(_spec(len(shards), cur))
            cur, size = [], 0
        cur.append(f)
        size += f[2]
    if cur:
        shards.append(_spec(len(shards), cur))
    return shards, problems


def _spec(index: int, files: list[tuple[str, str, int]]) -> ShardSpec:
    h = hashlib.sha1("\n".join(f"{rel}\t{size}" for _, rel, size in files).encode()).hexdigest()[:10]
    return ShardSpec(f"{index:06d}-{h}", tuple(files))


FLUSH_CHARS = 1_000_000  # write a chunk of part files when this much document text is buffered (bounds memory per worker)


def run_shard(spec: ShardSpec, out: str, config: ExtractConfig,
              on_file: Callable[[int, int, int], None] | None = None) -> dict:
    """Process one shard and write its part files and completion marker.  Returns its counts.

    Records are buffered and written in chunks (memory stays flat however big a shard's files
    are); chunk boundaries depend only on the input, so a redone shard rewrites the same parts.
    """
    started = time.perf_counter()
    # sections are classified at each write, all the buffered documents in one pass, not one
    # document at a time (the checks never look at the classifier's labels, so nothing waits for them)
    batch = "classify" in config.steps
    per_doc = replace(config, steps=tuple(s for s in config.steps if s != "classify")) if batch else config
    pending: list[DocOutput] = []  # documents buffered since the last write, to classify
    buffers: dict[str, list] = {t: [] for t in TABLES}
    written = dict.fromkeys(TABLES, 0)
    counts = RunCounts()
    chunk = 0
    held = 0
    inconsistent = 0

    def flush() -> None:
        nonlocal chunk, held, inconsistent
        part = spec.shard_id if chunk == 0 else f"{spec.shard_id}-{chunk}"
        if pending:
            t0 = time.perf_counter()
            buffers["errors"].extend(classify_batch(pending, config))
            buffers["sections"] = [s for o in pending for s in o.sections]
            pending.clear()
            add_time(counts.seconds, "classify", t0)
        inconsistent += sum(1 for c in buffers["checks"] if c.verdict == "inconsistent")
        t0 = time.perf_counter()
        for t in TABLES:
            written[t] += write_part(Path(out), t, part, buffers[t])
            buffers[t].clear()
        release_arrow_memory()
        add_time(counts.seconds, "write", t0)
        chunk += 1
        held = 0

    for path, rel, size in spec.files:
        ndocs = 0
        failed = False
        for item in process_file(InputFile(Path(path), rel, size), per_doc, counts):
            if isinstance(item, DocOutput):
                ndocs += 1
                buffers["documents"].append(item.document)
                for t in ("sections", "sentences", "quantities", "dates", "programs", "checks"):
                    buffers[t].extend(getattr(item, t))
                if batch:
                    pending.append(item)
                held += len(item.document.text)
                if held >= FLUSH_CHARS:
                    flush()
            else:
                buffers["errors"].append(item)
                failed = failed or item.doc_id is None
        counts.files += 1
        counts.files_failed += int(failed and ndocs == 0)
        counts.bytes_read += size
        if on_file:
            on_file(1, ndocs, size)
    if chunk == 0 or any(buffers.values()):
        flush()
    for t in TABLES:
        setattr(counts, t, written[t])
    counts.inconsistent = inconsistent
    counts.seconds["total"] = time.perf_counter() - started
    marker = {"shard_id": spec.shard_id, "config": config.digest(), "counts": asdict(counts),
              "files": [rel for _, rel, _ in spec.files], "chunks": chunk}
    _write_json_atomic(Path(out) / MARKERS / f"{spec.shard_id}.json", marker)
    return marker["counts"]


def _write_json_atomic(path: Path, obj: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    tmp.write_text(json.dumps(obj, ensure_ascii=False, sort_keys=True), encoding="utf-8")
    with open(tmp, "rb") as fh:
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def _plan_digest(shards: list[ShardSpec], problems: list[ErrorRecord]) -> str:
    h = hashlib.sha1()
    for s in shards:
        h.update(s.shard_id.encode())
    for p in problems:
        h.update(f"{p.source_path}\t{p.error_type}".encode())
    return h.hexdigest()[:16]


def prepare_output(out: Path, state: dict, *, restart: bool) -> None:
    """Make ``out`` ready: new, or the same run to resume, or wiped with ``restart``."""
    out.mkdir(parents=True, exist_ok=True)
    state_file = out / STATE
    ours = [out / t for t in TABLES] + [out / MARKERS]
    if restart:
        for p in ours:
            if p.is_dir():
                shutil.rmtree(p)
        state_file.unlink(missing_ok=True)
    if state_file.exists():
        old = json.loads(state_file.read_text(encoding="utf-8"))
        if old.get("config") != state["config"] or old.get("plan") != state["plan"]:
            what = "configuration" if old.get("config") != state["config"] else "input files"
            raise OutputError(
                f"{out} holds a run with different {what}; resuming would mix the two. "
                "Use --restart to start over, or choose another -o folder."
            )
    elif any(p.exists() for p in ours):
        raise OutputError(f"{out} already holds tables from an unknown run; use --restart to replace them")
    remove_stale_temp(out)
    _write_json_atomic(state_file, state)


def run_extract(inputs: list[str], out: str | Path, config: ExtractConfig, *, jobs: int = 1,
                engine: str = "local", scheduler: str | None = None, restart: bool = False,
                progress: Callable[[int, int, int], None] | None = None) -> RunSummary:
    """Extract every input into the tables under ``out``; resumable; returns the run's counts."""
    t0 = time.monotonic()
    out = Path(out)
    shards, problems = plan_shards([str(i) for i in inputs], config, out=out)
    state = {"config": config.digest(), "plan": _plan_digest(shards, problems), "inputs": [str(i) for i in inputs]}
    prepare_output(out, state, restart=restart)
    write_part(out, "errors", "walk", problems)
    done = {p.stem for p in (out / MARKERS).glob("*.json")} if (out / MARKERS).is_dir() else set()
    pending = [s for s in shards if s.shard_id not in done]
    if engine == "dask":
        from extract.dask_engine import run_dask

        run_dask(pending, str(out), config, jobs=jobs, scheduler=scheduler, progress=progress)
    elif jobs <= 1 or len(pending) <= 1:
        for spec in pending:
            run_shard(spec, str(out), config, on_file=progress)
    else:
        _run_pool(pending, str(out), config, jobs, progress)
    mark_duplicates(out)
    counts = collect_counts(out, shards)
    counts.errors += len(problems)
    lost = sum(1 for p in problems if p.error_type not in _NOTHING_LOST)
    counts.files += lost
    counts.files_failed += lost
    return RunSummary(counts, len(shards), len(shards) - len(pending), time.monotonic() - t0, str(out))


# Walk problems that lose no content: a symlink loop is visited once, and a duplicate link points
# to a file or folder that is read under its own path.  They stay rows in ``errors`` but do not
# count as failed files (they would otherwise make a clean run exit 1).  Every other walk problem
# counts as a file found and not read -- including ``not_a_file``: the SPEC says a file that
# cannot be read becomes an errors row and the README's exit status 1 means "some failed"; a
# pipe or device named like a report (pipe.txt) was found and could not be read, so the user is
# told by the exit status (tests/test_hostile.py counts it as failed too).
_NOTHING_LOST = frozenset({"symlink_loop", "duplicate_link"})


def _run_pool(pending: list[ShardSpec], out: str, config: ExtractConfig, jobs: int,
              progress: Callable[[int, int, int], None] | None) -> None:
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor, as_completed

    ctx = mp.get_context("fork") if hasattr(os, "fork") else mp.get_context("spawn")
    # the largest shards first, so that no worker is left with a big one at the end
    pending = sorted(pending, key=lambda spec: -spec.bytes)
    with ProcessPoolExecutor(max_workers=jobs, mp_context=ctx, initializer=_worker_init) as pool:
        futures = {pool.submit(run_shard, spec, out, config): spec for spec in pending}
        for fut in as_completed(futures):
            c = fut.result()
            if progress:
                progress(c["files"], c["documents"], c["bytes_read"])


def _worker_init() -> None:
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C
    # one BLAS thread per worker: the workers already use every core, and idle BLAS threads spin
    # (a single BLAS dot product in classification once cost a third of the two-worker speed-up)
    try:
        from threadpoolctl import threadpool_limits

        threadpool_limits(1)
    except Exception:  # noqa: BLE001 -- only a speed setting; never stop a run for it
        pass


def collect_counts(out: Path, shards: Iterable[ShardSpec]) -> RunCounts:
    total = RunCounts()
    for spec in shards:
        p = out / MARKERS / f"{spec.shard_id}.json"
        if p.exists():
            c = json.loads(p.read_text(encoding="utf-8"))["counts"]
            total.add(RunCounts(**c))
    return total
