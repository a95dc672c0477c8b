"""Issue 22 #14: a schedule node's text refuses U+202E and the other invisible or bidi control
characters that names already refuse (the same validator)."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from supervision.schedules.services import save_node
from tests.baidays.weekly.support import project_for, running_campaign

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("planted", ["\u202e", "\u200b", "\u2066", "\ufeff"])
def test_a_schedule_node_text_refuses_bidi_and_invisible_characters(department, planted):
    project = project_for(running_campaign(), department)
    with pytest.raises(ValidationError) as refused:
        save_node(item=project, text=f"主体{planted}封顶", planned_on=timezone.localdate())
    assert "不可见字符或文字方向控制字符" in str(refused.value.message_dict["text"])
    assert not project.schedule_nodes.exists()
