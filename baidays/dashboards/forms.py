from django import forms

from baidays.dashboards.selectors import KINDS


def kind_choices():
    # read when a form is made: the apps register their kinds after this module may load
    return [(key, kind.label) for key, kind in KINDS.items()]


class InstructionForm(forms.Form):
    kind = forms.ChoiceField(choices=kind_choices)
    object_id = forms.IntegerField(min_value=1)
    text = forms.CharField(
        label="批示内容",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2, "placeholder": "请输入批示内容"}),
        error_messages={"required": "请填写批示内容"},
    )
    next = forms.CharField(required=False)

    def clean_text(self):
        text = self.cleaned_data["text"].strip()
        if not text:
            raise forms.ValidationError("请填写批示内容")
        return text
