"""The totals checker against the hand-annotated relation gold set (tests/gold/checks.jsonl; see
tests/gold/CHECKS_GUIDE.md): precision and recall of "inconsistent", and how many consistent
relations the checker verifies.  Corpus relations are skipped when ../shared/corpus is absent."""
from __future__ import annotations

import json
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from corpus.load import load_documents
from extract.pipeline import ExtractConfig, analyse_document
from tests.gold.anchor import locate

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "tests" / "gold" / "checks.jsonl"
STEPS = ExtractConfig(steps=("quantities", "classify", "checks"))
TARGET_PRECISION, TARGET_RECALL, TARGET_VERIFIED = 1.0, 0.9, 0.8


def _doc(root: Path | None, source_path: str, part: int, row: int | None):
    if source_path.startswith("examples/"):
        docs = load_documents(ROOT / source_path, rel=source_path)
    else:
        from corpus.load import load_documents as load

        docs = load(Path(root) / source_path, rel=source_path)
    return [d for d in docs if d.part_index == part and (row is None or d.row_index == row)][0]


def _spans(text: str, g: dict) -> list[tuple[int, int]]:
    items = ([g["total"]] if g.get("total") else []) + g["parts"]
    out = []
    for it in items:
        s = locate(text, it["start"], it["end"], it["surface"])
        assert s is not None, f"{g['id']}: surface {it['surface']!r} lost"
        out.append(s)
    return out


def _overlaps(a: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(a[0] < b and s < a[1] for s, b in spans)


def _accepts(g: dict, verdict: str) -> bool:
    return verdict == g["expected_verdict"] or verdict in (g.get("also_acceptable") or [])


def score(root: Path | None) -> dict:
    gold = [json.loads(x) for x in GOLD.read_text(encoding="utf-8").splitlines() if x.strip()]
    if root is None:
        gold = [g for g in gold if g["source_path"].startswith("examples/")]
    by_doc: dict[tuple, list[dict]] = defaultdict(list)
    for g in gold:
        by_doc[(g["source_path"], g.get("part_index", 0), g.get("row_index"))].append(g)
    flagged = flagged_ok = 0
    found: set[str] = set()
    verified: set[str] = set()
    false_alarms: list[tuple] = []
    for (path, part, row), items in sorted(by_doc.items(), key=lambda kv: (kv[0][0], kv[0][1], kv[0][2] or 0)):
        doc = _doc(root, path, part, row)
        out = analyse_document(doc, STEPS)
        qspan = {q.quantity_id: (q.start, q.end) for q in out.quantities}
        gspans = {g["id"]: _spans(doc.text, g) for g in items}
        for c in out.checks:
            mine = [qspan[i] for i in c.quantity_ids if i in qspan]
            matches = [g for g in items if sum(_overlaps(m, gspans[g["id"]]) for m in mine) >= min(2, len(mine))
                       and (g["kind"] == c.kind or {g["kind"], c.kind} <= {"share", "rate"})]
            if c.verdict == "inconsistent":
                flagged += 1
                if any(_accepts(g, "inconsistent") for g in matches):
                    flagged_ok += 1
                    found.update(g["id"] for g in matches if g["expected_verdict"] == "inconsistent")
                else:
                    false_alarms.append((path, c.kind, c.message, [g["id"] for g in matches]))
            if c.verdict == "consistent":
                verified.update(g["id"] for g in matches if g["expected_verdict"] == "consistent")
    wanted = [g for g in gold if g["expected_verdict"] == "inconsistent"]
    required = [g for g in wanted if not set(g.get("also_acceptable") or []) - {"inconsistent"}]
    consistent = [g for g in gold if g["expected_verdict"] == "consistent"]
    return {
        "relations": len(gold), "kinds": Counter(g["kind"] for g in gold),
        "flagged": flagged, "precision": flagged_ok / flagged if flagged else 1.0,
        "recall": sum(g["id"] in found for g in required) / max(1, len(required)),
        "recall_all": sum(g["id"] in found for g in wanted) / max(1, len(wanted)),
        "missed": [(g["id"], g["source_path"], g["arithmetic"]) for g in wanted if g["id"] not in found],
        "verified": sum(g["id"] in verified for g in consistent) / max(1, len(consistent)),
        "n_consistent": len(consistent), "false_alarms": false_alarms,
    }


@pytest.fixture(scope="module")
def result(request):
    from tests.conftest import SHARED_CORPUS, corpus_available

    return score(SHARED_CORPUS if corpus_available() else None)


def test_gold_size():
    gold = [json.loads(x) for x in GOLD.read_text(encoding="utf-8").splitlines() if x.strip()]
    assert len(gold) >= 150
    assert {g["kind"] for g in gold} >= {"sum", "rate", "share", "average", "restated"}


def test_no_false_alarm(result):
    print(f"\nchecks: flagged={result['flagged']} precision={result['precision']:.3f} recall={result['recall']:.3f} "
          f"(all {result['recall_all']:.3f}) verified={result['verified']:.3f} of {result['n_consistent']} consistent")
    assert result["false_alarms"] == []
    assert result["precision"] >= TARGET_PRECISION


def test_recall_of_inconsistent(result):
    assert result["recall"] >= TARGET_RECALL, result["missed"]


def test_consistent_relations_verified(result):
    assert result["verified"] >= TARGET_VERIFIED


if __name__ == "__main__":
    import sys

    res = score(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/corpus"))
    for k, v in res.items():
        print(k, v)
