"""Who sees and writes what (docs/design.md, 谁能看什么): staff read and edit only their own
unit's records (another unit's is a 404) — the unit a record belongs to is the one its model
declares once (`owner_unit_path`) — reviewers (审核人) read their own unit's and review its
reports, leaders read everything and write only 批示 (other writes are 403), admins
everything. An enterprise account (企业填报员) sees only what its models declare through
`for_enterprise_account(user)` and only on views open to it; nothing of any other enterprise.
Views ask the `can_*` predicates here and templates `can` (Abilities); no view or template
compares roles."""

from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.utils.functional import cached_property

from core.choices import Role
from core.roles import SEPARATED_ADMINS, department_of, role_of

# The roles that read every unit's records and give 批示: decided here once; views and templates
# ask the predicates below.
EVERY_UNIT_ROLES = (Role.ADMIN, Role.LEADER)


def sees_every_unit(user):
    """Leaders and admins read every unit's records."""
    return role_of(user) in EVERY_UNIT_ROLES


def can_sign_off(user):
    """签发 (the briefing's narrative, the 工作小结) is the leader's own act: the office
    drafts, a leader signs; an admin account does not sign for a leader."""
    return role_of(user) == Role.LEADER


def acts_for_unit(user, department):
    """A unit's staff and its reviewer act for it (签收 what is sent to the unit)."""
    return (
        role_of(user) in (Role.STAFF, Role.REVIEWER)
        and department is not None
        and department_of(user) == department
    )


def keeps_unit_records(user, department):
    """A unit's staff keep its records (close its 回头看 rows); its reviewer only reads."""
    return (
        role_of(user) == Role.STAFF and department is not None and department_of(user) == department
    )


def can_instruct(user):
    """批示 and the leaders' pages (dashboards, 督办 销号) are for leaders and admins."""
    return sees_every_unit(user)


def model_owner_path(model):
    """The path from a row of `model` to the unit that owns it, as the model declares it once
    (`owner_unit_path`: a path, a tuple of paths any of which makes the unit an owner, or None
    for campaign-wide records no unit owns)."""
    try:
        return model.owner_unit_path
    except AttributeError:
        raise ImproperlyConfigured(
            f"{model.__name__} must declare owner_unit_path: the unit that owns its records"
        ) from None


def visible_to(queryset, user):
    """The part of `queryset` that `user` may read: a unit's staff and reviewer the rows their
    unit owns (the model's `owner_unit_path`), leaders and admins every row."""
    role = role_of(user)
    if sees_every_unit(user):
        return queryset
    if role in (Role.STAFF, Role.REVIEWER):
        department = department_of(user)
        owner_path = model_owner_path(queryset.model)
        if department is None or owner_path is None:
            return queryset.none()
        if isinstance(owner_path, str):
            return queryset.filter(**{owner_path: department})
        # owned through any of several relations (an enterprise through its entries and its
        # key-enterprise records)
        owned = Q()
        for path in owner_path:
            owned |= Q(**{path: department})
        return queryset.filter(owned).distinct()
    if role == Role.ENTERPRISE:
        own = getattr(queryset, "for_enterprise_account", None)
        return own(user) if own is not None else queryset.none()
    return queryset.none()


def get_visible_or_404(queryset, user, **lookup):
    try:
        return visible_to(queryset, user).get(**lookup)
    except queryset.model.DoesNotExist:
        raise Http404("没有找到该事项，或不属于您的单位") from None


def can_write_items(user):
    """Enterprise accounts write too, but only what `visible_to` gives them."""
    return role_of(user) in (Role.ADMIN, Role.STAFF, Role.ENTERPRISE)


def require_item_writer(user):
    """Leaders may write only 批示, reviewers only reviews; users without a role nothing."""
    if role_of(user) == Role.REVIEWER:
        raise PermissionDenied("审核人账号只能查看和审核本单位的填报，不能修改填报数据")
    if not can_write_items(user):
        raise PermissionDenied("领导账号只能查看和批示，不能修改填报数据")


def can_confirm_goals(user):
    """A 争先杯 entry's 目标实现日期 moves the overview and the league: confirmed by the
    管委会 side (the responsible unit's staff, admins), never by the enterprise's account."""
    return role_of(user) in (Role.ADMIN, Role.STAFF)


def can_answer_supervisions(user):
    """A 督办单 is answered by its unit's staff (visible_to keeps them to their own) and
    admins; leaders close it; reviewers and enterprises only read."""
    return role_of(user) in (Role.ADMIN, Role.STAFF)


def can_close_supervisions(user):
    """Leaders close (销号) a 督办单 by hand; admins too."""
    return can_instruct(user)


def can_archive_items(user):
    """归档 takes an item out of lists and totals: staff (of the item's unit) and admins;
    enterprise accounts, reviewers and leaders never."""
    return role_of(user) in (Role.ADMIN, Role.STAFF)


def can_edit_schedule(user):
    """An item's 进度计划 is written by its responsible unit's staff (visible_to keeps them to
    their unit's items) and admins; everyone who reads the item reads it."""
    return role_of(user) in (Role.ADMIN, Role.STAFF)


def require_schedule_editor(user):
    require_item_writer(user)
    if not can_edit_schedule(user):
        raise PermissionDenied("进度计划由责任单位填写，企业账号只能查看")


def can_review(user, department):
    """Admins review every unit's reports, a reviewer (审核人) those of their own unit."""
    role = role_of(user)
    if role == Role.ADMIN:
        return True
    return role == Role.REVIEWER and department is not None and department_of(user) == department


def require_reviewer(user, department):
    if not can_review(user, department):
        raise PermissionDenied("只有本单位的审核人可以审核该单位的填报")


def can_administer(user):
    """The data management (admin site), placing the park map's pins, restoring archived
    items."""
    return role_of(user) == Role.ADMIN


def can_review_reports(user):
    """Reviewing reports at all: admins every unit's, a reviewer their own unit's
    (`can_review` decides for one unit)."""
    return role_of(user) in (Role.ADMIN, Role.REVIEWER)


def can_read_office_pages(user):
    """The office's own pages (专题, 重点企业, 招商引资): every role but enterprise accounts."""
    role = role_of(user)
    return role is not None and role != Role.ENTERPRISE


def can_evaluate_people(user):
    """责任人评议 is entered by the units' staff and admins."""
    return role_of(user) in (Role.ADMIN, Role.STAFF)


def can_complete_follow_ups(user):
    """回头看 follow-ups are 办结 by their responsible unit's staff (visible_to keeps them to
    their own unit's) and the office's admins; leaders and reviewers only read them."""
    return role_of(user) in (Role.ADMIN, Role.STAFF)


def can_answer_feedback(user):
    """反馈与意见征集 is answered in the portal by an enterprise's own account (its own
    requests only: FeedbackRequest.for_enterprise_account); the office reads the answers."""
    return role_of(user) == Role.ENTERPRISE


class Landing:
    """Where each role starts: staff and enterprise accounts work from their weekly list,
    reviewers from 周报审核 (their unit's reports to review), leaders and admins from the
    overview, the 安全管理员 from the admin and the 审计管理员 from the audit log."""

    WEEKLY_LIST = "weekly_list"
    REVIEW = "review"
    OVERVIEW = "overview"
    ADMIN_SITE = "admin_site"  # 安全管理员 (三员分立)
    AUDIT_LOG = "audit_log"  # 审计管理员 (三员分立)


def landing_of(user):
    role = role_of(user)
    if role in (Role.STAFF, Role.ENTERPRISE):
        return Landing.WEEKLY_LIST
    if role == Role.REVIEWER:
        return Landing.REVIEW
    if role == Role.SECURITY_ADMIN:
        return Landing.ADMIN_SITE
    if role == Role.AUDIT_ADMIN:
        return Landing.AUDIT_LOG
    return Landing.OVERVIEW


def require_leader_or_admin(user):
    if not can_instruct(user):
        raise PermissionDenied("只有领导可以批示")


class RoleRequiredMixin:
    """Every portal page needs a role; an account without one (no 人员 record) gets a 403.
    Enterprise accounts get a 403 too, except on views that set `open_to_enterprise_accounts`
    (their own entries' week, their 诉求, their inbox)."""

    open_to_enterprise_accounts = False
    # the 安全管理员 and 审计管理员 (三员分立) see only views that set this
    open_to_separated_admins = False

    def dispatch(self, request, *args, **kwargs):
        role = role_of(request.user)
        if role is None:
            raise PermissionDenied("您的账号尚未分配角色，请联系管委会办公室管理员")
        if role in SEPARATED_ADMINS and not self.open_to_separated_admins:
            raise PermissionDenied(
                f"{Role(role).label}账号不参与百日行动的填报和查看（三员分立），请在本角色的页面工作"
            )
        if role == Role.ENTERPRISE and not self.open_to_enterprise_accounts:
            raise PermissionDenied("企业账号只能填报本企业的周报、提出和查看本企业的诉求")
        return super().dispatch(request, *args, **kwargs)


def visible_departments(user):
    """The units `user` may keep records for and open the page of: staff and reviewers their
    own, leaders and admins every one, anyone else none."""
    from core.models import Department

    departments = Department.objects.all()
    if sees_every_unit(user):
        return departments
    if role_of(user) in (Role.STAFF, Role.REVIEWER):
        department = department_of(user)
        return departments.filter(pk=department.pk if department else None)
    return departments.none()


def get_visible_department_or_404(user, pk):
    """A unit `user` may keep records for: staff their own (another unit is a 404), leaders and
    admins any. For registers whose rows name a responsible unit."""
    departments = visible_departments(user)
    try:
        return departments.get(pk=pk)
    except departments.model.DoesNotExist:
        raise Http404("没有找到该单位，或不是您的单位") from None


def can_search(user):
    """The navbar's search: every account with a role finds what `visible_to` lets it see."""
    return role_of(user) is not None


class Abilities:
    """What the signed-in user may do, for the templates (`{% if can.instruct %}`): each is
    one of the predicates above, asked once per request."""

    def __init__(self, user):
        self.user = user

    @cached_property
    def instruct(self):
        return can_instruct(self.user)

    @cached_property
    def read_dashboards(self):
        return sees_every_unit(self.user)

    @cached_property
    def administer(self):
        return can_administer(self.user)

    @cached_property
    def write_items(self):
        return can_write_items(self.user)

    @cached_property
    def review_reports(self):
        return can_review_reports(self.user)

    @cached_property
    def read_office_pages(self):
        return can_read_office_pages(self.user)

    @cached_property
    def evaluate_people(self):
        return can_evaluate_people(self.user)

    @cached_property
    def search(self):
        return can_search(self.user)

    @cached_property
    def complete_follow_ups(self):
        return can_complete_follow_ups(self.user)

    @cached_property
    def answer_feedback(self):
        return can_answer_feedback(self.user)
