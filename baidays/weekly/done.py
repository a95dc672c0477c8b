"""Marking a plan item (议定事项, 电力项目, 规划节点, 阶段任务) in progress or done, with the
completion date and an evidence file."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils import timezone

from core.access import require_item_writer
from core.choices import CompletionStatus
from core.locking import save_versioned
from core.models import PhaseTask
from core.uploads import validate_evidence_upload
from plans.models import Milestone
from topics.models import Decision, PowerItem


@dataclass(frozen=True)
class DoneKind:
    key: str
    label: str
    model: type
    department_field: str
    related: tuple

    def title_of(self, item):
        return getattr(item, "content", None) or getattr(item, "title", None) or item.name

    def queryset(self):
        return self.model.objects.select_related(self.department_field, *self.related)


DONE_KINDS = {
    kind.key: kind
    for kind in (
        DoneKind("decision", "议定事项", Decision, "responsible_department", ("meeting",)),
        DoneKind("power", "电力建设事项", PowerItem, "responsible_department", ()),
        DoneKind("milestone", "规划节点", Milestone, "lead_department", ("plan",)),
        DoneKind("task", "阶段任务", PhaseTask, "responsible_department", ("phase",)),
    )
}


def mark_progress(*, user, kind, item, version, status, completed_on, result, evidence=None):
    """Save the item's status; done needs a date (not in the future) and an evidence file,
    either uploaded now or already on the item."""
    require_item_writer(user)
    done = status == CompletionStatus.DONE
    errors = {}
    if done and completed_on is None:
        errors["completed_on"] = "标记为已完成时请填写完成日期"
    if completed_on and completed_on > timezone.localdate():
        errors["completed_on"] = "完成日期不能晚于今天"
    if done and evidence is None and not item.evidence:
        errors["evidence"] = "标记为已完成时请上传佐证材料（文件、照片或扫描件）"
    if evidence is not None:
        try:
            validate_evidence_upload(evidence)
        except ValidationError as exc:
            errors["evidence"] = exc.messages[0]
    if errors:
        raise ValidationError(errors)
    changes = {
        "status": status,
        "completed_on": completed_on if done else None,
        "result": result,
    }
    if evidence is not None:
        changes["evidence"] = evidence
    return save_versioned(
        kind.model.objects.all(),
        item.pk,
        expected_version=version,
        changes=changes,
        user=user,
        reason=f"{kind.label}进展",
    )
