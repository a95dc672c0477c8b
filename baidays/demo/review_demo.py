"""The demo's review step: the campaign needs review, a few of the demo week's reports of
园区建设科 wait for its 审核人 and one is returned, and one 争先杯 enterprise has its own
account — so `reviewer` and `enterprise` each find their work on first login."""

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import Max

from baidays.weekly.models import ReportReview, ReviewAction, ReviewSetting
from core.choices import ReportState, Role
from core.models import Person
from enterprises.models import CompetitionEntry, EnterpriseAccount
from projects.models import ProjectReport

REVIEWED_UNIT = "园区建设科"
PENDING_COUNT = 3
RETURN_REASON = "本周完成投资与项目台账不一致，请核对后重新填报。"


def seed_review(campaign, users, password):
    ReviewSetting.objects.update_or_create(
        campaign=campaign, defaults={"reports_need_review": True}
    )
    reports = ProjectReport.objects.filter(
        project__campaign=campaign, project__responsible_department__name=REVIEWED_UNIT
    )
    week = reports.aggregate(week=Max("report_week"))["week"]
    if week is not None:
        chosen = list(reports.filter(report_week=week).order_by("pk")[: PENDING_COUNT + 1])
        for report in chosen[:-1]:
            report.state = ReportState.PENDING
        if chosen:
            returned = chosen[-1]
            returned.state = ReportState.RETURNED
            ReportReview.objects.create(
                content_type=ContentType.objects.get_for_model(ProjectReport),
                object_id=returned.pk,
                action=ReviewAction.RETURN,
                reason=RETURN_REASON,
                reviewer=users["reviewer"],
            )
        ProjectReport.objects.bulk_update(chosen, ["state"])
    entry = CompetitionEntry.objects.filter(campaign=campaign).order_by("seq").first()
    if entry is not None:
        users["enterprise"] = _enterprise_user(entry, password)
    return users


def _enterprise_user(entry, password):
    User = get_user_model()
    user = User.objects.filter(username="enterprise").first() or User(username="enterprise")
    user.first_name = entry.legal_representative or "企业填报员"
    user.set_password(password)
    user.save()
    person = Person.objects.filter(user=user).first() or Person(user=user)
    person.name = f"{entry.enterprise.name[:20]}填报员"
    person.title = "企业填报员"
    person.department = None
    person.role = Role.ENTERPRISE
    person.full_clean()
    person.save()
    EnterpriseAccount.objects.update_or_create(
        person=person, defaults={"enterprise": entry.enterprise}
    )
    return user
