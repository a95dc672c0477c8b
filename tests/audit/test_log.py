"""The audit log itself: a hash chain, append-only at the database (SQLite here; PostgreSQL
when the suite runs with DATABASE_URL=postgres://…), purged only by its command, checked by
`verify_audit_log`, and a write that fails is never silent."""

import datetime
import json
import logging
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from audit.choices import Event, Outcome
from audit.models import GENESIS_HASH, AuditRecord, PurgePermit
from audit.services import AuditUnavailable, first_break, hash_of, purge_expired, record
from audit.triggers import drop_triggers, install_triggers

pytestmark = pytest.mark.django_db

UTC = datetime.UTC


def _three():
    return [record(event=Event.LOGIN, username=f"user{n}", target=f"user{n}") for n in range(3)]


def _last_hash():
    """`migrate` itself is recorded (the administrator groups' rights), so a test's records
    follow those."""
    last = AuditRecord.objects.order_by("-id").first()
    return last.record_hash if last else GENESIS_HASH


def test_each_record_carries_the_hash_of_the_one_before():
    before = _last_hash()
    first, second, third = _three()
    assert first.previous_hash == before
    assert second.previous_hash == first.record_hash
    assert third.previous_hash == second.record_hash
    stored = AuditRecord.objects.get(pk=second.pk)
    assert hash_of(stored) == stored.record_hash
    assert first_break() is None


def test_update_is_refused_by_the_database():
    entry = record(event=Event.LOGIN, username="staff")
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditRecord.objects.filter(pk=entry.pk).update(outcome=Outcome.FAILURE)
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditrecord SET username = 'x'")
    assert AuditRecord.objects.get(pk=entry.pk).outcome == Outcome.SUCCESS


def test_delete_is_refused_by_the_database():
    entry = record(event=Event.LOGIN, username="staff")
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditRecord.objects.filter(pk=entry.pk).delete()
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditrecord")
    assert AuditRecord.objects.filter(pk=entry.pk).exists()


def _tamper(sql, params):
    """What someone with the database's owner rights could do: drop the triggers, write."""
    drop_triggers()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
    install_triggers()


def test_verify_names_the_record_changed_in_the_database():
    _, second, _ = _three()
    _tamper("UPDATE audit_auditrecord SET username = %s WHERE id = %s", ["mallory", second.pk])
    with pytest.raises(CommandError) as refused:
        call_command("verify_audit_log")
    assert f"第 {second.pk} 条" in str(refused.value)
    assert "被修改" in str(refused.value)
    assert refused.value.returncode == 1


def test_verify_names_the_record_after_one_deleted_in_the_database():
    _, second, third = _three()
    _tamper("DELETE FROM audit_auditrecord WHERE id = %s", [second.pk])
    with pytest.raises(CommandError) as refused:
        call_command("verify_audit_log")
    assert f"第 {third.pk} 条" in str(refused.value)


def test_verify_exits_0_when_whole():
    _three()
    out = StringIO()
    call_command("verify_audit_log", stdout=out)
    assert f"共 {AuditRecord.objects.count()} 条记录" in out.getvalue()
    assert AuditRecord.objects.count() >= 3


def _recorded_at(at, username):
    """A record written at `at` (the clock is moved with time_machine)."""
    import time_machine

    with time_machine.travel(at, tick=False):
        return record(event=Event.LOGIN, username=username)


def test_purge_deletes_only_records_older_than_the_retention_and_records_itself(settings):
    settings.AUDIT_RETENTION_DAYS = 200
    # later than every record made so far (migrate's), so the purge takes a prefix of the log
    now = timezone.now() + datetime.timedelta(days=400)
    old = _recorded_at(now - datetime.timedelta(days=201), "old")
    kept = _recorded_at(now - datetime.timedelta(days=199), "recent")
    expired = AuditRecord.objects.filter(pk__lte=old.pk).count()
    deleted = purge_expired(now=now)
    assert deleted == expired
    assert list(AuditRecord.objects.values_list("username", flat=True)[:1]) == ["recent"]
    purge = AuditRecord.objects.get(event=Event.AUDIT_PURGE)
    assert purge.details["deleted"] == deleted
    assert purge.details["anchor"] == kept.previous_hash
    assert not PurgePermit.objects.exists()
    assert first_break() is None  # the chain is checked from the purge's anchor on


def test_retention_is_never_below_180_days(settings):
    settings.AUDIT_RETENTION_DAYS = 30
    now = timezone.now() + datetime.timedelta(days=400)
    _recorded_at(now - datetime.timedelta(days=100), "kept")
    _recorded_at(now - datetime.timedelta(days=181), "old")
    purge_expired(now=now)
    assert AuditRecord.objects.filter(username="kept").exists()
    assert not AuditRecord.objects.filter(username="old").exists()


def test_the_purge_command_records_itself():
    out = StringIO()
    call_command("purge_audit_log", stdout=out)
    assert "已清理 0 条" in out.getvalue()
    assert AuditRecord.objects.order_by("-id").first().event == Event.AUDIT_PURGE


def test_a_permit_left_in_the_table_is_removed_after_migrate():
    PurgePermit.objects.create(before=datetime.datetime(2100, 1, 1, tzinfo=UTC))
    install_triggers()
    assert not PurgePermit.objects.exists()


def test_a_record_that_cannot_be_written_is_logged_and_raised(monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise DatabaseError("disk I/O error")

    monkeypatch.setattr(AuditRecord, "save", broken)
    with caplog.at_level(logging.ERROR, logger="audit"), pytest.raises(AuditUnavailable):
        record(event=Event.LOGIN, username="staff")
    assert "安全审计日志写入失败" in caplog.text


def test_a_request_whose_record_fails_ends_with_a_503(monkeypatch, client, staff_user):
    def broken(*args, **kwargs):
        raise DatabaseError("disk I/O error")

    monkeypatch.setattr(AuditRecord, "save", broken)
    response = client.post(
        "/accounts/login/", {"username": "staff", "password": "test-password-123"}
    )
    assert response.status_code == 503
    assert "安全审计日志无法写入" in response.content.decode()


def test_audit_log_command_filters_and_prints_json():
    import time_machine

    with time_machine.travel(datetime.datetime(2027, 1, 5, 3, tzinfo=UTC), tick=False):
        record(event=Event.LOGIN, username="staff")
        record(event=Event.LOGOUT, username="staff")
    with time_machine.travel(datetime.datetime(2027, 1, 9, 3, tzinfo=UTC), tick=False):
        record(event=Event.LOGIN, username="leader")
    out = StringIO()
    call_command(
        "audit_log", "--since", "2027-01-05", "--until", "2027-01-05", "--json", stdout=out
    )
    assert [r["event"] for r in json.loads(out.getvalue())] == ["login", "logout"]
    out = StringIO()
    call_command("audit_log", "--user", "leader", "--event", "login", stdout=out)
    assert out.getvalue().count("\n") == 1 and "leader" in out.getvalue()
    with pytest.raises(CommandError, match="日期“2027-13-01”无效"):
        call_command("audit_log", "--since", "2027-13-01")
    with pytest.raises(CommandError, match="事件“nope”无效"):
        call_command("audit_log", "--event", "nope")
