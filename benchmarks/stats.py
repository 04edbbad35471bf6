"""How `track2 stats` grows with the answers recorded: the whole command's time at 1,000,
10,000 and 100,000 answers against an empty progress file, measured in the same run.

    python benchmarks/stats.py

Each progress file holds answers spread over the bundled bank's questions and days,
written straight into SQLite. Timed: `track2 stats --json` as a new process (median of
5), and, in this process, the peak memory (tracemalloc) of reading the file and
computing the table. Target: 100,000 answers within 1.5x of an empty file, memory
flat. Exits with 1 over the target.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from datetime import UTC, datetime, timedelta
from pathlib import Path

from track2cli import bundled_content
from track2cli.library.loader import load
from track2cli.study import stats
from track2cli.study.store import Store

SIZES = (0, 1_000, 10_000, 100_000)
TARGET = 1.5
START = datetime(2026, 1, 1, tzinfo=UTC)


def filled(path: Path, answers: int, questions: list[str]) -> Store:
    """A progress file with that many answers, and a card for each question answered."""
    store = Store(path)
    rows = [
        (questions[n % len(questions)], (START + timedelta(minutes=7 * n)).isoformat(),
         "given", n % 3 != 0, 12.0, "good" if n % 3 else "again", 1.0 if n % 3 else 0.0)
        for n in range(answers)
    ]  # fmt: skip
    with store.db:
        store.db.executemany(
            "INSERT INTO attempts (question_id, answered_at, given, correct, seconds, rating,"
            " credit) VALUES (?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        store.db.executemany(
            "INSERT OR REPLACE INTO cards (question_id, card, due, stability) VALUES (?, ?, ?, ?)",
            [(q, "{}", START.isoformat(), 10.0) for q in questions[: min(answers, len(questions))]],
        )
    return store


def main() -> int:
    library = load([bundled_content()]).checked()
    questions = list(library.questions)
    seconds, peaks = {}, {}
    with tempfile.TemporaryDirectory() as folder:
        for size in SIZES:
            data = Path(folder) / f"data{size}"  # a data directory each: progress.sqlite3
            filled(data / "progress.sqlite3", size, questions).close()
            env = {**os.environ, "TRACK2_DATA_DIR": str(data)}
            times = []
            for _ in range(5):
                start = time.perf_counter()
                subprocess.run(
                    ["track2", "stats", "--json"], env=env, capture_output=True, check=True
                )
                times.append(time.perf_counter() - start)
            seconds[size] = statistics.median(times)
            store = Store(data / "progress.sqlite3")
            tracemalloc.start()
            stats.compute(library, store.tallies(), store.cards(), datetime.now(UTC))
            peaks[size] = tracemalloc.get_traced_memory()[1] / 2**20
            tracemalloc.stop()
            store.close()
    base = seconds[0]
    for size in SIZES:
        print(f"{size:>7} answers: {seconds[size] * 1000:6.1f} ms  {seconds[size] / base:4.2f}x"
              f"  peak {peaks[size]:5.1f} MiB")  # fmt: skip
    ratio = seconds[SIZES[-1]] / base
    verdict = "ok" if ratio <= TARGET else "OVER"
    print(f"100,000 answers at {ratio:.2f}x an empty file (target {TARGET}x) {verdict}")
    return 0 if ratio <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
