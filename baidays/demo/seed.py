"""The demo: a campaign that looks alive on first start, whatever today's date is. Its dates
are the plan's, moved so that today falls in the advancement phase (day DEMO_DAY); the annexes
come from the project's sample workbooks, moved by the same offset."""

import datetime
import random

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from baidays.demo.review_demo import seed_review
from baidays.demo.samples import SAMPLES_YEAR, sample_path
from baidays.demo.seed_activity import (
    seed_plans_and_tasks,
    seed_problems,
    seed_promotion,
    seed_topics,
)
from baidays.demo.seed_reports import seed_goals, seed_reports
from baidays.excel.importing import import_annex
from baidays.setup.services import setup_campaign
from core import plan_data
from core.choices import Role
from core.models import Instruction, Person
from core.services import get_or_create_department
from enterprises.models import CompetitionEntry, KeyEnterprise
from projects.choices import Annex
from projects.models import Project
from supervision.services import supervise

DEMO_SLUG = "demo"
DEMO_DAY = 46  # today is day 46 of 112: mid advancement phase, as on June 15 of the plan

# username -> (name, title, department, role, is_superuser)
DEMO_USERS = {
    "admin": ("周敏", "管委会办公室主任", plan_data.LEADING_OFFICE, Role.ADMIN, True),
    "leader": ("刘建华", "县委常委、副县长", plan_data.LEADING_OFFICE, Role.LEADER, False),
    "staff": ("林晓", "园区建设科科员", "园区建设科", Role.STAFF, False),
    "staff2": ("黄磊", "园区电力办科员", "园区电力办", Role.STAFF, False),
    "reviewer": ("陈静", "园区建设科科长", "园区建设科", Role.REVIEWER, False),
}


def demo_start(today):
    return today - datetime.timedelta(days=DEMO_DAY - 1)


class _Dates:
    def __init__(self, campaign):
        self.campaign = campaign
        self.shift = campaign.start_date - datetime.date(campaign.year, *plan_data.START)
        self.samples_shift = campaign.start_date - datetime.date(SAMPLES_YEAR, *plan_data.START)

    def moved(self, day):
        """A date read from a sample workbook, moved as the campaign was."""
        return day + self.samples_shift if day else None

    def plan(self, month, day):
        return datetime.date(self.campaign.year, month, day) + self.shift


def create_demo_users(password):
    User = get_user_model()
    users = {}
    for username, (name, title, department, role, is_superuser) in DEMO_USERS.items():
        user = User.objects.filter(username=username).first() or User(username=username)
        user.first_name = name
        user.is_superuser = is_superuser
        user.is_staff = is_superuser
        user.set_password(password)
        user.save()
        person = Person.objects.filter(user=user).first() or Person(user=user)
        person.name = name
        person.title = title
        person.department = get_or_create_department(name=department)
        person.role = role
        person.full_clean()
        person.save()
        users[username] = user
    return users


def _import_annexes(campaign, dates):
    """Annexes 1–4 from the sample workbooks through the annex importer, as an admin would;
    then the demo's own touches: plan dates moved with the campaign, leaders' titles and
    each entry's public pledge."""
    for annex in (2, 1, 3, 4):  # entries first: 附件3 links its owners to their enterprises
        import_annex(annex=annex, source=sample_path(annex), campaign=campaign)
    office = get_or_create_department(name=plan_data.LEADING_OFFICE)
    Person.objects.filter(department=office, user__isnull=True, title="").update(
        title="管委会班子成员"
    )
    projects = list(Project.objects.filter(campaign=campaign).order_by("annex", "seq"))
    for project in projects:
        project.planned_start = dates.moved(project.planned_start)
        project.planned_finish = dates.moved(project.planned_finish)
    Project.objects.bulk_update(projects, ["planned_start", "planned_finish"])
    entries = list(CompetitionEntry.objects.filter(campaign=campaign).select_related("enterprise"))
    for entry in entries:
        entry.pledge = f"确保百日内{entry.construction_task}，全力争创“争先杯”。"
    CompetitionEntry.objects.bulk_update(entries, ["pledge"])
    key_enterprises = list(
        KeyEnterprise.objects.filter(campaign=campaign).select_related(
            "enterprise", "service_person"
        )
    )
    infrastructure = [p for p in projects if p.annex == Annex.INFRASTRUCTURE]
    key_projects = [p for p in projects if p.annex == Annex.KEY_INDUSTRIAL]
    return entries, infrastructure, key_projects, key_enterprises


@transaction.atomic
def seed_demo(*, today=None, password=None):
    """Build the demo campaign with annexes, reports, problems, meetings and users."""
    today = today or timezone.localdate()
    password = password or settings.DEMO_PASSWORD
    rng = random.Random(20260501)
    start = demo_start(today)
    campaign = setup_campaign(
        year=start.year,
        start=start,
        slug=DEMO_SLUG,
        name=f"{start.year}年全县“服务工业、推进项目”百日行动（演示）",
    )
    dates = _Dates(campaign)
    users = create_demo_users(password)
    entries, projects, key_projects, key_enterprises = _import_annexes(campaign, dates)
    paces, entry_paces = seed_reports(campaign, today, projects + key_projects, entries, users, rng)
    seed_goals(entries, entry_paces, dates)
    seed_problems(campaign, key_enterprises, projects, paces, today, dates)
    seed_topics(campaign, dates, today, [e.enterprise for e in entries])
    seed_plans_and_tasks(campaign, dates, today)
    seed_promotion(campaign, dates, today, [e.enterprise for e in entries])
    users = seed_review(campaign, users, password)
    laggard = min(projects, key=lambda p: paces[p.pk])
    Instruction.objects.create(
        content_type=ContentType.objects.get_for_model(Project),
        object_id=laggard.pk,
        author=users["leader"],
        text="进度严重滞后，请责任单位本周内拿出赶工方案并报领导小组办公室。",
    )
    supervise_demo_days(campaign, today)
    return campaign, users


def supervise_demo_days(campaign, today):
    """The 督办 the daily 06:00 run would have done on each day of the demo so far, so that the
    demo opens with 督办单 (黄牌, and 红牌 for those left unanswered past their week)."""
    day = campaign.start_date
    while day <= today:
        supervise(campaign=campaign, as_of=day)
        day += datetime.timedelta(days=1)
