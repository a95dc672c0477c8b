from django import forms

from core.models import Department
from topics.models import Decision, LandFiling, TopicMeeting

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class TopicMeetingForm(forms.ModelForm):
    class Meta:
        model = TopicMeeting
        fields = ["topic", "title", "held_on", "place", "chair", "attendees", "minutes"]
        widgets = {
            "held_on": DATE,
            "attendees": forms.Textarea({"rows": 2}),
            "minutes": forms.Textarea({"rows": 4}),
        }


class DecisionForm(forms.ModelForm):
    class Meta:
        model = Decision
        fields = ["content", "responsible_department", "due_date", "status"]
        widgets = {"content": forms.Textarea({"rows": 2}), "due_date": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible_department"].queryset = Department.objects.filter(is_active=True)


DecisionFormSet = forms.formset_factory(DecisionForm, extra=5, min_num=1, validate_min=True)
DECISION_ROWS_OFFERED = 6  # what the meeting form shows (min_num + extra); no script adds rows


class LandFilingForm(forms.ModelForm):
    class Meta:
        model = LandFiling
        fields = ["target", "filed_on", "description", "area_mu", "approved_on"]
        widgets = {"filed_on": DATE, "approved_on": DATE}

    def __init__(self, *args, targets, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = targets
        self.fields["target"].label = "计入目标"


class ApprovalSolvedForm(forms.Form):
    case = forms.IntegerField(widget=forms.HiddenInput)
    solved_on = forms.DateField(label="解决日期", required=False, widget=DATE)
