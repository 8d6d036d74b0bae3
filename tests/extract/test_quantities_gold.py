"""Quantities against the hand-annotated gold set (tests/gold/quantities.jsonl, made by reading
../shared/corpus; see tests/gold/QUANTITIES_GUIDE.md).  Scored per exhaustively annotated
window: precision and recall on (span, value, unit), subject accuracy on the matches.
Skipped when the corpus is absent."""
from __future__ import annotations

import json
import math
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from extract.pipeline import ExtractConfig, analyse_document
from extract.quantities import extract_quantities
from tests.gold.anchor import corpus_document, locate

GOLD = Path(__file__).resolve().parents[1] / "gold" / "quantities.jsonl"
TARGET_PRECISION, TARGET_RECALL, TARGET_SUBJECT = 0.97, 0.95, 0.85


def _num(x):
    if x in ("inf", "-inf"):
        return math.inf if x == "inf" else -math.inf
    return x


def same_value(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)


def subject_ok(pred: str, gold: str) -> bool:
    if not gold:
        return True  # nothing to identify; any guess is harmless
    return bool(pred) and (pred in gold or gold in pred)


def score(root: Path, gold: Path = GOLD) -> dict:
    rows = [json.loads(line) for line in gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    by_doc: dict[tuple[str, int], list[dict]] = defaultdict(list)
    for r in rows:
        by_doc[(r["source_path"], r.get("part_index", 0))].append(r)
    tp = fp = fn = subj_ok = subj_n = 0
    misses: Counter = Counter()
    errors: list[tuple] = []
    for (path, part), items in sorted(by_doc.items()):
        doc = corpus_document(str(root), path, part)
        out = analyse_document(doc, ExtractConfig(steps=()))
        preds = list(extract_quantities(doc, out.sentences))
        windows = {(r["window_start"], r["window_end"]) for r in items}
        gold = []
        for r in items:
            span = locate(doc.text, r["start"], r["end"], r["surface"])
            assert span is not None, f"gold surface {r['surface']!r} lost in {path}"
            gold.append((span, r))
        for ws, we in windows:
            g_in = [(s, r) for s, r in gold if ws <= s[0] < we]
            # table cells (status "table") are read from table structure, which the gold set marks as
            # "cells without a unit": they are a separate stream and not scored here
            p_in = [q for q in preds if ws <= q.start and q.end <= we and q.status != "table"]
            used = set()
            for q in p_in:
                hit = None
                for k, ((a, b), r) in enumerate(g_in):
                    if k in used or r["negative"] or not (q.start < b and a < q.end):
                        continue
                    if same_value(q.value, r.get("value")) and q.unit == r.get("unit"):
                        hit = k
                        break
                if hit is None:
                    fp += 1
                    neg = [r for (a, b), r in g_in if r["negative"] and q.start < b and a < q.end]
                    errors.append(("FP", path, q.surface, q.value, q.unit, neg[0]["why"] if neg else ""))
                    continue
                used.add(hit)
                tp += 1
                r = g_in[hit][1]
                if r.get("subject"):
                    subj_n += 1
                    subj_ok += subject_ok(q.subject, r["subject"])
            for k, ((a, b), r) in enumerate(g_in):
                if not r["negative"] and k not in used:
                    fn += 1
                    misses[r.get("kind", "")] += 1
                    errors.append(("FN", path, r["surface"], r.get("value"), r.get("unit"), ""))
    p = tp / max(1, tp + fp)
    rcl = tp / max(1, tp + fn)
    return {"tp": tp, "fp": fp, "fn": fn, "precision": p, "recall": rcl,
            "subject": subj_ok / max(1, subj_n), "subject_n": subj_n, "misses": misses, "errors": errors}


@pytest.fixture(scope="module")
def result(shared_corpus):
    return score(shared_corpus)


def test_gold_set_size():
    rows = [json.loads(x) for x in GOLD.read_text(encoding="utf-8").splitlines() if x.strip()]
    assert sum(not r["negative"] for r in rows) >= 400
    assert len({r["source_path"] for r in rows}) >= 15


def test_precision(result):
    print(f"\nquantities: P={result['precision']:.3f} R={result['recall']:.3f} subject={result['subject']:.3f} "
          f"(tp={result['tp']} fp={result['fp']} fn={result['fn']})")
    assert result["precision"] >= TARGET_PRECISION


def test_recall(result):
    assert result["recall"] >= TARGET_RECALL


def test_subject_accuracy(result):
    assert result["subject"] >= TARGET_SUBJECT


HELDOUT = GOLD.with_name("quantities_heldout.jsonl")
# The held-out set was annotated blind after the rules were written (tests/gold/HELDOUT.md) and is
# never used to tune them: it reports the honest score; its floor is set below the dev targets.
HELDOUT_FLOOR = {"precision": 0.95, "recall": 0.90}


def test_heldout(shared_corpus):
    res = score(shared_corpus, HELDOUT)
    print(f"\nheld-out quantities: P={res['precision']:.3f} R={res['recall']:.3f} subject={res['subject']:.3f} "
          f"(tp={res['tp']} fp={res['fp']} fn={res['fn']})")
    assert res["precision"] >= HELDOUT_FLOOR["precision"] and res["recall"] >= HELDOUT_FLOOR["recall"]


if __name__ == "__main__":  # a report of the errors, for the developer
    import sys

    res = score(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/corpus"),
                HELDOUT if "--heldout" in sys.argv else GOLD)
    print({k: v for k, v in res.items() if k != "errors"})
    for e in res["errors"]:
        print(*e, sep=" | ")
