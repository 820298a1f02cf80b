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
from generator.load.project import load_project
from generator.render.markup import text


def _row(*cells: object) -> str:
    """A table row of the summary, of cells already written as Markdown (:func:`_text` for text from the content)."""
    return "| " + " | ".join(str(c) for c in cells) + " |"


def _text(value: object) -> str:
    """Text from the content or a snapshot as inert Markdown (the one escape of Markdown and HTML): a name holding
    ``<!--``, ``|`` or a link hides, splits and links nothing in the summary."""
    return str(text(str(value).replace("\n", " ")))


def markdown(changes: Changes | None, against: str, code: str = "en") -> str:
    """The reviewer's summary: figures added, revised (old → new), removed, and targets whose rating would change."""
    lines = [f"## What this change does to the data (against {against})", ""]
    if changes is None or changes.empty:
        return "\n".join([*lines, "No figure, target, chart or passage changes.", ""])

    def name(fig: dict[str, Any]) -> str:
        return f"{_text(in_language(fig['name'], code))} (`{_text(fig['indicator'])}`)"

    def cite(fig: dict[str, Any]) -> str:
        return f"document {_text(fig['source'])}: “{_text(fig['quote'])}”"

    def shown(texts: dict[str, str]) -> str:
        return _text(in_language(texts, code))

    if changes.revised:
        lines += [f"### Figures revised ({len(changes.revised)})", "", _row("Figure", "Year", "Was", "Now", "Source was", "Source now"), _row(*["---"] * 6)]
        lines += [
            _row(name(c.current), _text(c.current["year"]), shown(c.old["display"]), shown(c.new["display"]), cite(c.old), cite(c.new))
            for c in changes.revised
            if c.old and c.new
        ]
        lines.append("")
    for title, items in (("Figures added", changes.added), ("Figures removed", changes.removed)):
        if items:
            lines += [f"### {title} ({len(items)})", "", _row("Figure", "Year", "Value", "Source"), _row(*["---"] * 4)]
            lines += [_row(name(c.current), _text(c.current["year"]), shown(c.current["display"]), cite(c.current)) for c in items]
            lines.append("")
    if changes.targets:
        lines += [f"### Targets whose rating would change ({len(changes.targets)})", "", _row("Target", "Was", "Now"), _row(*["---"] * 3)]
        lines += [_row(f"{shown(t.title)} (`{_text(t.id)}`)", t.old, t.new) for t in changes.targets]  # ratings are the generator's words
        lines.append("")
    other = [f"new source sentence for `{_text(c.id)}`" for c in changes.recited]
    other += [
        f"unit reworded, figure unchanged: {name(c.current)} {shown(c.old['display']) if c.old else ''} → {shown(c.current['display'])}" for c in changes.relabelled
    ]
    other += [f"indicator `{_text(c.current['indicator'])}` renamed: {shown(c.old['name']) if c.old else ''} → {name(c.current)}" for c in changes.renamed]
    other += [f"chart added: `{_text(c['id'])}`" for c in changes.charts_added] + [f"chart removed: `{_text(c['id'])}`" for c in changes.charts_removed]
    other += [f"{shown(title) if title else 'home page'}: {n} passages reworded, added or removed" for title, n in changes.passages]
    if other:
        lines += ["### Other changes", "", *(f"- {o}" for o in other), ""]
    return "\n".join(lines)


def against_ref(root: Path, ref: str) -> str:
    """The summary of the content at ``root`` against the content of git revision ``ref``."""
    inside = subprocess.run(["git", "-C", str(root), "rev-parse", "--is-inside-work-tree"], capture_output=True, text=True, check=False)
    if inside.returncode != 0 or inside.stdout.strip() != "true":
        raise BuildError(f"--base {ref}: {root} is not a git repository, so it has no revisions to compare with; run it in a clone, or leave out --base")
    if (
        ref.startswith("-")
        or subprocess.run(
            ["git", "-C", str(root), "rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}"], capture_output=True, check=False
        ).returncode
    ):
        raise BuildError(f"--base {ref}: no such revision in this repository; name a branch, tag or commit (e.g. origin/main, after git fetch)")
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
    return markdown(changes, f"`{_text(ref)}`")


def against_latest(root: Path) -> str:
    """The summary of the content against its newest edition."""
    project = load_project(root)
    history = project.history
    if history.latest is None:
        return markdown(None, "no edition yet").replace("No figure", "No edition has been published yet; no figure")
    return markdown(history.pending, f"edition {history.latest.date}")


def _exists(root: Path, ref: str, path: str) -> bool:
    return subprocess.run(["git", "-C", str(root), "cat-file", "-e", f"{ref}:{path}"], capture_output=True).returncode == 0


__all__ = ["against_latest", "against_ref", "load_history", "markdown"]
