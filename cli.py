"""Command line: thin click commands over the library.

Exit codes (all commands): 0 success; 1 some input failed or (check) something is
inconsistent; 2 bad usage or (check) a file could not be read; 3 the output could not be
written (e.g. a folder holding a different run).
"""
from __future__ import annotations

import os
import sys
import time
from dataclasses import replace

import click

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
EXIT_FAILED_INPUTS = 1
EXIT_OUTPUT = 3
ALL_STEPS = ("quantities", "dates", "programs", "classify", "checks")  # as extract.pipeline.ExtractConfig.steps


def limit_options(f):
    """Safety limits shared by every command that reads files.  Every default is taken from
    ``corpus.limits.DEFAULT_LIMITS``, so the command line and the library cannot disagree."""
    from corpus.limits import DEFAULT_LIMITS as D, MB

    f = click.option("--max-file-mb", type=click.FloatRange(min=0, min_open=True), default=D.max_file_bytes / MB,
                     show_default=True, help="Refuse files larger than this many MB.")(f)
    f = click.option("--max-inflated-mb", type=click.FloatRange(min=0, min_open=True),
                     default=D.max_inflated_bytes / MB, show_default=True,
                     help="Refuse .docx files that inflate to more than this many MB (zip bombs).")(f)
    f = click.option("--max-html-depth", type=click.IntRange(min=1), default=D.max_html_depth, show_default=True,
                     help="Refuse HTML nested deeper than this many elements.")(f)
    f = click.option("--max-pdf-pages", type=click.IntRange(min=1), default=D.max_pdf_pages, show_default=True,
                     help="Refuse PDF files with more pages than this.")(f)
    f = click.option("--max-doc-chars", type=click.IntRange(min=1), default=D.max_doc_chars, show_default=True,
                     help="Cut a document longer than this many characters (the cut is noted in documents.notes).")(f)
    f = click.option("--max-cell-chars", type=click.IntRange(min=1), default=D.max_cell_chars, show_default=True,
                     help="Skip a row of a .csv/.jsonl/.parquet file whose text cell is longer than this "
                          "(an errors row).")(f)
    f = click.option("--read-seconds", type=click.FloatRange(min=0), default=D.read_seconds, show_default=True,
                     help="Abandon reading a file (PDF, .docx, HTML parsers) after this many seconds (0: no limit).")(f)
    f = click.option("--doc-seconds", type=click.FloatRange(min=0), default=D.doc_seconds, show_default=True,
                     help="Abandon a document whose analysis takes longer than this (0: no limit).")(f)
    return f


def input_options(f):
    f = click.option("--encoding", default=None, metavar="NAME",
                     help="Decode text files with this encoding instead of detecting it (e.g. gb18030).")(f)
    f = click.option("--text-column", default=None, metavar="NAME",
                     help="Column holding the report text in .csv/.jsonl/.parquet files (default: detect).")(f)
    return f


def _limits(max_file_mb, max_inflated_mb, max_html_depth, max_pdf_pages, max_doc_chars, max_cell_chars,
            read_seconds, doc_seconds):
    """The Limits of the limit options; the limits without an option keep their defaults."""
    from dataclasses import replace

    from corpus.limits import DEFAULT_LIMITS, MB

    return replace(DEFAULT_LIMITS, max_file_bytes=int(max_file_mb * MB), max_inflated_bytes=int(max_inflated_mb * MB),
                   max_html_depth=max_html_depth, max_pdf_pages=max_pdf_pages, max_doc_chars=max_doc_chars,
                   max_cell_chars=max_cell_chars, read_seconds=read_seconds, doc_seconds=doc_seconds)


def _config(encoding, text_column, limit_kwargs: dict, model=None):
    from extract.pipeline import ExtractConfig

    return ExtractConfig(limits=_limits(**limit_kwargs), encoding=encoding, text_column=text_column, model=model)


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
@click.option("--skip", multiple=True, type=click.Choice(ALL_STEPS), metavar="STEP",
              help=f"Leave out a step (repeatable; one of {', '.join(ALL_STEPS)}); its table is written "
                   "empty.  Checks need quantities: --skip quantities leaves out checks too.")
@input_options
@limit_options
def extract(inputs, out, jobs, engine, scheduler, restart, model, quiet, skip, encoding, text_column,
            **limit_kwargs):
    """Extract every report under INPUTS into Parquet tables under OUT.

    Writes OUT/documents, sections, sentences, quantities, dates, programs, checks and errors,
    each a folder of part files.  Re-running on the same OUT resumes an interrupted run.

    Exit status: 0 when every file was read, 1 when some failed (see OUT/errors; the tables
    are still written), 3 when OUT cannot be used.

    Example: python cli.py extract examples -o out
    """
    from corpus.errors import CorpusError
    from extract.runner import run_extract

    config = _config(encoding, text_column, limit_kwargs, model)
    if skip:
        left_out = set(skip) | ({"checks"} if "quantities" in skip else set())
        config = replace(config, steps=tuple(s for s in config.steps if s not in left_out))
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
        f"{c.files} files found: {c.files - c.files_failed} read, {c.files_failed} failed; "
        f"{c.documents} documents, {c.sections} sections, {c.sentences} sentences, {c.quantities} quantities, "
        f"{c.dates} dates, {c.programs} programs, {c.checks} checks ({c.inconsistent} inconsistent); "
        f"{c.errors} error rows; {c.empty_parts} empty parts dropped; "
        f"{summary.shards_skipped} of {summary.shards} shards resumed; {summary.seconds:.1f} s -> {summary.out}",
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
def check(files, show_all, fmt, html_out, model, encoding, text_column, **limit_kwargs):
    """Check submitted summaries: totals, rates, shares, averages and restated figures that do not
    add up, each with its sentence and the numbers highlighted.

    Exit status: 0 when nothing is inconsistent, 1 when something is, 2 when a file could not
    be read.

    Example: python cli.py check examples/问题核查示例_总结.txt
    """
    from corpus.load import collect_row_errors
    from extract.review import check_files, render_json, render_text

    config = _config(encoding, text_column, limit_kwargs, model)
    steps = None if html_out is None else ("quantities", "dates", "programs", "classify", "checks")
    kwargs = {} if steps is None else {"steps": steps}
    with collect_row_errors() as row_errors:  # rows of table files that could not be used
        reports = check_files(list(files), limits=config.limits, encoding=encoding, text_column=text_column,
                              model=model, **kwargs)
    for rec in row_errors:
        click.echo(f"warning: {rec.source_path}: {rec.message} [{rec.error_type}]", err=True)
    for rep in reports:
        if rep.error:
            click.echo(f"error: cannot read {rep.path}: {rep.error} [{rep.error_type}]", err=True)
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


@main.command(context_settings=CONTEXT)
@click.argument("out", type=click.Path(exists=True, file_okay=False))
@click.option("-n", "--limit", type=int, default=30, show_default=True, help="How many programs to list.")
@click.option("--kind", default=None, help="Only this kind (document, campaign, project, plan, title, action, activity).")
@click.option("--with-duplicates", is_flag=True, help="Also count documents marked as exact duplicates.")
@click.option("--format", "fmt", type=click.Choice(["text", "csv", "json"]), default="text", show_default=True,
              help="A table for people, or CSV/JSON for programs.")
def programs(out, limit, kind, with_duplicates, fmt):
    """The most mentioned programs of an extracted corpus, with document counts and years.

    Example: python cli.py programs out --limit 20
    """
    from extract.program_stats import top_programs

    rows = top_programs(out, limit=limit, kind=kind, include_duplicates=with_duplicates)
    _print_rows(rows, ["name", "kind", "mentions", "documents", "first_year", "last_year"], fmt)


def _print_rows(rows: list[dict], columns: list[str], fmt: str) -> None:
    import csv
    import io
    import json

    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2, default=str))
        return
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.DictWriter(buf, fieldnames=columns, extrasaction="ignore")
        w.writeheader()
        w.writerows(rows)
        click.echo(buf.getvalue().rstrip("\n"))
        return
    widths = {c: max([len(c)] + [len(str(r.get(c, ""))) for r in rows]) for c in columns}
    click.echo("  ".join(c.ljust(widths[c]) for c in columns))
    for r in rows:
        click.echo("  ".join(str(r.get(c, "") if r.get(c) is not None else "").ljust(widths[c]) for c in columns))


@main.command(context_settings=CONTEXT)
@click.argument("labels", type=click.Path(exists=True, dir_okay=False))
@click.option("-o", "--out", "model_out", required=True, type=click.Path(dir_okay=False),
              help="Where to write the trained model (.npz; a .json file is written beside it).")
@click.option("--cv", type=int, default=5, show_default=True, help="Cross-validation folds (0 to skip).")
@click.option("--text-column", default="text", show_default=True, help="Column with the section text.")
@click.option("--label-column", default="label", show_default=True, help="Column with the topic label.")
@click.option("--role-column", default="role", show_default=True, help="Column with the role label (optional).")
def train(labels, model_out, cv, text_column, label_column, role_column):
    """Train a section classifier (topic and role) on your own labelled sections.

    LABELS is a CSV/TSV/JSONL/Parquet table with columns text,label[,role][,group][,split].
    Prints cross-validated accuracy and macro-F1; use the model with `extract --model MODEL`.

    Example: python cli.py train my_labels.csv -o my_model.npz
    """
    from corpus.errors import CorpusError
    from models.topic import train_from_table

    try:
        result = train_from_table(labels, model_out, cv=cv, text_column=text_column, label_column=label_column,
                                  role_column=role_column)
    except CorpusError as exc:
        raise click.ClickException(f"{exc}" + (f" ({exc.hint})" if exc.hint else "")) from None
    click.echo(f"trained on {result['n_fit']} of {result['n']} rows -> {result['model']}")
    for split in ("cv", "test"):
        for head, m in (result.get(split) or {}).items():
            if not isinstance(m, dict) or "accuracy" not in m:
                continue  # the number of folds and other notes
            click.echo(f"{split:4} {head:5} accuracy={m['accuracy']:.3f} macro_f1={m['macro_f1']:.3f}")


@main.command(context_settings=CONTEXT)
@click.argument("out", type=click.Path(exists=True, file_okay=False))
@click.option("-o", "--output", "html_out", required=True, type=click.Path(dir_okay=False),
              help="The HTML file to write (one self-contained file: no network needed to view it).")
@click.option("--max-documents", type=click.IntRange(min=0), default=200, show_default=True,
              help="Include the full text of at most this many documents (flagged ones first, then a sample).")
@click.option("--max-mb", type=click.FloatRange(min=0), default=12.0, show_default=True,
              help="And at most this many MB of highlighted text (the overview comes on top).")
@click.option("--title", default=None, help="Page title (default: from the folder name).")
def report(out, html_out, max_documents, max_mb, title):
    """Write an HTML report of an extracted corpus: charts and sortable tables over every document
    (per year, per source folder, topics, flags, programs), then the text of the flagged documents
    and a sample of the rest with quantities, dates and programs highlighted.

    Example: python cli.py report out -o report.html
    """
    from corpus.errors import CorpusError
    from extract.report_html import write_report

    try:
        s = write_report(out, html_out, max_documents=max_documents, max_mb=max_mb, title=title)
    except CorpusError as exc:
        raise click.ClickException(f"{exc}" + (f" ({exc.hint})" if exc.hint else "")) from None
    except OSError as exc:
        click.echo(f"Error: cannot write {html_out}: {exc.strerror or exc}", err=True)
        sys.exit(EXIT_OUTPUT)
    click.echo(f"report written to {s.path}: {s.documents} documents ({s.shown} with their text, {s.left_out} "
               f"left out), {s.flags} flags, {s.bytes / 1e6:.1f} MB", err=True)


@main.command(context_settings=CONTEXT)
@click.argument("out", type=click.Path(exists=True, file_okay=False))
@click.argument("sql")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True,
              help="An aligned table for people, or CSV/JSON for programs.")
def query(out, sql, fmt):
    """Run SQL (DuckDB) over the tables of OUT: documents, sections, sentences, quantities, dates,
    programs, checks and errors are views by those names.  A bad query exits with status 2.

    Example: python cli.py query out "SELECT year, count(*) AS n FROM documents GROUP BY year ORDER BY year"
    """
    from extract.query import QueryError, format_rows, run_query

    try:
        columns, rows = run_query(out, sql)
    except QueryError as exc:
        click.echo(f"Error: {exc}\nHint: {exc.hint}", err=True)
        sys.exit(2)
    click.echo(format_rows(columns, rows, fmt))
    if fmt == "table":
        click.echo(f"({len(rows)} rows)", err=True)


if __name__ == "__main__":
    main()
