"""The ``edition`` command: freeze the current data as a dated edition and record it in content/editions.yml."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

from generator.errors import ContentError, Problem, display_path
from generator.load.editions import FOLDER, HEADER, RECORD, SNAPSHOT, folder_digest, load_history
from generator.load.project import load_project
from generator.render.datafiles import dataset_files


def record(root: Path, date: str, notes: dict[str, str]) -> Path:
    """Freeze the current data as the edition of ``date`` and add its entry to content/editions.yml."""
    project = load_project(root)
    history = load_history(root, project.plan, project.locales)
    content = root / "content"
    shown = display_path(content / RECORD, root)
    codes = [loc.code for loc in project.locales]

    def refuse(message: str, hint: str) -> ContentError:
        return ContentError([Problem(shown, 1, 1, "", message, hint)])

    try:
        datetime.date.fromisoformat(date)
        if len(date) != 10:
            raise ValueError(date)
    except ValueError:
        raise refuse(f"--date {date!r} is not a date", "write it as YYYY-MM-DD, e.g. 2026-03-31") from None
    missing = [code for code in codes if not notes.get(code, "").strip()]
    unknown = sorted(set(notes) - set(codes))
    if unknown:
        raise refuse(f"--note {unknown[0]}=… names no language of the site ({', '.join(codes)})", "give one --note CODE=TEXT per language of site_config.yml")
    if missing:
        raise refuse(f"no note in {', '.join(missing)}", "give one --note CODE=TEXT per language of site_config.yml: what was updated and why")
    latest = history.latest
    if latest is not None:
        if date <= latest.date:
            raise refuse(f"--date {date} is not after the newest edition, {latest.date}", "an edition is dated after every earlier one: pass a later --date")
        if history.pending is None:
            raise refuse(f"the data has not changed since edition {latest.date}", "an edition records a change of the data; edit content/ first")
    folder = content / FOLDER / date
    folder.mkdir(parents=True, exist_ok=False)
    for name, blob in dataset_files(project.plan, project.locales, date, project.config.data_license).items():
        if "/" not in name:  # the excel/ copies are the same tables with a byte order mark
            (folder / name).write_bytes(blob)
    snap = json.dumps(history.current, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    (folder / SNAPSHOT).write_text(snap, encoding="utf-8")
    path = content / RECORD
    text = path.read_text(encoding="utf-8") if path.exists() else HEADER
    if latest is None:
        text = text.replace("editions: []", "editions:")
    if not text.endswith("\n"):
        text += "\n"
    entry = [f"  - date: {date}", f'    digest: "{folder_digest(folder)}"', "    note:"]
    entry += [f"      {code}: {json.dumps(notes[code].strip(), ensure_ascii=False)}" for code in codes]
    path.write_text(text + "\n".join(entry) + "\n", encoding="utf-8")
    return folder
