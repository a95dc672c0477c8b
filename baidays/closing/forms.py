from django import forms

from projects.models import Project

from .choices import DIMENSIONS
from .models import BriefingNarrative, FeedbackAnswer, WorkSummary


class NarrativeForm(forms.ModelForm):
    class Meta:
        model = BriefingNarrative
        fields = ["progress", "problems", "next_steps"]
        widgets = {
            name: forms.Textarea(attrs={"rows": 6})
            for name in ("progress", "problems", "next_steps")
        }
        help_texts = {
            "progress": "本周各项工作的进展、亮点，每段一行",
            "problems": "推进中存在的困难和问题",
            "next_steps": "下周的工作安排",
        }


class FeedbackAnswerForm(forms.ModelForm):
    """The questionnaire: a level per dimension, free text, who filled it in."""

    class Meta:
        model = FeedbackAnswer
        fields = ["efficiency", "attitude", "solving", "comments", "respondent"]
        widgets = {
            "efficiency": forms.RadioSelect,
            "attitude": forms.RadioSelect,
            "solving": forms.RadioSelect,
            "comments": forms.Textarea(attrs={"rows": 4}),
        }

    def scores(self):
        return {name: self.cleaned_data[name] for name, _label in DIMENSIONS}


class PaperAnswerForm(FeedbackAnswerForm):
    """A paper answer the clerk types in, with the date written on the paper."""

    answered_on = forms.DateField(
        label="答卷日期", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )


class ContractorRequestForm(forms.Form):
    project = forms.ModelChoiceField(label="项目", queryset=Project.objects.none())
    unit_name = forms.CharField(label="施工单位名称", max_length=200)

    def __init__(self, *args, campaign, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = Project.objects.active().filter(campaign=campaign)


class CompleteFollowUpForm(forms.Form):
    completed_on = forms.DateField(
        label="办结日期", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    result = forms.CharField(
        label="整改情况", widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )


class WorkSummaryForm(forms.ModelForm):
    class Meta:
        model = WorkSummary
        fields = ["practices", "problems", "next_steps"]
        widgets = {
            name: forms.Textarea(attrs={"rows": 6})
            for name in ("practices", "problems", "next_steps")
        }


class ReportForm(forms.Form):
    reported_on = forms.DateField(
        label="上报日期", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
