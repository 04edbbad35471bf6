"""Loading a large generated pack, against parsing the same files with yaml's C loader.

    python benchmarks/load.py [--runs N] [--questions 5000] [--cases 500]

Generates the pack with make_pack.py (seeded, so anyone can reproduce the figures),
then times, in this process: parsing every file with yaml.load(CSafeLoader) alone (the
baseline); track2's full load with every check, cold (target 1.5x); and a warm load
from the content cache (target 0.3x the cold one). Also reports the peak memory of one
cold load, measured with tracemalloc (documented limit: 150 MiB).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).parent))
from make_pack import make_pack  # noqa: E402

from track2cli.library import cache  # noqa: E402
from track2cli.library.loader import load  # noqa: E402

TARGET, WARM_TARGET, MEMORY_LIMIT_MIB = 1.5, 0.3, 150


def median_seconds(work: Callable[[], object], runs: int) -> float:
    """The median wall time of several runs."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--questions", type=int, default=5000)
    parser.add_argument("--cases", type=int, default=500)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        pack = Path(folder)
        make_pack(pack, args.questions, args.cases, seed=1)
        files = sorted(pack.rglob("*.yaml"))

        def parse_only() -> None:
            for path in files:
                yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)

        def cold() -> None:
            library, problems = load([pack])
            assert library is not None, problems[:3]

        def warm() -> None:
            key = cache.cache_key([pack], True)
            assert key is not None and cache.read(key) is not None

        baseline = median_seconds(parse_only, args.runs)
        ours = median_seconds(cold, args.runs)
        with tempfile.TemporaryDirectory() as cache_folder:
            os.environ["TRACK2_CACHE_DIR"] = cache_folder
            key = cache.cache_key([pack], True)
            assert key is not None
            cache.write(key, load([pack]).checked())
            cached = median_seconds(warm, args.runs)
        tracemalloc.start()
        cold()
        peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
    ratio, warm_ratio = ours / baseline, cached / ours
    size = f"{args.questions} questions, {args.cases} cases, {len(files)} files"
    print(f"Load a generated pack ({size}; {args.runs} runs each)")
    print(f"  {'yaml.load with CSafeLoader, every file':48} {baseline * 1000:8.0f} ms  1.00")
    print(f"  {'track2, cold: parse, check and build':48} {ours * 1000:8.0f} ms  {ratio:.2f}")
    print(
        f"  {'track2, warm: from the content cache':48} {cached * 1000:8.0f} ms"
        f"  {cached / baseline:.2f}"
    )
    checks = [
        (f"cold load {ratio:.2f}x the parse", ratio <= TARGET, f"target {TARGET}"),
        (
            f"warm load {warm_ratio:.2f}x the cold one",
            warm_ratio <= WARM_TARGET,
            f"target {WARM_TARGET}",
        ),
        (f"peak memory {peak:.0f} MiB", peak <= MEMORY_LIMIT_MIB, f"limit {MEMORY_LIMIT_MIB} MiB"),
    ]
    for what, ok, target in checks:
        print(f"  {what}: {'within' if ok else 'OVER'} the {target}")
    return 0 if all(ok for _, ok, _ in checks) else 1


if __name__ == "__main__":
    sys.exit(main())
