"""Writes of the dashboards: a leader's 批示 on a tracked item."""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from ..access import require_leader_or_admin
from ..models import Instruction


@transaction.atomic
def create_instruction(*, author, item, text):
    require_leader_or_admin(author)
    instruction = Instruction(
        content_type=ContentType.objects.get_for_model(item),
        object_id=item.pk,
        author=author,
        text=text.strip(),
    )
    instruction.full_clean()
    instruction.save()
    return instruction
