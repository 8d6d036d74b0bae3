"""Comparing model choices on the labelled set: features (character vs jieba word n-grams, our
hashed vectorizer vs scikit-learn's TfidfVectorizer / HashingVectorizer) and heads (logistic
regression vs calibrated LinearSVC), for accuracy and for speed."""
from __future__ import annotations

import time
from collections.abc import Sequence

import numpy as np

from models.evaluate import head_metrics
from models.labels import LabelledText

# name -> options of models.topic.train, or ("sklearn", vectorizer name) for a plain sklearn baseline
CONFIGS: dict[str, dict] = {
    "char 1-2 + logreg (default: bodies read to the first line break after 600 characters)": {},
    "char 1-2 + logreg, whole bodies": {"max_body_chars": 0},
    "char 1-2 + logreg, bodies cut after 300 characters": {"max_body_chars": 300},
    "char 1-2 + logreg, bodies cut after 1000 characters": {"max_body_chars": 1000},
    "char 1-3 + logreg": {"ngram_range": (1, 3)},
    "jieba words 1-2 + logreg": {"tokenizer": "jieba"},
    "char 1-2 + LinearSVC, sigmoid-calibrated": {"classifier": "svc"},
    "sklearn TfidfVectorizer char 1-2 + logreg": {"sklearn": "tfidf"},
    "sklearn HashingVectorizer char 1-2 + logreg": {"sklearn": "hashing"},
}


class _SklearnBaseline:
    """Two sklearn Pipelines (vectorizer -> LogisticRegression) on the plain section text."""

    def __init__(self, kind: str, random_state: int) -> None:
        self.kind, self.random_state = kind, random_state

    def _pipe(self):
        from sklearn.feature_extraction.text import HashingVectorizer, TfidfVectorizer
        from sklearn.linear_model import LogisticRegression
        from sklearn.pipeline import Pipeline

        vec = (TfidfVectorizer(analyzer="char", ngram_range=(1, 2), sublinear_tf=True, min_df=2)
               if self.kind == "tfidf" else
               HashingVectorizer(analyzer="char", ngram_range=(1, 2), n_features=2 ** 18, alternate_sign=False))
        return Pipeline([("features", vec), ("clf", LogisticRegression(C=30, class_weight="balanced", max_iter=5000,
                                                                         random_state=self.random_state))])

    def fit(self, texts, topics, roles) -> "_SklearnBaseline":
        self.heads = []
        for y in (topics, roles):
            rows = [i for i, v in enumerate(y) if v]
            self.heads.append(self._pipe().fit([texts[i] for i in rows], [y[i] for i in rows]))
        return self

    def predict(self, texts):
        t, r = (h.predict(texts) for h in self.heads)
        return [(a, None, b, None) for a, b in zip(t, r)]


def _fit(texts, topics, roles, options: dict, random_state: int):
    from models.topic import predict, train

    options = dict(options)
    if "sklearn" in options:
        model = _SklearnBaseline(options["sklearn"], random_state).fit(texts, topics, roles)
        return model, model.predict
    if options.get("tokenizer") == "jieba":
        import jieba

        options["tokenizer"], options["tokenizer_name"] = jieba.Tokenizer().lcut, "jieba.lcut"
    model = train(texts, topics, roles, random_state=random_state, taxonomy="default", **options)
    return model, lambda xs: predict(model, xs)


def compare_models(train_items: Sequence[LabelledText], test_items: Sequence[LabelledText], *,
                   names: Sequence[str] | None = None, cv: int = 5, random_state: int = 0) -> list[dict]:
    """Group-wise cross-validation on ``train_items`` (written sections always stay in the training
    folds and are never scored) and scores on ``test_items``, for each configuration.

    Returns:
        One row per configuration: name, cv and test accuracy / macro-F1 per head, seconds to fit
        on the whole training set, and throughput of features + prediction on the test texts (MB/s).
    """
    from sklearn.model_selection import GroupKFold

    real = [x for x in train_items if x.origin != "written"]
    written = [x for x in train_items if x.origin == "written"]
    folds = list(GroupKFold(n_splits=cv).split(np.zeros(len(real)), groups=[x.group for x in real])) if cv > 1 else []
    cols = lambda xs: ([x.text for x in xs], [x.topic for x in xs], [x.role for x in xs])  # noqa: E731
    rows = []
    for name in names or CONFIGS:
        options = CONFIGS[name]
        out_t, out_r = [None] * len(real), [None] * len(real)
        for fit_idx, score_idx in folds:
            _, pred = _fit(*cols([real[i] for i in fit_idx] + written), options, random_state)
            for i, p in zip(score_idx, pred([real[i].text for i in score_idx])):
                out_t[i], out_r[i] = p[0], p[2]
        t0 = time.perf_counter()
        _, pred = _fit(*cols(train_items), options, random_state)
        fit_s = time.perf_counter() - t0
        texts = [x.text for x in test_items]
        t0 = time.perf_counter()
        preds = pred(texts)
        mb_s = sum(len(t.encode("utf-8")) for t in texts) / 1e6 / max(time.perf_counter() - t0, 1e-9)
        row = {"name": name, "fit_seconds": round(fit_s, 1), "predict_mb_per_s": round(mb_s, 2)}
        for head, true, got in (("topic", [x.topic for x in test_items], [p[0] for p in preds]),
                                ("role", [x.role for x in test_items], [p[2] for p in preds])):
            m = head_metrics(true, got)
            row[f"test_{head}_accuracy"], row[f"test_{head}_macro_f1"] = m["accuracy"], m["macro_f1"]
        if folds:
            for head, true, got in (("topic", [x.topic for x in real], out_t), ("role", [x.role for x in real], out_r)):
                m = head_metrics(true, got)
                row[f"cv_{head}_accuracy"], row[f"cv_{head}_macro_f1"] = m["accuracy"], m["macro_f1"]
        rows.append(row)
    return rows


def format_table(rows: Sequence[dict]) -> str:
    """A plain-text table of ``compare_models`` rows."""
    keys = ["cv_topic_accuracy", "cv_topic_macro_f1", "cv_role_accuracy", "test_topic_accuracy",
            "test_topic_macro_f1", "test_role_accuracy", "fit_seconds", "predict_mb_per_s"]
    head = ["model", "cv topic acc", "cv topic mF1", "cv role acc", "test topic acc", "test topic mF1",
            "test role acc", "fit s", "MB/s"]
    lines = [" | ".join(head), " | ".join("---" for _ in head)]
    for r in rows:
        vals = [f"{r[k]:.3f}" if isinstance(r.get(k), float) and k.endswith(("accuracy", "f1")) else str(r.get(k, ""))
                for k in keys]
        lines.append(" | ".join([r["name"], *vals]))
    return "\n".join(lines)
