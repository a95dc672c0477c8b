"""The rest of the demo's life: problems raised at visits, topic meetings and their
decisions, plans and phase tasks, promotion events and land transfers."""

import datetime
from decimal import Decimal

from core import plan_data
from core.choices import CompletionStatus
from core.dates import cn_day
from core.models import PhaseTask
from core.services import get_or_create_department
from enterprises.choices import ProblemStatus
from enterprises.models import LandTransfer, Problem, PromotionEvent, ServiceVisit
from enterprises.services import save_problem
from plans.models import Milestone
from topics.choices import ProcedureKind, TargetMetric, Topic
from topics.models import (
    ApprovalCase,
    ApprovalProcedure,
    Decision,
    LandFiling,
    PowerItem,
    TopicMeeting,
    TopicTarget,
)


def seed_problems(campaign, key_enterprises, projects, paces, today, dates):
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
                problem.satisfaction_source = "phone"
                problem.feedback = "问题解决及时，非常满意。"
        else:
            problem.status = ProblemStatus.IN_PROGRESS
        save_problem(problem=problem, today=today)
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
        save_problem(problem=problem, today=today)


def seed_topics(campaign, dates, today, enterprises):
    """The three 专题: their meetings and decisions, land filings, approval cases and the
    power items' progress, each as far as `today`."""
    land_dept = get_or_create_department(name="县国土资源局")
    power_dept = get_or_create_department(name="园区电力办")
    office = get_or_create_department(name=plan_data.LEADING_OFFICE)
    _seed_topic_meetings(campaign, dates, today, land_dept, power_dept, office)
    targets = {t.metric: t for t in TopicTarget.objects.filter(campaign=campaign)}
    _seed_land_filings(targets, dates, today)
    _seed_approval_cases(targets[TargetMetric.APPROVALS_SOLVED], dates, enterprises, office)
    _seed_power_progress(campaign, dates)


def _seed_topic_meetings(campaign, dates, today, land_dept, power_dept, office):
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
                (
                    f"东一路、东三路线路改造{cn_day(dates.plan(6, 30), dates.campaign.year)}前完成",
                    power_dept,
                    dates.plan(6, 30),
                    None,
                ),
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
                status=CompletionStatus.DONE if done else CompletionStatus.IN_PROGRESS,
                completed_on=done_on if done else None,
                result="已按期完成" if done else "",
            )


def _seed_land_filings(targets, dates, today):
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


def _seed_approval_cases(approval_target, dates, enterprises, office):
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


def _seed_power_progress(campaign, dates):
    for item in PowerItem.objects.filter(campaign=campaign, seq__in=[4, 6]):
        item.status = CompletionStatus.DONE
        item.completed_on = dates.plan(6, 10)
        item.result = "已完成"
        item.save()
    PowerItem.objects.filter(campaign=campaign, seq__in=[1, 2, 3]).update(
        status=CompletionStatus.IN_PROGRESS
    )


def seed_plans_and_tasks(campaign, dates, today):
    for milestone in Milestone.objects.filter(plan__campaign=campaign):
        if milestone.due_date < today and milestone.seq == 1 and milestone.plan.kind == "function":
            milestone.status = "done"
            milestone.completed_on = milestone.due_date - datetime.timedelta(days=2)
            milestone.result = "可研初稿已完成，正在征求意见"
            milestone.save()
    for task in PhaseTask.objects.filter(phase__campaign=campaign, phase__kind="mobilize"):
        task.status = CompletionStatus.DONE
        task.completed_on = min(task.due_date, today)
        task.result = "已按方案完成"
        task.save()


def seed_promotion(campaign, dates, today, enterprises):
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
