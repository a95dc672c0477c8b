"""The demo: a campaign that looks alive on first start, whatever today's date is. Its dates
are the plan's, moved so that today falls in the advancement phase (day DEMO_DAY); the annexes
come from the project's sample workbooks, moved by the same offset."""

import datetime
import random
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from baidays.demo.review_demo import seed_review
from baidays.demo.samples import sample_path
from baidays.excel.importing import import_annex
from baidays.setup.services import setup_campaign
from core import plan_data
from core.choices import Role, TaskStatus
from core.models import Instruction, Person, PhaseTask
from core.services import get_or_create_department
from enterprises.choices import CompetitionGoal, ProblemStatus
from enterprises.models import (
    CompetitionEntry,
    EntryReport,
    KeyEnterprise,
    LandTransfer,
    Problem,
    PromotionEvent,
    ServiceVisit,
)
from plans.models import Milestone
from projects.choices import Annex
from projects.models import Project, ProjectReport
from topics.choices import ItemStatus, ProcedureKind, TargetMetric, Topic
from topics.models import (
    ApprovalCase,
    ApprovalProcedure,
    Decision,
    LandFiling,
    PowerItem,
    TopicMeeting,
    TopicTarget,
)

DEMO_SLUG = "demo"
DEMO_DAY = 46  # today is day 46 of 112: mid advancement phase, as on June 15 of the plan
CENT = Decimal("0.01")

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

    def moved(self, day):
        return day + self.shift if day else None

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


def _pace(rng):
    """How fast an item goes relative to time progress: most near 1, some well behind."""
    return rng.choice([0.45, 0.7, 0.9, 1.0, 1.05, 1.1, 1.15, 1.25])


def _reports_for(item, planned, campaign, weeks, rng, report_model, item_field, reporter):
    pace = _pace(rng)
    reported_to = 0.0
    reports = []
    for week in weeks:
        time_share = min(1.0, campaign.day_number(campaign.week_end(week)) / campaign.days_total)
        share = min(1.0, pace * time_share * rng.uniform(0.93, 1.05))
        share = max(share, reported_to)
        week_amount = (Decimal(planned) * Decimal(str(share - reported_to))).quantize(
            CENT, rounding=ROUND_HALF_UP
        )
        reported_to = share
        percent = Decimal(str(share * 100)).quantize(Decimal("0.1")).quantize(CENT)
        reports.append(
            report_model(
                **{item_field: item},
                report_week=week,
                week_investment_wan=week_amount,
                progress_text=progress_text(percent),
                percent_complete=percent,
                problems="" if pace >= 0.8 else "施工力量不足，进度滞后于计划",
                next_steps="加快施工进度" if pace >= 0.8 else "增加施工班组，倒排工期",
                reporter=reporter,
                submitted_at=timezone.make_aware(
                    datetime.datetime.combine(campaign.week_end(week), datetime.time(16, 30))
                ),
            )
        )
    return reports, pace


def progress_text(percent):
    """A believable 形象进度 for a completion percentage (the demo's and generate_load's)."""
    if percent < 20:
        return "前期准备、场地清理"
    if percent < 45:
        return "基础施工中"
    if percent < 70:
        return "主体施工中"
    if percent < 95:
        return "主体基本完成，配套施工中"
    return "已完成百日目标任务"


def _seed_reports(campaign, today, projects, entries, users, rng):
    current_week = campaign.week_of(today)
    past_weeks = range(1, current_week)
    paces = {}
    project_reports = []
    for project in projects:
        # the current week is still open: about two thirds have already reported
        weeks = list(past_weeks) + ([current_week] if rng.random() < 0.65 else [])
        reports, paces[project.pk] = _reports_for(
            project,
            project.planned_investment_wan,
            campaign,
            weeks,
            rng,
            ProjectReport,
            "project",
            users["staff"],
        )
        project_reports.extend(reports)
    for report in project_reports:
        report.full_clean()
    ProjectReport.objects.bulk_create(project_reports)
    entry_reports = []
    entry_paces = {}
    for entry in entries:
        weeks = list(past_weeks) + ([current_week] if rng.random() < 0.6 else [])
        reports, entry_paces[entry.pk] = _reports_for(
            entry,
            entry.planned_investment_wan,
            campaign,
            weeks,
            rng,
            EntryReport,
            "entry",
            users["admin"],
        )
        entry_reports.extend(reports)
    for report in entry_reports:
        report.full_clean()
    EntryReport.objects.bulk_create(entry_reports)
    return paces, entry_paces


def _seed_goals(entries, entry_paces, dates):
    """Fast 开工 entries have started; the 竣工 entry has not yet been accepted."""
    started = [e for e in entries if e.goal == CompetitionGoal.START and entry_paces[e.pk] >= 0.9]
    for offset, entry in enumerate(started):
        entry.achieved_on = dates.plan(5, 26) + datetime.timedelta(days=4 * offset)
        entry.save(update_fields=["achieved_on"])


def _seed_problems(campaign, key_enterprises, projects, paces, today, dates):
    office = get_or_create_department(name=plan_data.LEADING_OFFICE)
    for offset, record in enumerate(key_enterprises):
        if not record.difficulties:
            continue
        visit = ServiceVisit.objects.create(
            key_enterprise=record,
            visited_on=dates.plan(5, 12) + datetime.timedelta(days=offset),
            visitors=str(record.service_person),
            findings=record.difficulties,
        )
        category = "power" if "电" in record.difficulties else "land"
        if "验收" in record.difficulties or "环评" in record.difficulties:
            category = "approval"
        if "人才" in record.difficulties:
            category = "labour"
        resolved = offset % 2 == 0
        problem = Problem(
            campaign=campaign,
            enterprise=record.enterprise,
            visit=visit,
            title=record.difficulties,
            description=record.coordination_needed,
            category=category,
            raised_on=visit.visited_on,
            responsible_department=office
            if category != "power"
            else projects[1].responsible_department,
            due_date=visit.visited_on + datetime.timedelta(days=30),
        )
        if resolved:
            problem.status = ProblemStatus.CONFIRMED if offset == 0 else ProblemStatus.RESOLVED
            problem.resolved_on = visit.visited_on + datetime.timedelta(days=18)
            problem.resolution = f"已{record.coordination_needed}"
            if offset == 0:
                problem.confirmed_on = problem.resolved_on + datetime.timedelta(days=3)
                problem.satisfaction = "satisfied"
                problem.feedback = "问题解决及时，非常满意。"
        else:
            problem.status = ProblemStatus.IN_PROGRESS
        problem.full_clean()
        problem.save()
    slow = [p for p in projects if paces[p.pk] < 0.8][:3]
    for offset, project in enumerate(slow):
        problem = Problem(
            campaign=campaign,
            project=project,
            title=f"{project.name}施工进度滞后",
            description="施工单位人员、机械投入不足，政策处理未到位。",
            category="other" if offset else "land",
            raised_on=today - datetime.timedelta(days=20 - 5 * offset),
            responsible_department=project.responsible_department,
            due_date=today + datetime.timedelta(days=10 - 12 * offset),
        )
        problem.full_clean()
        problem.save()


def _seed_topics(campaign, dates, today, enterprises):
    land_dept = get_or_create_department(name="县国土资源局")
    power_dept = get_or_create_department(name="园区电力办")
    office = get_or_create_department(name=plan_data.LEADING_OFFICE)
    meetings = [
        (
            Topic.LAND,
            "解决土地问题专题会议",
            dates.plan(5, 22),
            "县国土资源局",
            [
                (
                    "集中上报现代工业集聚区土地审批手续",
                    land_dept,
                    dates.plan(5, 31),
                    dates.plan(5, 29),
                ),
                ("梳理入园企业办证问题清单", land_dept, dates.plan(6, 10), dates.plan(6, 8)),
                ("启动土地利用规划调整前期工作", land_dept, dates.plan(6, 30), None),
            ],
        ),
        (
            Topic.APPROVAL,
            "建设报批验收专题会议",
            dates.plan(5, 27),
            "县工业园区管委会",
            [
                ("研究简化前置手续，实行并联审批", office, dates.plan(6, 20), dates.plan(6, 18)),
                ("对竣工企业实行联合验收", office, dates.plan(7, 31), None),
            ],
        ),
        (
            Topic.POWER,
            "电力建设专题会议",
            dates.plan(5, 25),
            "县供电公司",
            [
                ("东一路、东三路线路改造6月底前完成", power_dept, dates.plan(6, 30), None),
                ("下各110kV变电所出线方案报批", power_dept, dates.plan(6, 15), dates.plan(6, 12)),
            ],
        ),
    ]
    for topic, title, held_on, place, decisions in meetings:
        if held_on > today:
            continue
        meeting = TopicMeeting.objects.create(
            campaign=campaign,
            topic=topic,
            title=title,
            held_on=held_on,
            place=place,
            chair="刘建华",
            attendees="管委会班子成员、相关部门负责人",
            minutes=f"会议研究了{title.replace('专题会议', '')}有关问题，议定事项如下。",
        )
        for seq, (content, department, due, done_on) in enumerate(decisions, start=1):
            done = done_on is not None and done_on <= today
            Decision.objects.create(
                meeting=meeting,
                seq=seq,
                content=content,
                responsible_department=department,
                due_date=due,
                status=ItemStatus.DONE if done else ItemStatus.IN_PROGRESS,
                completed_on=done_on if done else None,
                result="已按期完成" if done else "",
            )
    targets = {t.metric: t for t in TopicTarget.objects.filter(campaign=campaign)}
    filings = [
        (TargetMetric.LAND_APPROVAL_MU, dates.plan(5, 18), "现代工业集聚区三期用地", "86"),
        (TargetMetric.LAND_APPROVAL_MU, dates.plan(5, 29), "永安工业集聚区东片用地", "72.5"),
        (TargetMetric.LAND_PLAN_ADJUST_MU, dates.plan(6, 9), "工业新城规划调整（一批）", "130"),
        (TargetMetric.LAND_PLAN_ADJUST_MU, dates.plan(6, 14), "永安片规划调整", "48"),
    ]
    for metric, filed_on, description, area in filings:
        if filed_on <= today:
            LandFiling.objects.create(
                target=targets[metric], filed_on=filed_on, description=description, area_mu=area
            )
    approval_target = targets[TargetMetric.APPROVALS_SOLVED]
    for offset, enterprise in enumerate(enterprises[:7]):
        case = ApprovalCase.objects.create(
            target=approval_target,
            enterprise=enterprise,
            summary="施工许可办理" if offset < 4 else "竣工联合验收",
            responsible_department=office,
            solved_on=dates.plan(6, 5 + offset * 3) if offset < 2 else None,
        )
        submitted = dates.plan(5, 20 + offset)
        ApprovalProcedure.objects.create(
            case=case,
            kind=ProcedureKind.CONSTRUCTION_PERMIT if offset < 4 else ProcedureKind.COMPLETION,
            submitted_on=submitted,
            approved_on=case.solved_on,
        )
    for item in PowerItem.objects.filter(campaign=campaign, seq__in=[4, 6]):
        item.status = ItemStatus.DONE
        item.completed_on = dates.plan(6, 10)
        item.result = "已完成"
        item.save()
    PowerItem.objects.filter(campaign=campaign, seq__in=[1, 2, 3]).update(
        status=ItemStatus.IN_PROGRESS
    )


def _seed_plans_and_tasks(campaign, dates, today):
    for milestone in Milestone.objects.filter(plan__campaign=campaign):
        if milestone.due_date < today and milestone.seq == 1 and milestone.plan.kind == "function":
            milestone.status = "done"
            milestone.completed_on = milestone.due_date - datetime.timedelta(days=2)
            milestone.result = "可研初稿已完成，正在征求意见"
            milestone.save()
    for task in PhaseTask.objects.filter(phase__campaign=campaign, phase__kind="mobilize"):
        task.status = TaskStatus.DONE
        task.completed_on = min(task.due_date, today)
        task.result = "已按方案完成"
        task.save()


def _seed_promotion(campaign, dates, today, enterprises):
    events = [
        ("长三角招商引资暨园区推介会", dates.plan(5, 28), "杭州", 5, "32000"),
        ("园区专题推介会", dates.plan(6, 12), "宁波", 3, "15000"),
    ]
    for title, held_on, place, leads, amount in events:
        if held_on <= today:
            PromotionEvent.objects.create(
                campaign=campaign,
                title=title,
                held_on=held_on,
                place=place,
                leads_count=leads,
                intended_investment_wan=Decimal(amount),
                result=f"签约意向项目{leads}个",
            )
    if dates.plan(6, 8) <= today:
        LandTransfer.objects.create(
            campaign=campaign,
            parcel="现代工业集聚区纬二路北侧地块",
            enterprise=enterprises[0],
            transferred_on=dates.plan(6, 8),
            area_mu=Decimal("45.60"),
            price_wan=Decimal("1368.00"),
        )


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
    paces, entry_paces = _seed_reports(
        campaign, today, projects + key_projects, entries, users, rng
    )
    _seed_goals(entries, entry_paces, dates)
    _seed_problems(campaign, key_enterprises, projects, paces, today, dates)
    _seed_topics(campaign, dates, today, [e.enterprise for e in entries])
    _seed_plans_and_tasks(campaign, dates, today)
    _seed_promotion(campaign, dates, today, [e.enterprise for e in entries])
    users = seed_review(campaign, users, password)
    laggard = min(projects, key=lambda p: paces[p.pk])
    Instruction.objects.create(
        content_type=ContentType.objects.get_for_model(Project),
        object_id=laggard.pk,
        author=users["leader"],
        text="进度严重滞后，请责任单位本周内拿出赶工方案并报领导小组办公室。",
    )
    return campaign, users
