"""The README's tables and recipes work as written: the SECRET_KEY recipe prints a key that
survives the deployment's `set -a; . /etc/baidays/env`, and the tables name every demo account
and every setting a person is told to set."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from baidays.demo.seed import DEMO_USERS

README = Path(__file__).resolve().parents[2] / "README.md"
SOURCE_LINE = "set -a; . /etc/baidays/env"


def _readme():
    return README.read_text("utf-8")


def _secret_key_recipe():
    """The one-line `python3 -c "…"` the README gives for SECRET_KEY."""
    found = re.findall(r'`python3? -c "([^"`]*secret[^"`]*)"`', _readme(), flags=re.IGNORECASE)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.skipif(shutil.which("bash") is None, reason="需要 bash")
@pytest.mark.parametrize("attempt", range(5))
def test_the_secret_key_recipe_survives_sourcing_the_env_file_in_bash(tmp_path, attempt):
    assert SOURCE_LINE in _readme()
    key = subprocess.run(
        [sys.executable, "-c", _secret_key_recipe()], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert len(key) >= 50 and len(set(key)) >= 5  # what check --deploy asks of a key
    env_file = tmp_path / "env"
    env_file.write_text(f"SECRET_KEY={key}\nDEBUG=false\n", "utf-8")
    read_back = subprocess.run(
        [
            "bash",
            "-c",
            f"{SOURCE_LINE.replace('/etc/baidays/env', str(env_file))}; set +a; "
            'printf %s "$SECRET_KEY"',
        ],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin"},
    )
    assert read_back.returncode == 0, read_back.stderr
    assert read_back.stdout == key


def test_the_demo_accounts_table_lists_every_demo_login():
    table = _readme().split("| 用户名 | 角色 | 单位 |", 1)[1].split("\n\n", 1)[0]
    listed = re.findall(r"^\| `([a-z0-9]+)` \|", table, flags=re.MULTILINE)
    assert set(listed) == {*DEMO_USERS, "enterprise"}


@pytest.mark.parametrize("name", ["PORT", "HOST", "SUPERVISE_HOUR", "PORTAL_URL"])
def test_the_configuration_table_names_the_setting(name):
    table = _readme().split("## 配置（环境变量）", 1)[1].split("\n\n", 2)[1]
    assert re.search(rf"^\| [^|]*`{name}`", table, flags=re.MULTILINE), name
