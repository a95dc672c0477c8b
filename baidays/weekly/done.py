"""Marking a plan item (议定事项, 电力项目, 规划节点, 阶段任务) in progress or done, with the
completion date and an evidence file."""

from django.core.exceptions import ValidationError
from django.utils import timezone

from core.access import require_item_writer
from core.choices import CompletionStatus
from core.locking import save_versioned
from core.registry import COMPLETABLE_KINDS
from core.uploads import validate_evidence_upload


class MarkableKinds:
    """The registered completable kinds staff mark done on the mark-done page
    (core.registry.COMPLETABLE_KINDS with `markable`), by URL key."""

    def get(self, key):
        kind = COMPLETABLE_KINDS.get(key)
        return kind if kind is not None and kind.markable else None


DONE_KINDS = MarkableKinds()


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
