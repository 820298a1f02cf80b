"""The whole dataset as CSV tables, one JSON file (same columns) and a Frictionless Data Package.

``datapackage.json`` describes every table with a Table Schema: field types,
descriptions in each language, primary keys and the foreign keys that join
observations, indicators, pillars, targets, units and sources. The CSVs are
UTF-8 without a byte order mark (what pandas, R and the Frictionless tools
read by default); ``excel/`` holds the same tables with a byte order mark, so
that Excel, which otherwise guesses a legacy code page, shows Chinese text.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from generator.load.locales import Locale
from generator.model import Chart, Plan
from generator.model.ids import figure_id
from generator.model.numbers import parse_figure
from generator.render import escape

EXCEL = "excel"
BOM = "\ufeff".encode()


@dataclass(frozen=True)
class Column:
    """One column of a table: its name, Table Schema type, and the key of its description in the locales."""

    name: str
    type: str = "string"
    per_language: bool = False  # one column per language: name_zh, name_en …
    translated_only: bool = False  # only for the languages that translate (period_en …)


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[Column, ...]
    key: str = "id"
    foreign: tuple[tuple[str, str], ...] = ()  # (column, table it refers to by id)


TABLES = (
    Table(
        "observations",
        (
            Column("id"),
            Column("indicator"),
            Column("value"),
            Column("number", "number"),
            Column("unit"),
            Column("qualifier"),
            Column("period"),
            Column("year", "integer"),
            Column("estimated", "boolean"),
            Column("growth_value"),
            Column("growth_unit"),
            Column("growth_basis"),
            Column("national_value"),
            Column("national_form"),
            Column("display", per_language=True),
            Column("period_text", per_language=True, translated_only=True),
            Column("source"),
            Column("quote"),
        ),
        foreign=(("indicator", "indicators"), ("unit", "units"), ("growth_unit", "units"), ("source", "sources")),
    ),
    Table(
        "indicators",
        (Column("id"), Column("pillar"), Column("name", per_language=True), Column("unit"), Column("observations", "integer")),
        foreign=(("pillar", "pillars"), ("unit", "units")),
    ),
    Table("pillars", (Column("id"), Column("title", per_language=True))),
    Table(
        "targets",
        (
            Column("id"),
            Column("title", per_language=True),
            Column("comparator"),
            Column("value"),
            Column("number", "number"),
            Column("unit"),
            Column("year", "integer"),
            Column("indicator"),
            Column("rating"),
            Column("rating_reason"),
            Column("required_annual_change", "number"),
            Column("actual_annual_change", "number"),
            Column("source"),
            Column("quote"),
        ),
        foreign=(("indicator", "indicators"), ("unit", "units"), ("source", "sources")),
    ),
    Table(
        "sources",
        (Column("id"), Column("title", per_language=True), Column("author", per_language=True), Column("year", "integer"), Column("type"), Column("file")),
    ),
    Table("units", (Column("id"), Column("dimension"), Column("magnitude", "integer"), Column("axis", per_language=True))),
)


def _names(column: Column, locales: Sequence[Locale]) -> list[tuple[str, Locale | None]]:
    if not column.per_language:
        return [(column.name, None)]
    chosen = [loc for loc in locales if not (column.translated_only and loc.source)]
    base = "period" if column.name == "period_text" else column.name
    return [(f"{base}_{loc.code}", loc) for loc in chosen]


def columns(locales: Sequence[Locale]) -> dict[str, list[str]]:
    """Table name → its columns: texts once per language (``name_zh``, ``name_en`` …)."""
    return {t.name: [name for c in t.columns for name, _ in _names(c, locales)] for t in TABLES}


def csv_bytes(header: Sequence[str], rows: Sequence[Sequence[object]]) -> bytes:
    """A UTF-8 CSV file with a header row."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def _number(figure: str) -> str:
    """A figure as a plain decimal for the number columns ("两" → "2"), or "" when it is not one."""
    number = parse_figure(figure)
    return "" if number is None else format(number, "f")


def tables(plan: Plan, locales: Sequence[Locale]) -> dict[str, tuple[list[str], list[list[object]]]]:
    """Table name → (columns, rows). The rating reason is in English when the site has it, else in its first language."""

    translated = [loc for loc in locales if not loc.source]
    reasons = next((loc for loc in locales if loc.code == "en"), locales[0])
    observations: list[list[object]] = []
    indicators: list[list[object]] = []
    for ind in plan.all_indicators:
        pillar = "" if ind.owner == "plan" else ind.owner
        indicators.append([ind.id, pillar, *(loc.text(ind.name) for loc in locales), ind.unit.id, len(ind.observations)])
        for o in ind.observations:
            g, n = o.growth, o.national
            observations.append(
                [
                    figure_id(ind, o),
                    ind.id,
                    o.value,
                    _number(o.value),
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
                _number(t.value),
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
    pillars: list[list[object]] = [[p.id, *(loc.text(p.title) for loc in locales)] for p in plan.pillars]
    units = [[u.id, u.dimension, u.magnitude, *(loc.text(u.axis) for loc in locales)] for u in plan.units]
    rows: dict[str, list[list[object]]] = {
        "observations": observations,
        "indicators": indicators,
        "pillars": pillars,
        "targets": targets,
        "sources": sources,
        "units": units,
    }
    return {name: (cols, rows[name]) for name, cols in columns(locales).items()}


def package(plan: Plan, locales: Sequence[Locale], version: str, license: dict[str, str]) -> dict[str, object]:
    """The Frictionless Data Package descriptor of the CSV tables (Data Package v1, Table Schema)."""
    source_locale = next((loc for loc in locales if loc.source), locales[0])

    def both(key: str, **values: str) -> str:
        return " / ".join(loc.data.columns[key].format(**values) for loc in locales)

    resources = []
    for table in TABLES:
        fields = []
        for column in table.columns:
            for name, loc in _names(column, locales):
                description = both(column.name)
                if loc is not None:
                    description += f" [{loc.code}]"
                fields.append({"name": name, "type": column.type, "description": description})
        schema: dict[str, object] = {"fields": fields, "primaryKey": [table.key], "missingValues": [""]}
        if table.foreign:
            schema["foreignKeys"] = [{"fields": [col], "reference": {"resource": ref, "fields": ["id"]}} for col, ref in table.foreign]
        resources.append(
            {
                "name": table.name,
                "path": f"{table.name}.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "description": both(f"table_{table.name}"),
                "schema": schema,
            }
        )
    return {
        "profile": "tabular-data-package",
        "name": "beijing-istic-plan-tracker",
        "title": " / ".join(dict.fromkeys(loc.text(plan.title) for loc in locales)),
        "description": " / ".join(dict.fromkeys(loc.text(plan.subtitle) for loc in locales)),
        "version": version,
        "content_version": plan.content_version,
        "licenses": [license],
        "sources": [{"title": f"{source_locale.text(s.title)} ({s.year})", **({"path": s.url} if s.url else {})} for s in plan.sources],
        "resources": resources,
    }


def dataset_files(plan: Plan, locales: Sequence[Locale], version: str = "", license: dict[str, str] | None = None) -> dict[str, bytes]:
    """File name → bytes for data/ (identical in every language): the CSVs, plan.json, datapackage.json and excel/ copies."""
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
    files["plan.json"] = _json(document)
    files["datapackage.json"] = _json(package(plan, locales, version or plan.content_version, license or {}))
    for name, (columns, rows) in data.items():  # for spreadsheets: no cell that a spreadsheet would run as a formula
        files[f"{EXCEL}/{name}.csv"] = BOM + csv_bytes(columns, [[escape.spreadsheet(cell) for cell in row] for row in rows])
    return files


def _json(document: object) -> bytes:
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def jsonld(plan: Plan, locale: Locale, version: str, edition_date: str | None, data_url: str, license: dict[str, str]) -> str:
    """schema.org Dataset markup of the data page (JSON-LD), for dataset search engines."""
    creator = {"@type": "Organization", "name": locale.text(plan.title)}
    dataset: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "name": locale.text(plan.title),
        "description": locale.text(plan.subtitle),
        "inLanguage": locale.data.html_lang,
        "creator": creator,
        "publisher": creator,
        "license": license.get("path", ""),
        "version": version,
        "temporalCoverage": f"{plan.period.start}/{plan.period.end}",
        "spatialCoverage": {"@type": "Place", "name": "Beijing" if not locale.source else "北京"},
        "isAccessibleForFree": True,
        "distribution": [{"@type": "DataDownload", "name": f"{t.name}.csv", "encodingFormat": "text/csv", "contentUrl": f"{data_url}{t.name}.csv"} for t in TABLES]
        + [
            {"@type": "DataDownload", "name": "datapackage.json", "encodingFormat": "application/json", "contentUrl": f"{data_url}datapackage.json"},
            {"@type": "DataDownload", "name": "plan.json", "encodingFormat": "application/json", "contentUrl": f"{data_url}plan.json"},
        ],
        "isBasedOn": [
            {
                "@type": "CreativeWork",
                "name": s.title.zh,
                "alternateName": locale.text(s.title),
                "dateCreated": str(s.year),
                **({} if s.anonymous else {"author": {"@type": "Organization", "name": s.author.zh}}),
                **({"url": s.url} if s.url else {}),
            }
            for s in plan.sources
        ],
    }
    if edition_date:
        dataset["dateModified"] = edition_date
    # Inside <script>: nothing may close the element or open a comment.
    return json.dumps(dataset, ensure_ascii=False, indent=1).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def chart_csv(chart: Chart, locale: Locale) -> bytes:
    """A chart's data as numbers: one row per figure it draws (or per target), value, unit, qualifier and year in their own columns."""
    if chart.targets:
        header = ["target", "title", "comparator", "target_value", "target_number", "unit", "target_year", "indicator", "latest_value", "latest_number"]
        header += ["latest_unit", "latest_qualifier", "latest_year", "source"]
        rows: list[list[object]] = []
        for t in chart.targets:
            latest = t.indicator.latest if t.indicator else None
            rows.append(
                [t.id, locale.text(t.title), t.comparator, t.value, _number(t.value), t.unit.id, t.year, t.indicator.id if t.indicator else ""]
                + ([latest.value, _number(latest.value), latest.unit.id, latest.qualifier or "", latest.year] if latest else ["", "", "", "", ""])
                + [t.source.id]
            )
        return csv_bytes(header, rows)

    header = ["id", "indicator", "name", "year", "period", "value", "number", "unit", "qualifier", "national_value", "national_form", "source"]
    indicators = chart.indicators + ((chart.total,) if chart.total else ())
    rows = [
        [figure_id(i, o), i.id, locale.text(i.name), o.year, o.period, o.value, _number(o.value), o.unit.id, o.qualifier or ""]
        + ([o.national.value, o.national.form] if o.national else ["", ""])
        + [o.source.id]
        for i in indicators
        for o in i.observations
    ]
    return csv_bytes(header, rows)


def chart_zip(chart: Chart, locale: Locale, files: dict[str, bytes], readme: str) -> bytes:
    """A chart's downloads in one ZIP (its CSV, its Vega-Lite JSON and a README), byte-identical on every build."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in sorted({**files, f"{chart.id}/README.md": readme.encode("utf-8")}.items()):
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return out.getvalue()
