"""How every command's time and memory grow with the pack and with the answers recorded.

    python benchmarks/growth.py [--questions 1000,10000,50000] [--answers 1000,10000,100000]
                                [--runs 4] [--seed 1]

Packs come from make_pack.py (a tenth as many cases as questions), progress files from
stats.py. Each command runs as a new process, piped, with the content cache warm (a
first run writes it) unless the row says cold. Its time is the processor time (user and
system) of the process, the fastest of --runs, which a shared machine disturbs least,
each run going through every size in turn; its memory the largest resident size seen
(os.wait4), in which a child counts this process's own memory (about 40 MiB) until it
starts its program, so that smaller figures cannot show. Each command also runs on a
floor (a pack of 10 questions and 1 case; 10 answers): what it costs over its floor is
the part that grows, and the growth exponent is the least-squares slope of log(that
part) against log(size), 1 being linear. A part under 30 ms is too small to measure a slope
on; a command with fewer than two sizes above that is flat.

Targets: every exponent at most 1.2; a warm search within 1.2x of a case page at every
size; a cold load at most 120 MiB of memory per 10,000 questions, a warm one at most 60.
Prints Markdown tables; exits 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from make_pack import make_pack  # noqa: E402
from startup import track2_command  # noqa: E402
from stats import filled  # noqa: E402

# Linear, allowing for these machines: the same code's export moodle-xml measured
# 1.04 to 1.18 in three runs (anki_export.py allows the same).
EXPONENT_TARGET = 1.2
SEARCH_TARGET = 1.2  # a warm search against `case`
COLD_MIB, WARM_MIB = 120, 60  # per 10,000 questions
FLOOR_QUESTIONS, FLOOR_ANSWERS = 10, 10  # not none: an empty store is a shorter path
MEASURABLE = 0.03  # seconds over the floor: less is noise on these machines


def run(command: Sequence[str], env: dict[str, str], stdin: str = "") -> tuple[float, float]:
    """Processor seconds and peak resident MiB of one run, output discarded."""
    child = subprocess.Popen(
        command, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env
    )
    assert child.stdin is not None and child.stderr is not None
    child.stdin.write(stdin.encode())
    child.stdin.close()
    errors = child.stderr.read()
    _, status, usage = os.wait4(child.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{errors.decode()}")
    # Processor time, not wall time: on a shared machine the wall clock of the same
    # run moved by a third between runs, which no fit survives.
    return usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024  # KiB on Linux


Job = tuple[list[str], dict[str, str], str]  # a command line, its environment, its input


def interleaved(jobs: dict[str, list[Job]], runs: int) -> dict[str, list[tuple[float, float]]]:
    """Each command's fastest time and largest memory at each size. Every run goes through
    all sizes in turn, so that a slow spell of the machine falls on every size alike; a
    first run writes the caches and the search index."""
    for each in jobs.values():
        for job in each:
            run(*job)
    seen: dict[str, list[list[tuple[float, float]]]] = {n: [[] for _ in e] for n, e in jobs.items()}
    for _ in range(runs):
        for name, each in jobs.items():
            for index, job in enumerate(each):
                seen[name][index].append(run(*job))
    return {
        name: [(min(t for t, _ in s), max(m for _, m in s)) for s in per_size]
        for name, per_size in seen.items()
    }


def exponent(sizes: Sequence[int], seconds: Sequence[float], floor: float) -> float | None:
    """The least-squares slope of log(seconds - floor) against log(size), over the sizes
    where that part is large enough to measure; None when it is not at two sizes."""
    points = [
        (math.log(n), math.log(t - floor))
        for n, t in zip(sizes, seconds, strict=True)
        if t - floor >= MEASURABLE
    ]
    if len(points) < 2:
        return None
    mean_x = statistics.fmean(x for x, _ in points)
    mean_y = statistics.fmean(y for _, y in points)
    return sum((x - mean_x) * (y - mean_y) for x, y in points) / sum(
        (x - mean_x) ** 2 for x, _ in points
    )


# What is timed against the pack: name -> (arguments after the content options, stdin,
# cold). Files written go to OUT.
PACK_COMMANDS: dict[str, tuple[list[str], str, bool]] = {
    "case case-0000": (["case", "case-0000"], "", False),
    "explain bench-principles": (["explain", "bench-principles"], "", False),
    "cite": (["cite"], "", False),
    "search Case 0 (a title)": (["search", "Case", "0"], "", False),
    "search dialogue (every document)": (["search", "dialogue"], "", False),
    "quiz --list": (["quiz", "--list"], "", False),
    "quiz, one question answered": (["quiz", "--count", "1", "--seed", "1"], "1\n", False),
    "stats (no answers)": (["stats"], "", False),
    "export gift": (["export", "gift", "-o", "OUT/bank.gift", "--force"], "", False),
    "export markdown": (["export", "markdown", "-o", "OUT/guide.md", "--force"], "", False),
    "export moodle-xml": (["export", "moodle-xml", "-o", "OUT/bank.xml", "--force"], "", False),
    "export qti": (["export", "qti", "-o", "OUT/bank.zip", "--force"], "", False),
    "export anki": (["export", "anki", "-o", "OUT/bank.apkg", "--force"], "", False),
    "validate PACK (cold)": (["validate", "PACK"], "", True),
    "quiz --list, cold": (["--no-cache", "quiz", "--list"], "", True),
}
# What is timed against the answers recorded, on the bundled content.
ANSWER_COMMANDS: dict[str, tuple[list[str], str]] = {
    "stats": (["stats"], ""),
    "stats --json": (["stats", "--json"], ""),
    "quiz --missed, one question": (["quiz", "--missed", "--count", "1", "--seed", "1"], "1\n"),
    "progress export": (["progress", "export", "-o", "OUT/mine.json", "--force"], ""),
    "class report (one student)": (["class", "report", "OUT/mine.json"], ""),
}


def table(
    title: str, sizes: Sequence[int], rows: dict[str, list[tuple[float, float]]]
) -> tuple[str, list[float]]:
    """A Markdown table of times (the floor first), memory and exponents; the exponents."""
    head = " | ".join(f"{n:,}" for n in sizes)
    lines = [
        f"| {title} | floor | {head} | exponent | peak MiB |",
        "|---" * (len(sizes) + 4) + "|",
    ]
    found = []
    for name, (floor, *seen) in rows.items():
        growth = exponent(sizes, [t for t, _ in seen], floor[0])
        shown = "flat" if growth is None else f"{growth:.2f}"
        if growth is not None:
            found.append(growth)
        times = " | ".join(f"{t * 1000:,.0f} ms" for t, _ in [floor, *seen])
        lines.append(f"| {name} | {times} | {shown} | {seen[-1][1]:.0f} |")
    return "\n".join(lines), found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", default="1000,10000,50000")
    parser.add_argument("--answers", default="1000,10000,100000")
    parser.add_argument("--runs", type=int, default=4)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    sizes = [int(n) for n in args.questions.split(",")]
    answer_sizes = [int(n) for n in args.answers.split(",")]
    track2 = track2_command()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        env = {
            **{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
            "TRACK2_CACHE_DIR": str(work / "cache"),
            "TRACK2_DATA_DIR": str(work / "data"),
        }
        pack_jobs: dict[str, list[Job]] = {name: [] for name in PACK_COMMANDS}
        for size in [FLOOR_QUESTIONS, *sizes]:
            pack = work / f"pack{size}"
            make_pack(pack, size, max(size // 10, 1), seed=args.seed)
            out = work / f"out{size}"
            out.mkdir()
            for name, (words, stdin, _) in PACK_COMMANDS.items():
                words = [str(pack) if w == "PACK" else w.replace("OUT", str(out)) for w in words]
                command = [*track2, "--no-bundled", "--content-dir", str(pack), *words]
                pack_jobs[name].append((command, env, stdin))
        # The bundled bank's ids, from track2 itself: loading it here would make this
        # process larger, and a child's peak memory counts its parent's until it starts.
        listed = subprocess.run(
            [*track2, "quiz", "--list", "--json"], capture_output=True, check=True, env=env
        )
        questions = [question["id"] for question in json.loads(listed.stdout)]
        answer_jobs: dict[str, list[Job]] = {name: [] for name in ANSWER_COMMANDS}
        for size in [FLOOR_ANSWERS, *answer_sizes]:
            data = work / f"answers{size}"
            filled(data / "progress.sqlite3", size, questions).close()
            out = work / f"answers-out{size}"
            out.mkdir()
            answers_env = {**env, "TRACK2_DATA_DIR": str(data)}
            for name, (words, stdin) in ANSWER_COMMANDS.items():
                command = [*track2, *(w.replace("OUT", str(out)) for w in words)]
                answer_jobs[name].append((command, answers_env, stdin))
        pack_rows = interleaved(pack_jobs, args.runs)
        answer_rows = interleaved(answer_jobs, args.runs)
    memory = {
        size: (cold[1], warm[1])
        for size, cold, warm in zip(
            [FLOOR_QUESTIONS, *sizes],
            pack_rows["quiz --list, cold"],
            pack_rows["quiz --list"],
            strict=True,
        )
    }

    print(f"Growth (processor time, the fastest of {args.runs} runs)\n")
    pack_table, pack_exponents = table("questions in the pack", sizes, pack_rows)
    answer_table, answer_exponents = table("answers recorded", answer_sizes, answer_rows)
    print(pack_table + "\n\n" + answer_table + "\n")
    worst = max(pack_exponents + answer_exponents, default=0.0)
    ok = worst <= EXPONENT_TARGET
    print(f"largest exponent {worst:.2f}: {'within' if ok else 'OVER'} {EXPONENT_TARGET}")
    for size, (search, page) in zip(
        sizes,
        zip(pack_rows["search Case 0 (a title)"][1:], pack_rows["case case-0000"][1:], strict=True),
        strict=True,
    ):
        ratio = search[0] / page[0]
        ok = ok and ratio <= SEARCH_TARGET
        print(f"{size:,} questions: search {ratio:.2f}x a case page (target {SEARCH_TARGET})")
    for size, (cold, warm) in sorted(memory.items()):
        scale = max(size / 10_000, 1)
        fits = cold <= COLD_MIB * scale and warm <= WARM_MIB * scale
        ok = ok and fits
        print(
            f"{size:,} questions: cold load {cold:.0f} MiB (limit {COLD_MIB * scale:.0f}),"
            f" warm {warm:.0f} MiB (limit {WARM_MIB * scale:.0f}): {'within' if fits else 'OVER'}"
        )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
