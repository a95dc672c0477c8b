"""Eight processes save reports at the same moment into the SQLite database file, with the
settings the portal ships (WAL, IMMEDIATE transactions, busy timeout): nobody sees "database is
locked" and every report is kept."""

import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection

from tests import factories as f

BASE_DIR = Path(__file__).resolve().parents[2]
WRITERS = 8
WEEKS = 25


@pytest.mark.django_db(transaction=True)
def test_eight_concurrent_writers_lose_nothing(tmp_path):
    database = tmp_path / "concurrent.sqlite3"
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env["DATABASE_URL"] = f"sqlite:///{database}"

    if connection.vendor != "sqlite":
        pytest.skip("针对默认的 SQLite 数据库；PostgreSQL 的并发写入由其自身的锁保证")
    project_ids = [f.ProjectFactory().pk for _ in range(WRITERS + 1)]
    # the workers' database file: this test's schema and rows, copied with the backup API
    connection.ensure_connection()
    copy = sqlite3.connect(database)
    connection.connection.backup(copy)
    copy.close()

    shared_id, writer_ids = project_ids[0], project_ids[1:]
    go = tmp_path / "go"
    workers = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tests.concurrent_writer",
                str(project_id),
                str(shared_id),
                str(WEEKS),
                str(tmp_path / f"ready-{n}"),
                str(go),
            ],
            cwd=BASE_DIR,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n, project_id in enumerate(writer_ids)
    ]
    deadline = time.monotonic() + 60
    while len(list(tmp_path.glob("ready-*"))) < WRITERS and time.monotonic() < deadline:
        time.sleep(0.05)
    go.touch()
    results = [(w.wait(timeout=120), w.stderr.read()) for w in workers]

    assert [code for code, _ in results] == [0] * WRITERS, [err for _, err in results]
    assert not any("database is locked" in err for _, err in results)
    check = sqlite3.connect(database)
    try:
        per_project = dict(
            check.execute(
                "SELECT project_id, COUNT(*) FROM projects_projectreport GROUP BY project_id"
            ).fetchall()
        )
        shared_version = check.execute(
            "SELECT version FROM projects_project WHERE id = ?", (shared_id,)
        ).fetchone()[0]
        journal_mode = check.execute("PRAGMA journal_mode").fetchone()[0]
    finally:
        check.close()
    assert per_project == dict.fromkeys(writer_ids, WEEKS)
    assert shared_version == 1 + WRITERS * WEEKS  # no lost read-modify-write
    assert journal_mode == "wal"
