"""Goal 3 of issue 21, a Friday afternoon: locust (bench/locustfile.py), headless on loopback,
FRIDAY_USERS users with 1–3 s think time — leaders moving between the overview, lagging, league,
departments and the big screen, 填报员 saving weekly batches of their units — plus one monitor
asking /healthz without pause, for scale; against gunicorn with 2 × cores + 1 sync workers (the
README's setting) and PostgreSQL at BENCH_FRIDAY_SIZE (default large, province size) for
BENCH_FRIDAY_SECONDS (default 180). Afterwards every accepted save must be in the database with
the last figure sent (bench.friday_verify)."""

import csv
import json
import os
import subprocess

from bench.databases import PYTHON, ROOT, _workdir, backends, database, python_module
from bench.http import Gunicorn
from bench.report import goals_table, table

SIZE = os.environ.get("BENCH_FRIDAY_SIZE", "large")
SECONDS = int(os.environ.get("BENCH_FRIDAY_SECONDS", "180"))
LEADERS, STAFF = 40, 10
WORKERS = 2 * os.cpu_count() + 1
P95_MAX_MS = 1000
SPAWN_RATE = 10  # users started per second
BACKEND = "PostgreSQL"
CACHE_URL = os.environ.get("BENCH_CACHE_URL", "redis://127.0.0.1:6379/14")


def _locust(port, sessions_file, saved_file):
    prefix = _workdir / "friday"
    env = dict(os.environ, FRIDAY_SESSIONS=str(sessions_file), FRIDAY_SAVED=str(saved_file))
    subprocess.run(
        [
            PYTHON,
            "-m",
            "locust",
            "-f",
            str(ROOT / "bench" / "locustfile.py"),
            "--headless",
            "--users",
            str(LEADERS + STAFF + 1),
            "--spawn-rate",
            str(SPAWN_RATE),
            "--run-time",
            f"{SECONDS}s",
            "--stop-timeout",
            "30",
            "--host",
            f"http://127.0.0.1:{port}",
            "--csv",
            str(prefix),
            "--only-summary",
            "--loglevel",
            "ERROR",
        ],
        cwd=ROOT,
        env=env,
        check=False,  # locust exits 1 when a request failed: the table says which
        capture_output=True,
    )
    with open(f"{prefix}_stats.csv", newline="") as handle:
        stats = [row for row in csv.DictReader(handle) if row["Name"] != "Aggregated"]
    with open(f"{prefix}_failures.csv", newline="") as handle:
        failures = list(csv.DictReader(handle))
    return stats, failures


def _shared_cache():
    """The README's setting for several workers: summaries in a Redis they share (CACHE_URL),
    emptied first; none when no Redis answers (each worker then keeps its own)."""
    try:
        import redis

        client = redis.Redis.from_url(CACHE_URL, socket_timeout=2, socket_connect_timeout=2)
        client.flushdb()
    except Exception:  # noqa: BLE001 — any failure means "no usable Redis"
        return {}
    return {"CACHE_URL": CACHE_URL}


def measure(db):
    sessions_file, saved_file = _workdir / "friday_sessions.json", _workdir / "friday_saved.json"
    sessions_file.write_text(
        python_module(
            db.env, "bench.friday_prepare", "--leaders", str(LEADERS), "--staff", str(STAFF)
        )  # fmt: skip
    )
    shared = _shared_cache()
    with Gunicorn(db, workers=WORKERS, extra_env=shared) as server:
        stats, failures = _locust(server.port, sessions_file, saved_file)
        rss = server.worker_rss_mb()
    verified = json.loads(python_module(db.env, "bench.friday_verify", str(saved_file)))
    return stats, failures, rss, verified, bool(shared)


def _row(stat):
    return (
        f"{stat['Type']} `{stat['Name']}`",
        stat["Request Count"],
        stat["Failure Count"],
        stat["50%"],
        stat["95%"],
        stat["99%"],
        f"{float(stat['Requests/s']):.2f}",
    )


def section():
    if BACKEND not in backends():
        return f"## A Friday afternoon\n\nNot measured: no {BACKEND} answers on 127.0.0.1:5432."
    stats, failures, rss, verified, shared = measure(database(BACKEND, SIZE))
    kept = "in a Redis the workers share (`CACHE_URL`)" if shared else "in each worker's memory"
    pages = [s for s in stats if s["Name"] != "/healthz"]
    worst = max(pages, key=lambda s: float(s["95%"]))
    failed = sum(int(s["Failure Count"]) for s in stats)
    goals = [
        (
            f"every page's p95 (worst: `{worst['Name']}`)",
            f"{worst['95%']} ms",
            f"≤ {P95_MAX_MS} ms",
            float(worst["95%"]) <= P95_MAX_MS,
        ),
        ("failed requests", failed, "0", failed == 0),
        (
            "accepted saves in the database with their last figure",
            f"{verified['saved_items'] - len(verified['wrong'])} of {verified['saved_items']} "
            "items",
            "all",
            verified["saved_items"] > 0 and not verified["wrong"],
        ),
        (
            "gunicorn worker RSS after the run (largest)",
            f"{max(rss):.0f} MB",
            "< 200 MB",
            max(rss) < 200,
        ),  # fmt: skip
    ]
    return "\n\n".join(
        [
            f"## A Friday afternoon ({BACKEND}, {SIZE} size, {SECONDS} s)",
            f"locust headless on loopback: {LEADERS} leaders moving between the overview, "
            f"lagging, league, departments and the big screen and {STAFF} 填报员 each opening "
            "and saving a 30-row weekly batch of their unit, 1–3 s think time each, plus one "
            f"monitor asking `/healthz` without pause; gunicorn with {WORKERS} sync workers "
            f"(2 × {os.cpu_count()} cores + 1), summary cache on {kept}, {os.cpu_count()} cores "
            "shared by server, database and load generator. Times in ms.",
            table(
                ["request", "count", "failures", "p50", "p95", "p99", "req/s"],
                [_row(stat) for stat in stats],
            ),
            goals_table(goals),
            *(
                [
                    "Failed requests, as locust recorded them:",
                    table(
                        ["request", "error", "occurrences"],
                        [(f["Name"], f["Error"], f["Occurrences"]) for f in failures],
                    ),
                ]
                if failures
                else []
            ),
        ]
    )


def run():
    return section()
