"""The section taxonomy as data: topic and role labels, each with a description and seed terms.

The default lives in ``models/taxonomy.json``; a user can pass their own file of the same shape
(``{"topics": [{"label", "description", "seeds"}], "roles": [...]}``) to label and train with
other categories.  Nothing is read at import time.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from corpus.errors import CorpusError

DEFAULT_TAXONOMY = Path(__file__).with_name("taxonomy.json")


class TaxonomyError(CorpusError):
    """A taxonomy file that cannot be used."""

    stage = "classify"
    error_type = "bad_taxonomy"
    hint = "see models/taxonomy.json for the expected shape"


@dataclass(frozen=True, slots=True)
class Category:
    label: str
    description: str
    seeds: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Taxonomy:
    name: str
    topics: tuple[Category, ...]
    roles: tuple[Category, ...]

    @property
    def topic_labels(self) -> tuple[str, ...]:
        return tuple(c.label for c in self.topics)

    @property
    def role_labels(self) -> tuple[str, ...]:
        return tuple(c.label for c in self.roles)

    def check(self, topics: list[str | None], roles: list[str | None]) -> None:
        """Raise TaxonomyError when a label is not in this taxonomy (None means unlabelled).

        >>> load_taxonomy().check(["教育", None], ["计划打算", "其他"])
        """
        for kind, given, known in (("topic", topics, set(self.topic_labels)), ("role", roles, set(self.role_labels))):
            unknown = sorted({x for x in given if x and x not in known})
            if unknown:
                raise TaxonomyError(f"{kind} labels not in taxonomy {self.name!r}: {', '.join(unknown[:10])}")


def _categories(items: object, kind: str, path: str) -> tuple[Category, ...]:
    if not isinstance(items, list) or not items:
        raise TaxonomyError(f"{path}: '{kind}' must be a non-empty list")
    out: list[Category] = []
    for i, item in enumerate(items):
        if not isinstance(item, dict) or not isinstance(item.get("label"), str) or not item["label"].strip():
            raise TaxonomyError(f"{path}: {kind}[{i}] needs a non-empty 'label'")
        seeds = item.get("seeds", [])
        if not isinstance(seeds, list) or not all(isinstance(s, str) for s in seeds):
            raise TaxonomyError(f"{path}: {kind}[{i}].seeds must be a list of strings")
        out.append(Category(item["label"].strip(), str(item.get("description", "")), tuple(seeds)))
    labels = [c.label for c in out]
    if len(set(labels)) != len(labels):
        raise TaxonomyError(f"{path}: duplicate {kind} labels")
    return tuple(out)


@lru_cache(maxsize=8)
def _load(path: str) -> Taxonomy:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise TaxonomyError(f"cannot read taxonomy {path}: {exc}") from exc
    if not isinstance(data, dict):
        raise TaxonomyError(f"{path}: expected a JSON object")
    return Taxonomy(str(data.get("name", Path(path).stem)), _categories(data.get("topics"), "topics", path),
                    _categories(data.get("roles"), "roles", path))


def load_taxonomy(path: str | Path | None = None) -> Taxonomy:
    """The taxonomy in ``path`` (default: the shipped one).

    Raises:
        TaxonomyError: the file is missing, not JSON, or lacks labels.

    >>> t = load_taxonomy()
    >>> t.topic_labels[:3], len(t.topic_labels), t.role_labels[-1]
    (('双拥优抚', '社会救助', '养老服务'), 18, '其他')
    """
    return _load(str(Path(path or DEFAULT_TAXONOMY).resolve()))
