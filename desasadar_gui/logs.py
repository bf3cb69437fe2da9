"""A rotating log file in the user's data folder (no Qt; the CLI uses it too).

Personal data (NIKs, names) is never written here: messages carry ids and counts.
"""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from desasadar_gui.paths import log_dir

LOG_NAME = "desasadar.log"
_configured: Path | None = None


def setup_logging(level: int = logging.INFO) -> Path:
    """Attach the rotating file handler once; returns the log file's path."""
    global _configured
    if _configured is not None:
        return _configured
    path = log_dir() / LOG_NAME
    handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=1_000_000, backupCount=5, encoding="utf-8", delay=True
    )
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger("desasadar")
    root.setLevel(level)
    root.addHandler(handler)
    _configured = path
    return path
