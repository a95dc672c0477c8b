from django import forms
from django.core.files.uploadedfile import UploadedFile

from core.models import Department
from core.uploads import validate_evidence_upload
from supervision.choices import Cause, Level
from supervision.models import Supervision

DATE = forms.DateInput(attrs={"type": "date", "class": "form-control"}, format="%Y-%m-%d")


class AnswerForm(forms.ModelForm):
    class Meta:
        model = Supervision
        fields = ["measures", "promised_on", "evidence"]
        widgets = {
            "measures": forms.Textarea(attrs={"rows": 4, "class": "form-control"}),
            "promised_on": DATE,
            "evidence": forms.FileInput(attrs={"class": "form-control"}),
        }

    def clean_evidence(self):
        """A newly uploaded file passes the project's evidence checks (size, type, and an
        image's pixels); the file already on the 督办单 was checked when it came."""
        evidence = self.cleaned_data.get("evidence")
        if isinstance(evidence, UploadedFile):
            validate_evidence_upload(evidence)
        return evidence


class CloseForm(forms.Form):
    close_note = forms.CharField(
        label="销号说明",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}),
    )


class SupervisionFilterForm(forms.Form):
    level = forms.ChoiceField(label="等级", choices=[("", "全部"), *Level.choices], required=False)
    cause = forms.ChoiceField(label="原因", choices=[("", "全部"), *Cause.choices], required=False)
    department = forms.ModelChoiceField(
        label="责任单位", queryset=Department.objects.all(), required=False, empty_label="全部"
    )
    state = forms.ChoiceField(
        label="状态",
        choices=[("open", "未销号"), ("closed", "已销号"), ("all", "全部")],
        required=False,
    )
