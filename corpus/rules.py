"""Named, documented, example-carrying regex rules.

Every pattern of the project is a :class:`Rule`: a name, the compiled pattern, one line on
why it exists, and examples it must match and hard negatives it must not.  The examples are
schematic shapes written by us (not copied sentences); ``tests/test_rules.py`` checks every
rule of every registry against its own examples, so a pattern never drifts from its table.
"""
from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    pattern: re.Pattern[str]
    doc: str
    matches: tuple[str, ...]
    rejects: tuple[str, ...]
    use: str = "search"  # how the examples are tested: search, match or fullmatch

    def test(self, text: str) -> bool:
        return getattr(self.pattern, self.use)(text) is not None


REGISTRY: dict[str, Rule] = {}


def rule(name: str, regex: str, doc: str, *, matches: tuple[str, ...] | list[str],
         rejects: tuple[str, ...] | list[str], flags: int = 0, use: str = "search") -> re.Pattern[str]:
    """Compile ``regex`` with ``re.VERBOSE`` and register it under ``name``; return the pattern."""
    compiled = re.compile(regex, flags | re.VERBOSE)
    if name in REGISTRY and REGISTRY[name].pattern.pattern != compiled.pattern:
        raise ValueError(f"rule {name!r} defined twice")
    REGISTRY[name] = Rule(name, compiled, doc, tuple(matches), tuple(rejects), use)
    return compiled
