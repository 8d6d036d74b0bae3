"""Section topics and roles: train a classifier, predict, save and load it, and classify the
sections of a document.

A model is two scikit-learn Pipelines sharing one feature step: ``SectionVectorizer`` (hashed
character n-grams of the body, of the heading and of the enclosing headings, plus counts of the
taxonomy's seed terms) followed by a linear head with probabilities (multinomial logistic
regression by default; LinearSVC with sigmoid calibration as an option), one head for the topic
and one for the role.  Section text is ``heading + "\\n" + document.text[start:end]`` (the root
section spans the whole document).  Every section gets its best label and that label's
probability, however low; ``其他`` is the role for what fits nothing else.

The shipped model (``models/default/section_model.npz``, rebuilt by ``models/train_default.py``)
is read on first use and cached once per process; nothing is loaded at import time.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

import numpy as np

from corpus.records import Document, Section
from models.features import SectionFeatures
from models.heads import FrozenHead
from models.spans import section_contexts, section_texts, span_scores
from models.store import ModelError, load_model, save_model
from models.taxonomy import load_taxonomy

DEFAULT_MODEL_PATH = Path(__file__).resolve().parent / "default" / "section_model.npz"
CLASSIFIERS = ("logreg", "svc")
Prediction = tuple[str | None, float | None, str | None, float | None]


@dataclass
class SectionModel:
    """A trained section classifier: the feature step, a topic head and a role head."""

    vectorizer: SectionFeatures
    topic: FrozenHead | None
    role: FrozenHead | None
    meta: dict = field(default_factory=dict)

    def head_bounds(self) -> tuple[np.ndarray, list[tuple[str, int, int]]]:
        """Intercepts of all heads side by side, and (head, first column, end column) of each head
        in that order (the layout of ``compact_weights``)."""
        cached = getattr(self, "_bounds", None)
        if cached is None:
            heads = [(n, h) for n, h in (("topic", self.topic), ("role", self.role)) if h is not None]
            b = np.concatenate([h.intercept for _, h in heads]).astype(np.float64)
            bounds, at = [], 0
            for name, h in heads:
                bounds.append((name, at, at + len(h.classes)))
                at += len(h.classes)
            cached = self._bounds = (b, bounds)
        return cached

    def compact_weights(self) -> tuple[np.ndarray, np.ndarray]:
        """The weights of all heads side by side, for one pass over a document's features, kept
        small: ``(row, table)`` where ``table[row[column]]`` is the weight row of a feature column
        (all heads, in ``head_bounds`` order) and row 0 of ``table`` is zeros, the row of every
        column no head uses.  Most hashed columns are unused, so the table is a quarter of the
        dense weights: gathering from it keeps classification's memory traffic, and its eviction
        of everything else from the CPU caches, down.  It is float32: float16 would halve it again,
        but numpy converts float16 element by element, which made classifying 30% slower."""
        cached = getattr(self, "_compact", None)
        if cached is None:
            heads = [h for h in (self.topic, self.role) if h is not None]
            used = [h.used_columns() for h in heads]
            width = max(h.n_features for h in heads)
            in_use = np.zeros(width, dtype=bool)
            for c, _ in used:
                in_use[c] = True
            cols = np.flatnonzero(in_use)
            row = np.zeros(width, dtype=np.int32)
            row[cols] = np.arange(1, len(cols) + 1, dtype=np.int32)
            table = np.zeros((len(cols) + 1, sum(len(h.classes) for h in heads)), dtype=np.float32)
            at = 0
            for h, (c, w) in zip(heads, used):
                table[row[c], at:at + w.shape[1]] = w
                at += w.shape[1]
            cached = self._compact = (row, table)
        return cached

    def pipeline(self, head: str = "topic"):
        """The scikit-learn Pipeline (features -> head) of ``head`` ("topic" or "role")."""
        from sklearn.pipeline import Pipeline

        from models.sklearn_parts import as_estimator

        return Pipeline([("features", as_estimator(self.vectorizer)), ("clf", as_estimator(getattr(self, head)))])


def _classifier(kind: str, *, C: float, random_state: int, smallest_class: int):
    from sklearn.linear_model import LogisticRegression

    if kind == "logreg":
        return LogisticRegression(C=C, class_weight="balanced", max_iter=5000, random_state=random_state)
    if kind == "svc":
        from sklearn.calibration import CalibratedClassifierCV
        from sklearn.svm import LinearSVC

        svc = LinearSVC(C=C, class_weight="balanced", random_state=random_state)
        return CalibratedClassifierCV(svc, method="sigmoid", cv=max(2, min(3, smallest_class)), ensemble=False)
    raise ValueError(f"classifier must be one of {CLASSIFIERS}, not {kind!r}")


def train(texts: Sequence[str], topics: Sequence[str | None], roles: Sequence[str | None], *,
          tokenizer: Callable[[str], list[str]] | None = None, tokenizer_name: str | None = None,
          classifier: str = "logreg", C: float | None = None, random_state: int = 0,
          taxonomy: str | Path | None = None, ngram_range: tuple[int, int] = (1, 2), n_features: int = 2 ** 18,
          heading_features: int = 2 ** 15, heading_weight: float = 0.7, context_features: int = 2 ** 15,
          context_weight: float = 0.5, min_df: int = 2, sublinear_tf: bool = False, use_idf: bool = False,
          lexicon_weight: float = 0.7, cue_weight: float = 0.5, max_body_chars: int = 600) -> SectionModel:
    """Fit the topic and role heads on section texts ("heading\\nbody").

    Args:
        texts: section texts, first line the heading (see ``features.section_text``).
        topics, roles: one label per text; None or "" leaves that text out of that head.
        tokenizer: word tokenizer (e.g. ``jieba.lcut``) for word n-grams; default character n-grams.
        tokenizer_name: how to name the tokenizer in a saved model (e.g. "jieba.lcut").
        classifier: "logreg" (multinomial logistic regression) or "svc" (LinearSVC + sigmoid calibration).
        C: inverse regularisation (default 30 for logreg, 0.5 for svc).
        random_state: seed of the solvers.
        taxonomy: a taxonomy file (or "default"): every label must belong to it, and its seed terms
            feed the lexicon block.  None: no label check; the default taxonomy's terms are used.
        ngram_range, n_features, heading_features, heading_weight, context_features, context_weight, min_df,
            sublinear_tf, use_idf, lexicon_weight, cue_weight, max_body_chars: feature options (see
            ``features.SectionVectorizer``).

    Returns:
        The trained SectionModel.

    Raises:
        ValueError: lengths differ, or a head has fewer than two labels.
        TaxonomyError: a label is not in ``taxonomy``.
    """
    texts, topics, roles = list(texts), [t or None for t in topics], [r or None for r in roles]
    if not (len(texts) == len(topics) == len(roles)):
        raise ValueError(f"texts, topics and roles differ in length ({len(texts)}, {len(topics)}, {len(roles)})")
    from models.heads import freeze
    from models.sklearn_parts import SectionVectorizer

    tax = load_taxonomy(None if taxonomy in (None, "default") else taxonomy)
    if taxonomy is not None:
        tax.check(topics, roles)
    vec = SectionVectorizer(analyzer="word" if tokenizer else "char", ngram_range=tuple(ngram_range),
                            n_features=n_features, heading_features=heading_features, heading_weight=heading_weight,
                            context_features=context_features, context_weight=context_weight,
                            sublinear_tf=sublinear_tf, use_idf=use_idf, min_df=min_df,
                            topic_terms=[list(c.seeds) for c in tax.topics],
                            role_terms=[list(c.seeds) for c in tax.roles], lexicon_weight=lexicon_weight,
                            cue_weight=cue_weight, max_body_chars=max_body_chars, tokenizer=tokenizer)
    X = vec.fit(texts).transform(texts)
    C = C if C is not None else (30.0 if classifier == "logreg" else 0.5)
    heads: dict[str, FrozenHead | None] = {}
    counts: dict[str, dict[str, int]] = {}
    for name, y in (("topic", topics), ("role", roles)):
        rows = [i for i, v in enumerate(y) if v]
        labels = [y[i] for i in rows]
        counts[name] = {k: labels.count(k) for k in sorted(set(labels))}
        if not rows:
            heads[name] = None
            continue
        if len(counts[name]) < 2:
            raise ValueError(f"{name}: need at least two different labels, got {sorted(counts[name])}")
        clf = _classifier(classifier, C=C, random_state=random_state, smallest_class=min(counts[name].values()))
        Xh = X[rows]
        used = np.flatnonzero(Xh.getnnz(axis=0))  # fit on the columns in use: hashing leaves most empty
        clf.fit(Xh[:, used], np.array(labels, dtype=object))
        heads[name] = freeze(clf, columns=used, n_features=X.shape[1])
    meta = {"classifier": classifier, "C": C, "random_state": random_state, "taxonomy": tax.name,
            "tokenizer": tokenizer_name or (getattr(tokenizer, "__qualname__", "custom") if tokenizer else None),
            "n_texts": len(texts), "label_counts": counts}
    return SectionModel(vec, heads["topic"], heads["role"], meta)


def _decide(model: SectionModel, X=None, scores: dict | None = None) -> list[Prediction]:
    n = X.shape[0] if X is not None else next(iter(scores.values())).shape[0]
    cols: list[tuple[list, list]] = []
    for name in ("topic", "role"):
        head = getattr(model, name)
        if head is None:
            cols.append(([None] * n, [None] * n))
            continue
        p = head.predict_proba(X) if X is not None else head.proba_from_scores(scores[name])
        best = np.argmax(p, axis=1)
        cols.append(([str(head.classes_[j]) for j in best],
                     [round(float(p[i, j]), 4) for i, j in enumerate(best)]))
    (tl, ts), (rl, rs) = cols
    return list(zip(tl, ts, rl, rs))


def predict(model: SectionModel, texts: Sequence[str]) -> list[Prediction]:
    """Best topic and role of each section text, with their probabilities.

    Returns:
        One ``(topic, topic_score, role, role_score)`` per text (None for a head the model lacks).
    """
    texts = list(texts)
    if not texts:
        return []
    return _decide(model, model.vectorizer.transform(texts))


@lru_cache(maxsize=4)
def _cached(path: str, mtime_ns: int, size: int) -> SectionModel:
    model = load_model(path)
    model.head_bounds()  # build the per-process lookup structures now, not on the first document
    model.compact_weights()
    model.vectorizer._matchers()
    return model


def get_model(model_path: str | Path | None = None) -> SectionModel:
    """The model at ``model_path`` (default: the shipped one), read once per process and file version.

    Raises:
        ModelError: the file is missing or not a model.
    """
    path = Path(model_path) if model_path else DEFAULT_MODEL_PATH
    try:
        st = path.stat()
    except OSError:
        hint = "rebuild it with `python -m models.train_default`" if not model_path else None
        raise ModelError(f"no section model at {path}", hint=hint) from None
    return _cached(_resolved(str(path)), st.st_mtime_ns, st.st_size)


@lru_cache(maxsize=16)
def _resolved(path: str) -> str:
    return str(Path(path).resolve())  # several system calls: once per path, not once per document


def classify_sections(document: Document, sections: Sequence[Section], *,
                      model_path: str | None = None) -> list[Section]:
    """The sections with topic, topic_score, role and role_score filled in.

    Each section is classified from ``heading + "\\n" + document.text[start:end]``, with the headings
    of the sections that enclose it as context; the document text is counted once for all (nested)
    sections.

    Raises:
        ModelError: the model cannot be read.
    """
    return classify_many([(document, sections)], model_path=model_path)[0]


def classify_many(items: Sequence[tuple[Document, Sequence[Section]]], *,
                  model_path: str | None = None) -> list[list[Section]]:
    """``classify_sections`` of several documents in one pass: their texts are joined (with a line
    break, which no n-gram crosses) and their sections shifted into the joined text, so that the
    fixed cost of a pass (a few hundred numpy calls) is paid once per batch instead of once per
    document -- most of the time of classifying a short summary.  The same labels and, to rounding,
    the same scores as one document at a time (tests/models/test_topic.py).

    Raises:
        ModelError: the model cannot be read.
    """
    items = [(doc, list(secs)) for doc, secs in items]
    if not any(secs for _, secs in items):
        return [secs for _, secs in items]
    model = get_model(model_path)
    headings: list[str] = []
    spans: list[tuple[int, int]] = []
    contexts: list[tuple[str, ...]] = []
    at = 0
    for doc, secs in items:
        headings += [s.heading or "" for s in secs]
        spans += [(s.start + at, s.end + at) for s in secs]
        contexts += section_contexts(secs)
        at += len(doc.text) + 1
    text = "\n".join(doc.text for doc, _ in items)
    scores = span_scores(model, text, headings, spans, contexts)
    if scores is None:  # no one pass over the text (e.g. word n-grams): features section by section
        preds = iter(_decide(model, model.vectorizer.transform_spans(text, headings, spans, contexts)))
    else:
        preds = iter(_decide(model, scores=scores))
    return [[replace(s, topic=t, topic_score=ts, role=r, role_score=rs) for s, (t, ts, r, rs) in zip(secs, preds)]
            for _, secs in items]


def train_from_table(labels_path: str | Path, out_path: str | Path, *, cv: int = 5, text_column: str = "text",
                     label_column: str = "label", role_column: str = "role", random_state: int = 0,
                     **train_options) -> dict:
    """Train on a labels table, save the model, and return cross-validated metrics.

    The table (.csv, .tsv, .jsonl or .parquet) has columns ``text`` (heading line, then body),
    ``label`` (the topic) and optionally ``role``; a ``group`` column (e.g. the document) makes
    the folds group-wise, and rows whose ``split`` is "test" are held out of the fit and scored.

    Args:
        labels_path: the table.
        out_path: where to write the model (.npz).
        cv: number of folds (0 or 1 to skip cross-validation).
        random_state: seed for folds and solvers.
        **train_options: passed to ``train`` (classifier, C, ngram_range, taxonomy ...).

    Returns:
        {"model": path, "n": rows, "cv": {"topic": {...}, "role": {...}}, "test": {...} (when a split column
        marks test rows)}; each head has accuracy, macro_f1 and a per-label report.

    Raises:
        CorpusError: the table cannot be read or lacks the columns.
    """
    from models.evaluate import cross_validate, evaluate, read_labels_table

    table = read_labels_table(labels_path, text_column=text_column, label_column=label_column,
                              role_column=role_column)
    is_test = [s == "test" for s in table["split"]]
    fit_rows = [i for i, t in enumerate(is_test) if not t]
    pick = lambda col, rows: [table[col][i] for i in rows]  # noqa: E731
    texts, topics, roles, groups = (pick(c, fit_rows) for c in ("text", "topic", "role", "group"))
    result: dict = {"n": len(table["text"]), "n_fit": len(fit_rows)}
    if cv and cv > 1:
        result["cv"] = cross_validate(texts, topics, roles, groups=groups if any(groups) else None, cv=cv,
                                      random_state=random_state, **train_options)
    model = train(texts, topics, roles, random_state=random_state, **train_options)
    model.meta["cv"] = {h: {k: m[k] for k in ("n", "accuracy", "macro_f1") if k in m}
                        for h, m in result.get("cv", {}).items() if isinstance(m, dict)}
    test_rows = [i for i, t in enumerate(is_test) if t]
    if test_rows:
        result["test"] = evaluate(model, pick("text", test_rows), pick("topic", test_rows), pick("role", test_rows))
    result["model"] = str(save_model(model, out_path))
    return result


__all__ = ["SectionModel", "train", "predict", "save_model", "load_model", "get_model", "classify_sections",
           "classify_many",
           "section_texts", "section_contexts", "train_from_table", "DEFAULT_MODEL_PATH", "ModelError"]
