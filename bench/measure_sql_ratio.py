"""Runs inside a bench database's environment with the summary cache off: for each leaders'
page of LEADER_URLS, the uncached server time (median of `--repeat` requests through the Django
test Client as the demo leader, after a warm-up) and the time of the very SQL statements that
request ran, recorded with `connection.execute_wrapper` and replayed on the same connection
with a plain cursor (executed and fetched, median of as many replays). The same is measured for
the FLOOR pages, which do no page-specific work: what any request of this portal costs against
its SQL before a page adds anything. With `--profile URL`, prints instead the top lines of a
cProfile of that page's request. Prints JSON {"pages": {url: figures}, "floor": {url: figures}},
figures being {"server_ms": ..., "sql_ms": ..., "statements": n, "sql_kb": ..., "status": code}."""

import argparse
import cProfile
import io
import json
import os
import pstats
import statistics
import time

import django

# /healthz: one statement, no session, no template. The unknown address: the leader's session,
# user and person, the navigation with its unread count, and the 404 page drawn in the frame
# every page shares (base.html) — nothing a page adds.
FLOOR = ["/healthz", "/bench-frame-only/"]


class Recorder:
    """An execute_wrapper keeping every statement and its parameters."""

    def __init__(self):
        self.statements = []

    def __call__(self, execute, sql, params, many, context):
        self.statements.append((sql, params, many))
        return execute(sql, params, many, context)


def replay(connection, statements):
    started = time.perf_counter()
    with connection.cursor() as cursor:
        for sql, params, many in statements:
            if many:
                cursor.executemany(sql, params)
            else:
                cursor.execute(sql, params)
            if cursor.description is not None:
                cursor.fetchall()
    return (time.perf_counter() - started) * 1000


def timed(call):
    started = time.perf_counter()
    response = call()
    return (time.perf_counter() - started) * 1000, response


def measure_page(client, url, repeat):
    from django.db import connection

    client.get(url)  # warm-up: templates, URL resolver, connection
    recorder = Recorder()
    with connection.execute_wrapper(recorder):
        _, response = timed(lambda: client.get(url))
    server = [timed(lambda: client.get(url))[0] for _ in range(repeat)]
    sql = [replay(connection, recorder.statements) for _ in range(repeat)]
    return {
        "server_ms": statistics.median(server),
        "sql_ms": statistics.median(sql),
        "statements": len(recorder.statements),
        "sql_kb": sum(len(sql) for sql, _, _ in recorder.statements) / 1024,
        "status": response.status_code,
    }


def profile_page(client, url, lines):
    client.get(url)
    profiler = cProfile.Profile()
    profiler.runcall(client.get, url)
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(lines)
    return out.getvalue()


def leader_client():
    from django.contrib.auth import get_user_model
    from django.test import Client

    client = Client()
    client.force_login(
        get_user_model().objects.get(username="leader"),
        backend="django.contrib.auth.backends.ModelBackend",
    )
    return client


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--profile", help="print a profile of this page instead")
    parser.add_argument("--lines", type=int, default=15)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "baidays.settings")
    os.environ["SUMMARY_CACHE_SECONDS"] = "0"  # every request as the first after a write
    django.setup()
    from bench.scenarios import leader_urls

    client = leader_client()
    if args.profile:
        print(profile_page(client, args.profile, args.lines))
        return
    pages = {url: measure_page(client, url, args.repeat) for url in leader_urls()}
    floor = {url: measure_page(client, url, args.repeat) for url in FLOOR}
    print(json.dumps({"pages": pages, "floor": floor}))


if __name__ == "__main__":
    main()
