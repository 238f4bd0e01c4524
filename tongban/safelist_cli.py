"""`tongban safelist`: the citizen portal's persisted operations as an Apollo manifest."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import orjson

from tongban.citizen_operations import citizen_safelist


def add_safelist_commands(commands: Any) -> None:
    """Register `tongban safelist` on the `tongban` parser."""
    safelist = commands.add_parser(
        "safelist", help="print the citizens' persisted operations (Apollo manifest)"
    )
    safelist.add_argument(
        "--output", type=Path, metavar="FILE", help="write the manifest to FILE (default: stdout)"
    )
    safelist.set_defaults(run=run_safelist)


def run_safelist(args: argparse.Namespace) -> int:
    """`tongban safelist`: print (or write) the manifest whose ids a front end pins."""
    text = orjson.dumps(citizen_safelist().manifest(), option=orjson.OPT_INDENT_2).decode() + "\n"
    if args.output is None:
        sys.stdout.write(text)
        return 0
    try:
        args.output.write_text(text, encoding="utf-8")
    except OSError as error:
        raise ValueError(f"cannot write {args.output}: {error.strerror}") from None
    return 0
