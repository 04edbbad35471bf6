"""Write a large, valid content pack for benchmarks: deterministic for a given seed.

    python benchmarks/make_pack.py OUT [--questions 5000] [--cases 500] [--seed 1]

The pack stands alone (its own references, topic and principles), so it can be loaded
with or without the bundled content. `track2 validate OUT` passes on it.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

WORDS = (
    "dialogue trust negotiation facilitator workshop conflict parties official unofficial "
    "track channel agreement mediation community leaders scholars process principle "
    "relationship settlement ceasefire border refugees water security identity history"
).split()
PRINCIPLES = ("inclusion", "openness", "joint-analysis")


def sentence(rng: random.Random, words: int = 14) -> str:
    """A sentence of random words, with a citation."""
    return f"{plain_sentence(rng, words)[:-1]} [@bench{rng.randrange(10)}]."


def plain_sentence(rng: random.Random, words: int) -> str:
    """A sentence of random words without a citation: for a summary or a prompt, where
    the loader reads none."""
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def paragraph(rng: random.Random, sentences: int = 4) -> str:
    """A few sentences."""
    return " ".join(sentence(rng) for _ in range(sentences))


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def make_pack(out: Path, questions: int, cases: int, seed: int) -> None:
    """Write the pack: references, one topic with the principles, cases and questions."""
    rng = random.Random(seed)
    write(out / "pack.yaml", "format: 1\nname: benchmark pack\n")
    write(
        out / "references.yaml",
        "".join(
            f"bench{i}:\n  type: book\n  author: [{{family: Author{i}, given: A.}}]\n"
            f"  issued: {1990 + i}\n  title: Book {i}\n  publisher: Press\n"
            f"  status: confirmed\n  note: Generated.\n"
            for i in range(10)
        ),
    )
    principles = "".join(
        f"  - id: {p}\n    title: {p.title()}\n    summary: {plain_sentence(rng, 6)}\n"
        f"    body: {paragraph(rng)}\n"
        for p in PRINCIPLES
    )
    write(
        out / "topics" / "bench-principles.yaml",
        f"id: bench-principles\ntitle: Principles\nsummary: Generated.\nbody: {paragraph(rng)}\n"
        f"principles:\n{principles}",
    )
    for n in range(cases):
        case_id = f"case-{n:04d}"
        timeline = "".join(
            f"  - date: '{1950 + n % 70}'\n    event: {sentence(rng)}\n" for _ in range(4)
        )
        links = "".join(
            f"  - id: {p}\n    how: {sentence(rng)}\n" for p in rng.sample(PRINCIPLES, 2)
        )
        write(
            out / "cases" / f"{case_id}.yaml",
            f"id: {case_id}\ntitle: Case {n}\naliases: [alias-{n:04d}]\nperiod: '{1950 + n % 70}'\n"
            f"summary: {plain_sentence(rng, 8)}\n"
            f"background: |\n  {paragraph(rng)}\n\n  {paragraph(rng)}\n"
            f"participants: {paragraph(rng, 2)}\ntimeline:\n{timeline}principles:\n{links}"
            f"limits: {paragraph(rng, 3)}\n",
        )
    per_file = 100
    for start in range(0, questions, per_file):
        entries = []
        for n in range(start, min(start + per_file, questions)):
            options = "".join(
                f"      - text: Option {k} {rng.choice(WORDS)}\n"
                + ("        correct: true\n" if k == 0 else "")
                for k in range(4)
            )
            about = f"case-{rng.randrange(cases):04d}" if cases else "bench-principles"
            entries.append(
                f"  - id: q-{n:05d}\n    kind: choice\n    about: [{about}]\n"
                f"    prompt: {plain_sentence(rng, 10)}\n    options:\n{options}"
                f"    explanation: {paragraph(rng, 2)}\n    cites: [bench{n % 10}]\n"
            )
        write(
            out / "questions" / f"bank-{start // per_file:03d}.yaml",
            "questions:\n" + "".join(entries),
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--questions", type=int, default=5000)
    parser.add_argument("--cases", type=int, default=500)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    make_pack(args.out, args.questions, args.cases, args.seed)


if __name__ == "__main__":
    main()
