"""Section classifiers (topic and role) and their shipped default weights.

The public API is re-exported lazily (PEP 562), so that importing the package — which the
pipeline does to see whether classification is available — loads neither scikit-learn nor a model.
"""
from __future__ import annotations

_EXPORTS = {
    "SectionModel": "models.topic", "train": "models.topic", "predict": "models.topic",
    "save_model": "models.topic", "load_model": "models.topic", "get_model": "models.topic",
    "classify_sections": "models.topic", "train_from_table": "models.topic", "section_texts": "models.topic",
    "DEFAULT_MODEL_PATH": "models.topic", "ModelError": "models.store", "load_taxonomy": "models.taxonomy",
    "Taxonomy": "models.taxonomy", "SectionVectorizer": "models.features", "section_text": "models.features",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name in _EXPORTS:
        import importlib

        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'models' has no attribute {name!r}")
