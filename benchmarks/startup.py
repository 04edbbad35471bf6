"""Start-up cost of track2 pages as a ratio against importing the frameworks alone.

    python benchmarks/startup.py [--runs N] [--target 1.2]

Each command runs N times, interleaved with the baseline so that a busy machine slows
both alike, after a warm-up run that also writes the bytecode cache (a user's installed
copy has one). Prints the median wall time of each and its ratio to the baseline's
median; exits 1 when a ratio is over the target.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

BASELINE = [sys.executable, "-c", "import typer, rich.console, yaml"]
PAGES = [["case", "oslo"], ["explain", "principles"], ["cite"]]


def track2_command() -> list[str]:
    """The installed console script beside this Python, or `python -m track2cli`."""
    script = Path(sys.executable).with_name("track2")
    if script.exists():
        return [str(script)]
    found = shutil.which("track2")
    return [found] if found else [sys.executable, "-m", "track2cli"]


def run_once(command: list[str], env: dict[str, str]) -> float:
    """Wall time of one run, output discarded (as when piped)."""
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, env=env, check=True)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21, help="runs per command (default 21)")
    parser.add_argument("--target", type=float, default=1.2, help="highest ratio allowed")
    args = parser.parse_args()

    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # users' installs have bytecode caches
    track2 = track2_command()
    commands = {"baseline: import typer, rich.console, yaml": BASELINE}
    commands.update({"track2 " + " ".join(page): track2 + page for page in PAGES})

    for command in commands.values():
        run_once(command, env)
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(args.runs):
        for name, command in commands.items():
            times[name].append(run_once(command, env))

    baseline = statistics.median(times[next(iter(commands))])
    worst = 0.0
    print(f"{'command':45} {'median ms':>10} {'ratio':>6}")
    for name, samples in times.items():
        median = statistics.median(samples)
        ratio = median / baseline
        if name.startswith("track2"):
            worst = max(worst, ratio)
        print(f"{name:45} {median * 1000:10.1f} {ratio:6.2f}")
    verdict = "within" if worst <= args.target else "OVER"
    print(f"worst ratio {worst:.2f}: {verdict} the target of {args.target} ({args.runs} runs each)")
    return 0 if worst <= args.target else 1


if __name__ == "__main__":
    sys.exit(main())
