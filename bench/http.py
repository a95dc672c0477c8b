"""HTTP throughput on loopback: gunicorn (2 sync workers, docs/deploy/gunicorn.conf.py) serving
a bench database, driven by a bounded load generator (threads of http.client, a leader's
session cookie, at most LOAD_REQUESTS requests or LOAD_SECONDS seconds per view). The overview
is compared with a trivial view on the same server — /healthz, one SELECT 1 — sent the same
session cookie, so both pay the same session work. Also the workers' resident memory."""

import http.client
import os
import signal
import socket
import subprocess
import threading
import time
from pathlib import Path

from bench.databases import PYTHON, ROOT, backends, database, python_module
from bench.report import goals_table, median, p95, table
from bench.scenarios import DASHBOARD_URLS

WORKERS = 2
CLIENT_THREADS = 4  # two requests waiting per worker keeps both busy
LOAD_REQUESTS = 1500  # per burst
LOAD_SECONDS = 4.0  # per burst
BURSTS = 5  # trivial and overview alternate, so a busy moment of the machine hits both
WARMUP_REQUESTS = 20
TRIVIAL_URL = "/healthz"
OVERVIEW = DASHBOARD_URLS[0]
THROUGHPUT_MIN_SHARE = 0.40
WORKER_RSS_MAX_MB = 200
SIZES = ("demo", "large")


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(port, path, cookie):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("GET", path, headers={"Cookie": cookie, "Host": "127.0.0.1"})
        response = conn.getresponse()
        response.read()
        return response.status
    finally:
        conn.close()


def load(port, path, cookie, requests=LOAD_REQUESTS, seconds=LOAD_SECONDS):
    """Requests per second, latencies (ms) and non-200 answers of a bounded run."""
    latencies, errors = [], []
    lock = threading.Lock()
    budget = iter(range(requests))
    deadline = time.perf_counter() + seconds

    def worker():
        while time.perf_counter() < deadline:
            with lock:
                if next(budget, None) is None:
                    return
            started = time.perf_counter()
            try:
                status = _get(port, path, cookie)
            except OSError as exc:
                status = str(exc)
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                latencies.append(elapsed)
                if status != 200:
                    errors.append(status)

    threads = [threading.Thread(target=worker) for _ in range(CLIENT_THREADS)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    return {"wall": wall, "latencies": latencies, "errors": errors}


def _children(pid):
    children = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                children.append(int(entry.name))
    return children


def _rss_mb(pid):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


class Gunicorn:
    def __init__(self, db, workers=WORKERS, extra_env=None):
        self.port = _free_port()
        env = dict(db.env, GUNICORN_BIND=f"127.0.0.1:{self.port}", GUNICORN_WORKERS=str(workers))
        env.update(extra_env or {})
        self.process = subprocess.Popen(
            [
                PYTHON,
                "-m",
                "gunicorn",
                "-c",
                str(ROOT / "docs" / "deploy" / "gunicorn.conf.py"),
                "baidays.wsgi:application",
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
        )

    def __enter__(self):
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                if _get(self.port, TRIVIAL_URL, "") == 200:
                    return self
            except OSError:
                time.sleep(0.2)
        self.__exit__()
        raise RuntimeError("gunicorn did not answer within 30 s")

    def worker_rss_mb(self):
        return [_rss_mb(pid) for pid in _children(self.process.pid)]

    def __exit__(self, *exc):
        self.process.send_signal(signal.SIGTERM)  # only the master started here
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def measure(db):
    cookie = python_module(db.env, "bench.session").strip()
    results = {}
    with Gunicorn(db) as server:
        for path in (TRIVIAL_URL, OVERVIEW):
            load(server.port, path, cookie, requests=WARMUP_REQUESTS, seconds=30)
        for _ in range(BURSTS):
            for path in (TRIVIAL_URL, OVERVIEW):
                burst = load(server.port, path, cookie)
                total = results.setdefault(path, {"wall": 0.0, "latencies": [], "errors": []})
                for key in total:
                    total[key] += burst[key]
        for total in results.values():
            total["rps"] = len(total["latencies"]) / total["wall"]
        results["rss"] = server.worker_rss_mb()
    return results


def section(backend):
    rows, goals, rss_all = [], [], []
    for size in SIZES:
        results = measure(database(backend, size))
        rss_all += results["rss"]
        for path in (TRIVIAL_URL, OVERVIEW):
            result = results[path]
            rows.append(
                (
                    size,
                    f"`{path}`",
                    len(result["latencies"]),
                    f"{result['rps']:.1f}",
                    f"{median(result['latencies']):.1f}",
                    f"{p95(result['latencies']):.1f}",
                    len(result["errors"]),
                )
            )
        share = results[OVERVIEW]["rps"] / results[TRIVIAL_URL]["rps"]
        goals.append(
            (
                f"overview throughput ÷ trivial view ({size} size)",
                f"{share:.0%}",
                f"≥ {THROUGHPUT_MIN_SHARE:.0%}",
                share >= THROUGHPUT_MIN_SHARE,
            )
        )
        errors = sum(len(results[p]["errors"]) for p in (TRIVIAL_URL, OVERVIEW))
        goals.append((f"failed requests ({size} size)", errors, "0", errors == 0))
    goals.append(
        (
            "gunicorn worker RSS after the load (largest)",
            f"{max(rss_all):.0f} MB",
            f"< {WORKER_RSS_MAX_MB} MB",
            max(rss_all) < WORKER_RSS_MAX_MB,
        )
    )
    return "\n\n".join(
        [
            f"## HTTP throughput on loopback ({backend})",
            f"gunicorn, {WORKERS} sync workers, docs/deploy/gunicorn.conf.py; load generator: "
            f"{CLIENT_THREADS} threads of http.client on the same machine, a new connection per "
            f"request, a leader's session cookie; after {WARMUP_REQUESTS} warm-up requests, "
            f"{BURSTS} alternating bursts per view of at most {LOAD_REQUESTS} requests or "
            f"{LOAD_SECONDS:.0f} s. {os.cpu_count()} cores shared by server and load generator. "
            "The overview is served as deployed (summary cache on).",
            table(["size", "view", "requests", "req/s", "median ms", "p95 ms", "errors"], rows),
            goals_table(goals),
        ]
    )


def run():
    return "\n\n".join(section(backend) for backend in backends())
