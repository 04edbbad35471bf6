"""The class report as a page (terminal and pipes), as a table (CSV) and as one
self-contained HTML file with its charts in CSS: no script, no network."""

from __future__ import annotations

import csv
import io
from html import escape

from track2cli.pages.document import Block, Heading, Page, Paragraph, Table, counted
from track2cli.study import classroom
from track2cli.study.classroom import Item, Report

METHOD = (
    "Figures use each student's first answer to a question. Difficulty is the mean credit "
    "(1 = everyone right). Discrimination is the item-rest point-biserial correlation: "
    "between credit on the question and mean credit on the student's other questions "
    f"(given from {classroom.FEWEST_FOR_DISCRIMINATION} students)."
)


def number(value: float | None, digits: int = 2) -> str:
    """A figure, or a dash when there is none."""
    return "-" if value is None else f"{value:.{digits}f}"


def percent(value: float | None) -> str:
    """A share as a percentage, or a dash."""
    return "-" if value is None else f"{100 * value:.0f}%"


def flagged(report: Report) -> list[Item]:
    """The questions with a flag, the most worrying (lowest discrimination) first."""
    items = [item for item in report.items if item.flags]
    return sorted(items, key=lambda i: (i.discrimination is None, i.discrimination or 0))


def page(report: Report) -> Page:
    """The report for the terminal or a pipe."""
    answered = len(report.items)
    blocks: list[Block] = [
        Heading("Class report", level=1),
        Paragraph(
            (
                (
                    f"{counted(len(report.students), 'student')}; "
                    f"{counted(answered, 'question')} answered by at least one.",
                    "bold",
                ),
            )
        ),  # fmt: skip
        Paragraph(((METHOD, "dim"),)),
    ]
    if report.unknown_questions:
        blocks.append(Paragraph(((unknown_line(report), "warn"),)))
    blocks.append(Heading(f"Flags: {counted(len(flagged(report)), 'question')}"))
    for item in flagged(report):
        detail = f" (discrimination {number(item.discrimination)}, {item.answered} answered)"
        for flag in item.flags:
            blocks.append(Paragraph(((item.question_id, "bold"), (f": {flag}{detail}", "")),
                                    marker="-"))  # fmt: skip
            if flag == classroom.FLAG_UNPICKED:
                for text in item.unpicked:
                    blocks.append(Paragraph(((f"never picked: {text}", "dim"),), indent=2))
    if not flagged(report):
        blocks.append(Paragraph((("No question is flagged.", ""),)))
    blocks.append(Heading("Pages"))
    blocks.append(Table(
        ("Page", "Students", "Accuracy", "Mastered", "Due now"),
        tuple((p.page, str(p.students), percent(p.accuracy), percent(p.mastered), str(p.due_now))
              for p in report.pages),
    ))  # fmt: skip
    blocks.append(Heading("Students"))
    blocks.append(Table(
        ("Student", "Answered", "Accuracy"),
        tuple((st.label, str(st.answered), percent(st.accuracy)) for st in report.students),
    ))  # fmt: skip
    blocks.append(Heading("Questions"))
    blocks.append(Table(
        ("Question", "Kind", "Answered", "Difficulty", "Discrimination", "Partly", "Leech"),
        tuple((i.question_id, i.kind, str(i.answered), number(i.difficulty),
               number(i.discrimination), str(i.partly_right), str(i.leech_students))
              for i in report.items),
    ))  # fmt: skip
    return Page(blocks)


def unknown_line(report: Report) -> str:
    """What is said, once, of answers to questions the bank read now does not hold."""
    return (
        f"{counted(len(report.unknown_questions), 'question')} answered in the exports "
        "are not in the bank read now (changed, removed, or from a pack not given); they "
        "are listed by id, with no page or options: " + ", ".join(report.unknown_questions)
    )


def csv_text(report: Report) -> str:
    """One row per question, for a spreadsheet."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["question", "kind", "pages", "answered", "difficulty", "discrimination",
                     "partly_right", "leech_students", "wrong_picks", "flags"])  # fmt: skip
    for item in report.items:
        picks = " | ".join(f"{text}: {n}" for text, n in item.picks.items())
        writer.writerow([item.question_id, item.kind, " ".join(item.pages), item.answered,
                         f"{item.difficulty:.3f}", number(item.discrimination, 3),
                         item.partly_right, item.leech_students, picks,
                         "; ".join(item.flags)])  # fmt: skip
    return out.getvalue()


STYLE = """\
body { font-family: sans-serif; max-width: 60em; margin: 2em auto; padding: 0 1em; color: #222; }
table { border-collapse: collapse; width: 100%; margin: 1em 0; }
th, td { text-align: left; padding: 0.2em 0.5em; border-bottom: 1px solid #ddd; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
.bar { background: #eee; width: 10em; height: 0.9em; display: inline-block; }
.bar span { display: block; height: 100%; background: #3b6ea5; }
.bar.neg span { background: #b5473a; }
.flag { color: #b5473a; }
.method { color: #555; }
@media print { body { max-width: none; } tr { break-inside: avoid; } }"""


def bar(value: float | None, label: str, *, negative: bool = False) -> str:
    """A bar from 0 to 1 with its figure in words for screen readers, and beside it."""
    if value is None:
        return "-"
    width = max(0.0, min(1.0, abs(value)))
    kind = "bar neg" if negative else "bar"
    return (f'<span class="{kind}" role="img" aria-label="{escape(label)}">'
            f'<span style="width: {100 * width:.0f}%"></span></span> {escape(label)}')  # fmt: skip


def html_page(report: Report) -> str:
    """The report as one HTML file that needs nothing else to show or print."""
    parts = [
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">',
        "<title>track2 class report</title>",
        f"<style>\n{STYLE}\n</style>\n</head>\n<body>",
        "<h1>Class report</h1>",
        f"<p><strong>{counted(len(report.students), 'student')}; "
        f"{counted(len(report.items), 'question')} answered by at least one.</strong></p>",
        f'<p class="method">{escape(METHOD)}</p>',
    ]
    if report.unknown_questions:
        parts.append(f'<p class="flag">{escape(unknown_line(report))}</p>')
    parts.append(f"<h2>Flags: {counted(len(flagged(report)), 'question')}</h2>")
    parts.append("<ul>")
    for item in flagged(report):
        for flag in item.flags:
            extra = ""
            if flag == classroom.FLAG_UNPICKED:
                extra = " Never picked: " + "; ".join(escape(t) for t in item.unpicked) + "."
            parts.append(
                f"<li><strong>{escape(item.question_id)}</strong>: "
                f'<span class="flag">{escape(flag)}</span> (discrimination '
                f"{number(item.discrimination)}, {item.answered} answered).{extra}</li>"
            )
    parts.append("</ul>")
    parts.append("<h2>Pages</h2>")
    parts.append("<table>\n<thead><tr><th>Page</th><th>Students</th><th>Accuracy</th>"
                 "<th>Mastered</th><th>Due now</th></tr></thead>\n<tbody>")  # fmt: skip
    for standing in report.pages:
        parts.append(
            f"<tr><td>{escape(standing.page)}</td><td class='n'>{standing.students}</td>"
            f"<td>{bar(standing.accuracy, f'accuracy {percent(standing.accuracy)}')}</td>"
            f"<td>{bar(standing.mastered, f'mastered {percent(standing.mastered)}')}</td>"
            f"<td class='n'>{standing.due_now}</td></tr>"
        )
    parts.append("</tbody>\n</table>")
    parts.append("<h2>Students</h2>")
    parts.append("<table>\n<thead><tr><th>Student</th><th>Answered</th><th>Accuracy</th>"
                 "</tr></thead>\n<tbody>")  # fmt: skip
    for st in report.students:
        parts.append(
            f"<tr><td>{escape(st.label)}</td><td class='n'>{st.answered}</td>"
            f"<td>{bar(st.accuracy, f'accuracy {percent(st.accuracy)}')}</td></tr>"
        )
    parts.append("</tbody>\n</table>")
    parts.append("<h2>Questions</h2>")
    parts.append("<table>\n<thead><tr><th>Question</th><th>Kind</th><th>Answered</th>"
                 "<th>Difficulty</th><th>Discrimination</th><th>Partly right</th>"
                 "<th>Leech for</th></tr></thead>\n<tbody>")  # fmt: skip
    for item in report.items:
        discrimination = item.discrimination
        shown = bar(discrimination, f"discrimination {number(discrimination)}",
                    negative=discrimination is not None and discrimination < 0)  # fmt: skip
        parts.append(
            f"<tr><td>{escape(item.question_id)}</td><td>{escape(item.kind)}</td>"
            f"<td class='n'>{item.answered}</td>"
            f"<td>{bar(item.difficulty, f'difficulty {number(item.difficulty)}')}</td>"
            f"<td>{shown}</td><td class='n'>{item.partly_right}</td>"
            f"<td class='n'>{item.leech_students}</td></tr>"
        )
    parts.append("</tbody>\n</table>\n</body>\n</html>\n")
    return "\n".join(parts)
