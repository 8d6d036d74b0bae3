"""Shared fixtures.  Tests that read ../shared/corpus skip cleanly when it is absent."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

# Property tests explore new random inputs on every local run; CI replays a fixed sequence
# (derandomized) so that a merge is never decided by the luck of a draw.  A failure found locally
# is added to its test as an @example.
settings.register_profile("ci", derandomize=True, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "default"))

ROOT = Path(__file__).resolve().parent.parent
SHARED_CORPUS = Path(os.environ.get("ZONGJIE_CORPUS", ROOT.parent / "shared" / "corpus"))
EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="session")
def shared_corpus() -> Path:
    if not (SHARED_CORPUS / "MANIFEST.csv").is_file():
        pytest.skip("../shared/corpus is not beside the repository")
    return SHARED_CORPUS


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    return EXAMPLES


def corpus_available() -> bool:
    return (SHARED_CORPUS / "MANIFEST.csv").is_file()
