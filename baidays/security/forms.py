from django import forms


class CodeForm(forms.Form):
    code = forms.CharField(
        label="验证码",
        max_length=16,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    def clean_code(self):
        return "".join(self.cleaned_data["code"].split())


class AuditFilterForm(forms.Form):
    since = forms.DateField(
        label="起始日期",
        required=False,
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
    )
    until = forms.DateField(
        label="截止日期",
        required=False,
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
    )
    username = forms.CharField(label="用户名", required=False, max_length=150)
    event = forms.ChoiceField(label="事件", required=False)

    def __init__(self, *args, **kwargs):
        from audit.choices import Event

        super().__init__(*args, **kwargs)
        self.fields["event"].choices = [("", "全部事件"), *Event.choices]
