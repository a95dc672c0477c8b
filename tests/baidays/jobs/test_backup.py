"""The daily backup as a periodic job (issue 13, item 6): once a day from BACKUP_HOUR into
BACKUP_DIR (off when unset), the newest BACKUP_KEEP archives kept, one run a day however many
workers tick — the reminders' unique-row mechanism (DailyJobRun)."""

import datetime
import io
import json
import tarfile

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from baidays.jobs.backup import archives_in, run_daily_backup
from baidays.jobs.periodic import run_periodic_jobs
from baidays.notify.models import DailyJobRun
from tests import factories as f

pytestmark = pytest.mark.django_db(transaction=True)  # the backup reads the committed database


def at(day, hour, minute=0):
    return timezone.make_aware(datetime.datetime(2026, 6, day, hour, minute))


@pytest.fixture
def backup_dir(settings, tmp_path):
    settings.BACKUP_DIR = str(tmp_path / "backups")
    settings.BACKUP_HOUR = 2
    settings.BACKUP_KEEP = 30
    settings.MEDIA_ROOT = tmp_path / "media"
    return tmp_path / "backups"


def test_no_backup_when_the_folder_is_unset(settings, tmp_path):
    settings.BACKUP_DIR = ""
    assert run_daily_backup(at(15, 3)) is None
    assert run_periodic_jobs(at(15, 3))["backup"] == ""
    assert not DailyJobRun.objects.exists()


def test_one_backup_a_day_from_the_configured_hour(backup_dir):
    f.DepartmentFactory(name="园区建设科")
    assert run_daily_backup(at(15, 1, 59)) is None  # before BACKUP_HOUR
    run = run_daily_backup(at(15, 2, 0))
    assert run.ok and "已备份到" in run.result
    assert [p.name for p in archives_in(backup_dir)] == ["baidays-2026-06-15.tar.gz"]
    with tarfile.open(archives_in(backup_dir)[0]) as archive:
        manifest = json.load(archive.extractfile("manifest.json"))
    assert manifest["rows"]["baidays.department"] == 1
    # every later tick of the day, on this worker or another, finds the day's row taken
    for minute in (1, 2, 30):
        assert run_daily_backup(at(15, 2, minute)) is None
    assert run_daily_backup(at(15, 23, 59)) is None
    assert DailyJobRun.objects.count() == 1
    assert run_daily_backup(at(16, 2, 5)).day == datetime.date(2026, 6, 16)
    assert len(archives_in(backup_dir)) == 2


def test_only_the_newest_archives_are_kept(backup_dir, settings):
    settings.BACKUP_KEEP = 3
    backup_dir.mkdir()
    for day in range(10, 15):
        (backup_dir / f"baidays-2026-06-{day}.tar.gz").write_bytes(b"old")
    (backup_dir / "notes.txt").write_text("not an archive")
    run = run_daily_backup(at(15, 4))
    assert "删除旧备份 3 个" in run.result
    assert [p.name for p in archives_in(backup_dir)] == [
        "baidays-2026-06-13.tar.gz",
        "baidays-2026-06-14.tar.gz",
        "baidays-2026-06-15.tar.gz",
    ]
    assert (backup_dir / "notes.txt").exists()


def test_a_failed_backup_is_recorded_and_not_retried_every_minute(backup_dir):
    backup_dir.parent.mkdir(exist_ok=True)
    backup_dir.write_text("a file where the folder should be")
    run = run_daily_backup(at(15, 3))
    assert run.ok is False and "备份失败" in run.result
    assert run_daily_backup(at(15, 3, 1)) is None


def test_the_embedded_worker_runs_the_backup(backup_dir):
    out = io.StringIO()
    with time_machine.travel(at(15, 2, 30), tick=False):
        call_command("run_worker", "--once", stdout=out)
    assert "已备份到" in out.getvalue()
    assert len(archives_in(backup_dir)) == 1
