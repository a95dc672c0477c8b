"""Every audited event writes exactly one record naming who, from where, on what and how it
ended (issue 24's list)."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.utils import timezone

from audit.choices import Event, Outcome
from audit.models import AuditRecord
from baidays.notify.outbox import deliver_pending
from tests import factories as f
from tests.annex_workbooks import annex1_file, annex1_row
from tests.factories_supervision import SupervisionFactory

pytestmark = pytest.mark.django_db

GOOD = "test-password-123"


def only(event):
    """The one record of `event` (fails when there are none or several)."""
    return AuditRecord.objects.get(event=event)


def login(client, username, password, ip="10.0.0.7"):
    return client.post(
        "/accounts/login/", {"username": username, "password": password}, REMOTE_ADDR=ip
    )


def test_a_login_records_user_address_and_success(client, staff_user):
    login(client, "staff", GOOD)
    entry = only(Event.LOGIN)
    assert (entry.username, entry.user_id, entry.address) == ("staff", staff_user.pk, "10.0.0.7")
    assert entry.outcome == Outcome.SUCCESS


def test_a_failed_login_records_the_name_tried(client, staff_user):
    login(client, "staff", "wrong-password")
    entry = only(Event.LOGIN)
    assert (entry.username, entry.user_id, entry.outcome) == ("staff", None, Outcome.FAILURE)


def test_a_logout_is_recorded(client, staff_user):
    login(client, "staff", GOOD)
    client.post("/accounts/logout/")
    assert only(Event.LOGOUT).username == "staff"


def test_a_lockout_is_recorded(client, settings, staff_user):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(client, "staff", "wrong-password")
    entry = only(Event.LOCKOUT)
    assert (entry.username, entry.address, entry.outcome) == ("staff", "10.0.0.7", "failure")


def test_a_password_change_is_recorded(staff_client):
    staff_client.post(
        "/accounts/password-change/",
        {
            "old_password": GOOD,
            "new_password1": "a-new-long-passphrase-9",
            "new_password2": "a-new-long-passphrase-9",
        },
    )
    entry = only(Event.PASSWORD_CHANGE)
    assert (entry.username, entry.target, entry.details["by"]) == ("staff", "staff", "本人")


def test_a_password_reset_by_mail_is_recorded(client, staff_user):
    staff_user.email = "staff@example.gov.cn"
    staff_user.save()
    client.post("/accounts/password-reset/", {"email": "staff@example.gov.cn"})
    deliver_pending()  # the reset mail goes through the outbox (baidays.notify)
    link = next(line for line in mail.outbox[0].body.splitlines() if "/password-reset/" in line)
    path = link[link.index("/accounts/") :].strip()
    form = client.get(path, follow=True)
    client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "a-new-long-passphrase-9", "new_password2": "a-new-long-passphrase-9"},
    )
    assert only(Event.PASSWORD_RESET).target == "staff"
    assert not AuditRecord.objects.filter(event=Event.PASSWORD_CHANGE).exists()


def test_a_unit_added_in_the_admin_is_recorded(admin_client):
    inline = "people"
    response = admin_client.post(
        "/admin/baidays/department/add/",
        {
            "name": "园区安监办",
            "sort_order": 100,
            "is_active": "on",
            f"{inline}-TOTAL_FORMS": 0,
            f"{inline}-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 302
    entry = only(Event.UNIT_CHANGE)
    assert "园区安监办" in entry.target
    assert (entry.username, entry.details["action"]) == ("admin", "新增")


def test_permissions_given_to_a_group_are_recorded(admin_user):
    group = Group.objects.create(name="值班组")
    group.permissions.add(Permission.objects.get(codename="view_user"))
    entry = AuditRecord.objects.get(event=Event.PERMISSION_CHANGE, target__contains="值班组")
    assert entry.details["action"] == "add"


def test_a_downloaded_photo_is_recorded(settings, tmp_path, staff_client, department):
    settings.MEDIA_ROOT = tmp_path
    photo = f.ProjectPhotoFactory(project__responsible_department=department)
    assert staff_client.get(f"/media/{photo.image.name}").status_code == 200
    entry = only(Event.DOWNLOAD)
    assert (entry.username, entry.target) == ("staff", photo.image.name)


def test_a_workbook_export_is_recorded(leader_client):
    f.CampaignFactory(slug="2026")
    response = leader_client.get("/dashboards/briefing.xlsx")
    assert response.status_code == 200
    entry = only(Event.EXPORT)
    assert entry.username == "leader" and entry.target.endswith(".xlsx")


def test_an_annex_import_records_file_hash_and_counts(tmp_path, admin_user):
    import hashlib

    from baidays.excel.importing import import_annex

    campaign = f.CampaignFactory(slug="c2026")
    path = annex1_file(tmp_path / "a.xlsx", [annex1_row(1), annex1_row(2, "东一路")])
    import_annex(annex=1, source=path, campaign=campaign, user=admin_user, filename="附件1.xlsx")
    entry = only(Event.IMPORT)
    assert entry.target == "附件1.xlsx"
    assert entry.details["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
    assert (entry.details["created"], entry.details["updated"]) == (2, 0)


def test_an_annex_import_in_the_admin_is_recorded(tmp_path, admin_user):
    import hashlib

    import tablib

    from baidays.excel.project_resources import InfrastructureProjectResource

    campaign = f.CampaignFactory(slug="c2026")
    path = annex1_file(tmp_path / "a.xlsx", [annex1_row(1)])
    dataset = tablib.Dataset()
    dataset.annex_workbook = path.read_bytes()
    resource = InfrastructureProjectResource(campaign=campaign, user=admin_user)
    resource.import_data(dataset, dry_run=True)
    assert not AuditRecord.objects.filter(event=Event.IMPORT).exists()
    resource.import_data(dataset, dry_run=False)
    entry = only(Event.IMPORT)
    assert (entry.username, entry.target) == ("admin", "附件1 工作簿")
    assert entry.details["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_dry_run_import_is_not_recorded(tmp_path):
    from baidays.excel.importing import import_annex

    campaign = f.CampaignFactory(slug="c2026")
    path = annex1_file(tmp_path / "a.xlsx", [annex1_row(1)])
    import_annex(annex=1, source=path, campaign=campaign, dry_run=True)
    assert not AuditRecord.objects.filter(event=Event.IMPORT).exists()


@pytest.mark.django_db(transaction=True)
def test_a_backup_is_recorded(settings, tmp_path):
    from core.backup import create_backup

    settings.MEDIA_ROOT = tmp_path / "media"
    create_backup(tmp_path / "b.tar.gz")
    assert only(Event.BACKUP).target.endswith("b.tar.gz")


def test_a_supervision_closed_by_a_leader_is_recorded(leader_user):
    from supervision.services import close_by_leader

    supervision = SupervisionFactory()
    close_by_leader(
        supervision=supervision, user=leader_user, note="已现场核实", today=timezone.localdate()
    )
    entry = only(Event.SUPERVISION_CLOSE)
    assert (entry.username, entry.details["note"]) == ("leader", "已现场核实")
