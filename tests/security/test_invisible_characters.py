"""Invisible and bidi control characters are refused in names, so no look-alike of another
project, enterprise, unit or person can be stored (issue 14, item 14). Refused, not stripped:
the message says which character and where."""

from io import StringIO

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from hypothesis import given
from hypothesis import strategies as st

from core.validators import INVISIBLE_CHARACTERS, validate_visible_name
from projects.models import Project
from tests import factories as f
from tests.annex_workbooks import annex1_file, annex1_row

CONTROLS = [
    *map(chr, range(0x200B, 0x2010)),
    *map(chr, range(0x202A, 0x202F)),
    *map(chr, range(0x2066, 0x206A)),
    "\ufeff",
]
NAME_FIELDS = [
    ("baidays.Department", "name"),
    ("baidays.Department", "short_name"),
    ("baidays.Person", "name"),
    ("baidays.Campaign", "name"),
    ("baidays.Phase", "name"),
    ("baidays.PhaseTask", "title"),
    ("projects.Project", "name"),
    ("projects.Project", "owner_name"),
    ("enterprises.Enterprise", "name"),
    ("enterprises.CompetitionEntry", "project_name"),
    ("enterprises.Problem", "title"),
    ("enterprises.PromotionEvent", "title"),
    ("topics.TopicMeeting", "title"),
    ("topics.TopicMeeting", "chair"),
    ("topics.TopicTarget", "title"),
    ("topics.PowerItem", "name"),
    ("plans.Plan", "name"),
    ("plans.Milestone", "title"),
]


@given(
    before=st.text(alphabet="园区道路工程AB12", max_size=8),
    control=st.sampled_from(CONTROLS),
    after=st.text(alphabet="园区道路工程AB12", max_size=8),
)
def test_every_control_character_anywhere_in_a_name_is_refused(before, control, after):
    with pytest.raises(ValidationError) as caught:
        validate_visible_name(before + control + after)
    assert f"第 {len(before) + 1} 个字符" in caught.value.messages[0]
    assert f"U+{ord(control):04X}" in caught.value.messages[0]


def test_ordinary_chinese_names_pass():
    for name in ["纬二路道路工程", "浙江 华远 (集团) 有限公司", "王建国", "1号地块·二期", "Ａ区"]:
        validate_visible_name(name)
    assert not INVISIBLE_CHARACTERS.search("\u200a\u2010\u2065\u206a")  # the neighbours pass


@pytest.mark.parametrize(("label", "name"), NAME_FIELDS)
def test_every_name_field_carries_the_validator(label, name):
    field = apps.get_model(label)._meta.get_field(name)
    assert validate_visible_name in field.validators


@pytest.mark.django_db
def test_a_look_alike_project_name_is_refused_by_the_model():
    project = f.ProjectFactory.build(
        campaign=f.CampaignFactory(), responsible_department=f.DepartmentFactory()
    )
    project.name = "纬二路\u200b道路工程"
    with pytest.raises(ValidationError) as caught:
        project.full_clean()
    assert "U+200B" in str(caught.value.message_dict["name"])


@pytest.mark.django_db
def test_the_annex_import_refuses_a_reversed_name_by_row_and_column(tmp_path):
    f.CampaignFactory(slug="c2026")
    rows = [annex1_row(1, "纬二路\u202e程工路道")]
    errors = StringIO()
    with pytest.raises(CommandError):
        call_command(
            "import_annex",
            *("1", str(annex1_file(tmp_path / "a.xlsx", rows)), "--campaign", "c2026"),
            stderr=errors,
        )
    assert "第 5 行“项目名称”列：名称中第 4 个字符是不可见字符或文字方向控制字符（U+202E）" in (
        errors.getvalue()
    )
    assert not Project.objects.exists()
