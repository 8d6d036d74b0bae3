"""Shared fixtures.  Tests that read ../shared/corpus skip cleanly when it is absent."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

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
