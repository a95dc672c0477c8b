"""The item page's forms: photos (several at once) and a leader's 批示."""

from django import forms

from baidays.items.page import MAX_PHOTOS_PER_UPLOAD
from core.uploads import max_megabytes


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files from one input, as Django's documentation shows."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single_clean = super().clean
        if isinstance(data, list | tuple):
            return [single_clean(item, initial) for item in data]
        return [single_clean(data, initial)]


class PhotoForm(forms.Form):
    image = MultipleFileField(
        label="现场照片（可多选）",
        widget=MultipleFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
        error_messages={"required": "请选择要上传的照片"},
    )
    caption = forms.CharField(label="照片说明", max_length=200, required=False)
    taken_on = forms.DateField(
        label="拍摄日期",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text="不填为今天",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # the limits are the upload checks' own (core.uploads, settings.UPLOAD_MAX_BYTES)
        self.fields[
            "image"
        ].help_text = (
            f"JPEG、PNG 或 WebP，每张不超过 {max_megabytes()}，一次最多 {MAX_PHOTOS_PER_UPLOAD} 张"
        )


class InstructionForm(forms.Form):
    text = forms.CharField(
        label="批示内容",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "请填写批示内容"},
    )
