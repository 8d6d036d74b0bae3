"""Command line: thin click commands over the library.

Exit codes (all commands): 0 success; 1 some input failed or (check) something is
inconsistent; 2 bad usage or (check) a file could not be read; 3 the output could not be
written (e.g. a folder holding a different run).
"""
from __future__ import annotations

import os
import sys
import time

import click

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
EXIT_FAILED_INPUTS = 1
EXIT_OUTPUT = 3


def limit_options(f):
    """Safety limits shared by every command that reads files."""
    f = click.option("--max-file-mb", type=float, default=256, show_default=True,
                     help="Refuse files larger than this many MB.")(f)
    f = click.option("--max-inflated-mb", type=float, default=256, show_default=True,
                     help="Refuse .docx files that inflate to more than this many MB (zip bombs).")(f)
    f = click.option("--max-html-depth", type=int, default=500, show_default=True,
                     help="Refuse HTML nested deeper than this many elements.")(f)
    f = click.option("--doc-seconds", type=float, default=120, show_default=True,
                     help="Abandon a document whose analysis takes longer than this.")(f)
    return f


def input_options(f):
    f = click.option("--encoding", default=None, metavar="NAME",
                     help="Decode text files with this encoding instead of detecting it (e.g. gb18030).")(f)
    f = click.option("--text-column", default=None, metavar="NAME",
                     help="Column holding the report text in .csv/.jsonl/.parquet files (default: detect).")(f)
    return f


def _config(encoding, text_column, max_file_mb, max_inflated_mb, max_html_depth, doc_seconds, model=None):
    from corpus.limits import MB, Limits
    from extract.pipeline import ExtractConfig

    limits = Limits(max_file_bytes=int(max_file_mb * MB), max_inflated_bytes=int(max_inflated_mb * MB),
                    max_html_depth=max_html_depth, doc_seconds=doc_seconds)
    return ExtractConfig(limits=limits, encoding=encoding, text_column=text_column, model=model)


class Progress:
    """Files, documents and MB/s on stderr: one updating line on a terminal, a line every
    few seconds otherwise."""

    def __init__(self, total_files: int | None = None, quiet: bool = False) -> None:
        self.files = self.docs = self.bytes = 0
        self.t0 = self.last = time.monotonic()
        self.tty = sys.stderr.isatty()
        self.quiet = quiet
        self.total = total_files

    def __call__(self, files: int, docs: int, nbytes: int) -> None:
        self.files += files
        self.docs += docs
        self.bytes += nbytes
        now = time.monotonic()
        if self.quiet or (now - self.last < (0.2 if self.tty else 5.0)):
            return
        self.last = now
        rate = self.bytes / 1e6 / max(1e-9, now - self.t0)
        line = f"{self.files} files, {self.docs} documents, {self.bytes / 1e6:.1f} MB, {rate:.2f} MB/s"
        click.echo(("\r" + line + "   ") if self.tty else line, err=True, nl=not self.tty)

    def close(self) -> None:
        if self.tty and not self.quiet:
            click.echo("", err=True)


@click.group(context_settings=CONTEXT)
@click.version_option("0.1.0", prog_name="zongjie")
def main() -> None:
    """Read Chinese work summaries; extract quantities, dates and programs; check totals."""


@main.command(context_settings=CONTEXT)
@click.argument("inputs", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("-o", "--out", required=True, type=click.Path(file_okay=False), help="Output folder for the tables.")
@click.option("-j", "--jobs", type=int, default=None, help="Worker processes (default: all cores).")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="Run shards in local processes or on a dask.distributed cluster.")
@click.option("--scheduler", default=None, metavar="ADDRESS",
              help="Address of a running Dask scheduler (with --engine dask); default: a LocalCluster.")
@click.option("--restart", is_flag=True, help="Discard what OUT holds and start over.")
@click.option("--model", type=click.Path(exists=True, dir_okay=False), default=None,
              help="Section classifier trained with `train` (default: the shipped model).")
@click.option("-q", "--quiet", is_flag=True, help="No progress line.")
@input_options
@limit_options
def extract(inputs, out, jobs, engine, scheduler, restart, model, quiet, encoding, text_column, max_file_mb,
            max_inflated_mb, max_html_depth, doc_seconds):
    """Extract every report under INPUTS into Parquet tables under OUT.

    Writes OUT/documents, sections, sentences, quantities, dates, programs, checks and errors,
    each a folder of part files.  Re-running on the same OUT resumes an interrupted run.

    Exit status: 0 when every file was read, 1 when some failed (see OUT/errors; the tables
    are still written), 3 when OUT cannot be used.

    Example: python cli.py extract examples -o out
    """
    from corpus.errors import CorpusError
    from extract.runner import run_extract

    config = _config(encoding, text_column, max_file_mb, max_inflated_mb, max_html_depth, doc_seconds, model)
    jobs = jobs or os.cpu_count() or 1
    progress = Progress(quiet=quiet)
    try:
        summary = run_extract(list(inputs), out, config, jobs=jobs, engine=engine, scheduler=scheduler,
                              restart=restart, progress=progress)
    except CorpusError as exc:
        progress.close()
        click.echo(f"Error: {exc}", err=True)
        sys.exit(EXIT_OUTPUT)
    progress.close()
    c = summary.counts
    click.echo(
        f"{c.files} files -> {c.documents} documents, {c.sections} sections, {c.sentences} sentences, "
        f"{c.quantities} quantities, {c.dates} dates, {c.programs} programs, {c.checks} checks "
        f"({c.inconsistent} inconsistent); {c.errors} errors ({c.files_failed} files failed); "
        f"{c.empty_parts} empty parts dropped; {summary.shards_skipped} of {summary.shards} shards resumed; "
        f"{summary.seconds:.1f} s -> {summary.out}",
        err=True,
    )
    if c.files_failed:
        sys.exit(EXIT_FAILED_INPUTS)


@main.command(context_settings=CONTEXT)
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--all", "show_all", is_flag=True, help="Also show consistent, partial and undetermined relations.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Plain words for people, or JSON for programs.")
@click.option("--html", "html_out", type=click.Path(dir_okay=False), default=None,
              help="Also write a self-contained HTML review page to this file.")
@click.option("--model", type=click.Path(exists=True, dir_okay=False), default=None,
              help="Section classifier trained with `train` (default: the shipped model).")
@input_options
@limit_options
def check(files, show_all, fmt, html_out, model, encoding, text_column, max_file_mb, max_inflated_mb,
          max_html_depth, doc_seconds):
    """Check submitted summaries: totals, rates, shares, averages and restated figures that do not
    add up, each with its sentence and the numbers highlighted.

    Exit status: 0 when nothing is inconsistent, 1 when something is, 2 when a file could not
    be read.

    Example: python cli.py check examples/问题核查示例_总结.txt
    """
    from extract.review import check_files, render_json, render_text

    config = _config(encoding, text_column, max_file_mb, max_inflated_mb, max_html_depth, doc_seconds, model)
    steps = None if html_out is None else ("quantities", "dates", "programs", "classify", "checks")
    kwargs = {} if steps is None else {"steps": steps}
    reports = check_files(list(files), limits=config.limits, encoding=encoding, text_column=text_column,
                          model=model, **kwargs)
    if fmt == "json":
        click.echo(render_json(reports, show_all=show_all))
    else:
        click.echo(render_text(reports, show_all=show_all, color=sys.stdout.isatty()))
    if html_out:
        from extract.report_html import write_review

        write_review(reports, html_out)
        click.echo(f"review page written to {html_out}", err=True)
    if any(r.error for r in reports):
        sys.exit(2)
    if any(r.inconsistent for r in reports):
        sys.exit(1)


if __name__ == "__main__":
    main()
