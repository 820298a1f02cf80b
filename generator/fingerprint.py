"""A cheap fingerprint of everything a build depends on (no heavy imports).

If the fingerprint of a build equals that of a finished earlier build, the
generated pages, charts and PDFs of that build are reused as they are.
"""

from __future__ import annotations

import functools
import hashlib
import os
from pathlib import Path

PACKAGE = Path(__file__).parent
ENVIRONMENT = ("SITE_URL", "SOURCE_DATE_EPOCH")


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts)


def tree_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in _files(folder):
        digest.update(path.relative_to(folder).as_posix().encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


@functools.cache
def code_digest() -> bytes:
    """The generator's code and the pinned packages, once per process: part of the key of what is cached from one build to the next."""
    pins = PACKAGE.parent / "uv.lock"
    return tree_digest(PACKAGE).encode() + (pins.read_bytes() if pins.exists() else b"-")


def content_version(content_dir: Path) -> str:
    """A short hash of everything in content/, shown in the footer and the PDF."""
    return tree_digest(content_dir)[:12]


def build_fingerprint(root: Path, pdf: bool) -> str:
    digest = hashlib.sha256()
    digest.update(tree_digest(root / "content").encode())
    digest.update(tree_digest(PACKAGE).encode())
    if (root / "locales").is_dir():  # the project's own languages
        digest.update(tree_digest(root / "locales").encode())
    for name in ("site_config.yml", "mkdocs.yml", "uv.lock"):
        path = root / name
        digest.update(path.read_bytes() if path.exists() else b"-")
    for name in ENVIRONMENT:
        digest.update(f"{name}={os.environ.get(name, '')}".encode())
    digest.update(b"pdf" if pdf else b"nopdf")
    return digest.hexdigest()[:24]
