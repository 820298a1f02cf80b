"""What a data change does, as Markdown for a reviewer: ``python -m generator changes``.

The pull-request workflow writes it into the job summary, comparing the pull
request's content with the main branch's; without ``--base`` it compares the
content with the newest edition.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from generator.errors import BuildError, ContentError
from generator.load.editions import Changes, compare, in_language, load_history, snapshot


def _row(*cells: object) -> str:
    return "| " + " | ".join(str(c).replace("|", "\\|").replace("\n", " ") for c in cells) + " |"


def markdown(changes: Changes | None, against: str, code: str = "en") -> str:
    """The reviewer's summary: figures added, revised (old → new), removed, and targets whose rating would change."""
    lines = [f"## What this change does to the data (against {against})", ""]
    if changes is None or changes.empty:
        return "\n".join([*lines, "No figure, target, chart or passage changes.", ""])

    def name(fig: dict[str, Any]) -> str:
        return f"{in_language(fig['name'], code)} (`{fig['indicator']}`)"

    def cite(fig: dict[str, Any]) -> str:
        return f"document {fig['source']}: “{fig['quote']}”"

    if changes.revised:
        lines += [f"### Figures revised ({len(changes.revised)})", "", _row("Figure", "Year", "Was", "Now", "Source was", "Source now"), _row(*["---"] * 6)]
        lines += [
            _row(name(c.current), c.current["year"], in_language(c.old["display"], code), in_language(c.new["display"], code), cite(c.old), cite(c.new))
            for c in changes.revised
            if c.old and c.new
        ]
        lines.append("")
    for title, items in (("Figures added", changes.added), ("Figures removed", changes.removed)):
        if items:
            lines += [f"### {title} ({len(items)})", "", _row("Figure", "Year", "Value", "Source"), _row(*["---"] * 4)]
            lines += [_row(name(c.current), c.current["year"], in_language(c.current["display"], code), cite(c.current)) for c in items]
            lines.append("")
    if changes.targets:
        lines += [f"### Targets whose rating would change ({len(changes.targets)})", "", _row("Target", "Was", "Now"), _row(*["---"] * 3)]
        lines += [_row(f"{in_language(t.title, code)} (`{t.id}`)", t.old, t.new) for t in changes.targets]
        lines.append("")
    other = [f"new source sentence for `{c.id}`" for c in changes.recited]
    other += [f"indicator `{c.current['indicator']}` renamed: {in_language(c.old['name'], code) if c.old else ''} → {name(c.current)}" for c in changes.renamed]
    other += [f"chart added: `{c['id']}`" for c in changes.charts_added] + [f"chart removed: `{c['id']}`" for c in changes.charts_removed]
    other += [f"{in_language(title, code) if title else 'home page'}: {n} passages reworded, added or removed" for title, n in changes.passages]
    if other:
        lines += ["### Other changes", "", *(f"- {o}" for o in other), ""]
    return "\n".join(lines)


def against_ref(root: Path, ref: str) -> str:
    """The summary of the content at ``root`` against the content of git revision ``ref``."""
    from generator.load.project import load_project

    project = load_project(root)
    base = Path(tempfile.mkdtemp(prefix="base-"))
    try:
        paths = [p for p in ("content", "site_config.yml", "locales") if _exists(root, ref, p)]
        if "content" not in paths:
            raise BuildError(f"{ref} has no content/ folder to compare with")
        archive = subprocess.run(["git", "-C", str(root), "archive", ref, *paths], capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", str(base)], input=archive, check=True)
        try:
            old = load_project(base)
        except ContentError as exc:
            raise BuildError(f"the content of {ref} does not load with this version of the generator:\n{exc.report(limit=5)}") from None
        changes = compare(snapshot(old.plan, old.locales), snapshot(project.plan, project.locales))
    except subprocess.CalledProcessError as exc:
        raise BuildError(f"git could not read {ref}: {exc.stderr.decode(errors='replace').strip() if exc.stderr else exc}") from None
    finally:
        shutil.rmtree(base, ignore_errors=True)
    return markdown(changes, f"`{ref}`")


def against_latest(root: Path) -> str:
    """The summary of the content against its newest edition."""
    from generator.load.project import load_project

    project = load_project(root)
    history = project.history
    if history.latest is None:
        return markdown(None, "no edition yet").replace("No figure", "No edition has been published yet; no figure")
    return markdown(history.pending, f"edition {history.latest.date}")


def _exists(root: Path, ref: str, path: str) -> bool:
    return subprocess.run(["git", "-C", str(root), "cat-file", "-e", f"{ref}:{path}"], capture_output=True).returncode == 0


__all__ = ["against_latest", "against_ref", "load_history", "markdown"]
