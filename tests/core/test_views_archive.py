"""Nothing is hard-deleted by staff: deleting is archiving, admins restore."""

from decimal import Decimal

import pytest
from django.apps import apps
from django.contrib.admin import site
from django.core.exceptions import ValidationError

from core.admin_site import PortalRulesMixin
from core.choices import Role
from core.views import archivable_models
from enterprises.models import CompetitionEntry, KeyEnterprise, Problem
from projects.models import Project
from tests import factories as f

pytestmark = pytest.mark.django_db

ITEMS = [
    ("project", f.ProjectFactory),
    ("competition-entry", f.CompetitionEntryFactory),
    ("key-enterprise", f.KeyEnterpriseFactory),
    ("problem", f.ProblemFactory),
]


def test_every_model_with_an_archive_flag_can_be_archived_through_a_view():
    archivable = {
        m._meta.label
        for m in apps.get_models()
        if any(field.name == "is_archived" for field in m._meta.fields)
        and not m.__name__.startswith("Historical")
    }
    assert archivable == {model._meta.label for model in archivable_models().values()}


@pytest.mark.parametrize(("kind", "factory"), ITEMS)
def test_staff_archive_their_own_departments_item(staff_client, department, kind, factory):
    item = factory(responsible_department=department)
    response = staff_client.post(f"/archive/{kind}/{item.pk}/", {"next": "/"})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.is_archived
    assert type(item).objects.filter(pk=item.pk).exists()  # kept, not deleted


@pytest.mark.parametrize(("kind", "factory"), ITEMS)
def test_staff_get_404_for_another_departments_item(other_staff_client, department, kind, factory):
    item = factory(responsible_department=department)
    assert other_staff_client.post(f"/archive/{kind}/{item.pk}/").status_code == 404
    item.refresh_from_db()
    assert not item.is_archived


def test_leaders_may_not_archive(leader_client, department):
    project = f.ProjectFactory(responsible_department=department)
    assert leader_client.post(f"/archive/project/{project.pk}/").status_code == 403
    project.refresh_from_db()
    assert not project.is_archived


def test_archive_is_post_only(staff_client, department):
    project = f.ProjectFactory(responsible_department=department)
    assert staff_client.get(f"/archive/project/{project.pk}/").status_code == 405


def test_unknown_kind_is_404(admin_client):
    assert admin_client.post("/archive/user/1/").status_code == 404


def test_archive_does_not_redirect_off_site(staff_client, department):
    project = f.ProjectFactory(responsible_department=department)
    response = staff_client.post(
        f"/archive/project/{project.pk}/", {"next": "https://evil.example.com/"}
    )
    assert response["Location"] == "/"


def test_only_admins_restore(admin_client, staff_client, leader_client, department):
    project = f.ProjectFactory(responsible_department=department, is_archived=True)
    assert staff_client.post(f"/restore/project/{project.pk}/").status_code == 403
    assert leader_client.post(f"/restore/project/{project.pk}/").status_code == 403
    assert admin_client.post(f"/restore/project/{project.pk}/").status_code == 302
    project.refresh_from_db()
    assert not project.is_archived


def test_admin_restores_with_the_admin_action(admin_client, department):
    problems = [f.ProblemFactory(responsible_department=department, is_archived=True) for _ in "ab"]
    response = admin_client.post(
        "/admin/enterprises/problem/",
        {"action": "restore_selected", "_selected_action": [p.pk for p in problems]},
        follow=True,
    )
    assert "已恢复 2 项" in response.content.decode()
    assert not Problem.objects.filter(is_archived=True).exists()


def test_admin_archive_action_and_filter(admin_client, department):
    entry = f.CompetitionEntryFactory(responsible_department=department)
    admin_client.post(
        "/admin/enterprises/competitionentry/",
        {"action": "archive_selected", "_selected_action": [entry.pk]},
    )
    assert CompetitionEntry.objects.get().is_archived
    listing = admin_client.get("/admin/enterprises/competitionentry/?is_archived__exact=1")
    assert entry.project_name in listing.content.decode()


def test_every_registered_admin_carries_the_portal_rules():
    assert site._registry
    assert all(isinstance(ma, PortalRulesMixin) for ma in site._registry.values())
    assert "restore_selected" in {
        name for _, name, _ in site._registry[Project]._get_base_actions()
    }


def test_non_superuser_admin_staff_cannot_delete_in_the_admin(db, department):
    from django.contrib.auth.models import Permission
    from django.test import Client

    clerk = f.UserFactory(username="clerk", is_staff=True)
    clerk.user_permissions.set(
        Permission.objects.filter(content_type__app_label="enterprises", codename__contains="key")
    )
    # 三员分立: the admin opens to the 系统管理员 role (baidays.security.admin_roles), who is
    # no superuser
    f.PersonFactory(user=clerk, department=department, role=Role.ADMIN)
    client = Client()
    client.force_login(clerk, backend="django.contrib.auth.backends.ModelBackend")
    enterprise = f.KeyEnterpriseFactory(responsible_department=department)
    assert (
        client.get(f"/admin/enterprises/keyenterprise/{enterprise.pk}/change/").status_code == 200
    )
    assert (
        client.get(f"/admin/enterprises/keyenterprise/{enterprise.pk}/delete/").status_code == 403
    )
    listing = client.get("/admin/enterprises/keyenterprise/").content.decode()
    assert "delete_selected" not in listing
    assert KeyEnterprise.objects.filter(pk=enterprise.pk).exists()


def test_superusers_keep_the_delete_page(admin_client, department):
    enterprise = f.KeyEnterpriseFactory(responsible_department=department)
    page = admin_client.get(f"/admin/enterprises/keyenterprise/{enterprise.pk}/delete/")
    assert page.status_code == 200


def test_an_archived_project_leaves_the_totals_and_returns_when_restored(
    staff_client, admin_client, department
):
    campaign = f.CampaignFactory(slug="2026")
    project = f.ProjectFactory(campaign=campaign, responsible_department=department)
    f.ProjectReportFactory(project=project, week_investment_wan=Decimal("88.00"))

    def completed():
        summary = staff_client.get("/api/summary/", {"as_of": "2026-06-15"}).json()
        return summary["infrastructure"]["completed_wan"]

    assert completed() == "88.00"
    staff_client.post(f"/archive/project/{project.pk}/")
    assert completed() == "0.00"
    admin_client.post(f"/restore/project/{project.pk}/")
    assert completed() == "88.00"


def test_admin_uploads_get_the_portal_upload_checks(admin_user, rf):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from core.models import PhaseTask

    request = rf.get("/admin/")
    request.user = admin_user
    form_class = site._registry[PhaseTask].get_form(request)
    form = form_class(files={"evidence": SimpleUploadedFile("页面.html", b"<script>x</script>")})
    form.is_valid()
    assert "不允许上传" in str(form.errors["evidence"])

    inline = site._registry[Project].get_inline_instances(request)
    photo_formset = next(i for i in inline if i.model.__name__ == "ProjectPhoto")
    image_field = photo_formset.get_formset(request).form.base_fields["image"]
    fake = SimpleUploadedFile("现场.jpg", b"<html>not an image</html>")
    with pytest.raises(ValidationError, match="不是有效的图片"):
        image_field.run_validators(fake)
