"""Shared fixtures: small, readable inputs and helpers that build graphs the way users do."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEED = ROOT / "data" / "news" / "000_a23b3f09f4b03236.txt"
SHARED_EVAL = ROOT.parent / "shared" / "eval" / "dev"


@pytest.fixture
def seed_path(tmp_path: Path) -> Path:
    """A copy of the seed article in a directory of its own."""
    d = tmp_path / "news"
    d.mkdir()
    return Path(shutil.copy(SEED, d / SEED.name))


@pytest.fixture
def seed_record() -> dict[str, Any]:
    """The hand-checked record of the seed article."""
    data: dict[str, Any] = json.loads((FIXTURES / "seed-record.json").read_text("utf-8"))
    return data
