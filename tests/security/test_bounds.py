"""Every number and text has a bound the form states, the same on SQLite and PostgreSQL
(issue 14, item 8): 序号 10¹² imported on SQLite and failed on PostgreSQL with "integer out of
range", leads_count=99999 passed one database and not the other, a 1 MB 存在问题 was stored.
Run this file on both: DATABASE_URL=postgres://… pytest tests/security/test_bounds.py."""

from io import StringIO

import pytest
from django.apps import apps
from django.contrib.admin.sites import site
from django.core.management import CommandError, call_command
from django.core.validators import MaxLengthValidator, MaxValueValidator
from django.db import models
from django.forms.models import model_to_dict
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from core.bounds import COUNT_MAX, SEQ_MAX, TEXT_MAX
from enterprises.models import PromotionEvent
from projects.models import Project, ProjectReport
from tests.annex_workbooks import annex1_file, annex1_row
from tests.baidays.weekly.support import batch_post, project_for, running_campaign
from tests.factories import CampaignFactory

OUR_APPS = {
    "baidays",
    "projects",
    "enterprises",
    "topics",
    "plans",
    "supervision",
    "schedules",
    "weekly",
    "excel",
    "notify",
}
# written by the portal itself, never typed: optimistic-lock versions, counters, generic ids,
# delivery bookkeeping and the bodies of generated messages
SYSTEM_FIELDS = {
    "version",
    "counter",
    "campaign_pk",  # CampaignGeneration: written by the triggers, never typed
    "object_id",
    "attempts",
    "messages_count",
    "body",
    "last_error",
    "error",
}
# the largest value each integer column holds on PostgreSQL
PG_RANGE = {
    "PositiveSmallIntegerField": 32767,
    "PositiveIntegerField": 2147483647,
    "SmallIntegerField": 32767,
    "IntegerField": 2147483647,
}


def typed_fields():
    for model in apps.get_models():
        if model._meta.app_label not in OUR_APPS or model.__name__.startswith("Historical"):
            continue
        for field in model._meta.concrete_fields:
            if field.name in SYSTEM_FIELDS or field.is_relation or field.choices:
                continue
            yield model, field


def test_every_typed_number_has_a_bound_below_the_postgresql_column():
    unbounded = []
    for model, field in typed_fields():
        if not isinstance(field, models.IntegerField) or isinstance(field, models.AutoField):
            continue
        limits = [v.limit_value for v in field._validators if isinstance(v, MaxValueValidator)]
        if not limits or min(limits) > PG_RANGE[field.get_internal_type()]:
            unbounded.append(f"{model._meta.label}.{field.name}")
    assert unbounded == []


def test_every_text_field_has_a_length_the_model_checks():
    unbounded = [
        f"{model._meta.label}.{field.name}"
        for model, field in typed_fields()
        if isinstance(field, models.TextField)
        and not (
            field.max_length and any(isinstance(v, MaxLengthValidator) for v in field._validators)
        )
    ]
    assert unbounded == []


@pytest.mark.django_db
def test_a_seq_of_ten_to_the_twelve_is_refused_by_row_and_column(tmp_path):
    CampaignFactory(slug="c2026")
    path = annex1_file(tmp_path / "a.xlsx", [annex1_row(1), annex1_row(10**12, "东一路")])
    errors = StringIO()
    with pytest.raises(CommandError, match="1 处错误"):
        call_command("import_annex", "1", str(path), "--campaign", "c2026", stderr=errors)
    assert f"第 6 行“序号”列：序号应为 1 至 {SEQ_MAX} 的整数" in errors.getvalue()
    assert not Project.objects.exists()


@pytest.mark.django_db
def test_the_admin_refuses_a_seq_beyond_the_bound_and_states_it(admin_user, department):
    project = project_for(running_campaign(), department)
    request = RequestFactory().get(f"/admin/projects/project/{project.pk}/change/")
    request.user = admin_user
    form_class = site._registry[Project].get_form(request, project)
    assert form_class.base_fields["seq"].help_text == f"1 至 {SEQ_MAX}"
    data = {
        name: value
        for name, value in model_to_dict(project).items()
        if name in form_class.base_fields and value is not None
    }
    form = form_class(data={**data, "seq": str(10**12)}, instance=project)
    assert not form.is_valid()
    assert form.errors["seq"] == [f"确保该值小于或等于{SEQ_MAX}。"]


@pytest.mark.django_db
def test_leads_count_99999_is_refused_in_chinese_on_every_database(staff_client):
    running_campaign()
    url = reverse("enterprises:promotions")
    data = {"title": "长三角推介会", "held_on": timezone.localdate(), "place": "杭州"}
    page = staff_client.get(url).content.decode()
    assert f"0 至 {COUNT_MAX}" in page  # the form states the bound
    response = staff_client.post(url, {**data, "leads_count": "99999"})
    assert response.status_code == 400
    assert f"确保该值小于或等于{COUNT_MAX}。" in response.content.decode()
    assert not PromotionEvent.objects.exists()


@pytest.mark.django_db
def test_a_megabyte_of_problems_is_refused_and_the_form_states_the_length(staff_client, department):
    project = project_for(running_campaign(), department)
    row = {"week_investment_wan": "1", "percent_complete": "10", "problems": "问" * 1_000_000}
    response = staff_client.post(
        reverse("weekly:batch"), batch_post([(f"project-{project.pk}", 0, row)])
    )
    assert response.status_code == 400
    assert f"确保该变量包含不超过 {TEXT_MAX} 字符 (目前字符数 1000000)" in response.content.decode()
    assert not ProjectReport.objects.exists()
    assert f'maxlength="{TEXT_MAX}"' in staff_client.get(reverse("weekly:batch")).content.decode()
