"""The item page's 进度计划 editor: one row per campaign week (its planned investment) and one
row per 形象进度 node. Field checks (number format, sign, dates) live here; checks against the
item (the weeks add up to its 100-day plan, the week is in the campaign) and against other
people's saves live in supervision.schedules.services."""

from django import forms
from django.forms import formset_factory

from baidays.weekly.forms import money_input_field
from core.bounds import WEEK_MAX
from core.parsing import parse_int
from supervision.schedules.services import NodeChange

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
EXTRA_NODES = 2  # blank node rows offered below the existing ones
WEEKS_PREFIX = "weeks"
NODES_PREFIX = "nodes"


class StrictIntegerField(forms.CharField):
    """A week, id or version from the request, read by core.parsing: anything but plain ASCII
    digits in range is a 400, never a guess."""

    def __init__(self, *, parse_label, maximum=None, **kwargs):
        kwargs.setdefault("widget", forms.HiddenInput)
        super().__init__(**kwargs)
        self.parse_label = parse_label
        self.maximum = maximum

    def to_python(self, value):
        if value in (None, "") and not self.required:
            return None
        extra = {"maximum": self.maximum} if self.maximum is not None else {}
        return parse_int(value, label=self.parse_label, **extra)


class ScheduleVersionForm(forms.Form):
    """The version of the schedule the page was opened with (0: none written yet)."""

    version = StrictIntegerField(parse_label="进度计划版本")


class WeekForm(forms.Form):
    week = StrictIntegerField(parse_label="周次", maximum=WEEK_MAX)
    planned_wan = money_input_field("计划投资（万元）", "计划投资")

    def clean_planned_wan(self):
        value = self.cleaned_data["planned_wan"]
        if value is not None and value < 0:
            raise forms.ValidationError("计划投资不能为负数")
        return value

    @property
    def week_label(self):
        raw = self["week"].value()
        return f"第{raw}周" if raw not in (None, "") else "该周"


class BaseWeekFormSet(forms.BaseFormSet):
    def clean(self):
        if any(form.errors for form in self.forms):
            return
        seen = set()
        for form in self.forms:
            week = form.cleaned_data["week"]
            if week in seen:
                raise forms.ValidationError(f"第{week}周填了不止一次")
            seen.add(week)

    def weeks(self):
        """{week: 万元} of the valid formset; empty cells are weeks with nothing planned."""
        return {
            form.cleaned_data["week"]: form.cleaned_data["planned_wan"]
            for form in self.forms
            if form.cleaned_data["planned_wan"] is not None
        }

    def named_errors(self):
        """Every refusal as one line naming its week, for the summary above the rows."""
        lines = []
        for form in self.forms:
            for error in form.errors.get("planned_wan", []):
                lines.append(f"{form.week_label}计划投资：{error}")
        return [*lines, *self.non_form_errors()]


WeekFormSet = formset_factory(WeekForm, formset=BaseWeekFormSet, extra=0)


def week_initial(weeks_total, amounts):
    """The rows of a page opened now: every week of the campaign with its amount."""
    return [{"week": week, "planned_wan": amounts.get(week)} for week in range(1, weeks_total + 1)]


class NodeForm(forms.Form):
    id = StrictIntegerField(parse_label="节点编号", required=False)
    version = StrictIntegerField(parse_label="节点版本", required=False)
    text = forms.CharField(label="节点内容", max_length=200, required=False)
    planned_on = forms.DateField(label="计划日期", required=False, widget=DATE)
    reached_on = forms.DateField(label="实际完成日期", required=False, widget=DATE)
    delete = forms.BooleanField(label="删除", required=False)

    def clean(self):
        data = super().clean()
        if self.is_empty_new(data) or data.get("delete"):
            return data
        if not (data.get("text") or "").strip():
            self.add_error("text", "请填写节点内容")
        if data.get("planned_on") is None and "planned_on" not in self.errors:
            self.add_error("planned_on", "请填写计划日期")
        return data

    @staticmethod
    def is_empty_new(data):
        return data.get("id") is None and not any(
            data.get(name) for name in ("text", "planned_on", "reached_on")
        )

    def to_change(self, index):
        """The NodeChange of the row, or None for a blank new row (or a new row deleted)."""
        data = self.cleaned_data
        if self.is_empty_new(data) or (data.get("id") is None and data.get("delete")):
            return None
        return NodeChange(
            index=index,
            pk=data.get("id"),
            version=data.get("version"),
            text=(data.get("text") or "").strip(),
            planned_on=data.get("planned_on"),
            reached_on=data.get("reached_on"),
            delete=bool(data.get("delete")) and data.get("id") is not None,
        )


NodeFormSet = formset_factory(NodeForm, extra=0)


def node_initial(nodes):
    rows = [
        {
            "id": node.pk,
            "version": node.version,
            "text": node.text,
            "planned_on": node.planned_on,
            "reached_on": node.reached_on,
        }
        for node in nodes
    ]
    return rows + [{} for _ in range(EXTRA_NODES)]


def editor_forms(card):
    """The editor opened on the card (the current schedule: the page's day is today): the
    weeks as written, or the linear default's amounts to start from."""
    version = card["schedule_version"]
    amounts = {row.week: row.planned_wan for row in card["schedule_weeks"] if row.planned_wan}
    return {
        "schedule_version_form": ScheduleVersionForm(
            initial={"version": version.pk if version else 0}
        ),
        "week_formset": WeekFormSet(
            prefix=WEEKS_PREFIX, initial=week_initial(len(card["schedule_weeks"]), amounts)
        ),
        "node_formset": NodeFormSet(
            prefix=NODES_PREFIX, initial=node_initial(card["schedule_nodes"])
        ),
    }
