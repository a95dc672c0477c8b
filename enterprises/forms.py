from django import forms
from django.utils import timezone

from core.bounds import TEXT_MAX
from core.models import Department
from enterprises.choices import ProblemCategory, ProblemStatus, Satisfaction, SatisfactionSource
from enterprises.models import LandTransfer, Problem, PromotionEvent, ServiceVisit

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class VersionedForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class GoalAchievedForm(VersionedForm):
    achieved_on = forms.DateField(
        label="目标实现日期（开工或竣工）",
        required=False,
        widget=DATE,
        help_text="清空表示尚未实现",
    )


class ProblemForm(forms.ModelForm):
    class Meta:
        model = Problem
        fields = [
            "title",
            "description",
            "category",
            "raised_on",
            "responsible_department",
            "due_date",
        ]
        widgets = {"raised_on": DATE, "due_date": DATE, "description": forms.Textarea({"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible_department"].queryset = Department.objects.filter(is_active=True)
        self.fields["responsible_department"].label = "交办单位（责任单位）"

    def clean(self):
        data = super().clean()
        raised, due = data.get("raised_on"), data.get("due_date")
        if raised and due and due < raised:
            self.add_error("due_date", "办结期限不能早于提出日期")
        return data


class EnterpriseProblemForm(forms.ModelForm):
    """An enterprise's own 诉求: what and why only. The day it is raised is the day it is
    filed, and the 管委会 side assigns the answering unit and the deadline."""

    class Meta:
        model = Problem
        fields = ["title", "description", "category"]
        widgets = {"description": forms.Textarea({"rows": 4})}
        labels = {"title": "诉求", "description": "详细情况"}


class ProblemProgressForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    class Meta:
        model = Problem
        fields = [
            "status",
            "responsible_department",
            "due_date",
            "resolution",
            "resolved_on",
            "confirmed_on",
            "feedback",
            "satisfaction",
            "satisfaction_source",
        ]
        widgets = {
            "due_date": DATE,
            "resolved_on": DATE,
            "confirmed_on": DATE,
            "resolution": forms.Textarea({"rows": 3}),
            "feedback": forms.Textarea({"rows": 2}),
        }
        labels = {"responsible_department": "交办单位（责任单位）"}

    ENTERPRISE_ONLY = ("confirmed_on", "feedback", "satisfaction", "satisfaction_source")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.serves_enterprise:
            # an infrastructure project has no enterprise to confirm or rate the answer
            for name in self.ENTERPRISE_ONLY:
                del self.fields[name]
            self.fields["status"].choices = [
                choice
                for choice in self.fields["status"].choices
                if choice[0] != ProblemStatus.CONFIRMED
            ]
        else:
            # a clerk records what the enterprise said on the phone or on site; 企业自报 is the
            # enterprise account's own rating, never typed by a clerk
            self.fields["satisfaction_source"].choices = [
                ("", "—"),
                *(
                    (value, label)
                    for value, label in SatisfactionSource.choices
                    if value != SatisfactionSource.SELF_REPORTED
                ),
            ]

    def enterprise_fields(self):
        return [name for name in self.ENTERPRISE_ONLY if name in self.fields]

    def clean(self):
        data = super().clean()
        status = data.get("status")
        if (
            status in (ProblemStatus.RESOLVED, ProblemStatus.CONFIRMED)
            and not data.get("resolution", "").strip()
        ):
            self.add_error("resolution", "标记为已解决时请填写解决情况")
        if status == ProblemStatus.CONFIRMED and not data.get("satisfaction"):
            self.add_error("satisfaction", "企业确认时请选择企业满意度")
        if data.get("satisfaction") and not data.get("satisfaction_source"):
            self.add_error("satisfaction_source", "请选择满意度是电话回访还是现场了解的")
        # resolving without a date means resolved today (Problem.fill_status_dates, the rule
        # the services apply too); the order of the dates is the model's (Problem.clean)
        if "resolved_on" in self.fields:
            dated = Problem(
                status=status,
                resolved_on=data.get("resolved_on"),
                confirmed_on=data.get("confirmed_on"),
            )
            dated.fill_status_dates(timezone.localdate())
            data["resolved_on"] = dated.resolved_on
            if "confirmed_on" in self.fields:
                data["confirmed_on"] = dated.confirmed_on
        return data


class EnterpriseConfirmForm(VersionedForm):
    """The enterprise's own account confirms an answered 诉求 and rates it (企业自报)."""

    satisfaction = forms.ChoiceField(
        label="满意度",
        choices=[("", "—"), *Satisfaction.choices],
        error_messages={"required": "请选择对办理结果的满意度"},
    )
    feedback = forms.CharField(
        label="反馈意见",
        max_length=TEXT_MAX,
        required=False,
        widget=forms.Textarea({"rows": 2}),
    )


class ServiceVisitForm(forms.ModelForm):
    raise_problem = forms.BooleanField(
        label="走访发现了需要解决的问题，登记为困难和问题", required=False
    )
    problem_title = forms.CharField(label="问题", max_length=200, required=False)
    problem_category = forms.ChoiceField(
        label="问题类别", choices=[("", "—")] + ProblemCategory.choices, required=False
    )
    problem_department = forms.ModelChoiceField(
        label="交办单位", queryset=Department.objects.filter(is_active=True), required=False
    )
    problem_due_date = forms.DateField(label="办结期限", required=False, widget=DATE)

    class Meta:
        model = ServiceVisit
        fields = ["visited_on", "visitors", "findings"]
        widgets = {"visited_on": DATE, "findings": forms.Textarea({"rows": 3})}

    def clean(self):
        data = super().clean()
        if data.get("raise_problem"):
            for name in ("problem_title", "problem_category", "problem_department"):
                if not data.get(name):
                    self.add_error(name, "登记问题时必须填写")
        return data

    def problem_fields(self):
        data = self.cleaned_data
        if not data.get("raise_problem"):
            return None
        return {
            "title": data["problem_title"],
            "description": data["findings"],
            "category": data["problem_category"],
            "responsible_department": data["problem_department"],
            "due_date": data["problem_due_date"],
        }


class PromotionEventForm(forms.ModelForm):
    class Meta:
        model = PromotionEvent
        fields = [
            "title",
            "held_on",
            "place",
            "result",
            "leads_count",
            "intended_investment_wan",
            "responsible_department",
        ]
        widgets = {"held_on": DATE, "result": forms.Textarea({"rows": 2})}


class LandTransferForm(forms.ModelForm):
    class Meta:
        model = LandTransfer
        fields = ["parcel", "enterprise", "transferred_on", "area_mu", "price_wan", "note"]
        widgets = {"transferred_on": DATE}
