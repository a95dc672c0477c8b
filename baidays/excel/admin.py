"""Admin import (upload → preview of what is created / updated / unchanged → confirm) and
annex-layout export for the annex models, on django-import-export's ImportMixin. The uploaded
workbook reaches the resource whole, because the annex reader — not import-export's "header
in row 1 of the active sheet" — must find the sheet and header."""

from urllib.parse import quote

import tablib
from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from import_export.admin import ImportMixin
from import_export.formats.base_formats import XLSX
from import_export.forms import ConfirmImportForm, ImportForm

from audit.choices import Event
from audit.services import record
from baidays.excel.enterprise_resources import CompetitionEntryResource, KeyEnterpriseResource
from baidays.excel.errors import WorkbookError
from baidays.excel.export import export_filename, write_annex
from baidays.excel.layouts import LAYOUTS
from baidays.excel.mappings import remember, resolve_field
from baidays.excel.project_resources import InfrastructureProjectResource, KeyProjectResource
from baidays.excel.safety import MAX_UPLOAD_BYTES, check_workbook
from core.models import Campaign
from core.parsing import parse_optional_int
from enterprises.models import CompetitionEntry, KeyEnterprise
from projects.models import Project

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class UploadedWorkbookFormat(XLSX):
    """Hands the checked workbook bytes to the resource instead of a row-1-header table."""

    def get_title(self):
        return "Excel / WPS / LibreOffice 工作簿（.xlsx、.xls、.xlsm、.ods）"

    def create_dataset(self, in_stream):
        data = check_workbook(in_stream)
        dataset = tablib.Dataset(["（由附件读取器解析）"], headers=["工作簿"])
        dataset.annex_workbook = data
        return dataset


def _campaign_field():
    return forms.ModelChoiceField(
        label="百日行动",
        queryset=Campaign.objects.order_by("-start_date"),
        initial=lambda: Campaign.objects.current(),
        empty_label=None,
    )


ACCEPTED_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")


def _sheet_field(widget=None):
    return forms.CharField(
        label="工作表",
        required=False,
        max_length=100,
        help_text="留空时按标题和表头自动识别；工作簿中有多个可能的工作表时填写要导入的工作表名",
        **({"widget": widget} if widget else {}),
    )


class AnnexImportForm(ImportForm):
    """The upload form, all in Chinese: the annex choice is hidden where the admin imports one
    annex, the format always (the reader tells it by content)."""

    campaign = _campaign_field()
    sheet = _sheet_field()
    field_order = ["campaign", "resource", "import_file", "sheet", "format"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["resource"].label = "附件"
        self.fields["import_file"].label = "附件文件"
        self.fields["format"].label = "文件格式"
        self.fields["format"].widget = forms.HiddenInput()
        self.initial["format"] = "0"

    def clean_import_file(self):
        upload = self.cleaned_data["import_file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                f"文件超过 {MAX_UPLOAD_BYTES // 1024 // 1024} MB，请删去无关内容后再导入"
            )
        if not upload.name.lower().endswith(ACCEPTED_SUFFIXES):
            raise forms.ValidationError("只接受 .xlsx、.xls、.xlsm 或 .ods 格式的表格文件")
        return upload


class AnnexConfirmImportForm(ConfirmImportForm):
    campaign = forms.ModelChoiceField(queryset=Campaign.objects.all(), widget=forms.HiddenInput())
    sheet = _sheet_field(forms.HiddenInput())


class AnnexAdminMixin(ImportMixin):
    """Mixed into the annex ModelAdmins. Subclasses set `annexes` and `import_permission`."""

    annexes = ()
    import_permission = ""
    import_formats = [UploadedWorkbookFormat]
    import_form_class = AnnexImportForm
    confirm_form_class = AnnexConfirmImportForm
    import_error_display = ("message",)
    import_export_change_list_template = "admin/excel/annex_change_list.html"
    import_template_name = "admin/excel/annex_import.html"

    def has_import_permission(self, request):
        return request.user.has_perm(self.import_permission)

    def get_import_resource_kwargs(self, request, **kwargs):
        form = kwargs.get("form")
        campaign, sheet = None, None
        if form is not None and hasattr(form, "cleaned_data"):
            campaign = form.cleaned_data.get("campaign")
            sheet = form.cleaned_data.get("sheet")
        return {
            "campaign": campaign or Campaign.objects.current(),
            "user": request.user,
            "preview": True,
            "sheet": sheet,
        }

    def get_confirm_form_initial(self, request, import_form):
        initial = super().get_confirm_form_initial(request, import_form)
        if import_form is not None:
            initial["campaign"] = import_form.cleaned_data["campaign"].pk
            initial["sheet"] = import_form.cleaned_data.get("sheet", "")
        return initial

    def add_data_read_fail_error_to_form(self, form, e):
        if isinstance(e, WorkbookError):
            form.add_error("import_file", str(e))
        else:
            super().add_data_read_fail_error_to_form(form, e)

    # --- annex-layout export and blank templates -----------------------------------------
    def get_urls(self):
        prefix = f"{self.opts.app_label}_{self.opts.model_name}"
        extra = [
            path(
                "annex-export/<int:annex>/",
                self.admin_site.admin_view(self.annex_export_view),
                name=f"{prefix}_annex_export",
            ),
            path(
                "annex-template/<int:annex>/",
                self.admin_site.admin_view(self.annex_template_view),
                name=f"{prefix}_annex_template",
            ),
            path(
                "annex-mapping/<int:annex>/",
                self.admin_site.admin_view(self.annex_mapping_view),
                name=f"{prefix}_annex_mapping",
            ),
        ]
        return extra + super().get_urls()

    def changelist_view(self, request, extra_context=None):
        prefix = f"{self.opts.app_label}_{self.opts.model_name}"
        extra_context = {
            **(extra_context or {}),
            "annex_downloads": [(annex, LAYOUTS[annex].label) for annex in self.annexes],
            "annex_export_url": f"admin:{prefix}_annex_export",
            "annex_template_url": f"admin:{prefix}_annex_template",
        }
        return super().changelist_view(request, extra_context)

    def _annex_or_403(self, request, annex):
        if annex not in self.annexes or not self.has_view_permission(request):
            raise PermissionDenied
        return annex

    def annex_export_view(self, request, annex):
        self._annex_or_403(request, annex)
        chosen = parse_optional_int(request.GET.get("campaign__id__exact"), label="百日行动编号")
        campaign = (
            Campaign.objects.filter(pk=chosen).first() if chosen is not None else None
        ) or Campaign.objects.current()
        if campaign is None:
            raise Http404("尚未建立百日行动")
        return _xlsx(
            write_annex(annex, campaign, reader=request.user), export_filename(annex, campaign)
        )

    def get_import_context_data(self, **kwargs):
        context = super().get_import_context_data(**kwargs)
        prefix = f"{self.opts.app_label}_{self.opts.model_name}"
        context["annex_mapping_url"] = f"admin:{prefix}_annex_mapping"
        return context

    def annex_mapping_view(self, request, annex):
        """The preview's form for the columns the reader could not place: each chosen field
        is remembered for the annex, and the preview runs again on the file already uploaded
        (import-export keeps it in its temporary storage until the import is confirmed)."""
        self._annex_or_403(request, annex)
        if request.method != "POST" or not self.has_import_permission(request):
            raise PermissionDenied
        pairs = column_mapping_pairs(LAYOUTS[annex], request.POST)
        remember(annex, pairs)
        label = LAYOUTS[annex].label
        names = "、".join(f"“{header}”" for header, _ in pairs)
        confirm_form = self.create_confirm_form(request)
        if confirm_form.is_valid():
            if pairs:
                messages.success(
                    request, f"已记住{label}的列对应：{names}，以下是按新对应重新读取的预览"
                )
            return self.preview_again(request, confirm_form)
        if pairs:
            messages.success(request, f"已记住{label}的列对应：{names}，请重新上传文件")
        prefix = f"{self.opts.app_label}_{self.opts.model_name}"
        return HttpResponseRedirect(reverse(f"admin:{prefix}_import"))

    def preview_again(self, request, confirm_form):
        """The upload's preview (import_action's dry run) for the file named by the confirm
        form, with a new confirm form for that same file."""
        data = confirm_form.cleaned_data
        input_format = self.get_import_formats()[int(data["format"])]()
        storage = self.get_tmp_storage_class()(
            name=data["import_file_name"],
            read_mode=input_format.get_read_mode(),
            **self.get_tmp_storage_class_kwargs(),
        )
        context = {**self.get_import_context_data(), **self.admin_site.each_context(request)}
        form = self.get_import_form_class(request)(
            self.get_import_formats(),
            self.get_import_resource_classes(request),
            initial={
                "campaign": data["campaign"].pk,
                "resource": data["resource"],
                "sheet": data.get("sheet", ""),
            },
        )
        try:
            dataset = input_format.create_dataset(storage.read())
        except (OSError, WorkbookError):
            messages.error(request, "上传的文件已失效，请重新上传")
            prefix = f"{self.opts.app_label}_{self.opts.model_name}"
            return HttpResponseRedirect(reverse(f"admin:{prefix}_import"))
        resource = self.choose_import_resource_class(confirm_form, request)(
            **self.get_import_resource_kwargs(request, form=confirm_form)
        )
        result = resource.import_data(dataset, dry_run=True, raise_errors=False, user=request.user)
        context["result"] = result
        if not result.has_errors() and not result.has_validation_errors():
            initial = {name: request.POST.get(name) for name in confirm_form.fields}
            initial.update(import_file_name=data["import_file_name"], campaign=data["campaign"].pk)
            context["confirm_form"] = self.get_confirm_form_class(request)(initial=initial)
        context.update(
            title="导入",
            form=form,
            opts=self.model._meta,
            media=self.media + form.media,
            fields_list=[],
            import_error_display=self.import_error_display,
        )
        request.current_app = self.admin_site.name
        return TemplateResponse(request, [self.import_template_name], context)

    def annex_template_view(self, request, annex):
        self._annex_or_403(request, annex)
        return _xlsx(write_annex(annex, None, blank=True), export_filename(annex, blank=True))


def _xlsx(content, filename):
    record(event=Event.EXPORT, target=filename)
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


def column_mapping_pairs(layout, data):
    """(header, column key) pairs from the preview's mapping form: fields header_N / field_N,
    a field left at "—" is not mapped."""
    pairs = []
    for name, header in data.items():
        if not name.startswith("header_"):
            continue
        choice = data.get("field_" + name.removeprefix("header_"), "")
        if choice and choice != "-":
            key = "" if choice == "ignore" else resolve_field(layout, choice)
            pairs.append((header, key))
    return pairs


def with_annex_import(model, **options):
    """The domain app registers the model's admin; import and annex export belong to this
    feature, so it registers that same admin again with them mixed in."""
    declared = admin.site._registry[model].declared_admin
    admin.site.unregister(model)
    admin.site.register(model, type(declared.__name__, (AnnexAdminMixin, declared), options))


with_annex_import(
    Project,
    resource_classes=[InfrastructureProjectResource, KeyProjectResource],
    annexes=(1, 3),
    import_permission="projects.import_annex",
)
with_annex_import(
    CompetitionEntry,
    resource_classes=[CompetitionEntryResource],
    annexes=(2,),
    import_permission="enterprises.import_annex",
)
with_annex_import(
    KeyEnterprise,
    resource_classes=[KeyEnterpriseResource],
    annexes=(4,),
    import_permission="enterprises.import_annex",
)
