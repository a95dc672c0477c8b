"""The week's batch form: one row per tracked item. Field checks (number format, sign, range)
live here; checks against other weeks and other users live in services.save_week_reports."""

from decimal import Decimal

from django import forms

from baidays.weekly.services import REPORT_FIELDS, RowInput
from core.bounds import TEXT_MAX
from core.choices import CompletionStatus
from core.money import ZERO
from core.uploads import max_megabytes

MONEY_INPUT = {"inputmode": "decimal", "step": "0.01", "min": "0", "placeholder": "0.00"}
PERCENT_INPUT = {"inputmode": "decimal", "step": "0.01", "min": "0", "max": "100"}


class SpaceTolerantDecimalField(forms.DecimalField):
    """A number typed with spaces around it is that number, and spaces alone are an empty
    cell (a phone keyboard leaves them easily)."""

    def to_python(self, value):
        return super().to_python(value.strip() if isinstance(value, str) else value)


def money_input_field(label, subject):
    """An optional amount in 万元, two places, typed on a phone; its errors name `subject`."""
    return SpaceTolerantDecimalField(
        label=label,
        max_digits=14,
        decimal_places=2,
        required=False,
        widget=forms.NumberInput(attrs=MONEY_INPUT),
        error_messages={
            "invalid": "请输入金额（万元），例如 12.50",
            "max_decimal_places": f"{subject}最多两位小数（万元，精确到百元）",
            "max_digits": f"{subject}金额过大，请核对单位是否为万元",
            "max_whole_digits": f"{subject}金额过大，请核对单位是否为万元",
        },
    )


class WeeklyRowForm(forms.Form):
    item = forms.CharField(widget=forms.HiddenInput)
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    week_investment_wan = money_input_field("本周投资（万元）", "本周投资")
    percent_complete = SpaceTolerantDecimalField(
        label="完成百分比（%）",
        max_digits=5,
        decimal_places=2,
        required=False,
        widget=forms.NumberInput(attrs=PERCENT_INPUT),
        error_messages={
            "invalid": "请输入 0–100 之间的数字",
            "max_decimal_places": "完成百分比最多两位小数",
            "max_digits": "完成百分比应在 0–100 之间",
            "max_whole_digits": "完成百分比应在 0–100 之间",
        },
    )
    progress_text = forms.CharField(label="形象进度", max_length=500, required=False)
    # the bound of the model field (core.bounds): a 1 MB 存在问题 would make a 3 MB item page
    problems = forms.CharField(
        label="存在问题",
        max_length=TEXT_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    next_steps = forms.CharField(
        label="下步打算",
        max_length=TEXT_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    note = forms.CharField(
        label="说明",
        max_length=300,
        required=False,
        help_text="完成百分比比上周低时，请写明原因",
    )

    CONTENT_FIELDS = REPORT_FIELDS

    def clean_week_investment_wan(self):
        value = self.cleaned_data["week_investment_wan"]
        if value is not None and value < 0:
            raise forms.ValidationError("本周完成投资不能为负数")
        return value

    def clean_percent_complete(self):
        value = self.cleaned_data["percent_complete"]
        if value is not None and not Decimal(0) <= value <= Decimal(100):
            raise forms.ValidationError("完成百分比应在 0–100 之间")
        return value

    def clean(self):
        data = super().clean()
        if self.is_blank():
            return data
        if data.get("percent_complete") is None and "percent_complete" not in self.errors:
            self.add_error("percent_complete", "请填写完成百分比")
        if data.get("week_investment_wan") is None and "week_investment_wan" not in self.errors:
            self.add_error("week_investment_wan", "请填写本周完成投资（没有投资填 0）")
        return data

    def is_blank(self):
        """An untouched row of an item not yet reported: the item is simply not reported."""
        data = self.cleaned_data
        return (
            not data.get("version")
            and all(data.get(name) in (None, "") for name in self.CONTENT_FIELDS)
            and not any(name in self.errors for name in self.CONTENT_FIELDS)
        )

    def to_row_input(self):
        data = self.cleaned_data
        return RowInput(
            key=data["item"],
            version=data["version"],
            week_investment_wan=data["week_investment_wan"] or ZERO,
            percent_complete=data["percent_complete"],
            progress_text=data["progress_text"].strip(),
            problems=data["problems"].strip(),
            next_steps=data["next_steps"].strip(),
            note=data["note"].strip(),
        )


WeeklyRowFormSet = forms.formset_factory(WeeklyRowForm, extra=0, max_num=1000)


class BatchOptionsForm(forms.Form):
    confirm_over_plan = forms.BooleanField(
        label="确认无误：累计完成投资确实超过百日计划的 150%", required=False
    )


def initial_for(row):
    report = row.report
    initial = {"item": row.key, "version": row.version}
    if report is not None:
        initial.update({name: getattr(report, name) for name in WeeklyRowForm.CONTENT_FIELDS})
    return initial


class MarkDoneForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, required=False)
    status = forms.ChoiceField(label="状态", choices=CompletionStatus.choices)
    completed_on = forms.DateField(
        label="完成日期",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    result = forms.CharField(
        label="完成情况",
        max_length=TEXT_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    evidence = forms.FileField(
        label="佐证材料",
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["evidence"].help_text = (
            f"PDF、OFD、图片、Word、Excel、PPT、文本或 ZIP，不超过 {max_megabytes()}；"
            "已上传过的可不再上传"
        )


class EvaluationForm(forms.Form):
    score = SpaceTolerantDecimalField(
        label="评议得分",
        max_digits=5,
        decimal_places=2,
        min_value=0,
        max_value=100,
        widget=forms.NumberInput(attrs={"step": "0.5", "min": "0", "max": "100"}),
        error_messages={
            "min_value": "评议得分应在 0–100 之间",
            "max_value": "评议得分应在 0–100 之间",
            "invalid": "请输入 0–100 之间的分数",
            "required": "请填写评议得分",
        },
    )
    grade = forms.ChoiceField(
        label="评议等次",
        choices=[
            ("", "—"),
            ("优秀", "优秀"),
            ("良好", "良好"),
            ("合格", "合格"),
            ("不合格", "不合格"),
        ],
        required=False,
    )
    comment = forms.CharField(
        label="评语", max_length=TEXT_MAX, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
