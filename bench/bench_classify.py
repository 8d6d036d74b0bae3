"""How fast section classification is, and what it adds to the pipeline.

    .venv/bin/python bench/bench_classify.py [--corpus ../shared/corpus] [--limit N] [--no-jieba]

Reads every corpus document (single process), runs the pipeline without the classify step,
then runs ``models.topic.classify_sections`` on the sections of every document.  Prints the
throughput in MB/s of section text classified (heading + text[start:end] of every section,
nested sections counted each time, UTF-8 bytes) and of document text, the ratio to bare
``jieba.lcut`` over the same section texts in the same run, and classification's share of the
pipeline's time.
"""
from __future__ import annotations

import argparse
import csv
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description="benchmark section classification")
    ap.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus"))
    ap.add_argument("--limit", type=int, default=0, help="only the first N files of the manifest")
    ap.add_argument("--no-jieba", action="store_true", help="skip the jieba.lcut comparison")
    ap.add_argument("--model", default=None, help="model file (default: the shipped model)")
    args = ap.parse_args(argv)

    from corpus.load import load_documents
    from extract.pipeline import ExtractConfig, analyse_document
    from models.topic import classify_sections, get_model, section_texts

    root = Path(args.corpus)
    files = [r["path"] for r in csv.DictReader(open(root / "MANIFEST.csv", encoding="utf-8"))]
    files = files[: args.limit] if args.limit else files
    steps = tuple(s for s in ExtractConfig().steps if s != "classify")
    config = ExtractConfig(steps=steps)

    t0 = time.perf_counter()
    outs = []
    for rel in files:
        for doc in load_documents(root / rel, rel=rel):
            outs.append(analyse_document(doc, config))
    t_pipeline = time.perf_counter() - t0
    doc_bytes = sum(len(o.document.text.encode("utf-8")) for o in outs)

    t0 = time.perf_counter()
    get_model(args.model)
    t_load = time.perf_counter() - t0

    t0 = time.perf_counter()
    n_sections = 0
    for o in outs:
        n_sections += len(classify_sections(o.document, o.sections, model_path=args.model))
    t_classify = time.perf_counter() - t0

    texts = [t for o in outs for t in section_texts(o.document, o.sections)]
    sec_bytes = sum(len(t.encode("utf-8")) for t in texts)
    cls_mb_s = sec_bytes / 1e6 / t_classify
    print(f"documents: {len(outs)} ({doc_bytes / 1e6:.2f} MB of text); sections: {n_sections} "
          f"({sec_bytes / 1e6:.2f} MB of section text)")
    print(f"pipeline without classification ({', '.join(steps) or 'cutting only'}): {t_pipeline:.2f} s "
          f"= {doc_bytes / 1e6 / t_pipeline:.2f} MB/s of document text")
    print(f"model load (once per process): {t_load:.2f} s")
    print(f"classify_sections: {t_classify:.2f} s = {cls_mb_s:.1f} MB/s of section text "
          f"({doc_bytes / 1e6 / t_classify:.1f} MB/s of document text)")
    print(f"classification adds {100 * t_classify / t_pipeline:.1f}% to the pipeline "
          f"({100 * (t_classify + t_load) / t_pipeline:.1f}% counting the model load)")
    if not args.no_jieba:
        import jieba

        tok = jieba.Tokenizer()
        tok.initialize()
        t0 = time.perf_counter()
        for t in texts:
            tok.lcut(t)
        t_jieba = time.perf_counter() - t0
        jb_mb_s = sec_bytes / 1e6 / t_jieba
        print(f"jieba.lcut over the same section text: {t_jieba:.2f} s = {jb_mb_s:.2f} MB/s; "
              f"classification is {cls_mb_s / jb_mb_s:.1f}x the speed of bare jieba.lcut")


if __name__ == "__main__":
    main()
