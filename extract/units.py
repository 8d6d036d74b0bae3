"""The unit and measure-word lexicon (extract/data/units.tsv), loaded once."""
from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources


@dataclass(frozen=True, slots=True)
class Unit:
    surface: str
    canonical: str
    kind: str
    factor: float
    cn_ok: bool  # a Chinese numeral before it reads as a count


def _load() -> dict[str, Unit]:
    units: dict[str, Unit] = {}
    text = resources.files("extract").joinpath("data/units.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        surface, canonical, kind, factor, cn_ok = cols[:5]
        units[surface] = Unit(surface, canonical, kind, float(factor), cn_ok.strip() == "1")
    return units


UNITS: dict[str, Unit] = _load()
# Longest first, so 人次 wins over 人 and 平方公里 over 公里.
UNIT_ALTERNATION = "|".join(re.escape(u) for u in sorted(UNITS, key=len, reverse=True))
PERSON_UNITS = frozenset(u for u, x in UNITS.items() if x.canonical == "人")
CLASSIFIERS = frozenset(u for u, x in UNITS.items() if x.kind == "count")


def lookup(surface: str) -> Unit | None:
    return UNITS.get(surface)
