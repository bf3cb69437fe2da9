"""Compile the Qt translation sources (``resources/translations/*.ts``) into ``.qm`` files.

    python -m desasadar_gui.i18n_build            compile every .ts next to itself
    python -m desasadar_gui.i18n_build --out DIR  compile into DIR instead
    python -m desasadar_gui.i18n_build --update   refresh the .ts from the ui/ sources
                                                  (pyside6-lupdate; keeps translations)

Indonesian is the source language written in the code, so only the other languages
need a catalogue. ``pyside6-lrelease`` / ``pyside6-lupdate`` ship with
PySide6-Essentials; this module finds them without importing Qt (the CLI stays
Qt-free), and the GUI calls :func:`compile_ts` when it finds a ``.qm`` missing.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from desasadar_gui.paths import resource_path

TRANSLATIONS = "translations"
CATALOGUE_PREFIX = "desasadar_"


class ToolMissing(RuntimeError):
    """Neither the pyside6-* wrapper nor the binary inside the PySide6 package was found."""


def translations_dir() -> Path:
    return resource_path(TRANSLATIONS)


def ts_files(folder: Path | None = None) -> list[Path]:
    return sorted((folder or translations_dir()).glob(f"{CATALOGUE_PREFIX}*.ts"))


def app_catalogues(folder: Path | None = None) -> list[Path]:
    """Catalogues of our own strings (``desasadar_qt_*`` translate Qt's stock texts)."""
    return [p for p in ts_files(folder) if not p.stem.startswith(f"{CATALOGUE_PREFIX}qt_")]


def qm_name(language: str) -> str:
    return f"{CATALOGUE_PREFIX}{language}.qm"


def find_tool(name: str) -> list[str]:
    """Command for ``lrelease`` or ``lupdate``: the binary inside PySide6, else the wrapper."""
    spec = importlib.util.find_spec("PySide6")  # locates the package without importing Qt
    if spec is not None and spec.submodule_search_locations:
        for folder in spec.submodule_search_locations:
            for candidate in (Path(folder) / name, Path(folder) / f"{name}.exe"):
                if candidate.is_file() and os.access(candidate, os.X_OK):
                    return [str(candidate)]
    beside_python = Path(sys.executable).with_name(f"pyside6-{name}")
    for candidate in (beside_python, beside_python.with_suffix(".exe")):
        if candidate.is_file():
            return [str(candidate)]
    found = shutil.which(f"pyside6-{name}")
    if found:
        return [found]
    raise ToolMissing(f"pyside6-{name} not found (install PySide6-Essentials)")


def compile_ts(ts: Path, qm: Path) -> Path:
    """Compile one catalogue; raises ToolMissing or CalledProcessError."""
    qm.parent.mkdir(parents=True, exist_ok=True)
    tmp = qm.with_name(qm.name + ".part")
    subprocess.run(
        [*find_tool("lrelease"), "-silent", str(ts), "-qm", str(tmp)],
        check=True,
        capture_output=True,
        text=True,
    )
    tmp.replace(qm)
    return qm


def build(out_dir: Path | None = None) -> list[Path]:
    """Compile every catalogue; the .qm goes beside its .ts unless ``out_dir`` is given."""
    built = []
    for ts in ts_files():
        target = (out_dir or ts.parent) / (ts.stem + ".qm")
        built.append(compile_ts(ts, target))
    return built


def ui_sources() -> list[Path]:
    ui = Path(__file__).resolve().parent / "ui"
    return sorted(p for p in ui.rglob("*.py") if p.name != "__init__.py")


def update() -> list[Path]:
    """Add new ``tr()`` strings of ui/ to every catalogue (translations already made stay)."""
    sources = [str(p) for p in ui_sources()]
    for ts in app_catalogues():
        subprocess.run(
            [*find_tool("lupdate"), "-silent", "-locations", "none", *sources, "-ts", str(ts)],
            check=True,
        )
    return app_catalogues()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m desasadar_gui.i18n_build")
    parser.add_argument("--out", type=Path, default=None, metavar="DIR")
    parser.add_argument("--update", action="store_true", help="run lupdate over ui/ first")
    args = parser.parse_args(argv)
    try:
        if args.update:
            for ts in update():
                print(f"updated {ts}")
        for qm in build(args.out):
            print(f"built {qm}")
    except ToolMissing as exc:
        print(exc, file=sys.stderr)
        return 2
    except subprocess.CalledProcessError as exc:
        print(f"{exc.cmd[0]} failed:\n{exc.stdout or ''}{exc.stderr or ''}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
