"""Rebuild the shipped section model from the labelled set, the corpus and the examples.

Run from the repository root:

    .venv/bin/python -m models.train_default                 # corpus at ../shared/corpus
    .venv/bin/python -m models.train_default --corpus PATH --compare

It re-derives each labelled section's text with the pipeline (``models/labels/sections.csv``
stores pointers, not text), adds the sections written by us (``written_sections.jsonl``), trains
on the train split only, scores the held-out test split (real sections only), and writes
``models/default/section_model.npz`` and ``models/default/model_card.json``.  ``--compare``
also cross-validates the other model choices of ``models.compare`` (slow: a few minutes).
"""
from __future__ import annotations

import argparse
import json
import os
import time
from collections import Counter
from pathlib import Path

from models.evaluate import evaluate
from models.labels import LABELS_PATH, REPO_ROOT, WRITTEN_PATH, labelled_texts
from models.store import save_model
from models.topic import DEFAULT_MODEL_PATH, train

DEFAULT_CORPUS = Path(os.environ.get("ZONGJIE_CORPUS", REPO_ROOT.parent / "shared" / "corpus"))
RANDOM_STATE = 0


def build_default(corpus_root: str | Path = DEFAULT_CORPUS, *, out: str | Path = DEFAULT_MODEL_PATH,
                  examples_root: str | Path | None = None, compare: bool = False, cv: int = 5) -> dict:
    """Train, score and save the default model; return its model card (a dict)."""
    t0 = time.perf_counter()
    items, lost = labelled_texts(corpus_root=corpus_root, examples_root=examples_root)
    train_items = [x for x in items if x.split == "train"]
    test_items = [x for x in items if x.split == "test" and x.origin != "written"]
    model = train([x.text for x in train_items], [x.topic for x in train_items], [x.role for x in train_items],
                  taxonomy="default", random_state=RANDOM_STATE)
    test = evaluate(model, [x.text for x in test_items], [x.topic for x in test_items], [x.role for x in test_items])
    model.meta["test"] = {h: {k: m[k] for k in ("n", "accuracy", "macro_f1")} for h, m in test.items()}
    model.meta["labels"] = {"file": str(LABELS_PATH.relative_to(REPO_ROOT)),
                            "written": str(WRITTEN_PATH.relative_to(REPO_ROOT)), "unresolved": len(lost)}
    path = save_model(model, out)
    card = {
        "model": str(Path(path).name), "size_bytes": Path(path).stat().st_size,
        "train": {"n": len(train_items), "by_origin": dict(Counter(x.origin for x in train_items))},
        "test": {"n": len(test_items), "by_genre": dict(Counter(x.genre for x in test_items)), **test},
        "unresolved_label_rows": [f"{r['source_path']}#{r['section_index']}" for r in lost],
        "config": model.vectorizer.get_config() | {"classifier": model.meta["classifier"], "C": model.meta["C"]},
        "seconds": round(time.perf_counter() - t0, 1),
    }
    card["config"].pop("topic_terms"), card["config"].pop("role_terms")
    if compare:
        from models.compare import compare_models

        card["comparison"] = compare_models(train_items, test_items, cv=cv, random_state=RANDOM_STATE)
    Path(path).with_name("model_card.json").write_text(json.dumps(card, ensure_ascii=False, indent=1) + "\n",
                                                       encoding="utf-8")
    return card


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", default=str(DEFAULT_CORPUS), help="corpus root (the folder with MANIFEST.csv)")
    ap.add_argument("--examples", default=None, help="examples folder (default: the repository's examples/)")
    ap.add_argument("--out", default=str(DEFAULT_MODEL_PATH), help="model file to write")
    ap.add_argument("--compare", action="store_true", help="also cross-validate the other model choices")
    ap.add_argument("--cv", type=int, default=5, help="folds for --compare")
    args = ap.parse_args(argv)
    card = build_default(args.corpus, out=args.out, examples_root=args.examples, compare=args.compare, cv=args.cv)
    print(f"model: {args.out} ({card['size_bytes'] / 1e6:.2f} MB); trained on {card['train']['n']} sections "
          f"{card['train']['by_origin']}; {len(card['unresolved_label_rows'])} label rows not found")
    for head in ("topic", "role"):
        m = card["test"][head]
        print(f"held-out {head}: n={m['n']} accuracy={m['accuracy']:.3f} macro-F1={m['macro_f1']:.3f}")
    if "comparison" in card:
        from models.compare import format_table

        print(format_table(card["comparison"]))


if __name__ == "__main__":
    main()
