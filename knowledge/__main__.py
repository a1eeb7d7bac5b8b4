"""Command line for the content: `python -m knowledge check | search | diagram`."""

import argparse
import sys
from pathlib import Path


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m knowledge", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    check = sub.add_parser("check", help="validate every content file; exit 1 on any error")
    check.add_argument("--local-dir", type=Path, help="a deployment's own area folder (default: the example)")

    search = sub.add_parser("search", help="print ranked passages for a query")
    search.add_argument("query")
    search.add_argument("-k", type=int, default=5, help="how many passages (default 5)")
    search.add_argument("--json", action="store_true", help="print JSON instead of text")

    diagram = sub.add_parser("diagram", help="write a Mermaid diagram of an area's referral pathway")
    diagram.add_argument("--area", help="area id (default: the first configured area)")
    diagram.add_argument("--local-dir", type=Path, help="a deployment's own area folder")
    diagram.add_argument("--out", type=Path, help="file to write (default: print)")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run one subcommand and return its exit status."""
    args = _parser().parse_args(argv)
    if args.command == "check":
        from knowledge.checks import report

        return report(args.local_dir)
    if args.command == "search":
        from knowledge.search_cli import run

        return run(args.query, k=args.k, as_json=args.json)
    from knowledge.diagram import run as run_diagram

    return run_diagram(area_id=args.area, local_dir=args.local_dir, out=args.out)


if __name__ == "__main__":
    sys.exit(main())
