"""The whole dataset as CSV tables and one JSON file (same columns in both)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from decimal import Decimal

from generator.i18n import progress_reason
from generator.model import Plan
from generator.numbers import format_observation, format_period

OBSERVATIONS = [
    "indicator",
    "value",
    "unit",
    "qualifier",
    "period",
    "year",
    "estimated",
    "growth_value",
    "growth_unit",
    "growth_basis",
    "national_value",
    "national_form",
    "display_zh",
    "display_en",
    "period_en",
    "source",
    "quote",
]
INDICATORS = ["id", "pillar", "name_zh", "name_en", "unit", "observations"]
TARGETS = [
    "id",
    "title_zh",
    "title_en",
    "comparator",
    "value",
    "unit",
    "year",
    "indicator",
    "rating",
    "rating_reason",
    "required_annual_change",
    "actual_annual_change",
    "source",
    "quote",
]
SOURCES = ["id", "title_zh", "title_en", "author_zh", "author_en", "year", "type", "file"]


def csv_bytes(header: Sequence[str], rows: Sequence[Sequence[object]]) -> bytes:
    """A UTF-8 CSV file with a header row."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def tables(plan: Plan) -> dict[str, tuple[list[str], list[list[object]]]]:
    """Table name → (columns, rows)."""
    observations, indicators = [], []
    for ind in plan.all_indicators:
        indicators.append([ind.id, ind.owner, ind.name.zh, ind.name.en, ind.unit.id, len(ind.observations)])
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
                    format_observation(o, "zh"),
                    format_observation(o, "en"),
                    format_period(o.period, o.year, "en"),
                    o.source.id,
                    o.quote,
                ]
            )
    targets = []
    for t in plan.targets:
        progress = t.progress
        targets.append(
            [
                t.id,
                t.title.zh,
                t.title.en,
                t.comparator,
                t.value,
                t.unit.id,
                t.year,
                t.indicator.id if t.indicator else "",
                progress.level,
                progress_reason(t, "en"),
                "" if progress.required_rate is None else str(progress.required_rate.quantize(Decimal("0.0001"))),
                "" if progress.actual_rate is None else str(progress.actual_rate.quantize(Decimal("0.0001"))),
                t.source.id,
                t.quote,
            ]
        )
    sources = [[s.id, s.title.zh, s.title.en, s.author.zh, s.author.en, s.year, s.type.id, s.file] for s in plan.sources]
    return {"observations": (OBSERVATIONS, observations), "indicators": (INDICATORS, indicators), "targets": (TARGETS, targets), "sources": (SOURCES, sources)}


def dataset_files(plan: Plan) -> dict[str, bytes]:
    """File name → bytes for data/ (identical in both languages)."""
    data = tables(plan)
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
