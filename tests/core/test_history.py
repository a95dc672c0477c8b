"""Each item's change log (who changed which field from what to what, when) and the admin's
restore of an earlier version."""

from decimal import Decimal

import pytest
from django.template import Context, Template

from core.history import change_history
from projects.models import Project
from tests import factories as f

pytestmark = pytest.mark.django_db


def edit(item, user, **changes):
    for name, value in changes.items():
        setattr(item, name, value)
    item._history_user = user
    item.save()


def test_history_lists_each_change_with_old_and_new_values(staff_user, department):
    project = f.ProjectFactory(name="一号路", responsible_department=department)
    other = f.DepartmentFactory(name="园区电力办")
    edit(project, staff_user, name="一号路（东段）", planned_investment_wan=Decimal("120.50"))
    edit(project, staff_user, responsible_department=other)

    newest, middle, created = change_history(project)
    assert created.action == "创建"
    assert middle.who == "staff"
    assert {(c.label, c.old, c.new) for c in middle.changes} == {
        ("项目名称", "一号路", "一号路（东段）"),
        ("百日计划投资（万元）", "100.00", "120.50"),
    }
    assert [(c.old, c.new) for c in newest.changes] == [("园区建设科", "园区电力办")]


def test_history_reads_in_a_fixed_number_of_queries(
    staff_user, department, django_assert_max_num_queries
):
    project = f.ProjectFactory(responsible_department=department)
    for week in range(10):
        edit(
            project,
            staff_user,
            milestone_target=f"第{week}周目标",
            responsible_department=department,
        )
    with django_assert_max_num_queries(2):
        entries = change_history(project)
    assert len(entries) == 11


def test_the_include_renders_and_escapes_every_value(staff_user, department):
    project = f.ProjectFactory(name="旧名", responsible_department=department)
    edit(project, staff_user, name="<script>alert(1)</script>")
    html = Template("{% load history_tags %}{% change_history item %}").render(
        Context({"item": project})
    )
    assert "修改记录" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert" not in html


def test_archiving_shows_up_with_its_reason(staff_client, department):
    project = f.ProjectFactory(responsible_department=department)
    staff_client.post(f"/archive/project/{project.pk}/")
    latest = change_history(project)[0]
    assert latest.reason == "归档"
    assert [(c.label, c.old, c.new) for c in latest.changes] == [("已归档", "否", "是")]


def test_admin_restores_an_earlier_version_from_the_admin_history(admin_client, department):
    project = f.ProjectFactory(name="原名称", responsible_department=department)
    original = project.history.earliest()
    project.name = "被改错的名称"
    project.save()

    url = f"/admin/projects/project/{project.pk}/history/{original.history_id}/"
    page = admin_client.get(url)
    assert page.status_code == 200
    form = page.context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and not hasattr(value, "all")
    }
    for prefix in ("reports", "photos"):
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    response = admin_client.post(url, data)
    assert response.status_code == 302, page.context["adminform"].form.errors
    project.refresh_from_db()
    assert project.name == "原名称"
    assert Project.history.filter(id=project.pk).count() == 3
