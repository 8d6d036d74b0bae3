"""Scoring section models: metrics per head, cross-validation, and reading a labels table."""
from __future__ import annotations

import csv
import json
import warnings
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from corpus.errors import CorpusError


class LabelsError(CorpusError):
    """A labels table that cannot be used for training."""

    stage = "read"
    error_type = "bad_labels"
    hint = "the table needs columns text and label (optionally role, group, split)"


def head_metrics(y_true: Sequence[str | None], y_pred: Sequence[str | None]) -> dict:
    """Accuracy, macro-F1, per-label report and confusion counts over the rows that have a true label.

    Macro-F1 averages over the labels present in ``y_true``.

    >>> m = head_metrics(["教育", "教育", "卫生健康"], ["教育", "卫生健康", "卫生健康"])
    >>> round(m["accuracy"], 3), round(m["macro_f1"], 3)
    (0.667, 0.667)
    """
    from sklearn.metrics import accuracy_score, confusion_matrix, f1_score, precision_recall_fscore_support

    pairs = [(t, p) for t, p in zip(y_true, y_pred) if t]
    if not pairs:
        return {"n": 0}
    t, p = [a for a, _ in pairs], [b if b else "" for _, b in pairs]
    present = sorted(set(t))
    prec, rec, f1, sup = precision_recall_fscore_support(t, p, labels=present, zero_division=0)
    labels = sorted(set(t) | set(p))
    with warnings.catch_warnings():  # a single label is fine here: the matrix is 1x1
        warnings.simplefilter("ignore", UserWarning)
        cm = confusion_matrix(t, p, labels=labels)
    return {
        "n": len(t),
        "accuracy": float(accuracy_score(t, p)),
        "macro_f1": float(f1_score(t, p, labels=present, average="macro", zero_division=0)),
        "report": {lab: {"precision": float(a), "recall": float(b), "f1": float(c), "support": int(d)}
                   for lab, a, b, c, d in zip(present, prec, rec, f1, sup)},
        "confusion": {"labels": labels, "matrix": cm.tolist()},
    }


def evaluate(model, texts: Sequence[str], topics: Sequence[str | None], roles: Sequence[str | None]) -> dict:
    """Metrics of ``model`` on labelled texts: {"topic": {...}, "role": {...}}."""
    from models.topic import predict

    preds = predict(model, texts)
    return {"topic": head_metrics(topics, [p[0] for p in preds]), "role": head_metrics(roles, [p[2] for p in preds])}


def cross_validate(texts: Sequence[str], topics: Sequence[str | None], roles: Sequence[str | None], *,
                   groups: Sequence[str] | None = None, cv: int = 5, random_state: int = 0,
                   **train_options) -> dict:
    """Out-of-fold metrics of ``train(**train_options)``; folds keep groups (documents) together.

    Returns:
        {"topic": metrics, "role": metrics, "folds": cv}
    """
    from sklearn.model_selection import GroupKFold, KFold, StratifiedKFold

    from models.topic import predict, train

    n = len(texts)
    y = [t or r or "" for t, r in zip(topics, roles)]
    if groups is not None and len(set(groups)) >= cv:
        splits = GroupKFold(n_splits=cv).split(np.zeros(n), y, groups)
    else:
        smallest = min((y.count(v) for v in set(y)), default=0)
        splitter = (StratifiedKFold(cv, shuffle=True, random_state=random_state) if smallest >= cv
                    else KFold(cv, shuffle=True, random_state=random_state))
        splits = splitter.split(np.zeros(n), y)
    out_t: list[str | None] = [None] * n
    out_r: list[str | None] = [None] * n
    for tr, te in splits:
        model = train([texts[i] for i in tr], [topics[i] for i in tr], [roles[i] for i in tr],
                      random_state=random_state, **train_options)
        for i, (t, _, r, _) in zip(te, predict(model, [texts[i] for i in te])):
            out_t[i], out_r[i] = t, r
    return {"topic": head_metrics(topics, out_t), "role": head_metrics(roles, out_r), "folds": cv}


def _rows(path: Path) -> list[dict]:
    suffix = path.suffix.lower()
    try:
        if suffix == ".parquet":
            import pyarrow.parquet as pq

            return pq.read_table(str(path)).to_pylist()
        if suffix in (".jsonl", ".ndjson"):
            with open(path, encoding="utf-8") as fh:
                return [json.loads(line) for line in fh if line.strip()]
        with open(path, encoding="utf-8-sig", newline="") as fh:
            return list(csv.DictReader(fh, delimiter="\t" if suffix == ".tsv" else ","))
    except (OSError, ValueError, csv.Error) as exc:
        raise LabelsError(f"cannot read labels table {path}: {exc}") from None
    except Exception as exc:  # pyarrow raises its own error types for broken Parquet files
        raise LabelsError(f"cannot read labels table {path}: {exc}") from None


def read_labels_table(path: str | Path, *, text_column: str = "text", label_column: str = "label",
                      role_column: str = "role") -> dict[str, list]:
    """Columns text, topic, role, group and split of a labels table (.csv/.tsv/.jsonl/.parquet).

    Raises:
        LabelsError: unreadable, empty, or without the text and label columns.
    """
    path = Path(path)
    rows = _rows(path)
    if not rows:
        raise LabelsError(f"{path}: no rows")
    cols = set(rows[0])
    missing = [c for c in (text_column, label_column) if c not in cols]
    if missing:
        raise LabelsError(f"{path}: missing column(s) {', '.join(missing)}; columns are {', '.join(sorted(cols))}")
    get = lambda r, c: ("" if r.get(c) is None else str(r.get(c))).strip()  # noqa: E731
    rows = [r for r in rows if get(r, text_column)]
    return {"text": [str(r[text_column]) for r in rows],
            "topic": [get(r, label_column) or None for r in rows],
            "role": [get(r, role_column) or None for r in rows],
            "group": [get(r, "group") for r in rows],
            "split": [get(r, "split") for r in rows]}
