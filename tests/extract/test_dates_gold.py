"""Precision and recall of extract_dates against the hand-annotated gold set.

The gold set (tests/gold/dates.jsonl, written by tests/gold/annotate_dates.py) annotates
whole sentences: every date mention in them, plus hard negatives that only look like dates.
Precision is measured on the extractor's mentions inside those sentences.  Skips cleanly
when ../shared/corpus is not beside the repository.
"""
from __future__ import annotations

import json
from bisect import bisect_right
from collections import defaultdict
from pathlib import Path

import pytest

GOLD = Path(__file__).resolve().parents[1] / "gold" / "dates.jsonl"
PRECISION_TARGET = 0.95
RECALL_TARGET = 0.90


def _load_gold() -> list[dict]:
    return [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]


def evaluate(corpus_root: Path) -> dict:
    """Run the extractor on every gold document; return counts, metrics and the mismatches."""
    from extract.dates import extract_dates
    from extract.pipeline import ExtractConfig, analyse_document
    from tests.gold.anchor import corpus_document, locate

    by_doc: dict[tuple[str, int], list[dict]] = defaultdict(list)
    for row in _load_gold():
        by_doc[(row["source_path"], row["part_index"])].append(row)
    gold, pred, negatives, missing = [], [], [], []
    for (path, part), rows in sorted(by_doc.items()):
        doc = corpus_document(str(corpus_root), path, part)
        sentences = analyse_document(doc, ExtractConfig(steps=())).sentences
        starts = [s.start for s in sentences]
        annotated = set()
        for row in rows:
            span = locate(doc.text, row["start"], row["end"], row["surface"])
            if span is None:
                missing.append((path, row["surface"]))
                continue
            annotated.add(bisect_right(starts, span[0]) - 1)
            item = (path, *span, row["start_date"], row["end_date"])
            (negatives if row["negative"] else gold).append(item)
        for m in extract_dates(doc, sentences):
            if bisect_right(starts, m.start) - 1 in annotated:
                pred.append((path, m.start, m.end, m.start_date, m.end_date, m.surface))
    gold_set = set(gold)
    exact_hits = [p for p in pred if p[:5] in gold_set]

    def overlaps(a, b):
        return a[0] == b[0] and a[1] < b[2] and b[1] < a[2]

    pred_overlap = [p for p in pred if any(overlaps(p, g) for g in gold)]
    gold_overlap = [g for g in gold if any(overlaps(p, g) for p in pred)]
    found = {p[:5] for p in pred}
    return {
        "gold": len(gold), "negatives": len(negatives), "predicted": len(pred), "missing_anchor": missing,
        "files": len(by_doc),
        "precision_exact": len(exact_hits) / max(1, len(pred)),
        "recall_exact": len({g for g in gold if g in found}) / max(1, len(gold)),
        "precision_overlap": len(pred_overlap) / max(1, len(pred)),
        "recall_overlap": len(gold_overlap) / max(1, len(gold)),
        "false_positives": [p for p in pred if p[:5] not in gold_set],
        "misses": [g for g in gold if g not in found],
        "negatives_reported": [n for n in negatives if any(overlaps(p, n) for p in pred)],
    }


@pytest.fixture(scope="module")
def result(shared_corpus):
    return evaluate(shared_corpus)


def test_gold_set_size():
    rows = _load_gold()
    positives = [r for r in rows if not r["negative"]]
    assert len(positives) >= 200
    assert len(rows) - len(positives) >= 40
    assert len({r["source_path"] for r in rows}) >= 15
    for r in rows:
        assert 0 < len(r["surface"]) <= 30 and r["end"] - r["start"] == len(r["surface"])


def test_gold_anchors_still_hold(result):
    assert not result["missing_anchor"], result["missing_anchor"]


def test_precision_and_recall(result):
    print(f"\ndates gold: {result['gold']} mentions, {result['negatives']} negatives, {result['files']} files, "
          f"{result['predicted']} predicted in annotated sentences")
    print(f"exact:   precision {result['precision_exact']:.3f}  recall {result['recall_exact']:.3f}")
    print(f"overlap: precision {result['precision_overlap']:.3f}  recall {result['recall_overlap']:.3f}")
    for fp in result["false_positives"]:
        print("  extra:", fp)
    for miss in result["misses"]:
        print("  missed:", miss)
    assert result["precision_exact"] >= PRECISION_TARGET
    assert result["recall_exact"] >= RECALL_TARGET


def test_no_negative_reported_as_a_date(result):
    assert not result["negatives_reported"], result["negatives_reported"]
