"""Throwaway databases for the benchmarks, never the dev database: a temporary SQLite file, and
a dedicated PostgreSQL database (created here and dropped at exit) when one answers on
127.0.0.1:5432. Each backend is built at three sizes: demo (seed_demo), small (the demo plus
SMALL_LOAD) and large (the demo plus LARGE_LOAD, province size: 10 campaigns × 4,000 items, a
进度计划 over every week of its campaign — 16 or 17 — for every item). Every database is
supervised as of today once built, so the 督办 pages have their 督办单; the large one's
`supervise` is timed first (bench.supervise_run).
Django runs in subprocesses only — settings are read once per process, and each measurement
needs its own DATABASE_URL."""

import atexit
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
# override only for a quick trial of the harness itself
LARGE_LOAD = os.environ.get(
    "BENCH_LARGE_LOAD", "--campaigns 10 --projects 2000 --enterprises 2000 --weeks 15 --schedules"
).split()
# enough items that the 督办 list fills its first page, as at the large size
SMALL_LOAD = os.environ.get(
    "BENCH_SMALL_LOAD", "--campaigns 1 --projects 80 --enterprises 80 --weeks 15 --schedules"
).split()
LOADS = {"small": SMALL_LOAD, "large": LARGE_LOAD}
SUPERVISE_ROUNDS = 3
PG_SERVER = os.environ.get("BENCH_PG_SERVER", "postgres://postgres@127.0.0.1:5432")
PG_BASE_NAME = os.environ.get("BENCH_PG_DB", "baidays_bench")

_workdir = Path(tempfile.mkdtemp(prefix="baidays-bench-"))
_prepared = {}
_cleanups = []


@dataclass
class BenchDatabase:
    backend: str  # "SQLite" or "PostgreSQL"
    size: str  # "demo", "small" or "large"
    url: str
    figures: dict = field(default_factory=dict)  # e.g. how long generate_load took

    @property
    def env(self):
        return bench_env(self.url)


def bench_env(database_url):
    """A production-like environment: DEBUG off, collected static files, a throwaway DB."""
    env = dict(os.environ)
    env.update(
        DATABASE_URL=database_url,
        DEBUG="false",
        SECRET_KEY="bench-only-secret-key-not-used-anywhere-else-0123456789",
        ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        SECURE_COOKIES="false",
        SECURE_SSL_REDIRECT="false",  # loopback HTTP: no TLS in front of the bench server
        STATIC_ROOT=str(_workdir / "static"),
        MEDIA_ROOT=str(_workdir / "media"),
        LOG_LEVEL="ERROR",
        # the bench logs the demo leader in without a code: with the second factor required
        # (as deployed), every page would answer its redirect to the code form instead
        OTP_REQUIRED_ROLES="",
        PYTHONPATH=str(ROOT),
        DJANGO_SETTINGS_MODULE="baidays.settings",
    )
    return env


def manage(env, *args):
    """Run a management command against a bench database; returns its wall time (s)."""
    return manage_output(env, *args)[0]


def manage_output(env, *args):
    """(wall time in seconds, stdout) of a management command."""
    started = time.perf_counter()
    result = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    )
    return time.perf_counter() - started, result.stdout


def python_module(env, module, *args):
    """Run `python -m module args` against a bench database; returns its stdout."""
    result = subprocess.run(
        [PYTHON, "-m", module, *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return result.stdout


def postgres_answers():
    try:
        with socket.create_connection(("127.0.0.1", 5432), timeout=1):
            pass
    except OSError:
        return False
    try:
        import psycopg

        psycopg.connect(f"{PG_SERVER}/postgres", connect_timeout=3).close()
    except Exception:  # noqa: BLE001 — any failure means "no usable PostgreSQL"
        return False
    return True


def _pg_admin(sql):
    import psycopg

    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
        conn.execute(sql)


def _pg_drop(name):
    _pg_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def backends():
    """SQLite always, PostgreSQL when one answers; BENCH_BACKENDS=SQLite limits the run."""
    found = ["SQLite", "PostgreSQL"] if postgres_answers() else ["SQLite"]
    wanted = [name for name in os.environ.get("BENCH_BACKENDS", "").split(",") if name]
    return [name for name in found if name in wanted] if wanted else found


def _collect_static():
    if not (_workdir / "static" / "staticfiles.json").exists():
        manage(bench_env("sqlite:///" + str(_workdir / "static.sqlite3")), "collectstatic", "-v0",
               "--noinput")  # fmt: skip


def database(backend, size):
    """The bench database of this backend and size, built on first use."""
    key = (backend, size)
    if key not in _prepared:
        _collect_static()
        if size == "demo":
            _prepared[key] = _build_demo(backend)
        else:
            _prepared[key] = _build_loaded(backend, size, database(backend, "demo"))
    return _prepared[key]


def _build_demo(backend):
    if backend == "SQLite":
        url = f"sqlite:///{_workdir / 'demo.sqlite3'}"
    else:
        name = PG_BASE_NAME
        _pg_drop(name)
        _pg_admin(f'CREATE DATABASE "{name}"')
        _cleanups.append(lambda: _pg_drop(name))
        url = f"{PG_SERVER}/{name}"
    db = BenchDatabase(backend, "demo", url)
    manage(db.env, "migrate", "--noinput", "-v0")
    manage(db.env, "seed_demo")
    _supervise(db)
    return db


def _build_loaded(backend, size, demo):
    """A copy of the demo database with the size's load added, then supervised."""
    if backend == "SQLite":
        path = _workdir / f"{size}.sqlite3"
        for suffix in ("", "-wal", "-shm"):
            source = Path(str(_workdir / "demo.sqlite3") + suffix)
            if source.exists():
                shutil.copy(source, str(path) + suffix)
        url = f"sqlite:///{path}"
    else:
        name = f"{PG_BASE_NAME}_{size}"
        _pg_drop(name)
        _pg_admin(f'CREATE DATABASE "{name}" TEMPLATE "{PG_BASE_NAME}"')
        _cleanups.append(lambda: _pg_drop(name))
        url = f"{PG_SERVER}/{name}"
    db = BenchDatabase(backend, size, url)
    db.figures["generate_load_s"] = manage(db.env, "generate_load", *LOADS[size])
    _analyze(db)
    if size == "large":
        db.figures["supervise_rounds"] = json.loads(
            python_module(db.env, "bench.supervise_run", "--rounds", str(SUPERVISE_ROUNDS))
        )
    _supervise(db)
    return db


def _supervise(db):
    """The day's `supervise` (committed: the 督办 pages list its 督办单), timed as a command."""
    db.figures["supervise_s"], db.figures["supervise_output"] = manage_output(db.env, "supervise")
    _analyze(db)


def _analyze(db):
    if db.backend == "PostgreSQL":
        import psycopg

        # what autovacuum does soon after a bulk load: planner statistics, visibility map
        with psycopg.connect(db.url, autocommit=True) as conn:
            conn.execute("VACUUM ANALYZE")


def census(db):
    """The sizes of a bench database (bench.census), read once."""
    if "census" not in db.figures:
        db.figures["census"] = json.loads(python_module(db.env, "bench.census"))
    return db.figures["census"]


@atexit.register
def _cleanup():
    for cleanup in reversed(_cleanups):
        try:
            cleanup()
        except Exception as exc:  # noqa: BLE001 — report and keep cleaning
            print(f"bench: cleanup failed: {exc}", file=sys.stderr)
    shutil.rmtree(_workdir, ignore_errors=True)
