"""Cache files that can never poison a later build.

Every entry is written atomically (a temporary file renamed into place) with a
SHA-256 digest beside it; an entry whose digest is missing or does not match —
truncated, emptied, edited by hand, left half-written by a killed process — is
treated as a miss and written again.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the whole new one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _digest_file(path: Path) -> Path:
    return path.with_name(path.name + ".sha256")


def put(path: Path, data: bytes) -> None:
    """Store a cache entry: the data first, then its digest (the entry is valid only once both exist)."""
    write_atomic(path, data)
    write_atomic(_digest_file(path), hashlib.sha256(data).hexdigest().encode())


def get(path: Path) -> bytes | None:
    """The entry's data if it is whole, else None (a miss)."""
    try:
        data = path.read_bytes()
        want = _digest_file(path).read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return None
    return data if hashlib.sha256(data).hexdigest() == want else None


def has(path: Path) -> bool:
    return get(path) is not None


def put_json(path: Path, value: Any) -> None:
    put(path, json.dumps(value, sort_keys=True).encode("utf-8"))


def get_json(path: Path) -> Any | None:
    data = get(path)
    if data is None:
        return None
    try:
        return json.loads(data)
    except ValueError:
        return None


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def publish_mode(folder: Path) -> None:
    """Give a folder made by ``tempfile.mkdtemp`` (mode 0700) the permissions of an ordinary folder."""
    os.chmod(folder, 0o777 & ~_umask())
