"""Publish the content and locale schemas as JSON Schema files for editors."""

from __future__ import annotations

import json
from pathlib import Path

from generator.load.locales import LocaleFile
from generator.load.schema import FILE_MODELS


def schema_documents() -> dict[str, str]:
    """File name → JSON text, one per content file kind."""
    out = {}
    for kind, model in FILE_MODELS.items():
        doc = model.model_json_schema()
        doc["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        doc["title"] = f"content/{'pillars/*' if kind == 'pillar' else kind}.yml"
        out[f"{kind}.schema.json"] = json.dumps(doc, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    doc = LocaleFile.model_json_schema()
    doc["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    doc["title"] = "generator/locales/<code>/locale.yml"
    out["locale.schema.json"] = json.dumps(doc, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    return out


def write_schemas(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in schema_documents().items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
