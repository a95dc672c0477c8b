"""Province size with a 进度计划 for every item (issue 12): the overview and the 督办 list
measured at the small size and at the large size in the same run — query counts equal at both
sizes, server time large ÷ small ≤ 2× — and `supervise` over the current campaign's 4,000
items in under 10 s, beside a reference measured in the same process: reading everything
supervise looks at (items, counted reports, plan weeks) with bare queries, deciding nothing.
The small size, not the demo, is the baseline of the pages: it has enough 督办单 to fill the
list's first page, so both sizes render the same rows."""

import json
import re

from bench.dashboards import PAGE_BUDGET_S, VARIANTS
from bench.databases import LOADS, backends, census, database, python_module
from bench.report import goals_table, median, table
from bench.scenarios import PROVINCE_URLS

ROUNDS = 3  # small and large alternate, so a busy moment of the machine hits both
REPEAT = 7  # requests per page per round, after one warm-up
SIZES = ("small", "large")
LARGE_OVER_SMALL_MAX = 2.0
SUPERVISE_MAX_S = 10.0


def measure_backend(backend):
    dbs = {size: database(backend, size) for size in SIZES}
    samples = {size: {} for size in dbs}
    for _ in range(ROUNDS):
        for size, db in dbs.items():
            for variant, extra in VARIANTS.items():
                args = ["--repeat", str(REPEAT), "--budget-s", str(PAGE_BUDGET_S)]
                args += ["--urls", ",".join(PROVINCE_URLS)]
                results = json.loads(
                    python_module(dict(db.env, **extra), "bench.measure_views", *args)
                )
                for url, result in results.items():
                    entry = samples[size].setdefault(
                        (url, variant), {"times_ms": [], "queries": set()}
                    )
                    entry["times_ms"] += result["times_ms"]
                    entry["queries"].add(result["queries"])
                    entry["status"] = result["status"]
    return dbs, samples


def _queries(entry):
    return "/".join(str(n) for n in sorted(entry["queries"]))


def sizes_table(dbs):
    rows = []
    for size, db in dbs.items():
        figures = census(db)
        causes = ", ".join(f"{cause} {n}" for cause, n in sorted(figures["open_by_cause"].items()))
        rows.append(
            (
                size,
                f"demo + `generate_load {' '.join(LOADS[size])}`",
                f"{db.figures['generate_load_s']:.0f}",
                figures["campaigns"],
                f"{figures['items']:,} ({figures['current_items']:,})",
                f"{figures['reports']:,}",
                f"{figures['plan_weeks']:,}",
                f"{figures['open_tickets']:,} ({causes})",
            )
        )
    header = [
        "size",
        "built as",
        "generate_load s",
        "campaigns",
        "tracked items (current campaign)",
        "weekly reports",
        "plan weeks",
        "督办单 open today (by cause)",
    ]
    return table(header, rows)


def pages(samples):
    rows, goals = [], []
    for url in PROVINCE_URLS:
        for variant in VARIANTS:
            small, large = samples["small"][url, variant], samples["large"][url, variant]
            ratio = median(large["times_ms"]) / median(small["times_ms"])
            rows.append(
                (
                    f"`{url}` {variant}",
                    f"{median(small['times_ms']):.1f}",
                    _queries(small),
                    f"{median(large['times_ms']):.1f}",
                    _queries(large),
                    f"{ratio:.2f}×",
                    f"{len(small['times_ms'])}/{len(large['times_ms'])}",
                    f"{small['status']}/{large['status']}",
                )
            )
            goals += [
                (
                    f"`{url}` query count, small vs large ({variant})",
                    f"{_queries(small)} vs {_queries(large)}",
                    "the same",
                    small["queries"] == large["queries"] and len(small["queries"]) == 1,
                ),
                (
                    f"`{url}` server time, large ÷ small ({variant}, medians)",
                    f"{ratio:.2f}×",
                    f"≤ {LARGE_OVER_SMALL_MAX:.0f}×",
                    ratio <= LARGE_OVER_SMALL_MAX,
                ),
            ]
    header = ["Page", "small ms", "small queries", "large ms", "large queries", "large ÷ small"]
    return table([*header, "requests timed", "status"], rows), goals


def _counts(counts):
    return counts["opened"], counts["escalated"], counts["closed"]


def supervise_figures(large):
    rounds = large.figures["supervise_rounds"]
    reference = median(rounds["reference_s"])
    rows = [
        (
            f"reference: bare read of {rounds['reference_rows']:,} rows",
            "—",
            "—",
            "—",
            f"{reference:.2f}",
            "1.00×",
        )
    ]
    labels = {
        "first": f"first run of the day ({rounds['as_of']}, no 督办单 yet)",
        "again": f"the same day again ({rounds['as_of']})",
        "later": f"eight days later ({rounds['later']})",
    }
    for key, label in labels.items():
        seconds = median(rounds[f"{key}_s"])
        rows.append((label, *_counts(rounds[f"{key}_counts"]), f"{seconds:.2f}",
                     f"{seconds / reference:.2f}×"))  # fmt: skip
    opened = re.search(r"新发督办单 (\d+) 张", large.figures["supervise_output"])
    command_s = large.figures["supervise_s"]
    rows.append(
        (
            "`manage.py supervise`, committed (wall time with process start-up; opened: "
            "beside the demo's, opened when the demo was built)",
            opened.group(1) if opened else "?",
            "—",
            "—",
            f"{command_s:.2f}",
            f"{command_s / reference:.2f}×",
        )
    )
    worst = max(median(rounds[f"{key}_s"]) for key in labels)
    goals = [
        (
            f"`supervise` over {rounds['items']:,} items, slowest run (median of "
            f"{len(rounds['first_s'])})",
            f"{worst:.2f} s",
            f"< {SUPERVISE_MAX_S:.0f} s",
            worst < SUPERVISE_MAX_S,
        ),
        (
            "`manage.py supervise` command, wall time",
            f"{command_s:.2f} s",
            f"< {SUPERVISE_MAX_S:.0f} s",
            command_s < SUPERVISE_MAX_S,
        ),
    ]
    header = ["supervise run", "opened", "escalated", "closed", "seconds", "÷ reference"]
    return table(header, rows), goals, rounds


def section(backend):
    dbs, samples = measure_backend(backend)
    pages_table, goals = pages(samples)
    supervise_table, supervise_goals, rounds = supervise_figures(dbs["large"])
    status_ok = all(
        samples[size][key]["status"] == 200 for size in samples for key in samples[size]
    )
    goals += [*supervise_goals, ("every page answers", "HTTP status", "200", status_ok)]
    return "\n\n".join(
        [
            f"## Province size with schedules — overview, 督办 list, supervise ({backend})",
            "Sizes as built and supervised as of today (the 督办单 open today are the "
            "committed run of `supervise`):",
            sizes_table(dbs),
            f"Django test Client as the demo leader; median of up to {ROUNDS} × {REPEAT} "
            f"requests after a warm-up (a page stops repeating in a round once its requests "
            f"took {PAGE_BUDGET_S} s, after 2 at least), small and large rounds alternating; "
            "*served* / *uncached* as in the dashboards section (the 督办 list has no cache: "
            "both are the same page).",
            pages_table,
            f"`supervise` of the current campaign `{rounds['campaign']}` ({rounds['items']:,} "
            f"items) in one process, {len(rounds['first_s'])} rounds, each rolled back so "
            "every round starts from the same data (the campaign's 督办单 removed); the "
            "reference is read beside each round. Seconds are medians.",
            supervise_table,
            goals_table(goals),
        ]
    )


def run():
    return "\n\n".join(section(backend) for backend in backends())
