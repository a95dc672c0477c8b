from django import forms

from .models import BriefingNarrative


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
