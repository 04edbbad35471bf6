"""Studying: quizzes, the FSRS schedule, the progress store and its figures."""
