"""The whole dataset as CSV tables and one JSON file."""

from __future__ import annotations

import csv
import io
import json

from generator.model import Plan
from generator.numbers import format_observation, format_period
from generator.status import target_status


def _csv(header: list[str], rows: list[list[object]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def dataset_files(plan: Plan) -> dict[str, bytes]:
    """File name → bytes for data/ (identical in both languages)."""
    obs_rows, ind_rows = [], []
    for ind in plan.all_indicators:
        ind_rows.append([ind.id, ind.owner, ind.name.zh, ind.name.en, ind.unit.id, len(ind.observations)])
        for o in ind.observations:
            obs_rows.append(
                [
                    ind.id,
                    o.value,
                    o.unit.id,
                    o.qualifier or "",
                    o.period,
                    o.year,
                    "true" if o.estimated else "false",
                    o.growth.value if o.growth else "",
                    o.growth.unit.id if o.growth else "",
                    o.growth.basis if o.growth else "",
                    o.national.value if o.national else "",
                    o.national.form if o.national else "",
                    format_observation(o, "zh"),
                    format_observation(o, "en"),
                    format_period(o.period, o.year, "en"),
                    o.source.id,
                    o.quote,
                ]
            )
    target_rows = []
    for t in plan.targets:
        s = target_status(t)
        target_rows.append(
            [
                t.id,
                t.title.zh,
                t.title.en,
                t.comparator,
                t.value,
                t.unit.id,
                t.year,
                t.indicator.id if t.indicator else "",
                s.code,
                s.reason["en"],
                t.source.id,
                t.quote,
            ]
        )
    source_rows = [[s.id, s.title.zh, s.title.en, s.author.zh, s.author.en, s.year, s.type, s.file] for s in plan.sources]
    files = {
        "observations.csv": _csv(
            [
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
            ],
            obs_rows,
        ),
        "indicators.csv": _csv(["id", "pillar", "name_zh", "name_en", "unit", "observations"], ind_rows),
        "targets.csv": _csv(["id", "title_zh", "title_en", "comparator", "value", "unit", "year", "indicator", "status", "status_rule", "source", "quote"], target_rows),
        "sources.csv": _csv(["id", "title_zh", "title_en", "author_zh", "author_en", "year", "type", "file"], source_rows),
    }
    files["plan.json"] = (
        json.dumps(
            {
                "content_version": plan.content_version,
                "data_as_of": plan.data_as_of,
                "title": plan.title.model_dump(),
                "period": plan.period.model_dump(),
                "pillars": [p.id for p in plan.pillars],
                "indicators": [dict(zip(["id", "pillar", "name_zh", "name_en", "unit", "observations"], r, strict=True)) for r in ind_rows],
                "observations": [
                    dict(
                        zip(
                            [
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
                            ],
                            r,
                            strict=True,
                        )
                    )
                    for r in obs_rows
                ],
                "targets": [
                    dict(
                        zip(
                            ["id", "title_zh", "title_en", "comparator", "value", "unit", "year", "indicator", "status", "status_rule", "source", "quote"],
                            r,
                            strict=True,
                        )
                    )
                    for r in target_rows
                ],
                "sources": [dict(zip(["id", "title_zh", "title_en", "author_zh", "author_en", "year", "type", "file"], r, strict=True)) for r in source_rows],
            },
            ensure_ascii=False,
            indent=2,
        )
        + "\n"
    ).encode("utf-8")
    return files
