"""三员分立: the role decides the administrator group; the audit administrator reads and
exports the audit log and nothing else; `check --deploy` warns about superusers and refuses
demo accounts."""

import io

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from audit.choices import Event
from audit.models import AuditRecord
from audit.services import record
from baidays.security.checks import no_active_superuser
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_the_role_puts_the_account_in_its_group(secadmin_user, auditor_user, staff_user):
    assert list(secadmin_user.groups.values_list("name", flat=True)) == ["安全管理员"]
    assert list(auditor_user.groups.values_list("name", flat=True)) == ["审计管理员"]
    secadmin_user.refresh_from_db()
    auditor_user.refresh_from_db()
    assert (secadmin_user.is_staff, auditor_user.is_staff) == (True, False)
    assert not staff_user.groups.exists()


def test_the_security_admin_manages_rights_but_not_the_campaign(secadmin_user):
    assert secadmin_user.has_perm("auth.change_group")
    assert secadmin_user.has_perm("baidays.change_person")
    assert secadmin_user.has_perm("axes.delete_accessattempt")
    assert not secadmin_user.has_perm("projects.change_project")
    assert not secadmin_user.has_perm("audit.view_auditrecord")


def test_the_audit_admin_may_change_nothing(auditor_user):
    permissions = auditor_user.get_all_permissions()
    assert permissions == {"audit.view_auditrecord"}


def test_a_changed_role_moves_the_account(secadmin_user):
    person = secadmin_user.person
    person.role = "staff"
    person.save()
    secadmin_user.refresh_from_db()
    assert not secadmin_user.groups.exists()
    assert not secadmin_user.is_staff


def test_the_audit_page_filters_by_user_and_event(client, auditor_user):
    record(event=Event.LOGIN, username="staff")
    record(event=Event.LOGOUT, username="staff")
    record(event=Event.LOGIN, username="leader")
    client.force_login(auditor_user, backend="django.contrib.auth.backends.ModelBackend")
    page = client.get("/security/audit/", {"username": "staff", "event": "login"})
    html = page.content.decode()
    assert "共 1 条" in html
    assert "用户：staff" in html and "用户：leader" not in html


def test_the_audit_export_is_a_workbook_of_the_filtered_records(client, auditor_user):
    record(event=Event.LOGIN, username="staff")
    record(event=Event.LOGIN, username="leader")
    client.force_login(auditor_user, backend="django.contrib.auth.backends.ModelBackend")
    response = client.get("/security/audit.xlsx", {"username": "leader"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("序号", "时间", "用户")
    assert [row[2] for row in rows[1:]] == ["leader"]
    assert AuditRecord.objects.filter(event=Event.EXPORT, username="auditor").count() == 1


def test_deploy_check_warns_while_a_superuser_is_active(admin_user):
    warnings = no_active_superuser()
    assert [w.id for w in warnings] == ["security.W001"]
    assert "admin" in warnings[0].msg
    admin_user.is_active = False
    admin_user.save()
    assert no_active_superuser() == []


def test_deploy_check_refuses_demo_accounts_and_the_demo_password(settings):
    from baidays.demo.checks import no_demo_accounts
    from baidays.demo.seed import create_demo_users

    assert no_demo_accounts() == []
    f.UserFactory(username="somebody")
    create_demo_users(settings.DEMO_PASSWORD)
    assert {e.id for e in no_demo_accounts()} == {"demo.E001", "demo.E002"}


def test_check_deploy_names_the_superuser(admin_user):
    from django.core.management.base import SystemCheckError

    out = io.StringIO()
    try:
        call_command("check", "--deploy", stdout=out, stderr=out)
    except SystemCheckError as exc:  # other deploy settings of the test run may be errors
        out.write(str(exc))
    assert "security.W001" in out.getvalue()


def _editable(client, user):
    html = client.get(f"/admin/auth/user/{user.pk}/change/").content.decode()
    return {name for name in ("is_superuser", "groups", "is_staff") if f'name="{name}"' in html}


def test_only_the_security_admin_gives_rights_and_nobody_makes_a_superuser(
    client, secadmin_user, staff_user
):
    from django.contrib.auth.models import Group

    client.force_login(secadmin_user, backend="django.contrib.auth.backends.ModelBackend")
    assert _editable(client, staff_user) == {"groups", "is_staff"}
    system_admin = f.UserFactory(username="sysadmin", is_staff=True)
    system_admin.groups.add(Group.objects.get(name="系统管理员"))
    client.force_login(system_admin, backend="django.contrib.auth.backends.ModelBackend")
    assert _editable(client, staff_user) == set()
