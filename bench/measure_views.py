"""Runs inside a bench database's environment: each page of DASHBOARD_URLS (or `--urls`), as
the demo leader, and each write of WRITE_SCENARIOS through the Django test Client, `--repeat`
times after one warm-up; prints JSON {name: {"times_ms": [...], "queries": n, "status": code}}."""

import argparse
import importlib
import json
import os
import time

import django

AT_LEAST = 2  # timed calls of a page under --budget-s


def measure(call, repeat, budget_s=None):
    """`repeat` timed calls after a warm-up; with `budget_s`, fewer once the timed calls have
    taken that long (never fewer than AT_LEAST), so a page of seconds does not hold up the run."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    call()  # warm-up: templates, URL resolver, connection
    times = []
    queries = status = None
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = call()
            times.append((time.perf_counter() - started) * 1000)
        queries, status = len(captured), response.status_code
        if budget_s is not None and len(times) >= AT_LEAST and sum(times) >= budget_s * 1000:
            break
    return {"times_ms": times, "queries": queries, "status": status}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--writes", action="store_true")
    parser.add_argument("--urls", help="comma-separated pages to read (default DASHBOARD_URLS)")
    parser.add_argument("--budget-s", type=float, help="stop repeating a page after this long")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "baidays.settings")
    django.setup()
    from django.contrib.auth import get_user_model
    from django.test import Client

    from bench.scenarios import DASHBOARD_URLS, WRITE_SCENARIOS, WRITE_USER

    def client_for(username):
        client = Client()
        user = get_user_model().objects.get(username=username)
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        return client, user

    results = {}
    leader, _ = client_for("leader")
    for url in args.urls.split(",") if args.urls else DASHBOARD_URLS:
        results[url] = measure(lambda url=url: leader.get(url), args.repeat, args.budget_s)
    if args.writes:
        for name, target in WRITE_SCENARIOS.items():
            module, function = target.split(":")
            client, user = client_for(WRITE_USER)
            write = getattr(importlib.import_module(module), function)(client, user)
            results[name] = measure(write, args.repeat)
    print(json.dumps(results))


if __name__ == "__main__":
    main()
