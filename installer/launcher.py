"""Entry script of the frozen app (see ``build_installer.spec``).

Both executables of the bundle run this file: ``DesaSadar`` (windowed on Windows, what
the Start-menu shortcut opens) and ``desasadar-cli`` (a console program for ``demo``,
``export``, ``import``, ``stats`` ...). Everything after this point is the ordinary
``desasadar`` command line, so the frozen app and ``pip install`` behave the same.
"""

from __future__ import annotations

import os
import sys


def _give_windowed_app_streams() -> None:
    # A windowed Windows executable starts with sys.stdout/sys.stderr set to None; argparse
    # (--help, --version, usage errors) and logging would then crash on write. Discard
    # the output instead: the console twin, desasadar-cli.exe, is the one to read it in.
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115


def run() -> int:
    _give_windowed_app_streams()
    from desasadar_gui.cli.main import main

    return main()


if __name__ == "__main__":
    sys.exit(run())
