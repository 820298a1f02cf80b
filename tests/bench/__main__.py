"""``python tests/bench``: run the benchmark, print its table and write its JSON."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def main(argv: list[str] | None = None) -> int:
    from bench.run import SECTIONS, run, table

    parser = argparse.ArgumentParser(
        prog="python tests/bench",
        description="Benchmark the build (cold, warm, one figure changed) against its floors, at 10x/50x scale, "
        "with page weight and Lighthouse scores.\n\nexample: .venv/bin/python tests/bench --scales 10 50",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--root", type=Path, default=ROOT, help="project folder (default: this checkout)")
    parser.add_argument("--scales", type=int, nargs="*", default=[10, 50], help="synthetic plan sizes (default: 10 50)")
    parser.add_argument("--no-lighthouse", action="store_true", help="skip Lighthouse")
    parser.add_argument(
        "--history", type=int, nargs=2, default=[20, 10], metavar=("EDITIONS", "SCALE"), help="a synthetic history of EDITIONS editions at SCALE× (default: 20 10)"
    )
    parser.add_argument(
        "--only",
        choices=SECTIONS,
        action="append",
        help="run only this section (repeatable); cold: the real content's builds, floors, page weight and Lighthouse; preview: edit to preview",
    )
    parser.add_argument("--runs", type=int, default=3, metavar="N", help="cold builds of the real content, the median reported (default: 3)")
    parser.add_argument("--edits", type=int, default=5, metavar="N", help="preview edits timed, the median reported (default: 5)")
    parser.add_argument("--json", type=Path, default=Path("bench-results/bench.json"), help="where to write the JSON (relative to --root)")
    args = parser.parse_args(argv)

    root = args.root.resolve()
    only = tuple(args.only or SECTIONS)
    results = run(root, args.scales, not args.no_lighthouse, root / args.json, tuple(args.history), only, args.runs, args.edits)
    print(table(results))
    print(f"\nwrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.path[:0] = [str(Path(__file__).resolve().parent.parent), str(ROOT)]  # tests/ (the bench package) and the checkout's generator
    sys.exit(main())
