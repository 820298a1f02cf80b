"""The ``edition`` command: freeze the current data as a dated edition and record it in content/editions.yml.

What it is given is checked with the rules ``validate`` applies to content/editions.yml before anything is
written, and what it writes appears whole or not at all: the frozen folder is written under a temporary name and
renamed into place, then content/editions.yml is replaced by its new version. A folder left by a run that was
interrupted between the two (a frozen folder no entry records) is the command's own, and the next run replaces it.
"""

from __future__ import annotations

import datetime
import json
import os
import shutil
import tempfile
from pathlib import Path

from pydantic import ValidationError

from generator.errors import ContentError, Problem, display_path
from generator.load import schema
from generator.load.editions import FOLDER, HEADER, MAX_EDITIONS, RECORD, SNAPSHOT, folder_digest, future, load_history
from generator.load.project import load_project
from generator.load.validation import explain
from generator.render.datafiles import dataset_files

TEMPORARY = ".edition-"  # the prefix of the folder an edition is written in before it is renamed into place


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
        day = datetime.date.fromisoformat(date)
        if len(date) != 10 or date != day.isoformat():
            raise ValueError(date)
    except ValueError:
        raise refuse(f"--date {date!r} is not a date", "write it as YYYY-MM-DD, e.g. 2026-03-31") from None
    today = future(date)
    if today:
        raise refuse(f"--date {date} is in the future (today is {today}, UTC)", "an edition is dated the day it is published: leave out --date")
    unknown = sorted(set(notes) - set(codes))
    if unknown:
        raise refuse(f"--note {unknown[0]}=… names no language of the site ({', '.join(codes)})", "give one --note CODE=TEXT per language of site_config.yml")
    missing = [code for code in codes if not notes.get(code, "").strip()]
    if missing:
        raise refuse(f"no note in {', '.join(missing)}", "give one --note CODE=TEXT per language of site_config.yml: what was updated and why")
    cleaned = {code: notes[code].strip() for code in codes}
    entry = {"date": date, "digest": "sha256:" + "0" * 64, "note": cleaned}
    try:  # the rules validate applies to the entry, before anything is written
        schema.Edition.model_validate(entry, context={"languages": tuple(codes)})
    except ValidationError as exc:
        problems = []
        for error in exc.errors(include_url=False):
            loc = tuple(error["loc"])
            message, hint = explain(dict(error), schema.Edition, loc)
            option = f"--note {loc[1]}" if loc[:1] == ("note",) and len(loc) > 1 else f"--{loc[0]}"
            problems.append(Problem(shown, 1, 1, "", f"{option}: {message}", hint))
        raise ContentError(problems) from None
    latest = history.latest
    if latest is not None:
        if date <= latest.date:
            raise refuse(f"--date {date} is not after the newest edition, {latest.date}", "an edition is dated after every earlier one: pass a later --date")
        if history.pending is None:
            raise refuse(f"the data has not changed since edition {latest.date}", "an edition records a change of the data; edit content/ first")
    if len(history.editions) >= MAX_EDITIONS:
        raise refuse(f"{MAX_EDITIONS} editions are recorded already", "an edition records a published change of the data; remove the entries that were not published")

    editions = content / FOLDER
    editions.mkdir(parents=True, exist_ok=True)
    for left in editions.glob(f"{TEMPORARY}*"):  # an interrupted run's work folder
        shutil.rmtree(left, ignore_errors=True)
    folder = editions / date
    if folder.is_dir() and not folder.is_symlink():
        # Not recorded (the entry's date would be the newest edition's, refused above): a run stopped before recording it.
        shutil.rmtree(folder)
    elif folder.exists() or folder.is_symlink():
        folder.unlink()
    path = content / RECORD
    staged = path.with_name(f".{RECORD}.new")
    work = Path(tempfile.mkdtemp(prefix=TEMPORARY, dir=editions))
    try:
        for name, blob in dataset_files(project.plan, project.locales, date, project.config.data_license.model_dump()).items():
            if "/" not in name:  # the excel/ copies are the same tables with a byte order mark
                (work / name).write_bytes(blob)
        snap = json.dumps(history.current, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
        (work / SNAPSHOT).write_text(snap, encoding="utf-8")
        os.chmod(work, 0o755)  # mkdtemp's folder is private; the frozen folder is published
        digest = folder_digest(work)
        text = path.read_text(encoding="utf-8") if path.exists() else HEADER
        if latest is None:
            text = text.replace("editions: []", "editions:")
        if not text.endswith("\n"):
            text += "\n"
        lines = [f"  - date: {date}", f'    digest: "{digest}"', "    note:"]
        lines += [f"      {code}: {json.dumps(cleaned[code], ensure_ascii=False)}" for code in codes]
        staged.write_text(text + "\n".join(lines) + "\n", encoding="utf-8")
        os.replace(work, folder)
        os.replace(staged, path)
    finally:
        shutil.rmtree(work, ignore_errors=True)
        staged.unlink(missing_ok=True)
    return folder
