from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def minimal(tmp_path: Path) -> Path:
    """A copy of the small, complete fixture project that tests may change."""
    dest = tmp_path / "project"
    shutil.copytree(FIXTURES / "minimal", dest)
    return dest


def edit(project: Path, file: str, old: str, new: str) -> None:
    """Replace one exact occurrence of ``old`` in a content file."""
    path = project / "content" / file
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {file}"
    path.write_text(text.replace(old, new), encoding="utf-8")
