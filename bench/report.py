"""Markdown pieces shared by the benchmark suites: every figure is printed next to its goal."""

import statistics


def median(values):
    return statistics.median(values) if values else float("nan")


def p95(values):
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def verdict(ok):
    if ok is None:
        return "— not measured"
    return "✅ pass" if ok else "❌ FAIL"


def table(header, rows):
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def goals_table(goals):
    """goals: (goal, measured, target, ok) tuples; ok None means not measured."""
    return table(
        ["Goal", "Measured", "Target", "Result"],
        [(goal, measured, target, verdict(ok)) for goal, measured, target, ok in goals],
    )
