"""Precision and recall of extract_programs against the hand-annotated gold set.

tests/gold/programs.jsonl was annotated by reading corpus sentences (national reports from
1955 to 2020, district and provincial reports, a Hong Kong policy address, statistical
bulletins and personal work summaries).  A sentence that carries a gold line is annotated
completely: every program mention in it is a positive line, and look-alikes that must not be
reported (quoted periods, doctrines, slogans, generic 工作/活动/计划 words…) are negative
lines.  Precision is measured on the extractor's mentions inside those sentences.  The
policy (what counts as a program) is the docstring of extract/programs.py.  Skips cleanly
when ../shared/corpus is not beside the repository.
"""
from __future__ import annotations

import json
from bisect import bisect_right
from collections import Counter, defaultdict
from functools import lru_cache
from pathlib import Path

import pytest

GOLD = Path(__file__).resolve().parents[1] / "gold" / "programs.jsonl"
PRECISION_TARGET = 0.90
RECALL_TARGET = 0.85
KINDS = {"document", "campaign", "project", "plan", "title", "action", "activity", "other"}


def _load_gold() -> list[dict]:
    return [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]


def evaluate(corpus_root: Path) -> dict:
    """Run the extractor on every gold document; return counts, metrics and the mismatches.

    Args:
        corpus_root: the folder holding MANIFEST.csv and the corpus files.

    Returns:
        A dict with precision, recall, overlap precision and recall, the missed positives, the
        extra mentions, the negatives that were reported and the gold lines that no longer anchor.
    """
    from extract.pipeline import ExtractConfig, analyse_document
    from extract.programs import extract_programs
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
            (negatives if row["negative"] else gold).append((path, *span, row["name"], row["kind"]))
        for m in extract_programs(doc, sentences):
            if bisect_right(starts, m.start) - 1 in annotated:
                pred.append((path, m.start, m.end, m.name, m.kind, m.surface))

    def overlaps(a, b):
        return a[0] == b[0] and a[1] < b[2] and b[1] < a[2]

    gold_keys = {g[:4] for g in gold}
    exact = [p for p in pred if p[:4] in gold_keys]
    found = {p[:4] for p in pred}
    pred_overlap = [p for p in pred if any(overlaps(p, g) for g in gold)]
    gold_overlap = [g for g in gold if any(overlaps(p, g) for p in pred)]
    return {
        "gold": len(gold), "negatives": len(negatives), "predicted": len(pred),
        "precision": len(exact) / len(pred) if pred else 1.0,
        "recall": len({g[:4] for g in gold} & found) / len(gold) if gold else 1.0,
        "overlap_precision": len(pred_overlap) / len(pred) if pred else 1.0,
        "overlap_recall": len(gold_overlap) / len(gold) if gold else 1.0,
        "kind_accuracy": sum(p[4] == next(g[4] for g in gold if g[:4] == p[:4]) for p in exact) / max(1, len(exact)),
        "missed": [g for g in gold if g[:4] not in found],
        "extra": [p for p in pred if p[:4] not in gold_keys],
        "negatives_reported": [p for p in pred if any(overlaps(p, n) for n in negatives)],
        "unanchored": missing,
    }


@lru_cache(maxsize=2)
def _evaluated(root: str) -> dict:
    return evaluate(Path(root))


def test_gold_set_shape():
    rows = _load_gold()
    positives = [r for r in rows if not r["negative"]]
    assert len(positives) >= 150
    assert len(rows) - len(positives) >= 40
    assert len({r["source_path"] for r in rows}) >= 15
    assert len({r["source_path"].split("/")[0] for r in rows}) >= 6  # genres and sources
    assert all(r["kind"] in KINDS and r["name"] for r in positives)
    assert all(r["surface"] and r["end"] - r["start"] == len(r["surface"]) for r in rows)
    assert len(Counter(r["kind"] for r in positives)) >= 6


@pytest.mark.corpus
def test_gold_surfaces_anchor(shared_corpus):
    from tests.gold.anchor import corpus_document, locate

    for row in _load_gold():
        doc = corpus_document(str(shared_corpus), row["source_path"], row["part_index"])
        assert locate(doc.text, row["start"], row["end"], row["surface"]) is not None, row


@pytest.mark.corpus
def test_precision_recall_against_gold(shared_corpus):
    r = _evaluated(str(shared_corpus))
    assert not r["unanchored"], r["unanchored"]
    summary = (f"P={r['precision']:.3f} R={r['recall']:.3f} overlap P={r['overlap_precision']:.3f} "
               f"R={r['overlap_recall']:.3f} on {r['gold']} gold mentions; extra={r['extra'][:10]} "
               f"missed={r['missed'][:10]}")
    assert r["precision"] >= PRECISION_TARGET, summary
    assert r["recall"] >= RECALL_TARGET, summary
    assert r["kind_accuracy"] >= 0.90, summary


@pytest.mark.corpus
def test_no_negative_is_reported(shared_corpus):
    r = _evaluated(str(shared_corpus))
    assert r["negatives_reported"] == []
