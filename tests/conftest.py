"""Shared fixtures: paths to the seeds beside the repository and to the package's samples."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
GOLD = SHARED / "gold" / "seeds"
SAMPLES = ROOT / "src" / "communique" / "samples"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not beside the repository")
    return SEEDS


@pytest.fixture(scope="session")
def gold_dir() -> Path:
    if not GOLD.is_dir():
        pytest.skip("../shared/gold/seeds is not beside the repository")
    return GOLD


@pytest.fixture(scope="session")
def samples_dir() -> Path:
    return SAMPLES


@pytest.fixture(scope="session")
def nlp():  # type: ignore[no-untyped-def]
    from communique.nlp import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="module")
def browser(base_url: str) -> Iterator[Any]:
    """A headless Chromium for a browser test module, over that module's own ``base_url`` server."""
    from live import chromium

    with chromium() as b:
        yield b
