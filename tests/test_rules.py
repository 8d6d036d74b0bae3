"""Every named rule of the project matches its own examples and rejects its hard negatives."""
from __future__ import annotations

import importlib
import pkgutil

import pytest

import corpus
import extract
from corpus.rules import REGISTRY


def _import_all() -> None:
    for pkg in (corpus, extract):
        for mod in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + "."):
            importlib.import_module(mod.name)


_import_all()
RULES = sorted(REGISTRY.values(), key=lambda r: r.name)


def test_rules_exist():
    assert len(RULES) >= 10


@pytest.mark.parametrize("rule", RULES, ids=[r.name for r in RULES])
def test_rule_has_examples_and_negatives(rule):
    assert rule.doc.strip(), "every rule says why it exists"
    assert rule.matches, "every rule has examples"
    assert rule.rejects, "every rule has hard negatives"


@pytest.mark.parametrize("rule,text", [(r, t) for r in RULES for t in r.matches],
                         ids=[f"{r.name}+{i}" for r in RULES for i, _ in enumerate(r.matches)])
def test_rule_matches(rule, text):
    assert rule.test(text), f"{rule.name} should match {text!r}"


@pytest.mark.parametrize("rule,text", [(r, t) for r in RULES for t in r.rejects],
                         ids=[f"{r.name}-{i}" for r in RULES for i, _ in enumerate(r.rejects)])
def test_rule_rejects(rule, text):
    assert not rule.test(text), f"{rule.name} should not match {text!r}"
