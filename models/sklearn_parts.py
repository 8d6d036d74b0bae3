"""The model's parts as scikit-learn estimators, for training: Pipelines, ``clone`` and
cross-validation need ``BaseEstimator``.  Prediction uses the plain parts
(``models.features.SectionFeatures``, ``models.heads.FrozenHead``) and never imports this module,
so classifying does not pay scikit-learn's start-up; ``as_estimator`` turns a plain part read
from disk into its estimator form when a Pipeline is wanted.
"""
from __future__ import annotations

from sklearn.base import BaseEstimator, ClassifierMixin, TransformerMixin

from models.features import SectionFeatures
from models.heads import FrozenHead


class SectionVectorizer(TransformerMixin, BaseEstimator, SectionFeatures):
    __doc__ = SectionFeatures.__doc__


class LinearHead(ClassifierMixin, BaseEstimator, FrozenHead):
    __doc__ = FrozenHead.__doc__


_ESTIMATOR = {SectionFeatures: SectionVectorizer, FrozenHead: LinearHead}


def as_estimator(part):
    """The same object as a scikit-learn estimator (its class swapped for the estimator subclass,
    which adds no state)."""
    cls = _ESTIMATOR.get(type(part))
    if cls is not None:
        part.__class__ = cls
    return part
