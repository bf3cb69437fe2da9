"""The two ways in that load Qt: the window (``desasadar`` with no command) and
``desasadar screenshot --out DIR [--lang id|en|both]`` (offscreen, so also with no display).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from desasadar_gui.cli.common import (
    EXIT_OK,
    EXIT_REFUSED,
    add_command,
    database_path,
    database_target,
    error,
)


def run_window(args: argparse.Namespace) -> int:
    from desasadar_gui.app import run_app

    return run_app(database_target(args))


def add_parser(sub: argparse._SubParsersAction) -> None:
    # Its start leaves the database file's leftovers alone (only scratch folders).
    shots = add_command(
        sub,
        "screenshot",
        run_screenshot,
        help="one PNG per tab and per main dialog, rendered offscreen",
        cleans_database=False,
    )
    shots.add_argument(
        "--out", type=Path, required=True, metavar="DIR", help="folder for the PNG files"
    )
    shots.add_argument(
        "--lang",
        choices=("id", "en", "both"),
        default="id",
        help="the language of the screens; both: into id/ and en/ subfolders",
    )


def run_screenshot(args: argparse.Namespace) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from desasadar_gui.ui.screenshot import take_screenshots

    path = database_path(args)
    if not path.is_file():
        error(f"Berkas basis data '{path}' tidak ada / database file not found")
        return EXIT_REFUSED
    # A shot with text cut off by its layout is still written; the warning says where.
    for shot in take_screenshots(path, args.out, lang=args.lang, warn=_warn):
        print(shot.path)
    return EXIT_OK


def _warn(text: str) -> None:
    print(f"peringatan / warning: {text}", file=sys.stderr)


PARSERS = (add_parser,)
