"""The whole dataset as CSV tables and one JSON file (same columns in both)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from decimal import Decimal

from generator.i18n import Locale
from generator.model import Plan


def columns(locales: Sequence[Locale]) -> dict[str, list[str]]:
    """Table name → its columns: texts once per language (``name_zh``, ``name_en`` …)."""
    codes = [loc.code for loc in locales]
    translated = [loc.code for loc in locales if not loc.source]

    def per(name: str, among: list[str] = codes) -> list[str]:
        return [f"{name}_{code}" for code in among]

    return {
        "observations": [
            *("indicator", "value", "unit", "qualifier", "period", "year", "estimated"),
            *("growth_value", "growth_unit", "growth_basis", "national_value", "national_form"),
            *per("display"),
            *per("period", translated),
            "source",
            "quote",
        ],
        "indicators": ["id", "pillar", *per("name"), "unit", "observations"],
        "targets": [
            *("id", *per("title"), "comparator", "value", "unit", "year", "indicator", "rating", "rating_reason"),
            *("required_annual_change", "actual_annual_change", "source", "quote"),
        ],
        "sources": ["id", *per("title"), *per("author"), "year", "type", "file"],
    }


def csv_bytes(header: Sequence[str], rows: Sequence[Sequence[object]]) -> bytes:
    """A UTF-8 CSV file with a header row."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def tables(plan: Plan, locales: Sequence[Locale]) -> dict[str, tuple[list[str], list[list[object]]]]:
    """Table name → (columns, rows). The rating reason is in English when the site has it, else in its first language."""
    translated = [loc for loc in locales if not loc.source]
    reasons = next((loc for loc in locales if loc.code == "en"), locales[0])
    observations: list[list[object]] = []
    indicators: list[list[object]] = []
    for ind in plan.all_indicators:
        indicators.append([ind.id, ind.owner, *(loc.text(ind.name) for loc in locales), ind.unit.id, len(ind.observations)])
        for o in ind.observations:
            g, n = o.growth, o.national
            observations.append(
                [
                    ind.id,
                    o.value,
                    o.unit.id,
                    o.qualifier or "",
                    o.period,
                    o.year,
                    "true" if o.estimated else "false",
                    g.value if g else "",
                    g.unit.id if g else "",
                    g.basis if g else "",
                    n.value if n else "",
                    n.form if n else "",
                    *(loc.observation(o) for loc in locales),
                    *(loc.period(o.period, o.year) for loc in translated),
                    o.source.id,
                    o.quote,
                ]
            )
    targets: list[list[object]] = []
    for t in plan.targets:
        progress = t.progress
        targets.append(
            [
                t.id,
                *(loc.text(t.title) for loc in locales),
                t.comparator,
                t.value,
                t.unit.id,
                t.year,
                t.indicator.id if t.indicator else "",
                progress.level,
                reasons.progress_reason(t),
                "" if progress.required_rate is None else str(progress.required_rate.quantize(Decimal("0.0001"))),
                "" if progress.actual_rate is None else str(progress.actual_rate.quantize(Decimal("0.0001"))),
                t.source.id,
                t.quote,
            ]
        )
    sources = [[s.id, *(loc.text(s.title) for loc in locales), *(loc.text(s.author) for loc in locales), s.year, s.type.id, s.file] for s in plan.sources]
    rows: dict[str, list[list[object]]] = {"observations": observations, "indicators": indicators, "targets": targets, "sources": sources}
    return {name: (cols, rows[name]) for name, cols in columns(locales).items()}


def dataset_files(plan: Plan, locales: Sequence[Locale]) -> dict[str, bytes]:
    """File name → bytes for data/ (identical in every language)."""
    data = tables(plan, locales)
    files = {f"{name}.csv": csv_bytes(columns, rows) for name, (columns, rows) in data.items()}
    document: dict[str, object] = {
        "content_version": plan.content_version,
        "data_as_of": plan.data_as_of,
        "title": plan.title.model_dump(),
        "period": plan.period.model_dump(),
        "pillars": [p.id for p in plan.pillars],
    }
    for name, (columns, rows) in data.items():
        document[name] = [dict(zip(columns, row, strict=True)) for row in rows]
    files["plan.json"] = (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    return files
