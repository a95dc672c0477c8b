"""gunicorn settings for the 百日行动 portal: `gunicorn -c docs/deploy/gunicorn.conf.py
baidays.wsgi:application`. Every value can be overridden from the environment (GUNICORN_*),
so one file serves every app server; the benchmark (`make bench`) runs with it too."""

import gc
import multiprocessing
import os

import gunicorn.http.wsgi

# gunicorn names itself and its version in every response's Server header; an attacker learns
# nothing from the portal's own name instead.
gunicorn.http.wsgi.SERVER = "baidays"

# Behind nginx on the same machine: listen on loopback only. Several app servers behind one
# proxy: bind to the private address the proxy reaches, e.g. GUNICORN_BIND=10.0.0.11:8000.
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")

# Sync workers: every request is short and database-bound. 2 × cores + 1 is gunicorn's own
# rule; each worker holds one database connection (CONN_MAX_AGE), so workers × app servers
# must stay below PostgreSQL's max_connections.
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
worker_class = "sync"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 60))  # an Excel import of 10,000 rows fits
graceful_timeout = 30
keepalive = 5

# Recycle workers now and then so a slow leak can never grow a worker past its budget.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 2000))
max_requests_jitter = 200

# Import the application once in the master, then fork: workers share its memory pages.
preload_app = True


def pre_fork(server, worker):
    """Freeze what the master has loaded (Django, the apps, their ~200,000 objects) out of the
    garbage collector's reach before each fork: a worker's full collection then looks only at
    what it made itself. Unfrozen, one in every few requests of a worker paused ~90 ms while
    the collector walked every loaded object again (docs/benchmarks.md) — a request's tail
    latency, not its work — and the walk also wrote to pages the workers otherwise share."""
    gc.freeze()


# nginx sets X-Forwarded-For / X-Forwarded-Proto; trust them from these addresses only.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")

accesslog = os.environ.get("GUNICORN_ACCESSLOG") or None  # "-" for stdout; nginx logs anyway
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOGLEVEL", "warning")
proc_name = "baidays"
