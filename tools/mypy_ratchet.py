"""A ratchet on the type errors of the headless core: the list of allowed errors only shrinks.

Runs mypy with the settings of ``[tool.mypy]`` in pyproject.toml (the core packages),
counts the errors per module and compares them with ``tools/mypy_allowed.txt`` (one
``module count`` per line, sorted by module; ``#`` starts a comment). It fails (exit 1)

- when a module has more errors than it is allowed, or a module not in the list has
  any (fix them; a new error is never allowed);
- when a module has fewer errors than listed (good: lower the number, or run with
  ``--update``, so that nobody can add those errors back).

``--update`` rewrites the list with the counts found, only when nothing grew (or
writes the first list when there is none).

    python tools/mypy_ratchet.py            # check (CI, before a commit)
    python tools/mypy_ratchet.py --update   # after fixing errors: shrink the list
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ALLOWED = ROOT / "tools" / "mypy_allowed.txt"

# "desasadar_gui/services/demo.py:12: error: Message  [code]" (also "file:12:5:" with columns).
_ERROR = re.compile(r"^(?P<path>[^:\s][^:]*\.pyi?):\d+(?::\d+)?: error: ")


def module_of(path: str) -> str:
    """``desasadar_gui/services/demo/__init__.py`` -> ``desasadar_gui.services.demo``."""
    parts = list(Path(path.replace("\\", "/")).with_suffix("").parts)
    if parts and parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def count_errors(mypy_output: str) -> dict[str, int]:
    """Errors per module in mypy's output (notes and the summary line are not errors)."""
    counts: Counter[str] = Counter()
    for line in mypy_output.splitlines():
        match = _ERROR.match(line)
        if match:
            counts[module_of(match["path"])] += 1
    return dict(counts)


def parse_allowed(text: str) -> dict[str, int]:
    """``module count`` lines; blank lines and ``#`` comments are skipped."""
    allowed: dict[str, int] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        try:
            module, count = line.split()
            allowed[module] = int(count)
        except ValueError:
            raise ValueError(f"mypy_allowed.txt line {number}: expected 'module count'") from None
    return allowed


def format_allowed(counts: dict[str, int]) -> str:
    header = (
        "# Type errors still allowed per module of the core (tools/mypy_ratchet.py).\n"
        "# This list only shrinks: fix errors, then run the ratchet with --update.\n"
    )
    lines = [f"{module} {n}" for module, n in sorted(counts.items()) if n > 0]
    return header + "".join(line + "\n" for line in lines)


@dataclass
class Verdict:
    worse: list[str] = field(default_factory=list)  # over the allowance, or new modules
    better: list[str] = field(default_factory=list)  # under the allowance: lower it

    @property
    def ok(self) -> bool:
        return not self.worse and not self.better


def compare(found: dict[str, int], allowed: dict[str, int]) -> Verdict:
    verdict = Verdict()
    for module in sorted(set(found) | set(allowed)):
        have, may = found.get(module, 0), allowed.get(module, 0)
        if have > may:
            if module in allowed:
                verdict.worse.append(f"{module}: {have} type errors, {may} allowed")
            else:
                verdict.worse.append(f"{module}: {have} type errors in a module allowed none")
        elif have < may:
            verdict.better.append(
                f"{module}: {have} type errors, {may} listed: lower it to {have} "
                "in tools/mypy_allowed.txt (or run tools/mypy_ratchet.py --update)"
            )
    return verdict


def run_mypy() -> str:
    """mypy over the core as pyproject.toml configures it; its output."""
    proc = subprocess.run(
        [sys.executable, "-m", "mypy", "--no-error-summary", "--no-pretty"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode not in (0, 1):  # 2: mypy itself failed (bad config, crash)
        raise RuntimeError(f"mypy failed (exit {proc.returncode}):\n{proc.stdout}{proc.stderr}")
    return proc.stdout


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--update", action="store_true", help="shrink the allowed list")
    parser.add_argument("--allowed", type=Path, default=ALLOWED, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    allowed = parse_allowed(args.allowed.read_text()) if args.allowed.exists() else {}
    found = count_errors(run_mypy())
    if args.update and not args.allowed.exists():  # the first list: what there is now
        args.allowed.write_text(format_allowed(found))
        print(f"{args.allowed.name} written: {sum(found.values())} errors.")
        return 0
    verdict = compare(found, allowed)
    if verdict.worse:
        print("Type errors over the allowance (fix them; never raise the allowance):")
        for line in verdict.worse:
            print("  " + line)
        return 1
    if args.update:
        if verdict.better:
            args.allowed.write_text(format_allowed(found))
            print(f"{args.allowed.name} lowered to {sum(found.values())} errors.")
        else:
            print(f"{args.allowed.name} is up to date.")
        return 0
    if verdict.better:
        print("Fewer type errors than allowed; lower the allowance so they stay fixed:")
        for line in verdict.better:
            print("  " + line)
        return 1
    print(f"Type ratchet: {sum(found.values())} errors, as allowed.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
