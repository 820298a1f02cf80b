"""Command line: ``python -m generator validate|build|serve|edition|changes|coverage|schema``."""

from __future__ import annotations

import argparse
import datetime
import json
import signal
import sys
from pathlib import Path

from generator.errors import BuildError, ContentError
from generator.publish.engines import DEFAULT as DEFAULT_ENGINE
from generator.publish.engines import NAMES as ENGINE_NAMES
from generator.publish.outdir import HINT, OutputRefused
from generator.run import stopping

EPILOG = """examples:
  python -m generator validate
  python -m generator build
  python -m generator build --engine zensical
  python -m generator serve --port 8000
  python -m generator schema
  python -m generator edition --note zh="更新2025年数据" --note en="2025 figures added"
  python -m generator changes --base origin/main
  python -m generator coverage --json
"""


def _jobs(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number of processes, 1 or more")
    return int(value)


def _port(value: str) -> int:
    if not value.isdigit() or int(value) > 65535:
        raise argparse.ArgumentTypeError(f"{value!r} is not a port: give 1 to 65535, or 0 for any free port")
    return int(value)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m generator",
        description="Build the Beijing International Science and Technology Innovation Center plan tracker.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="project root (default: current folder)")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser(
        "validate",
        help="check content/ and report every problem",
        description="Load content/, check schema and provenance, and report every problem.\n\nexample: python -m generator validate",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    build = sub.add_parser(
        "build",
        help="build site/ (both languages) and the PDFs",
        description="Generate pages and charts and build site/ atomically.\n\nexample: python -m generator build --out site",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    build.add_argument("--out", type=Path, default=None, help="output folder (default: site/)")
    build.add_argument("--no-pdf", action="store_true", help="skip the PDF reports")
    build.add_argument("--timings", type=Path, default=None, help="also write stage timings as JSON to this file")
    build.add_argument("--engine", choices=ENGINE_NAMES, default=DEFAULT_ENGINE, help="the engine that turns the pages into HTML (default: mkdocs)")
    build.add_argument("--jobs", type=_jobs, default=None, metavar="N", help="languages built at once, each in a process (default: one per core; 1: one after another)")
    serve = sub.add_parser(
        "serve",
        help="preview locally, rebuilding when content changes",
        description="Serve a live preview that regenerates when content/ or templates change.\n\nexample: python -m generator serve --port 8000",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    serve.add_argument("--port", type=_port, default=8000, help="the port to serve on, 1 to 65535, or 0 for any free port (default: 8000)")
    serve.add_argument("--lang", help="preview only this language, which is quicker (default: every language, the first at the root)")
    serve.add_argument("--engine", choices=ENGINE_NAMES, default=DEFAULT_ENGINE, help="the engine that serves the preview (default: mkdocs)")
    edition = sub.add_parser(
        "edition",
        help="publish the current data as a new edition",
        description=(
            "Freeze the current data in content/editions/<date>/ and record it in content/editions.yml.\n\n"
            'example: python -m generator edition --note zh="更新2025年数据" --note en="2025 figures added"'
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    edition.add_argument("--date", default=None, help="its date, YYYY-MM-DD (default: today, UTC)")
    edition.add_argument("--note", action="append", default=[], metavar="CODE=TEXT", help="what was updated and why, once per language")
    changes = sub.add_parser(
        "changes",
        help="print what the data changes do, as Markdown",
        description="Compare the content with the newest edition, or with the content of a git revision.\n\nexample: python -m generator changes --base origin/main",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    changes.add_argument("--base", default=None, help="a git revision whose content to compare with (default: the newest edition)")
    coverage = sub.add_parser(
        "coverage",
        help="list every figure of the sources and how the content accounts for it",
        description=(
            "List each figure the archived sources state (docs/coverage.md gives the rule): captured by the content,\n"
            "not tracked (content/coverage.yml, with the reason) or unaccounted.\n\nexample: python -m generator coverage --json"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    coverage.add_argument("--json", action="store_true", help="write the list as JSON: source, figure, sentence, status … for each figure")
    sub.add_parser(
        "schema",
        help="write the JSON Schema files to generator/schema/",
        description="Write JSON Schema for every content file kind.\n\nexample: python -m generator schema",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    return parser


def _run(args: argparse.Namespace, root: Path) -> int:
    """Dispatch one command; errors propagate to :func:`main`."""
    # Each command imports what it runs, here: `validate` loads no page, chart, PDF or engine code (1.5 s of imports).
    if args.command == "validate":
        from generator.load.project import load_project

        plan = load_project(root).plan
        print(
            f"content OK: {len(plan.pillars)} pillars, {len(plan.all_indicators)} indicators, "
            f"{plan.observation_count} observations, {len(plan.all_standings)} standings, {len(plan.targets)} targets, "
            f"{len(plan.qualitative)} goals stated in words, "
            f"{len(plan.sources)} sources, {len(plan.all_charts)} charts"
        )
        return 0
    if args.command == "schema":
        from generator.load.jsonschema import write_schemas

        for path in write_schemas(root / "generator" / "schema"):
            print(f"wrote {path.relative_to(root)}")
        return 0
    if args.command == "build":
        from generator.run.build import build_site

        out = args.out if args.out else root / "site"
        summary = build_site(root, out, pdf=not args.no_pdf, engine=args.engine, jobs=args.jobs)
        print(summary)
        if args.timings:
            args.timings.write_text(
                json.dumps({"seconds": summary.seconds, "stages": summary.timings.stages, "pages": summary.pages, "charts": summary.charts}), encoding="utf-8"
            )
        return 0
    if args.command == "edition":
        from generator.edition import record

        notes = dict(note.split("=", 1) if "=" in note else (note, "") for note in args.note)
        date = args.date or datetime.datetime.now(datetime.UTC).date().isoformat()
        folder = record(root, date, notes)
        print(f"recorded edition {date}: {folder.relative_to(root).as_posix()}/ ({len(list(folder.iterdir()))} files) and its entry in content/editions.yml")
        return 0
    if args.command == "changes":
        from generator.changes import against_latest, against_ref

        print(against_ref(root, args.base) if args.base else against_latest(root))
        return 0
    if args.command == "coverage":
        from generator.render.coverage import as_json, as_text, report

        accounts = report(root)
        print(as_json(accounts) if args.json else as_text(accounts))
        return 1 if any(a.status == "unaccounted" for a in accounts) else 0
    if args.command == "serve":
        from generator.run.serve import serve

        serve(root, port=args.port, lang=args.lang, engine=args.engine)
        return 0
    return 2


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    root: Path = args.root.resolve()
    try:
        with stopping.handled():
            return _run(args, root)
    except ContentError as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    except OutputRefused as exc:
        print(f"build refused: {exc}\n    hint: {HINT}", file=sys.stderr)
        return 1
    except BuildError as exc:
        print(f"{'build' if args.command in ('build', 'serve') else args.command} failed: {exc}", file=sys.stderr)
        if args.command == "build":
            print("the previous output was left unchanged.", file=sys.stderr)
        return 1
    except KeyboardInterrupt as exc:
        stopped = exc if isinstance(exc, stopping.Stopped) else stopping.Stopped(signal.SIGINT)
        unchanged = "; the previous output was left unchanged" if args.command == "build" else ""
        print(f"{stopped}: {args.command} stopped, its work folders and worker processes cleaned up{unchanged}.", file=sys.stderr)
        return stopped.exit_code
