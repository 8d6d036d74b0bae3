"""Named, documented, example-carrying regex rules.

Every pattern of the project is a :class:`Rule`: a name, the compiled pattern, one line on
why it exists, and examples it must match and hard negatives it must not.  The examples are
schematic shapes written by us (not copied sentences); ``tests/test_rules.py`` checks every
rule of every registry against its own examples, so a pattern never drifts from its table.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    regex: str
    doc: str
    matches: tuple[str, ...]
    rejects: tuple[str, ...]
    use: str = "search"  # how the examples are tested: search, match or fullmatch
    flags: int = 0
    _compiled: list = field(default_factory=list, compare=False, repr=False)

    @property
    def pattern(self) -> re.Pattern[str]:
        """The compiled pattern (compiled on first use: rules registered only to document and test
        a fragment of a larger pattern cost no start-up)."""
        if not self._compiled:
            self._compiled.append(re.compile(self.regex, self.flags | re.VERBOSE))
        return self._compiled[0]

    def test(self, text: str) -> bool:
        return getattr(self.pattern, self.use)(text) is not None


REGISTRY: dict[str, Rule] = {}


def _register(name: str, regex: str, doc: str, matches, rejects, flags: int, use: str) -> Rule:
    if name in REGISTRY and (REGISTRY[name].regex, REGISTRY[name].flags) != (regex, flags):
        raise ValueError(f"rule {name!r} defined twice")
    REGISTRY[name] = Rule(name, regex, doc, tuple(matches), tuple(rejects), use, flags)
    return REGISTRY[name]


def rule(name: str, regex: str, doc: str, *, matches: tuple[str, ...] | list[str],
         rejects: tuple[str, ...] | list[str], flags: int = 0, use: str = "search") -> re.Pattern[str]:
    """Compile ``regex`` with ``re.VERBOSE`` and register it under ``name``; return the pattern."""
    return _register(name, regex, doc, matches, rejects, flags, use).pattern


def fragment(name: str, regex: str, doc: str, *, matches: tuple[str, ...] | list[str],
             rejects: tuple[str, ...] | list[str], flags: int = 0, use: str = "search") -> None:
    """Register a named part of a larger pattern with its examples, without compiling it: the code
    uses the larger pattern, the tests check the part against its own table."""
    _register(name, regex, doc, matches, rejects, flags, use)
