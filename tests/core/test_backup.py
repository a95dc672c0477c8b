"""`backup` then `restore` into an empty installation gives back the same data and uploads;
run as a real operator would, in separate processes with their own database and MEDIA_ROOT."""

import io
import json
import os
import subprocess
import sys
import tarfile
import uuid
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import connection

from baidays.setup.services import setup_campaign
from tests import factories as f

BASE_DIR = Path(__file__).resolve().parents[2]
EVIDENCE = b"%PDF-1.4 meeting minutes"


def installation(tmp_path, name, database_url):
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update(DATABASE_URL=database_url, MEDIA_ROOT=str(tmp_path / name / "media"))

    def manage(*args, check=True):
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=BASE_DIR,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        if check:
            assert result.returncode == 0, result.stdout + result.stderr
        return result

    manage.media_root = Path(env["MEDIA_ROOT"])
    return manage


@pytest.fixture
def target_database_url(tmp_path):
    """A brand-new, empty database of the same kind as the one the suite runs on."""
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'target.sqlite3'}"
        return
    import psycopg

    base = os.environ["DATABASE_URL"].rsplit("/", 1)[0]
    name = f"restore_target_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    yield f"{base}/{name}"
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.django_db(transaction=True)
def test_backup_restored_into_an_empty_installation_gives_the_same_summary(
    tmp_path, settings, target_database_url
):
    """The source is this test's own database (backed up in-process, as `backup` would); the
    target is a brand-new installation in another process."""
    settings.MEDIA_ROOT = tmp_path / "source-media"
    campaign = setup_campaign(year=2026)
    project = f.ProjectFactory(campaign=campaign, planned_investment_wan=Decimal("300.00"))
    f.ProjectReportFactory(project=project, week_investment_wan=Decimal("123.45"))
    f.CompetitionEntryFactory(campaign=campaign)
    f.ProblemFactory(campaign=campaign)
    decision = f.DecisionFactory(meeting__campaign=campaign)
    decision.evidence.save("纪要.pdf", ContentFile(EVIDENCE))
    summary = io.StringIO()
    call_command("summary", "--as-of", "2026-06-15", stdout=summary)
    before = json.loads(summary.getvalue())
    assert before["infrastructure"]["completed_wan"] == "123.45"

    archive = tmp_path / "backup.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())
    with tarfile.open(archive) as tar:
        names = tar.getnames()
    assert "manifest.json" in names
    assert any(n.startswith("database.") for n in names)

    target = installation(tmp_path, "b", target_database_url)
    assert "已从" in target("restore", str(archive)).stdout
    assert json.loads(target("summary", "--as-of", "2026-06-15").stdout) == before
    restored = list(target.media_root.rglob("纪要*.pdf"))
    assert [p.read_bytes() for p in restored] == [EVIDENCE]

    # the restored installation is not empty any more: a second restore must be forced
    refused = target("restore", str(archive), check=False)
    assert refused.returncode != 0
    assert "不是空的" in refused.stderr and "--force" in refused.stderr
    assert "已从" in target("restore", str(archive), "--force").stdout


def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path):
    bogus = tmp_path / "bogus.tar.gz"
    bogus.write_bytes(b"not a tarball")
    target = installation(tmp_path, "c", f"sqlite:///{tmp_path / 'c.sqlite3'}")
    result = target("restore", str(bogus), check=False)
    assert result.returncode != 0
    assert "不是有效的备份文件" in result.stderr


def test_restore_refuses_an_archive_that_escapes_its_folder(tmp_path):
    evil = tmp_path / "evil.tar.gz"
    with tarfile.open(evil, "w:gz") as tar:
        for name, data in [
            ("manifest.json", json.dumps({"format": "baidays-backup-1"}).encode()),
            ("../outside.txt", b"x"),
        ]:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    target = installation(tmp_path, "d", f"sqlite:///{tmp_path / 'd.sqlite3'}")
    result = target("restore", str(evil), check=False)
    assert result.returncode != 0
    assert "不安全的路径" in result.stderr
    assert not (tmp_path / "outside.txt").exists()


@pytest.mark.django_db(transaction=True)
def test_without_pg_dump_the_backup_falls_back_to_dumpdata(
    tmp_path, settings, target_database_url, monkeypatch
):
    if connection.vendor != "postgresql":
        pytest.skip("只有 PostgreSQL 的备份需要 pg_dump；SQLite 用在线备份")
    settings.MEDIA_ROOT = tmp_path / "source-media"
    campaign = setup_campaign(year=2026)
    f.ProjectReportFactory(project__campaign=campaign, week_investment_wan=Decimal("7.50"))
    summary = io.StringIO()
    call_command("summary", "--as-of", "2026-06-15", stdout=summary)

    monkeypatch.setattr("core.backup.shutil.which", lambda name: None)
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())
    with tarfile.open(archive) as tar:
        assert "database.json" in tar.getnames()

    target = installation(tmp_path, "b", target_database_url)
    target("restore", str(archive))
    restored = json.loads(target("summary", "--as-of", "2026-06-15").stdout)
    assert restored == json.loads(summary.getvalue())
