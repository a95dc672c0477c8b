"""Where the 督办 pages link to, keeping the page's `campaign` and `as_of` as the dashboards do:
the 督办单 itself, what it is about (the item page, the problem, or the phase page that lists
the decision, 规划节点 or task), and its unit's dashboard page."""

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from core.access import can_instruct
from core.choices import PhaseKind
from core.models import PhaseTask
from core.registry import TRACKED_KINDS
from core.scope import scope_query as build_scope_query

# the page of a 督办单's object by its model, beside the tracked items' detail pages (each
# checks who may read it)
OBJECT_PAGES = {"problem": "enterprises:problem-edit"}
# listed on a phase dashboard, which only leaders and admins read
ON_PHASE_PAGES = {"decision": PhaseKind.ADVANCE, "milestone": PhaseKind.ADVANCE}


def object_pages():
    """{model name: URL name of its page} of everything a 督办单 can be about."""
    tracked = {kind.model._meta.model_name: kind.urls.detail for kind in TRACKED_KINDS.values()}
    return {**tracked, **OBJECT_PAGES}


def scope_query(campaign, request, as_of_error=None):
    """`campaign` (always, so a link opens the same campaign) and the request's `as_of`
    (none without a request: a page that has no as-of of its own, like the weekly page)."""
    as_of = request.GET.get("as_of") if request is not None and not as_of_error else None
    return build_scope_query(campaign.slug if campaign is not None else None, as_of)


def _scoped(url, query):
    return f"{url}?{query}" if query else url


def notice_url(supervision, query):
    return _scoped(reverse("supervision:notice", args=[supervision.pk]), query)


def attach_links(supervisions, query, user):
    """Give each 督办单 `notice_url`, `target_url` and `department_url` (None where the user
    has no page to go to); one query for the phases of the tasks among them, none else."""
    supervisions = list(supervisions)
    dashboards = can_instruct(user)
    pages = object_pages()
    models = {s.pk: ContentType.objects.get_for_id(s.content_type_id).model for s in supervisions}
    tasks = [s.object_id for s in supervisions if models[s.pk] == "phasetask"]
    phase_of_task = (
        dict(PhaseTask.objects.filter(pk__in=tasks).values_list("pk", "phase__kind"))
        if tasks and dashboards
        else {}
    )
    for supervision in supervisions:
        model = models[supervision.pk]
        supervision.notice_url = notice_url(supervision, query)
        supervision.target_url = None
        kind = ON_PHASE_PAGES.get(model) if dashboards else None
        if model == "phasetask":
            kind = phase_of_task.get(supervision.object_id)
        if model in pages:
            url = reverse(pages[model], args=[supervision.object_id])
            supervision.target_url = _scoped(url, query)
        elif kind:
            supervision.target_url = _scoped(reverse("dashboards:phase", args=[kind]), query)
        supervision.department_url = (
            _scoped(reverse("dashboards:department", args=[supervision.department_id]), query)
            if dashboards
            else None
        )
    return supervisions
