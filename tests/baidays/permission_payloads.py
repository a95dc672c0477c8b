"""The POST bodies of the permission matrix's writes (tests/baidays/permission_matrix.py),
built from the `world` the matrix runs in."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tests import factories as f
from tests.baidays.weekly.support import (
    batch_post,
    image_upload,
    nodes_post,
    weeks_post,
)


def _today():
    return timezone.localdate().isoformat()


def _photo(world):
    return {"image": image_upload(), "caption": "现场", "taken_on": _today()}


def _batch(world):
    return batch_post(
        [
            (
                f"project-{world['project'].pk}",
                0,
                {"week_investment_wan": "5", "percent_complete": "10"},
            )
        ]
    )


def _entry_batch(name):
    def body(world):
        key = f"entry-{world[name].pk}"
        return batch_post([(key, 0, {"week_investment_wan": "5", "percent_complete": "10"})])

    return body


def _review(world):
    report = f.ProjectReportFactory(project=world["project"], report_week=1, state="pending")
    return {f"decision-project-{report.pk}": "approve"}


def _done(name):
    def body(world):
        return {
            "version": getattr(world[name], "version", 0),
            "status": "done",
            "completed_on": _today(),
            "result": "已完成",
            "evidence": SimpleUploadedFile("纪要.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf"),
        }

    return body


def _problem(world):
    return {
        "project": world["project"].pk,
        "title": "用电报装",
        "category": "power",
        "raised_on": _today(),
        "responsible_department": world["department"].pk,
    }


def _problem_progress(world):
    return {
        "version": world["problem"].version,
        "status": "in_progress",
        "responsible_department": world["department"].pk,
        "due_date": "",
        "resolution": "已对接供电公司",
    }


def _visit(world):
    return {"visited_on": _today(), "visitors": "张三", "findings": "生产正常"}


def _promotion(world):
    return {
        "title": "招商推介会",
        "held_on": _today(),
        "place": "县会展中心",
        "leads_count": "2",
        "intended_investment_wan": "1200.50",
        "responsible_department": world["department"].pk,
    }


def _land_transfer(world):
    return {"parcel": "A-01", "transferred_on": _today(), "area_mu": "10", "price_wan": "300"}


def _meeting(world):
    return {
        "topic": "land",
        "title": "土地专题会",
        "held_on": _today(),
        "chair": "刘建华",
        "decisions-TOTAL_FORMS": "1",
        "decisions-INITIAL_FORMS": "0",
        "decisions-MIN_NUM_FORMS": "1",
        "decisions-MAX_NUM_FORMS": "1000",
        "decisions-0-content": "上报用地手续",
        "decisions-0-responsible_department": world["department"].pk,
        "decisions-0-due_date": _today(),
        "decisions-0-status": "not_started",
    }


def _land_filing(world):
    return {
        "target": world["land_target"].pk,
        "filed_on": _today(),
        "description": "三期用地",
        "area_mu": "12",
    }


def _approval(world):
    return {"case": world["approval_case"].pk, "solved_on": _today()}


def _evaluation(world):
    person = world["responsible_person"].pk
    return {"person": person, f"p{person}-score": "90", f"p{person}-grade": "优秀"}


def _schedule(name):
    """The 进度计划 editor's weeks: the whole 100-day plan in week 1."""

    def body(world):
        item = world[name]
        return weeks_post(item.campaign, {1: str(item.planned_investment_wan)})

    return body


def _nodes(world):
    return nodes_post([{"text": "完成路基", "planned_on": _today()}])


def _instruction(world):
    return {"kind": "project", "object_id": world["project"].pk, "text": "加快进度", "next": "/"}


# Columns:      anonymous, no role, staff, other department's staff, leader, admin, reviewer,
#               enterprise account
