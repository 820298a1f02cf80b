"""The output of ``python -m generator coverage``: every figure of every source and how the content accounts for it,
as text for a maintainer or as JSON."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from generator.load.project import load_plan
from generator.model.coverage import STATUSES, Account, account


def report(root: Path) -> list[Account]:
    """Each figure of the sources with its status (content loaded without the coverage rule, which this lists)."""
    return account(load_plan(root / "content", root, coverage=False))


def as_json(accounts: list[Account]) -> str:
    rows: list[dict[str, Any]] = []
    for acc in accounts:
        m = acc.mention
        rows.append(
            {
                "source": acc.source.id,
                "file": f"content/{acc.source.file}",
                "line": m.line,
                "figure": m.figure,
                "kind": m.kind,
                "sentence": m.sentence,
                "status": acc.status,
                "captured_by": [q.what for q in acc.by],
                "reason": {"zh": acc.reason.zh, "en": acc.reason.en} if acc.reason else None,
            }
        )
    return json.dumps(rows, ensure_ascii=False, indent=1)


def as_text(accounts: list[Account]) -> str:
    out: list[str] = []
    current = None
    for acc in accounts:
        if acc.source.id != current:
            current = acc.source.id
            mine = [a for a in accounts if a.source.id == current]
            counts = ", ".join(f"{sum(a.status == s for a in mine)} {s.replace('_', ' ')}" for s in STATUSES)
            out.append(f"\n{acc.source.id} · content/{acc.source.file}: {len(mine)} {'figure' if len(mine) == 1 else 'figures'} ({counts})")
        m = acc.mention
        if acc.status == "captured":
            how = "captured by " + "; ".join(q.what for q in acc.by)
        elif acc.status == "not_tracked":
            assert acc.reason is not None
            how = f"not tracked: {acc.reason.en}"
        else:
            how = "UNACCOUNTED: quote it in the content or list it in content/coverage.yml"
        out.append(f"  line {m.line}  {m.figure}  — {how}\n      {m.sentence}")
    total = ", ".join(f"{sum(a.status == s for a in accounts)} {s.replace('_', ' ')}" for s in STATUSES)
    sources = len({a.source.id for a in accounts})
    out.append(f"\n{len(accounts)} figures in {sources} {'source' if sources == 1 else 'sources'}: {total}")
    return "\n".join(out).lstrip("\n")
