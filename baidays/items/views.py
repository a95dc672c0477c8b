"""Views of the item page shared by projects and 争先杯 entries; pages.py binds them to
each kind by its key in core.registry.TRACKED_KINDS."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views import View

from baidays.items.forms import InstructionForm, PhotoForm
from baidays.items.page import add_photos, item_page, mark_instructions_read
from baidays.items.schedule_forms import editor_forms
from core.access import (
    RoleRequiredMixin,
    can_edit_schedule,
    can_write_items,
    get_visible_or_404,
    require_item_writer,
    require_leader_or_admin,
)
from core.forms import add_validation_errors
from core.media import send_upload
from core.registry import TRACKED_KINDS
from core.scope import scope_of
from core.services import create_instruction


def allowed(check, user):
    """Whether an access.py check lets `user` through, for showing or hiding a form."""
    try:
        check(user)
    except PermissionDenied:
        return False
    return True


class ItemMixin(RoleRequiredMixin):
    # an enterprise account reaches its own entries only: visible_to gives it nothing else
    open_to_enterprise_accounts = True
    kind_key = None  # the TRACKED_KINDS key of the view's kind

    @property
    def kind(self):
        return TRACKED_KINDS[self.kind_key]

    def get_item(self, pk):
        kind = self.kind
        queryset = kind.model.objects.select_related(
            *kind.related, *kind.page_related, kind.leader_field, "campaign"
        )
        return get_visible_or_404(queryset, self.request.user, pk=pk)

    def extra_forms(self, item):
        """Forms of the kind's own (an entry's goal-achieved form)."""
        return {}

    def render_page(self, item, status=200, **forms):
        user = self.request.user
        scope = scope_of(self.request)
        as_of = scope.as_of
        if scope.as_of_error:
            as_of = None
            messages.warning(self.request, f"{scope.as_of_error}；显示的是今天的情况。")
        context = item_page(self.kind, item, user, as_of=as_of)
        can_edit = can_edit_schedule(user) and not context["is_past"]
        if can_edit:
            context.update(editor_forms(context))
        context.update(
            # built from the URL names, never from request.path: a page shown again after a
            # refused form has the form's URL
            item_url=reverse(self.kind.detail_url_name, args=[item.pk]),
            photos_url=reverse(self.kind.photo_url_name, args=[item.pk]),
            instruct_url=reverse(self.kind.instruct_url_name, args=[item.pk]),
            schedule_url=reverse(self.kind.schedule_url_name, args=[item.pk]),
            schedule_nodes_url=reverse(self.kind.schedule_nodes_url_name, args=[item.pk]),
            can_edit_schedule=can_edit,
            can_write=can_write_items(user),
            can_instruct=allowed(require_leader_or_admin, user),
            photo_form=forms.pop("photo_form", None) or PhotoForm(),
            instruction_form=forms.pop("instruction_form", None) or InstructionForm(),
            **{**self.extra_forms(item), **forms},
        )
        return render(self.request, "items/detail.html", context, status=status)


class ItemDetailView(ItemMixin, View):
    def get(self, request, pk):
        item = self.get_item(pk)
        mark_instructions_read(item, request.user)
        return self.render_page(item)


class ItemPhotoUploadView(ItemMixin, View):
    def post(self, request, pk):
        require_item_writer(request.user)
        item = self.get_item(pk)
        form = PhotoForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                added = add_photos(
                    kind=self.kind,
                    item=item,
                    user=request.user,
                    uploads=form.cleaned_data["image"],
                    caption=form.cleaned_data["caption"],
                    taken_on=form.cleaned_data["taken_on"],
                )
            except ValidationError as exc:
                add_validation_errors(form, exc, default_field="image")
            else:
                messages.success(request, f"照片已上传（{len(added)} 张）。")
                return redirect(reverse(self.kind.detail_url_name, args=[pk]) + "#photos")
        return self.render_page(item, status=400, photo_form=form)


class ItemInstructionView(ItemMixin, View):
    def post(self, request, pk):
        require_leader_or_admin(request.user)
        item = self.get_item(pk)
        form = InstructionForm(request.POST)
        if not form.is_valid():
            return self.render_page(item, status=400, instruction_form=form)
        create_instruction(item=item, author=request.user, text=form.cleaned_data["text"])
        messages.success(request, "批示已发送，责任单位填报人员打开此页时会看到。")
        return redirect(reverse(self.kind.detail_url_name, args=[pk]) + "#instructions")


class ItemPhotoFileView(ItemMixin, View):
    """Photos are served through the access rules: another department's photo is a 404."""

    def get(self, request, pk, photo_pk, variant):
        item = self.get_item(pk)
        photo = self.kind.photo_model.objects.filter(
            pk=photo_pk, **{self.kind.item_field: item}
        ).first()
        if photo is None:
            raise Http404("没有这张照片")
        file = photo.thumbnail if variant == "thumb" and photo.thumbnail else photo.image
        return send_upload(request, file.name)
