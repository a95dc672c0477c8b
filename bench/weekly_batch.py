"""The 30-row weekly batch save, as a 填报员 submits it: one POST of the batch form with 30
rows of the current week. Each call is a real save (the figures change a little every time)
with the version the previous save left, so nothing is refused as a stale edit."""

from decimal import Decimal
from itertools import count

BATCH_ROWS = 30


def _department_projects(user, campaign):
    """Thirty projects of the user's department, created on the bench database if the data
    set has fewer."""
    from core.roles import department_of
    from projects.choices import Annex
    from projects.models import Project

    department = department_of(user)
    projects = list(
        Project.objects.active()
        .filter(campaign=campaign, responsible_department=department)
        .order_by("pk")[:BATCH_ROWS]
    )
    last_seq = Project.objects.filter(campaign=campaign, annex=Annex.INFRASTRUCTURE).count()
    while len(projects) < BATCH_ROWS:
        last_seq += 1
        projects.append(
            Project.objects.create(
                campaign=campaign,
                annex=Annex.INFRASTRUCTURE,
                seq=last_seq + 10_000,
                name=f"基准测试项目{last_seq}",
                planned_investment_wan=Decimal("1000.00"),
                responsible_department=department,
            )
        )
    return projects


def prepare(client, user):
    from core.models import Campaign

    campaign = Campaign.objects.current()
    week = campaign.week_of(min(campaign.end_date, max(campaign.start_date, _today())))
    projects = _department_projects(user, campaign)
    for project in projects:
        project.reports.filter(report_week=week).delete()
    calls = count()

    def save():
        number = next(calls)
        data = {
            "week": str(week),
            "form-TOTAL_FORMS": str(len(projects)),
            "form-INITIAL_FORMS": str(len(projects)),
            "form-MIN_NUM_FORMS": "0",
            "form-MAX_NUM_FORMS": "1000",
            "confirm_over_plan": "on",
        }
        for index, project in enumerate(projects):
            data |= {
                f"form-{index}-item": f"project-{project.pk}",
                # a new report starts at version 1; every save moves it one on
                f"form-{index}-version": str(number),
                f"form-{index}-week_investment_wan": f"{1 + number / 100:.2f}",
                f"form-{index}-percent_complete": "99.00",
                f"form-{index}-progress_text": f"基准测试第{number}次保存",
                f"form-{index}-problems": "",
                f"form-{index}-next_steps": "",
                f"form-{index}-note": "基准测试",
            }
        response = client.post(f"/report/week/?week={week}", data)
        if response.status_code != 302:
            raise RuntimeError(f"batch save refused: {response.status_code}")
        return response

    return save


def _today():
    from django.utils import timezone

    return timezone.localdate()
