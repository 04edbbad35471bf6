"""Start-up cost of track2 as a ratio against importing the frameworks alone.

    python benchmarks/startup.py [--runs N]

Pages: `track2 case oslo`, `explain principles`, `cite` and `workshop`, piped, against
`python -c "import typer, rich.console, yaml"` (target 0.9).
Quiz: time until the first question of `track2 quiz` is ready for keys in a
pseudo-terminal, against importing typer, rich.console, yaml and questionary in one
(target 1.2; needs pexpect, from the test extras).

Each command runs N times, interleaved with its baseline so that a busy machine slows
both alike, after a warm-up run that also writes the bytecode cache (a user's installed
copy has one). Prints the median of each and its ratio to the baseline's median; exits
1 when a ratio is over its target.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

BASELINE = [sys.executable, "-c", "import typer, rich.console, yaml"]
QUIZ_BASELINE = [sys.executable, "-c", "import typer, rich.console, yaml, questionary"]
PAGES = [["case", "oslo"], ["explain", "principles"], ["cite"], ["workshop"]]
PAGE_TARGET, QUIZ_TARGET = 0.9, 1.2


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


def in_terminal(command: list[str], env: dict[str, str], ready: str | None) -> float:
    """Seconds until `ready` appears on a pseudo-terminal (or the command ends)."""
    import pexpect

    start = time.perf_counter()
    child = pexpect.spawn(command[0], command[1:], env=env, encoding="utf-8", timeout=30)
    child.expect(ready if ready is not None else pexpect.EOF)
    elapsed = time.perf_counter() - start
    child.close(force=True)
    return elapsed


def compare(
    title: str,
    measure: dict[str, Callable[[], float]],
    runs: int,
    target: float,
) -> float:
    """Run each measurement interleaved; print medians and ratios to the first; the worst."""
    for once in measure.values():
        once()
    times: dict[str, list[float]] = {name: [] for name in measure}
    for _ in range(runs):
        for name, once in measure.items():
            times[name].append(once())
    baseline = statistics.median(next(iter(times.values())))
    worst = 0.0
    print(f"{title:50} {'median ms':>10} {'ratio':>6}")
    for index, (name, samples) in enumerate(times.items()):
        median = statistics.median(samples)
        if index:
            worst = max(worst, median / baseline)
        print(f"  {name:48} {median * 1000:10.1f} {median / baseline:6.2f}")
    verdict = "within" if worst <= target else "OVER"
    print(f"  worst ratio {worst:.2f}: {verdict} the target of {target}\n")
    return worst - target


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21, help="runs per command (default 21)")
    args = parser.parse_args()

    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # users' installs have bytecode caches
    track2 = track2_command()
    pages: dict[str, Callable[[], float]] = {
        "import typer, rich.console, yaml": lambda: run_once(BASELINE, env)
    }
    for page in PAGES:
        pages["track2 " + " ".join(page)] = lambda page=page: run_once(track2 + page, env)  # type: ignore[misc]
    terminal_env = {**env, "TERM": "xterm-256color", "PROMPT_TOOLKIT_NO_CPR": "1"}
    quiz: dict[str, Callable[[], float]] = {
        "import typer, rich.console, yaml, questionary": lambda: in_terminal(
            QUIZ_BASELINE, terminal_env, None
        ),
        "track2 quiz: first question ready": lambda: in_terminal(
            [*track2, "quiz", "--seed", "1"], terminal_env, "»"
        ),
    }
    over = [
        compare(f"Pages, piped ({args.runs} runs each)", pages, args.runs, PAGE_TARGET),
        compare(f"Quiz, in a terminal ({args.runs} runs each)", quiz, args.runs, QUIZ_TARGET),
    ]
    return 0 if all(o <= 0 for o in over) else 1


if __name__ == "__main__":
    sys.exit(main())
