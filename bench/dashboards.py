"""Each dashboard's server time (median of repeated requests through the Django test Client,
logged in as the demo leader) and query count, at demo size and after LARGE_LOAD; the writes
of WRITE_SCENARIOS (the 30-row weekly batch save) the same way. Pages are measured as served
(summary cache on: repeated requests hit it) and uncached (SUMMARY_CACHE_SECONDS=0: every
request recomputes, as the first request after a write does)."""

import json

from bench.databases import LARGE_LOAD, backends, database, python_module
from bench.report import goals_table, median, table
from bench.scenarios import BATCH_SAVE_SCENARIO, DASHBOARD_URLS, WRITE_SCENARIOS

ROUNDS = 3  # demo and large alternate, so a busy moment of the machine hits both
REPEAT = 7  # requests per page per round, after one warm-up
PAGE_BUDGET_S = 1.5  # a page stops repeating in a round once its requests took this long
OVERVIEW = DASHBOARD_URLS[0]
BATCH_SAVE_MAX_QUERIES = 40
LARGE_OVER_DEMO_MAX = 2.0
GENERATE_LOAD_MAX_S = 300


VARIANTS = {"served": {}, "uncached": {"SUMMARY_CACHE_SECONDS": "0"}}


def _measure(db, variant, writes):
    args = ["--repeat", str(REPEAT), "--budget-s", str(PAGE_BUDGET_S)]
    args += ["--writes"] if writes else []
    env = dict(db.env, **VARIANTS[variant])
    return json.loads(python_module(env, "bench.measure_views", *args))


def measure_backend(backend):
    dbs = {size: database(backend, size) for size in ("demo", "large")}
    samples = {size: {} for size in dbs}
    for round_number in range(ROUNDS):
        for size, db in dbs.items():
            for variant in VARIANTS:
                writes = round_number == 0 and variant == "served"
                for name, result in _measure(db, variant, writes).items():
                    key = name if name in WRITE_SCENARIOS else (name, variant)
                    entry = samples[size].setdefault(key, {"times_ms": [], "queries": set()})
                    entry["times_ms"] += result["times_ms"]
                    entry["queries"].add(result["queries"])
                    entry["status"] = result["status"]
    return dbs, samples


def _queries(entry):
    return "/".join(str(n) for n in sorted(entry["queries"]))


def section(backend):
    dbs, samples = measure_backend(backend)
    names = [(url, variant) for url in DASHBOARD_URLS for variant in VARIANTS]
    names += [name for name in WRITE_SCENARIOS if name in samples["demo"]]
    rows = []
    for name in names:
        demo, large = samples["demo"][name], samples["large"][name]
        label = f"`{name[0]}` {name[1]}" if isinstance(name, tuple) else f"`{name}` (write)"
        rows.append(
            (
                label,
                f"{median(demo['times_ms']):.1f}",
                _queries(demo),
                f"{median(large['times_ms']):.1f}",
                _queries(large),
                f"{median(large['times_ms']) / median(demo['times_ms']):.2f}×",
                f"{demo['status']}/{large['status']}",
            )
        )
    goals = []
    for variant in VARIANTS:
        demo, large = samples["demo"][OVERVIEW, variant], samples["large"][OVERVIEW, variant]
        ratio = median(large["times_ms"]) / median(demo["times_ms"])
        goals += [
            (
                f"overview `{OVERVIEW}` query count, demo vs large ({variant})",
                f"{_queries(demo)} vs {_queries(large)}",
                "the same",
                demo["queries"] == large["queries"] and len(demo["queries"]) == 1,
            ),
            (
                f"overview server time, large ÷ demo ({variant}, medians)",
                f"{ratio:.2f}×",
                f"≤ {LARGE_OVER_DEMO_MAX:.0f}×",
                ratio <= LARGE_OVER_DEMO_MAX,
            ),
        ]
    batch = samples["large"].get(BATCH_SAVE_SCENARIO)
    goals.append(
        (
            "30-row weekly batch save, queries (large size)",
            f"{_queries(batch)} queries, {median(batch['times_ms']):.1f} ms"
            if batch
            else f"not wired: add `{BATCH_SAVE_SCENARIO}` to bench/scenarios.py WRITE_SCENARIOS",
            f"≤ {BATCH_SAVE_MAX_QUERIES}",
            (max(batch["queries"]) <= BATCH_SAVE_MAX_QUERIES) if batch else None,
        )
    )
    load_s = dbs["large"].figures["generate_load_s"]
    goals.append(
        (
            f"`generate_load {' '.join(LARGE_LOAD)}`",
            f"{load_s:.0f} s",
            f"≤ {GENERATE_LOAD_MAX_S} s",
            load_s <= GENERATE_LOAD_MAX_S,
        )
    )
    status_ok = all(
        samples[size][name]["status"] in (200, 302) for size in samples for name in names
    )
    goals.append(("every page answers", "HTTP status", "200/302", status_ok))
    return "\n\n".join(
        [
            f"## Dashboards — server time and queries ({backend})",
            f"Django test Client as the demo leader; median of up to {ROUNDS} × {REPEAT} "
            f"requests after a warm-up (a page stops repeating in a round once its requests "
            f"took {PAGE_BUDGET_S} s, after 2 at least), demo and large rounds alternating. "
            "Large = demo + "
            f"`generate_load {' '.join(LARGE_LOAD)}`. *served*: as deployed, the summary "
            "cache on (repeated requests hit it); *uncached*: `SUMMARY_CACHE_SECONDS=0`, the "
            "summary recomputed on every request, as on the first request after any write.",
            table(
                [
                    "Page",
                    "demo ms",
                    "demo queries",
                    "large ms",
                    "large queries",
                    "large ÷ demo",
                    "status",
                ],
                rows,
            ),
            goals_table(goals),
        ]
    )


def run():
    return "\n\n".join(section(backend) for backend in backends())
