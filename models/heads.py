"""A trained linear classifier reduced to plain arrays.

Training fits scikit-learn estimators; the result is frozen into a ``LinearHead`` (weights,
intercepts, classes and, for calibrated one-vs-rest models, the sigmoid calibration) so that
the model in memory and the model read back from disk predict exactly the same, and so that a
saved model is data, not code.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    import scipy.sparse as sp

SOFTMAX = "softmax"  # multinomial logistic regression
SIGMOID = "sigmoid_ovr"  # one-vs-rest margins with per-class Platt scaling (LinearSVC + CalibratedClassifierCV)


class FrozenHead:
    """``scores = X @ weights + intercept`` turned into probabilities.

    Args:
        classes: class labels, in column order.
        weights: (n_features, n_classes) float32 weights, quantised to float16 precision so that
            saving them as float16 loses nothing.
        intercept: (n_classes,) biases.
        kind: SOFTMAX or SIGMOID.
        calib_a, calib_b: Platt parameters per class (SIGMOID only): p = 1 / (1 + exp(a*s + b)).
    """

    def __init__(self, classes: np.ndarray, weights: np.ndarray | None, intercept: np.ndarray, kind: str = SOFTMAX,
                 calib_a: np.ndarray | None = None, calib_b: np.ndarray | None = None) -> None:
        self.classes = classes
        self._weights = weights
        self._used: tuple[np.ndarray, np.ndarray, int] | None = None
        self.intercept = intercept
        self.kind = kind
        self.calib_a = calib_a
        self.calib_b = calib_b

    @classmethod
    def from_columns(cls, classes: np.ndarray, columns: np.ndarray, coef: np.ndarray, n_features: int,
                     intercept: np.ndarray, kind: str = SOFTMAX, calib_a: np.ndarray | None = None,
                     calib_b: np.ndarray | None = None) -> "FrozenHead":
        """A head given by the weights of the columns it uses: ``coef`` is (len(columns), n_classes);
        the dense ``weights`` are built only if something asks for them (classifying a document
        does not: see ``SectionModel.compact_weights``)."""
        head = cls(classes, None, intercept, kind, calib_a, calib_b)
        head._used = (np.asarray(columns, dtype=np.int64), np.asarray(coef), int(n_features))
        return head

    @property
    def weights(self) -> np.ndarray:
        """(n_features, n_classes) float32 weights."""
        if self._weights is None:
            cols, coef, n = self._used
            w = np.zeros((n, coef.shape[1]), dtype=np.float32)
            w[cols] = coef
            self._weights = w
        return self._weights

    @property
    def n_features(self) -> int:
        return self._used[2] if self._weights is None else self._weights.shape[0]

    def used_columns(self) -> tuple[np.ndarray, np.ndarray]:
        """(columns with a non-zero weight, their (n_columns, n_classes) weights)."""
        if self._used is None:
            cols = np.flatnonzero(np.any(self._weights != 0, axis=1))
            self._used = (cols, self._weights[cols], self._weights.shape[0])
        return self._used[0], self._used[1]

    @property
    def classes_(self) -> np.ndarray:
        return np.asarray(self.classes)

    @property
    def coef(self) -> np.ndarray:
        """(n_classes, n_features), as scikit-learn lays out ``coef_``."""
        return self.weights.T

    def fit(self, X: object, y: object) -> "FrozenHead":  # already fitted: a frozen head
        return self

    def __sklearn_is_fitted__(self) -> bool:
        return True

    def decision_function(self, X: "sp.spmatrix | np.ndarray") -> np.ndarray:
        return np.asarray(X @ self.weights) + self.intercept[None, :]

    def predict_proba(self, X: "sp.spmatrix | np.ndarray") -> np.ndarray:
        return self.proba_from_scores(self.decision_function(X))

    def proba_from_scores(self, scores: np.ndarray) -> np.ndarray:
        """Probabilities from decision scores (``X @ coef.T + intercept``)."""
        s = np.array(scores, dtype=np.float64)
        if self.kind == SOFTMAX:
            s -= s.max(axis=1, keepdims=True)
            p = np.exp(s)
        elif self.kind == SIGMOID:
            p = 1.0 / (1.0 + np.exp(self.calib_a[None, :] * s + self.calib_b[None, :]))
        else:
            raise ValueError(f"unknown head kind {self.kind!r}")
        total = p.sum(axis=1, keepdims=True)
        p = np.where(total > 0, p / np.where(total > 0, total, 1.0), 1.0 / p.shape[1])
        return p

    def predict(self, X: "sp.spmatrix | np.ndarray") -> np.ndarray:
        return self.classes_[np.argmax(self.predict_proba(X), axis=1)]


def _quantise(coef: np.ndarray) -> np.ndarray:
    """(n_classes, n_features) weights -> (n_features, n_classes) float32 at float16 precision."""
    return np.ascontiguousarray(np.asarray(coef, dtype=np.float16).astype(np.float32).T)


def _widen(coef: np.ndarray, columns: np.ndarray | None, n_features: int | None) -> np.ndarray:
    if columns is None:
        return coef
    out = np.zeros((coef.shape[0], n_features), dtype=coef.dtype)
    out[:, columns] = coef
    return out


def freeze(estimator: object, *, columns: np.ndarray | None = None, n_features: int | None = None) -> "LinearHead":
    """A LinearHead equal to a fitted LogisticRegression or CalibratedClassifierCV(LinearSVC).

    Args:
        columns, n_features: the estimator was fitted on ``X[:, columns]`` of an ``n_features``-wide X;
            its weights are put back in place (zero elsewhere).
    """
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.linear_model import LogisticRegression

    from models.sklearn_parts import LinearHead

    if isinstance(estimator, LogisticRegression):
        coef, icpt = estimator.coef_, estimator.intercept_
        if len(estimator.classes_) == 2:  # binary: one row of weights; expand to two softmax columns
            coef = np.vstack([-coef[0] / 2, coef[0] / 2])
            icpt = np.array([-icpt[0] / 2, icpt[0] / 2])
        classes = np.asarray(estimator.classes_, dtype=object)
        return LinearHead(classes, _quantise(_widen(coef, columns, n_features)), icpt.astype(np.float32))
    if isinstance(estimator, CalibratedClassifierCV):
        if len(estimator.calibrated_classifiers_) != 1:
            raise ValueError("freeze() needs CalibratedClassifierCV(ensemble=False)")
        cc = estimator.calibrated_classifiers_[0]
        base = cc.estimator
        if len(estimator.classes_) < 3:
            raise ValueError("the calibrated head supports three or more classes")
        a = np.array([c.a_ for c in cc.calibrators], dtype=np.float64)
        b = np.array([c.b_ for c in cc.calibrators], dtype=np.float64)
        classes = np.asarray(estimator.classes_, dtype=object)
        return LinearHead(classes, _quantise(_widen(base.coef_, columns, n_features)),
                          base.intercept_.astype(np.float32), SIGMOID, a, b)
    raise TypeError(f"cannot freeze {type(estimator).__name__}")


def __getattr__(name: str):
    # ``LinearHead`` is ``FrozenHead`` as a scikit-learn classifier, built on first use (see
    # models.features): predicting with a saved model needs only numpy
    if name == "LinearHead":
        from models.sklearn_parts import LinearHead

        return LinearHead
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
