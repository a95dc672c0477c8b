"""`.ci/run` with CI=true fails when PostgreSQL does not answer (issue 14, item 12)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DEAD_PORT = "1"  # nothing listens on port 1


def probe(ci, port=DEAD_PORT):
    env = {**os.environ, "CI": ci, "CI_POSTGRES_PORT": port, "PYTHON_BIN": sys.executable}
    return subprocess.run(
        [str(ROOT / ".ci" / "postgres-answers")], env=env, capture_output=True, text=True
    )


def test_a_missing_postgres_fails_ci():
    result = probe("true")
    assert result.returncode == 1 and "CI fails" in result.stdout


def test_a_missing_postgres_is_skipped_outside_ci():
    assert probe("false").returncode == 2


def test_ci_run_stops_on_the_probes_failure():
    script = (ROOT / ".ci" / "run").read_text()
    assert ".ci/postgres-answers" in script and "*) exit 1 ;;" in script


@pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"), reason="needs PostgreSQL"
)
def test_a_running_postgres_answers():
    assert probe("true", port="5432").returncode == 0
