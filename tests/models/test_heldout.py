"""The shipped model on the held-out split of the labelled set (documents never trained on).

Targets: topic macro-F1 >= 0.80 and accuracy >= 0.85; role accuracy >= 0.90.  The test split holds
only real sections (corpus and examples); the sections written by us are training-only.
"""
from __future__ import annotations

import pytest

from models.evaluate import evaluate
from models.labels import labelled_texts
from models.topic import get_model

pytestmark = pytest.mark.corpus


@pytest.fixture(scope="module")
def heldout(shared_corpus):
    items, lost = labelled_texts(corpus_root=shared_corpus)
    return [x for x in items if x.split == "test"], lost


def test_labels_still_resolve(heldout):
    items, lost = heldout
    assert len(lost) <= 10, f"{len(lost)} labelled sections no longer found in the corpus"
    assert all(x.origin != "written" for x in items)
    assert {x.genre for x in items} >= {"gov_work_report", "provincial_report", "stats_bulletin", "example"}


def test_heldout_targets(heldout):
    items, _ = heldout
    m = evaluate(get_model(), [x.text for x in items], [x.topic for x in items], [x.role for x in items])
    assert m["topic"]["n"] >= 300 and m["role"]["n"] >= 300
    assert m["topic"]["accuracy"] >= 0.85, m["topic"]["accuracy"]
    assert m["topic"]["macro_f1"] >= 0.80, m["topic"]["macro_f1"]
    assert m["role"]["accuracy"] >= 0.90, m["role"]["accuracy"]
