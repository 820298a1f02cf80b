"""Synthetic plans N times the real one, for the scale benchmark.

The real pillars are repeated N times with suffixed ids (same shapes, same
sources and quotes, so the copy validates); plan-level content is unchanged.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

ID_KEYS = re.compile(r"^(\s*(?:- )?id: )([a-z0-9-]+)$", re.M)


def make_project(root: Path, dest: Path, factor: int, editions: bool = True) -> Path:
    """Copy the project's content and settings to ``dest`` with ``factor``× the pillars (a larger plan, or
    ``editions=False``, without the published editions)."""
    editions = editions and factor == 1
    shutil.rmtree(dest, ignore_errors=True)
    (dest / "content").mkdir(parents=True)
    for name in ("mkdocs.yml", "site_config.yml", "uv.lock"):
        shutil.copy(root / name, dest / name)
    src = root / "content"
    for path in src.iterdir():
        if path.is_file() and (editions or path.name != "editions.yml"):
            shutil.copy(path, dest / "content" / path.name)
    shutil.copytree(src / "sources", dest / "content" / "sources")
    if editions and (src / "editions").is_dir():
        shutil.copytree(src / "editions", dest / "content" / "editions")
    (dest / "content" / "pillars").mkdir()
    pillar_files = sorted((src / "pillars").glob("*.yml"))
    ids: list[str] = []
    order = re.search(r"^pillars: \[(.*)\]$", (src / "plan.yml").read_text(encoding="utf-8"), re.M)
    assert order
    real_order = [p.strip() for p in order.group(1).split(",")]
    for copy in range(1, factor + 1):
        for pid in real_order:
            path = src / "pillars" / f"{pid}.yml"
            text = path.read_text(encoding="utf-8")
            if copy > 1:
                text = _suffix(text, copy, pillar_files)
            new_id = pid if copy == 1 else f"{pid}-{copy}"
            (dest / "content" / "pillars" / f"{new_id}.yml").write_text(text, encoding="utf-8")
            ids.append(new_id)
    plan = (dest / "content" / "plan.yml").read_text(encoding="utf-8")
    plan = plan.replace(order.group(0), f"pillars: [{', '.join(ids)}]")
    (dest / "content" / "plan.yml").write_text(plan, encoding="utf-8")
    return dest


def _suffix(text: str, copy: int, pillar_files: list[Path]) -> str:
    """Give every id defined in a pillar file (and references to them) a suffix."""
    defined = set(m.group(2) for m in ID_KEYS.finditer(text))
    out = ID_KEYS.sub(lambda m: f"{m.group(1)}{m.group(2)}-{copy}", text)

    def ref_list(match: re.Match[str]) -> str:
        items = [i.strip() for i in match.group(2).split(",")]
        return match.group(1) + ", ".join(f"{i}-{copy}" if i in defined else i for i in items) + "]"

    out = re.sub(r"^(\s*indicators: \[)([^\]]*)\]", ref_list, out, flags=re.M)
    out = re.sub(r"^(\s*total: )([a-z0-9-]+)$", lambda m: f"{m.group(1)}{m.group(2)}-{copy}" if m.group(2) in defined else m.group(0), out, flags=re.M)
    return out


def add_history(project: Path, editions: int, figure: str = "9153.3") -> None:
    """Record ``editions`` editions, each after revising one figure (and its source sentence) everywhere it is quoted."""
    import datetime

    from generator.edition import record

    files = [*sorted((project / "content" / "pillars").glob("*.yml")), *sorted((project / "content" / "sources").glob("*.txt"))]
    files = [f for f in files if figure in f.read_text(encoding="utf-8")]
    assert files, f"{figure} is not in the content"
    current = figure
    start = datetime.date(2026, 1, 1)
    for n in range(editions):
        if n:
            whole, _, decimals = figure.partition(".")
            new = f"{int(whole) + n}.{decimals}"
            for path in files:
                path.write_text(path.read_text(encoding="utf-8").replace(current, new), encoding="utf-8")
            current = new
        record(project, (start + datetime.timedelta(days=n)).isoformat(), {"zh": f"第{n + 1}版", "en": f"Edition {n + 1}"})
