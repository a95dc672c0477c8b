"""The two kinds of item that get a weekly progress report: 附件1/3 projects and 附件2 争先杯
entries. Code that works on "a tracked item" looks its model, report model and photo model up
here instead of branching on the kind."""

from dataclasses import dataclass

from django.db import models

from core.parsing import parse_int
from enterprises.models import CompetitionEntry, EntryPhoto, EntryReport
from projects.models import Project, ProjectPhoto, ProjectReport


@dataclass(frozen=True)
class TrackedKind:
    key: str
    label: str
    model: type[models.Model]
    report_model: type[models.Model]
    photo_model: type[models.Model]
    item_field: str  # the report's / photo's foreign key to the item
    detail_url_name: str
    photo_url_name: str  # the upload; the photo files live below it (item_urls.py)
    instruct_url_name: str
    schedule_url_name: str  # the 进度计划 editor's weeks; its nodes at schedule_nodes_url_name
    schedule_nodes_url_name: str

    def items(self, campaign):
        return self.model.objects.active().filter(campaign=campaign)


PROJECT = TrackedKind(
    key="project",
    label="项目",
    model=Project,
    report_model=ProjectReport,
    photo_model=ProjectPhoto,
    item_field="project",
    detail_url_name="projects:detail",
    photo_url_name="projects:photo-upload",
    instruct_url_name="projects:instruct",
    schedule_url_name="projects:schedule",
    schedule_nodes_url_name="projects:schedule-nodes",
)
ENTRY = TrackedKind(
    key="entry",
    label="争先杯项目",
    model=CompetitionEntry,
    report_model=EntryReport,
    photo_model=EntryPhoto,
    item_field="entry",
    detail_url_name="enterprises:entry-detail",
    photo_url_name="enterprises:entry-photo",
    instruct_url_name="enterprises:entry-instruct",
    schedule_url_name="enterprises:entry-schedule",
    schedule_nodes_url_name="enterprises:entry-schedule-nodes",
)
KINDS = {kind.key: kind for kind in (PROJECT, ENTRY)}


def row_key(kind, item):
    return f"{kind.key}-{item.pk}"


def parse_row_key(key):
    """ "project-12" → (PROJECT, 12); None for anything else."""
    kind_key, _, raw_pk = (key or "").partition("-")
    kind = KINDS.get(kind_key)
    if kind is None:
        return None
    return kind, parse_int(raw_pk, label="事项编号")
