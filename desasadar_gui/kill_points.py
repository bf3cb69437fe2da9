"""Places where a test may pause a process to kill it there (upgrade, encryption).

A test sets an environment variable to ``<point>:<seconds>``; the process prints
``<tag>-hook <point>`` when it reaches that point and sleeps, and the test SIGKILLs it
while it waits. Without the variable nothing happens.
"""

from __future__ import annotations

import os
import time


def pause_if_asked(env: str, tag: str, point: str) -> None:
    wanted = os.environ.get(env)
    if not wanted:
        return
    name, _, seconds = wanted.partition(":")
    if name == point:
        print(f"{tag}-hook {point}", flush=True)
        time.sleep(float(seconds or 60))
