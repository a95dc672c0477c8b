"""Goal 1 of issue 21: each leaders' page, uncached, costs at most RATIO_MAX× its own SQL —
the server time of a request set against the time of the same statements replayed directly on
the same connection (bench.measure_sql_ratio), at each size of BENCH_RATIO_SIZES (default demo
and large) on each backend — an entry `PostgreSQL:large` limits a size to one backend — with
the top lines of a profile of the uncached overview. Beside them, the floor: the same ratio for
requests that do no page-specific work (bench.measure_sql_ratio.FLOOR), the least any page of
this portal can cost against its SQL."""

import json
import os

from bench.databases import backends, database, python_module
from bench.report import goals_table, table

RATIO_MAX = 2.0
REPEAT = 5
PROFILED_PAGE = "/"
PROFILE_LINES = 12
SIZES = [size for size in os.environ.get("BENCH_RATIO_SIZES", "demo,large").split(",") if size]


def _rows(results, label="`{url}`"):
    rows = []
    for url, figures in results.items():
        rows.append(
            (
                label.format(url=url),
                figures["statements"],
                f"{figures['sql_kb']:.0f}",
                f"{figures['server_ms']:.1f}",
                f"{figures['sql_ms']:.1f}",
                f"{figures['server_ms'] / figures['sql_ms']:.1f}×",
                figures["status"],
            )
        )
    return rows


def _profile(db):
    text = python_module(
        db.env, "bench.measure_sql_ratio", "--profile", PROFILED_PAGE, "--lines", str(PROFILE_LINES)
    )
    lines = [line for line in text.splitlines() if line.strip()]
    return "\n".join(["```", *lines[-(PROFILE_LINES + 2) :], "```"])


def section(backend, size):
    db = database(backend, size)
    measured = json.loads(python_module(db.env, "bench.measure_sql_ratio", "--repeat", str(REPEAT)))
    results, floor = measured["pages"], measured["floor"]
    ratios = {url: f["server_ms"] / f["sql_ms"] for url, f in results.items()}
    worst = max(ratios, key=ratios.get)
    goals = [
        (
            f"uncached server time ÷ own SQL, worst page (`{worst}`)",
            f"{ratios[worst]:.1f}×",
            f"≤ {RATIO_MAX:.0f}×",
            ratios[worst] <= RATIO_MAX,
        ),
        (
            "every page answers",
            "HTTP status",
            "200",
            all(f["status"] == 200 for f in results.values()),
        ),
    ]
    return "\n\n".join(
        [
            f"## Leaders' pages against their own SQL ({backend}, {size})",
            "Summary cache off (every request as the first after a write). *server*: median "
            f"of {REPEAT} requests through the Django test Client as the demo leader; *SQL*: "
            "the statements one such request ran, recorded with `connection.execute_wrapper` "
            f"and replayed on the same connection with a cursor (executed and fetched), median "
            f"of {REPEAT} replays.",
            table(
                ["Page", "statements", "SQL KB", "server ms", "SQL ms", "ratio", "status"],
                _rows(results) + _rows(floor, label="floor: `{url}`"),
            ),
            "The floor rows do no page-specific work: `/healthz` (one statement, no session, "
            "no template) and an unknown address as the leader (session, user, navigation and "
            "the 404 page in the frame every page shares). Their ratio is the least any page of "
            "this portal can reach against its SQL.",
            goals_table(goals),
            f"Where the uncached `{PROFILED_PAGE}` spends its time (cProfile, by own time):",
            _profile(db),
        ]
    )


def _sizes(backend):
    for entry in SIZES:
        only, _, size = entry.rpartition(":")
        if only in ("", backend):
            yield size


def run():
    return "\n\n".join(section(backend, size) for backend in backends() for size in _sizes(backend))
