"""Throughput and memory of the whole ``extract`` against bare ``jieba.lcut``, in the same run.

    .venv/bin/python bench/bench.py                 # ~10 MB corpus built from ../shared/corpus
    .venv/bin/python bench/bench.py --mb 4 --quick  # a faster look
    .venv/bin/python bench/bench.py --rss           # also peak RSS at 6 MB and 24 MB of input
                                                    # (files taken largest first, so both hold the same
                                                    # largest documents: peak memory follows those)

It also times ``extract --skip classify`` to show what section classification adds, quantity
extraction alone (only that step, minus a run that only reads and cuts), and a
one-file run to show the fixed start-up of a process, which is reported apart (jieba's timing
leaves its dictionary load out; over an archive the start-up is paid once per worker).

The bench corpus is made of the shared corpus's files copied (with new names, into a temporary
folder) until it holds the wanted number of megabytes.  Both contestants get the same text: the
pipeline's ``documents.text`` (what every extractor reads) is what jieba segments.  The pipeline
is timed end to end as a user runs it — a fresh ``python cli.py extract`` process that reads,
cuts, extracts quantities, dates and programs, classifies sections, checks totals and writes
Parquet — so its start-up (dictionaries, model) is included; jieba's dictionary load is not.
Each measurement is repeated (--repeat) and the best time kept, because a shared machine is noisy.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"
MB = 1_000_000


def build_corpus(src: Path, dest: Path, megabytes: float, *, largest_first: bool = False) -> int:
    """Copy the corpus files into ``dest`` (renamed per round) until ``megabytes`` are there.

    ``largest_first``: take the files largest first (for memory: peak RSS follows the largest
    document, so corpora of different sizes are compared holding the same largest documents)."""
    files = sorted(p for p in src.rglob("*") if p.is_file() and p.name != "MANIFEST.csv")
    if largest_first:
        files.sort(key=lambda p: -p.stat().st_size)
    total, rnd = 0, 0
    while total < megabytes * MB:
        for f in files:
            target = dest / f"r{rnd:03d}" / f.relative_to(src)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(f, target)
            total += f.stat().st_size
            if total >= megabytes * MB:
                break
        rnd += 1
    return total


def run_extract(inp: Path, out: Path, jobs: int, *extra: str) -> tuple[float, int]:
    """Wall time of a fresh ``cli.py extract`` process and its peak RSS (KiB)."""
    shutil.rmtree(out, ignore_errors=True)
    code = ("import resource, subprocess, sys, time; t = time.perf_counter(); "
            "r = subprocess.run(sys.argv[1:]); dt = time.perf_counter() - t; "
            "print(dt, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, r.returncode)")
    cmd = [sys.executable, "-c", code, sys.executable, str(ROOT / "cli.py"), "extract", str(inp), "-o", str(out),
           "-j", str(jobs), "-q", *extra]
    res = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    dt, rss, rc = res.stdout.split()
    if rc not in ("0", "1"):
        raise SystemExit(f"extract failed ({rc}): {res.stderr[-2000:]}")
    return float(dt), int(rss)


STEP_NAMES = ("read", "clean", "cut", "quantities", "dates", "programs", "checks", "classify", "write")


def step_seconds(out: Path) -> dict[str, float]:
    """Seconds per step of a run, summed over its shards (their completion markers record them)."""
    from extract.runner import MARKERS

    total: dict[str, float] = {}
    for marker in (out / MARKERS).glob("*.json"):
        for k, v in json.loads(marker.read_text(encoding="utf-8"))["counts"].get("seconds", {}).items():
            total[k] = total.get(k, 0.0) + v
    return total


def write_short_files(texts: list[str], folder: Path, size: int) -> int:
    """The texts cut at line breaks into files of about ``size`` bytes: an archive of short
    summaries made of the same text.  Returns the number of files."""
    folder.mkdir(parents=True, exist_ok=True)
    n = 0
    for text in texts:
        chunk: list[str] = []
        held = 0
        for line in text.split("\n"):
            chunk.append(line)
            held += len(line.encode("utf-8")) + 1
            if held >= size:
                (folder / f"s{n:06d}.txt").write_text("\n".join(chunk), encoding="utf-8")
                n, chunk, held = n + 1, [], 0
        if chunk:
            (folder / f"s{n:06d}.txt").write_text("\n".join(chunk), encoding="utf-8")
            n += 1
    return n


def document_texts(out: Path) -> list[str]:
    import pyarrow.dataset as ds

    return ds.dataset(str(out / "documents"), format="parquet").to_table(columns=["text"]).column("text").to_pylist()


def time_jieba(texts: list[str]) -> float:
    import jieba

    jieba.setLogLevel(60)
    jieba.initialize()
    t = time.perf_counter()
    for text in texts:
        jieba.lcut(text)
    return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--mb", type=float, default=10.0, help="size of the bench corpus in MB of files")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2, help="workers for the multi-core run")
    ap.add_argument("--repeat", type=int, default=2, help="runs per measurement (best kept)")
    ap.add_argument("--quick", action="store_true", help="one run each, no multi-core run")
    ap.add_argument("--rss", action="store_true", help="also peak RSS at 6 MB and 24 MB of input")
    ap.add_argument("--small-kb", type=float, default=0,
                    help="also an archive of short summaries: the bench text cut at line breaks into files of "
                         "about this many KB (per-document costs weigh more there)")
    ap.add_argument("--json", type=Path, default=None, help="also write the results here")
    args = ap.parse_args()
    if not (args.corpus / "MANIFEST.csv").exists():
        raise SystemExit(f"no corpus at {args.corpus}")
    repeat = 1 if args.quick else args.repeat
    # bytecode, as an installed package has it (pip compiles it; an editable install writes it on
    # first import unless PYTHONDONTWRITEBYTECODE is set): otherwise every timed process would spend
    # a quarter of a second compiling the project's source
    import compileall

    for pkg in ("corpus", "extract", "models"):
        compileall.compile_dir(str(ROOT / pkg), quiet=1)
    compileall.compile_file(str(ROOT / "cli.py"), quiet=1)
    results: dict = {}
    with tempfile.TemporaryDirectory(prefix="zongjie-bench-") as tmp:
        tmp = Path(tmp)
        size = build_corpus(args.corpus, tmp / "in", args.mb)
        out = tmp / "out"
        tiny = tmp / "tiny"  # one small file: the fixed start-up of a process
        tiny.mkdir()
        (tiny / "one.txt").write_text("某社区工作总结\n一、基本情况\n全年走访困难群众120户。\n", encoding="utf-8")
        multi = not args.quick and args.jobs > 1
        # The measurements are interleaved round by round, so that a slow spell of a shared machine
        # hits all of them alike; the best of the rounds is kept for each.
        t: dict[str, list[float]] = {"one": [], "jieba": [], "start": [], "bare": [], "many": [], "cut": [], "qty": []}
        others = ("dates", "programs", "classify", "checks")
        texts: list[str] = []
        steps: list[dict[str, float]] = []  # seconds per step of each 1-worker run
        for r in range(repeat):
            t["one"].append(run_extract(tmp / "in", out, 1)[0])
            steps.append(step_seconds(out))
            if r == 0:
                texts = document_texts(out)
            t["jieba"].append(time_jieba(texts))
            t["start"].append(run_extract(tiny, tmp / "out-tiny", 1)[0])
            if not args.quick:
                t["bare"].append(run_extract(tmp / "in", out, 1, "--skip", "classify")[0])
                # quantity extraction alone: only quantities, against reading and cutting only
                t["qty"].append(run_extract(tmp / "in", out, 1, *[a for o in others for a in ("--skip", o)])[0])
                t["cut"].append(run_extract(tmp / "in", out, 1, *[a for o in ("quantities", *others)
                                                                   for a in ("--skip", o)])[0])
            if multi:
                t["many"].append(run_extract(tmp / "in", out, args.jobs)[0])
        one, jb, start = min(t["one"]), min(t["jieba"]), min(t["start"])
        text_mb = sum(len(x.encode("utf-8")) for x in texts) / MB
        steady = one - start
        results.update(files_mb=size / MB, text_mb=text_mb, jieba_mb_s=text_mb / jb, extract_1_mb_s=text_mb / one,
                       ratio_vs_jieba=jb / one, startup_s=start, extract_1_steady_mb_s=text_mb / steady,
                       ratio_steady_vs_jieba=jb / steady, rounds=repeat)
        print(f"bench corpus: {size / MB:.1f} MB of files, {text_mb:.1f} MB of document text, {len(texts)} documents; "
              f"best of {repeat} interleaved rounds")
        print(f"jieba.lcut         {text_mb / jb:6.2f} MB/s")
        print(f"extract, 1 worker  {text_mb / one:6.2f} MB/s   ratio vs jieba.lcut: {jb / one:.2f}x")
        print(f"  start-up of one process {start:.2f} s; without it (as jieba is timed): {text_mb / steady:.2f} MB/s, "
              f"ratio vs jieba.lcut: {jb / steady:.2f}x")
        best = steps[t["one"].index(one)]
        if best:
            # where the time of the best 1-worker run went, measured inside that run (the same run
            # for every step, so unlike the differences of separate runs below it is not at the
            # mercy of a shared machine's slow spells); the rest is start-up, reading and the end
            names = [k for k in STEP_NAMES if k in best]
            results.update(step_seconds=best, classify_share_in_run=best.get("classify", 0.0) / one)
            print("  time per step in that run: " + ", ".join(f"{k} {best[k]:.2f} s" for k in names)
                  + f"; other {one - sum(best[k] for k in names):.2f} s (start-up, planning, the end)")
            print(f"  classification's share of that run: {100 * best.get('classify', 0.0) / one:.1f}% "
                  "(model load included)")
        if t["bare"]:
            bare = min(t["bare"])
            results.update(extract_1_no_classify_mb_s=text_mb / bare, classify_share=(one - bare) / one)
            print(f"extract, 1 worker, --skip classify {text_mb / bare:6.2f} MB/s   what skipping it saves: "
                  f"{100 * (one - bare) / one:.1f}% (best of separate runs: noisier)")
        if t["qty"]:
            qty = max(0.0, min(t["qty"]) - min(t["cut"]))
            results.update(quantities_s=qty, quantities_vs_jieba=jb / qty if qty else None)
            print(f"quantities step alone: {qty:.2f} s (only quantities minus reading and cutting only) against "
                  f"{jb:.2f} s of jieba.lcut: {jb / qty if qty else float('inf'):.1f}x faster")
        if multi:
            many = min(t["many"])
            results.update(jobs=args.jobs, extract_n_mb_s=text_mb / many, speedup=one / many)
            print(f"extract, {args.jobs} workers {text_mb / many:6.2f} MB/s   speed-up over 1 worker: {one / many:.2f}x")
        if args.small_kb:
            small = tmp / "small"
            n_files = write_short_files(texts, small, int(args.small_kb * 1024))
            ts: dict[str, list[float]] = {"one": [], "jieba": []}
            small_steps: list[dict[str, float]] = []
            small_texts: list[str] = []
            for r in range(repeat):
                ts["one"].append(run_extract(small, out, 1)[0])
                small_steps.append(step_seconds(out))
                if r == 0:
                    small_texts = document_texts(out)
                ts["jieba"].append(time_jieba(small_texts))
            s_one, s_jb = min(ts["one"]), min(ts["jieba"])
            s_mb = sum(len(x.encode("utf-8")) for x in small_texts) / MB
            s_cls = small_steps[ts["one"].index(s_one)].get("classify", 0.0)
            results.update(small_files=n_files, small_ratio_vs_jieba=s_jb / s_one, small_classify_share=s_cls / s_one)
            print(f"short summaries: {n_files} files of about {args.small_kb:g} KB ({s_mb:.1f} MB of text): "
                  f"jieba.lcut {s_mb / s_jb:.2f} MB/s, extract 1 worker {s_mb / s_one:.2f} MB/s, "
                  f"ratio {s_jb / s_one:.2f}x; classification {100 * s_cls / s_one:.1f}% of that run")
        if args.rss:
            for mb in (6, 24):
                d = tmp / f"rss{mb}"
                build_corpus(args.corpus, d, mb, largest_first=True)
                dt, rss = run_extract(d, tmp / f"out{mb}", 1)
                results[f"rss_{mb}mb_kib"] = rss
                print(f"peak RSS, {mb:2d} MB input, 1 worker: {rss / 1024:7.1f} MiB ({dt:.1f} s)")
            print(f"RSS growth 24 MB vs 6 MB: {results['rss_24mb_kib'] / results['rss_6mb_kib']:.2f}x")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
