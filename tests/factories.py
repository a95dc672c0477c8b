"""One factory per model."""

import datetime
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType

from core.choices import PhaseKind, Role
from core.models import (
    Campaign,
    Department,
    Instruction,
    Person,
    PersonEvaluation,
    Phase,
    PhaseTask,
)
from enterprises.choices import CompetitionGoal, KeyEnterpriseCategory, ProblemCategory
from enterprises.models import (
    CompetitionEntry,
    Enterprise,
    EnterpriseAccount,
    EntryPhoto,
    EntryReport,
    KeyEnterprise,
    LandTransfer,
    Problem,
    PromotionEvent,
    ServiceVisit,
)
from enterprises.services import record_status_steps
from plans.choices import PlanKind
from plans.models import Milestone, Plan
from projects.choices import Annex
from projects.models import Project, ProjectPhoto, ProjectReport
from topics.choices import ProcedureKind, TargetMetric, TargetUnit, Topic
from topics.models import (
    ApprovalCase,
    ApprovalProcedure,
    Decision,
    LandFiling,
    PowerItem,
    TopicMeeting,
    TopicTarget,
)

PLAN_START = datetime.date(2026, 5, 1)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password("test-password-123")


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"测试单位{n}")


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Sequence(lambda n: f"责任人{n}")
    title = "科员"
    department = factory.SubFactory(DepartmentFactory)
    role = Role.STAFF


class CampaignFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Campaign
        django_get_or_create = ["slug"]

    slug = factory.Sequence(lambda n: f"c{n}")
    name = factory.LazyAttribute(lambda o: f"{o.year}年百日行动（{o.slug}）")
    year = 2026
    start_date = PLAN_START
    end_date = datetime.date(2026, 8, 20)
    infrastructure_target_wan = Decimal("1156.00")
    competition_target_wan = Decimal("17800.00")
    goal_start_count = 7
    goal_accelerate_count = 12
    goal_complete_count = 1


class PhaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Phase

    campaign = factory.SubFactory(CampaignFactory)
    kind = PhaseKind.ADVANCE
    name = "推进阶段"
    start_date = datetime.date(2026, 5, 21)
    end_date = datetime.date(2026, 7, 31)
    sort_order = 2


class PhaseTaskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PhaseTask

    phase = factory.SubFactory(PhaseFactory)
    code = factory.Sequence(lambda n: f"task-{n}")
    title = factory.Sequence(lambda n: f"阶段任务{n}")
    responsible_department = factory.SubFactory(DepartmentFactory)
    due_date = datetime.date(2026, 7, 31)


class EnterpriseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enterprise
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"测试企业{n}有限公司")
    legal_representative = "张三"


class EnterpriseAccountFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EnterpriseAccount

    person = factory.SubFactory(PersonFactory, role=Role.ENTERPRISE, department=None)
    enterprise = factory.SubFactory(EnterpriseFactory)


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project

    campaign = factory.SubFactory(CampaignFactory)
    annex = Annex.INFRASTRUCTURE
    seq = factory.Sequence(lambda n: n + 1)
    name = factory.Sequence(lambda n: f"测试道路工程{n}")
    zone = "现代工业集聚区"
    total_investment_wan = Decimal("500.00")
    planned_investment_wan = Decimal("100.00")
    milestone_target = "完成路基"
    planned_start = datetime.date(2026, 5, 8)
    planned_finish = datetime.date(2026, 10, 30)
    responsible_department = factory.SubFactory(DepartmentFactory)


class ProjectReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProjectReport

    project = factory.SubFactory(ProjectFactory)
    report_week = 1
    week_investment_wan = Decimal("10.00")
    progress_text = "基础施工中"
    percent_complete = Decimal("10.00")


class ProjectPhotoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProjectPhoto

    project = factory.SubFactory(ProjectFactory)
    image = factory.django.ImageField(filename="site.jpg", format="JPEG", width=64, height=48)
    caption = "施工现场"


class CompetitionEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CompetitionEntry

    campaign = factory.SubFactory(CampaignFactory)
    seq = factory.Sequence(lambda n: n + 1)
    enterprise = factory.SubFactory(EnterpriseFactory)
    project_name = factory.Sequence(lambda n: f"测试扩产项目{n}")
    goal = CompetitionGoal.ACCELERATE
    total_investment_wan = Decimal("8000.00")
    planned_investment_wan = Decimal("900.00")
    construction_task = "主体结构封顶"
    responsible_department = factory.SubFactory(DepartmentFactory)


class EntryReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EntryReport

    entry = factory.SubFactory(CompetitionEntryFactory)
    report_week = 1
    week_investment_wan = Decimal("50.00")
    progress_text = "主体施工中"
    percent_complete = Decimal("10.00")


class EntryPhotoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EntryPhoto

    entry = factory.SubFactory(CompetitionEntryFactory)
    image = factory.django.ImageField(filename="entry.jpg", format="JPEG", width=64, height=48)


class KeyEnterpriseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = KeyEnterprise

    campaign = factory.SubFactory(CampaignFactory)
    seq = factory.Sequence(lambda n: n + 1)
    enterprise = factory.SubFactory(EnterpriseFactory)
    category = KeyEnterpriseCategory.LEADING
    liaison_leader = "县长"
    responsible_department = factory.SubFactory(DepartmentFactory)


class ServiceVisitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServiceVisit

    key_enterprise = factory.SubFactory(KeyEnterpriseFactory)
    visited_on = datetime.date(2026, 5, 12)
    visitors = "王建国"
    findings = "用电容量不足"


class ProblemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Problem

    campaign = factory.SubFactory(CampaignFactory)
    enterprise = factory.SubFactory(EnterpriseFactory)
    title = factory.Sequence(lambda n: f"困难问题{n}")
    category = ProblemCategory.POWER
    raised_on = datetime.date(2026, 5, 15)
    responsible_department = factory.SubFactory(DepartmentFactory)
    due_date = datetime.date(2026, 6, 15)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        """Saved as given (constraint tests need the unvalidated row), with the status history
        the service records for a new problem (enterprises.services.record_status_steps)."""
        problem = super()._create(model_class, *args, **kwargs)
        record_status_steps(problem, before=None, user=None, today=problem.raised_on)
        return problem


class PromotionEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PromotionEvent

    campaign = factory.SubFactory(CampaignFactory)
    title = "园区推介会"
    held_on = datetime.date(2026, 6, 1)
    place = "杭州"
    leads_count = 3


class LandTransferFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LandTransfer

    campaign = factory.SubFactory(CampaignFactory)
    parcel = factory.Sequence(lambda n: f"地块{n}")
    transferred_on = datetime.date(2026, 6, 8)
    area_mu = Decimal("30.00")


class TopicMeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TopicMeeting

    campaign = factory.SubFactory(CampaignFactory)
    topic = Topic.LAND
    title = "解决土地问题专题会议"
    held_on = datetime.date(2026, 5, 22)
    chair = "刘建华"


class DecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Decision

    meeting = factory.SubFactory(TopicMeetingFactory)
    seq = factory.Sequence(lambda n: n + 1)
    content = "集中上报土地审批手续"
    responsible_department = factory.SubFactory(DepartmentFactory)
    due_date = datetime.date(2026, 5, 31)


class TopicTargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TopicTarget

    campaign = factory.SubFactory(CampaignFactory)
    topic = Topic.LAND
    metric = TargetMetric.LAND_APPROVAL_MU
    title = "5月份上报土地审批手续"
    unit = TargetUnit.MU
    quantity = Decimal("150")
    period_start = datetime.date(2026, 5, 1)
    period_end = datetime.date(2026, 5, 31)


class LandFilingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LandFiling

    target = factory.SubFactory(TopicTargetFactory)
    filed_on = datetime.date(2026, 5, 18)
    description = "现代工业集聚区三期用地"
    area_mu = Decimal("86.00")


class ApprovalCaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ApprovalCase

    target = factory.SubFactory(
        TopicTargetFactory,
        topic=Topic.APPROVAL,
        metric=TargetMetric.APPROVALS_SOLVED,
        unit=TargetUnit.ENTERPRISES,
        quantity=Decimal("7"),
        period_start=datetime.date(2026, 7, 1),
        period_end=datetime.date(2026, 7, 31),
    )
    enterprise = factory.SubFactory(EnterpriseFactory)
    summary = "施工许可办理"
    responsible_department = factory.SubFactory(DepartmentFactory)


class ApprovalProcedureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ApprovalProcedure

    case = factory.SubFactory(ApprovalCaseFactory)
    kind = ProcedureKind.CONSTRUCTION_PERMIT
    submitted_on = datetime.date(2026, 6, 1)


class PowerItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PowerItem

    campaign = factory.SubFactory(CampaignFactory)
    seq = factory.Sequence(lambda n: n + 1)
    name = factory.Sequence(lambda n: f"电力线路{n}")
    responsible_department = factory.SubFactory(DepartmentFactory)
    due_date = datetime.date(2026, 7, 31)


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Plan

    campaign = factory.SubFactory(CampaignFactory)
    kind = PlanKind.FUNCTION
    name = "工业集聚区功能规划"


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Milestone

    plan = factory.SubFactory(PlanFactory)
    seq = factory.Sequence(lambda n: n + 1)
    title = "完成可研初稿"
    lead_department = factory.SubFactory(DepartmentFactory)
    due_date = datetime.date(2026, 6, 30)


class InstructionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Instruction
        exclude = ["target"]

    target = factory.SubFactory(ProjectFactory)
    content_type = factory.LazyAttribute(lambda o: ContentType.objects.get_for_model(o.target))
    object_id = factory.LazyAttribute(lambda o: o.target.pk)
    author = factory.SubFactory(UserFactory)
    text = "请加快进度"


class PersonEvaluationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PersonEvaluation

    campaign = factory.SubFactory(CampaignFactory)
    person = factory.SubFactory(PersonFactory)
    score = Decimal("92.50")
    grade = "优秀"


# the 进度计划 factories live in their own module; `f.<name>` finds them here too
from tests.factories_closing import FollowUpFactory  # noqa: E402, F401
from tests.factories_schedules import (  # noqa: E402, F401
    PlanWeekFactory,
    ScheduleNodeFactory,
    ScheduleVersionFactory,
    due_by_week_8,
    written_schedule,
)
