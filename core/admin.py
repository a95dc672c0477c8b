from django import forms
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from simple_history.admin import SimpleHistoryAdmin

from core.campaign_settings import CampaignRules
from core.lag import rule_text
from core.models import (
    Campaign,
    Department,
    Instruction,
    Person,
    PersonEvaluation,
    Phase,
    PhaseTask,
)


class PhaseInline(admin.TabularInline):
    model = Phase
    extra = 0
    fields = ["sort_order", "kind", "name", "start_date", "end_date"]


class PhaseTaskInline(admin.TabularInline):
    model = PhaseTask
    extra = 0
    fields = ["sort_order", "title", "responsible_department", "due_date", "status", "completed_on"]


LAG_RULES = ["yellow_points", "yellow_weeks_to_red", "league_order"]
SUPERVISION_RULES = ["escalation_days", "answer_days"]
ASSESSMENT_RULES = [
    "weight_reports",
    "weight_on_plan",
    "penalty_yellow",
    "penalty_red",
    "penalty_late_answer",
    "penalty_late_closed",
]


class CampaignRulesForm(forms.ModelForm):
    """The rules with what each one does, in the words the pages print them."""

    class Meta:
        model = CampaignRules
        fields = ["campaign", *LAG_RULES, *SUPERVISION_RULES, *ASSESSMENT_RULES]
        help_texts = {
            "yellow_points": "投资完成率低于计划完成率（按项目进度计划）不超过此值为黄色，"
            "超过为红色",
            "yellow_weeks_to_red": "连续这么多个周报周为黄色，即按红色处理并发出督办单",
            "league_order": "“争先杯”红黑榜的名次按此排列；未滞后的列入红榜、红色的列入黑榜",
            "escalation_days": "督办单发出这么多天后仍未销号，即由黄牌（责任单位）升级为红牌"
            "（抄送责任领导和领导办公室）",
            "answer_days": "督办单发出后，责任单位应在这么多天内答复整改措施和承诺完成日期",
            "weight_reports": "单位考核：按时报送周报的满分",
            "weight_on_plan": "单位考核：项目按计划推进的满分",
            "penalty_yellow": "单位考核：每收到一张黄牌督办单扣的分",
            "penalty_red": "单位考核：每收到一张红牌督办单扣的分",
            "penalty_late_answer": "单位考核：督办单每逾期答复一次扣的分",
            "penalty_late_closed": "单位考核：每项逾期办结的事项扣的分",
        }


RULE_FIELDSETS = [
    ("滞后判定", {"fields": LAG_RULES}),
    ("督办", {"fields": SUPERVISION_RULES}),
    ("单位考核", {"fields": ASSESSMENT_RULES}),
]


class CampaignRulesInline(admin.StackedInline):
    model = CampaignRules
    form = CampaignRulesForm
    fieldsets = RULE_FIELDSETS
    can_delete = False
    verbose_name = "考核与督办规则（未保存时按默认值）"


@admin.register(CampaignRules)
class CampaignRulesAdmin(SimpleHistoryAdmin):
    form = CampaignRulesForm
    list_display = [
        "campaign",
        "yellow_points",
        "yellow_weeks_to_red",
        "escalation_days",
        "answer_days",
    ]
    list_select_related = ["campaign"]
    search_fields = ["campaign__name", "campaign__slug"]
    readonly_fields = ["rule_in_force"]

    def get_fieldsets(self, request, obj=None):
        head = [(None, {"fields": ["campaign", "rule_in_force"] if obj else ["campaign"]})]
        return head + RULE_FIELDSETS

    def get_readonly_fields(self, request, obj=None):
        # a campaign's rules stay its own: the campaign is chosen once
        return ["campaign", "rule_in_force"] if obj else []

    @admin.display(description="现行滞后规则（各页面印出的文字）")
    def rule_in_force(self, obj):
        return rule_text(obj.campaign)


@admin.register(Campaign)
class CampaignAdmin(SimpleHistoryAdmin):
    list_display = [
        "name",
        "slug",
        "start_date",
        "end_date",
        "infrastructure_target_wan",
        "competition_target_wan",
    ]
    search_fields = ["name", "slug"]
    list_filter = ["year"]
    inlines = [CampaignRulesInline, PhaseInline]


@admin.register(Phase)
class PhaseAdmin(SimpleHistoryAdmin):
    list_display = ["name", "campaign", "start_date", "end_date"]
    list_filter = ["campaign", "kind"]
    search_fields = ["name"]
    inlines = [PhaseTaskInline]


@admin.register(PhaseTask)
class PhaseTaskAdmin(SimpleHistoryAdmin):
    list_display = ["title", "phase", "responsible_department", "due_date", "status"]
    list_filter = ["phase__campaign", "phase__kind", "status", "responsible_department"]
    search_fields = ["title", "description"]
    list_select_related = ["phase", "responsible_department"]


class PersonInline(admin.TabularInline):
    model = Person
    extra = 0
    fields = ["name", "title", "role", "phone", "user"]
    autocomplete_fields = ["user"]


@admin.register(Department)
class DepartmentAdmin(SimpleHistoryAdmin):
    list_display = ["name", "short_name", "sort_order", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name", "short_name"]
    inlines = [PersonInline]


@admin.register(Person)
class PersonAdmin(SimpleHistoryAdmin):
    list_display = ["name", "title", "department", "role", "user", "phone", "must_change_password"]
    list_filter = ["role", "department", "must_change_password"]
    search_fields = ["name", "title", "phone", "user__username"]
    autocomplete_fields = ["user", "department"]
    list_select_related = ["department", "user"]


@admin.register(Instruction)
class InstructionAdmin(SimpleHistoryAdmin):
    list_display = ["text", "author", "content_type", "object_id", "created_at", "read_at"]
    # only the kinds that have 批示, not every table's (simple_history's "historical …" among them)
    list_filter = [("content_type", admin.RelatedOnlyFieldListFilter), "read_at"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "content_type":
            kwargs["queryset"] = ContentType.objects.exclude(model__startswith="historical")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    search_fields = ["text", "author__username"]
    list_select_related = ["author", "content_type"]


@admin.register(PersonEvaluation)
class PersonEvaluationAdmin(SimpleHistoryAdmin):
    list_display = ["person", "campaign", "score", "grade", "evaluated_on"]
    list_filter = ["campaign", "grade"]
    search_fields = ["person__name", "comment"]
    autocomplete_fields = ["person"]
