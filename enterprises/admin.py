from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_user_model, password_validation
from django.utils import timezone
from simple_history.admin import SimpleHistoryAdmin

from enterprises.models import (
    CompetitionEntry,
    Enterprise,
    EnterpriseAccount,
    EntryPhoto,
    EntryReport,
    KeyEnterprise,
    LandTransfer,
    Problem,
    PromotionEvent,
    ServiceVisit,
)
from enterprises.services import create_enterprise_account, save_problem


@admin.register(Enterprise)
class EnterpriseAdmin(SimpleHistoryAdmin):
    list_display = ["name", "legal_representative", "phone", "main_products"]
    search_fields = ["name", "legal_representative", "main_products"]


class EntryReportInline(admin.TabularInline):
    model = EntryReport
    extra = 0
    fields = ["report_week", "week_investment_wan", "percent_complete", "progress_text", "state"]


class EntryPhotoInline(admin.TabularInline):
    model = EntryPhoto
    extra = 0
    fields = ["image", "caption", "taken_on", "report"]
    raw_id_fields = ["report"]


class EnterpriseAccountCreationForm(forms.ModelForm):
    """One screen for an enterprise's login: the enterprise (existing or new), the person, the
    login name and a temporary password the person must change at first login."""

    enterprise = forms.ModelChoiceField(
        Enterprise.objects.all(),
        label="已有企业",
        required=False,
        help_text="选择一家已有企业；企业尚未录入时留空，在下面填写新企业名称",
    )
    new_enterprise_name = forms.CharField(label="或：新企业名称", max_length=200, required=False)
    person_name = forms.CharField(label="填报人姓名", max_length=50)
    title = forms.CharField(label="职务", max_length=50, required=False, initial="企业填报员")
    phone = forms.CharField(label="联系电话", max_length=30, required=False)
    username = forms.CharField(
        label="登录名", max_length=150, help_text="字母、数字和 @ . + - _，登录时使用"
    )
    password1 = forms.CharField(
        label="临时密码",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="告诉填报人；首次登录时必须改成自己的密码",
    )
    password2 = forms.CharField(
        label="再输入一次临时密码",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    class Meta:
        model = EnterpriseAccount
        fields = []

    def clean_username(self):
        username = self.cleaned_data["username"]
        if get_user_model().objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(f"登录名“{username}”已被使用，请换一个")
        return username

    def clean_new_enterprise_name(self):
        name = " ".join(self.cleaned_data["new_enterprise_name"].split())
        if name and Enterprise.objects.filter(name=name).exists():
            raise forms.ValidationError(f"已有企业“{name}”，请在“已有企业”中选择它")
        return name

    def clean(self):
        cleaned = super().clean()
        neither_or_both = (cleaned.get("enterprise") is None) == (
            not cleaned.get("new_enterprise_name")
        )
        if neither_or_both and "new_enterprise_name" not in self.errors:
            self.add_error("enterprise", "请选择一家已有企业，或填写新企业名称（二者选一）")
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", "两次输入的临时密码不一致")
        elif first and cleaned.get("username"):
            candidate = get_user_model()(username=cleaned["username"])
            try:
                password_validation.validate_password(first, candidate)
            except forms.ValidationError as exc:
                self.add_error("password1", exc)
        return cleaned

    def save(self, commit=True):
        data = self.cleaned_data
        self.instance = create_enterprise_account(
            username=data["username"],
            password=data["password1"],
            person_name=data["person_name"],
            title=data["title"],
            phone=data["phone"],
            enterprise=data["enterprise"],
            new_enterprise_name=data["new_enterprise_name"],
        )
        return self.instance

    def save_m2m(self):
        """Nothing more: the service saved every part."""


@admin.register(EnterpriseAccount)
class EnterpriseAccountAdmin(SimpleHistoryAdmin):
    list_display = ("person", "enterprise", "login")
    list_select_related = ("person__user", "enterprise")
    search_fields = ("person__name", "enterprise__name", "person__user__username")
    autocomplete_fields = ("enterprise",)
    add_form = EnterpriseAccountCreationForm
    add_fieldsets = [
        ("企业", {"fields": ["enterprise", "new_enterprise_name"]}),
        ("填报人", {"fields": ["person_name", "title", "phone"]}),
        ("登录", {"fields": ["username", "password1", "password2"]}),
    ]

    @admin.display(description="登录名")
    def login(self, obj):
        return obj.person.user.get_username() if obj.person.user_id else "（无登录账号）"

    def get_fieldsets(self, request, obj=None):
        return self.add_fieldsets if obj is None else super().get_fieldsets(request, obj)

    def get_form(self, request, obj=None, **kwargs):
        if obj is None:
            kwargs["form"] = self.add_form
        return super().get_form(request, obj, **kwargs)

    def save_model(self, request, obj, form, change):
        if change:  # a new account was saved whole by the creation form's service
            super().save_model(request, obj, form, change)

    def response_add(self, request, obj, post_url_continue=None):
        messages.success(
            request,
            f"已为“{obj.enterprise.name}”建立企业账号，登录名 {obj.person.user.get_username()}；"
            "请把临时密码告诉填报人，其首次登录时须修改密码。",
        )
        return super().response_add(request, obj, post_url_continue)


@admin.register(CompetitionEntry)
class CompetitionEntryAdmin(SimpleHistoryAdmin):
    list_display = [
        "seq",
        "enterprise",
        "project_name",
        "goal",
        "planned_investment_wan",
        "achieved_on",
        "responsible_department",
        "is_archived",
    ]
    list_display_links = ["project_name"]
    list_filter = ["campaign", "goal", "responsible_department", "is_archived"]
    search_fields = ["enterprise__name", "project_name", "construction_task"]
    autocomplete_fields = ["enterprise", "liaison_leader", "responsible_department"]
    list_select_related = ["enterprise", "responsible_department"]
    inlines = [EntryReportInline, EntryPhotoInline]


@admin.register(EntryReport)
class EntryReportAdmin(SimpleHistoryAdmin):
    list_display = ["entry", "report_week", "week_investment_wan", "percent_complete", "state"]
    list_filter = ["entry__campaign", "report_week", "state"]
    search_fields = ["entry__enterprise__name", "entry__project_name", "progress_text"]
    raw_id_fields = ["entry", "reporter"]
    list_select_related = ["entry__enterprise"]


@admin.register(EntryPhoto)
class EntryPhotoAdmin(admin.ModelAdmin):
    list_display = ["entry", "caption", "taken_on", "uploaded_by", "uploaded_at"]
    search_fields = ["entry__enterprise__name", "caption"]
    raw_id_fields = ["entry", "report", "uploaded_by"]


class ServiceVisitInline(admin.TabularInline):
    model = ServiceVisit
    extra = 0
    fields = ["visited_on", "visitors", "findings"]


@admin.register(KeyEnterprise)
class KeyEnterpriseAdmin(SimpleHistoryAdmin):
    list_display = [
        "seq",
        "enterprise",
        "category",
        "liaison_leader",
        "service_person",
        "responsible_department",
    ]
    list_display_links = ["enterprise"]
    list_filter = ["campaign", "category", "responsible_department"]
    search_fields = ["enterprise__name", "difficulties", "coordination_needed"]
    autocomplete_fields = ["enterprise", "service_person", "responsible_department"]
    list_select_related = ["enterprise", "service_person", "responsible_department"]
    inlines = [ServiceVisitInline]


@admin.register(ServiceVisit)
class ServiceVisitAdmin(SimpleHistoryAdmin):
    list_display = ["key_enterprise", "visited_on", "visitors"]
    list_filter = ["key_enterprise__campaign", "visited_on"]
    search_fields = ["key_enterprise__enterprise__name", "findings", "visitors"]


@admin.register(Problem)
class ProblemAdmin(SimpleHistoryAdmin):
    list_display = [
        "title",
        "enterprise",
        "project",
        "category",
        "responsible_department",
        "raised_on",
        "due_date",
        "status",
    ]
    list_filter = ["campaign", "category", "status", "responsible_department", "is_archived"]
    search_fields = ["title", "description", "resolution", "enterprise__name", "project__name"]
    autocomplete_fields = ["enterprise", "project", "responsible_department"]
    raw_id_fields = ["visit"]
    list_select_related = ["enterprise", "project", "responsible_department"]

    def save_model(self, request, obj, form, change):
        # through the service, so the status history records the change (and who made it)
        save_problem(problem=obj, user=request.user, today=timezone.localdate())


@admin.register(PromotionEvent)
class PromotionEventAdmin(SimpleHistoryAdmin):
    list_display = ["title", "held_on", "place", "leads_count", "intended_investment_wan"]
    list_filter = ["campaign"]
    search_fields = ["title", "place", "result"]


@admin.register(LandTransfer)
class LandTransferAdmin(SimpleHistoryAdmin):
    list_display = ["parcel", "enterprise", "transferred_on", "area_mu", "price_wan"]
    list_filter = ["campaign"]
    search_fields = ["parcel", "enterprise__name"]
    autocomplete_fields = ["enterprise"]
