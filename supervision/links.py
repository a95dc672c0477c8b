"""Where the 督办 pages link to, keeping the page's `campaign` and `as_of` as the dashboards do:
the 督办单 itself, what it is about (the item page, the problem, or the phase page that lists
the decision, 规划节点 or task), and its unit's dashboard page."""

from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from core.access import can_instruct
from core.registry import COMPLETABLE_KINDS, TRACKED_KINDS
from core.scope import scope_query as build_scope_query


def own_page(model):
    """The URL name of the page of a 督办单's object of `model`: a tracked item's detail page,
    or the page its completable kind names (None: it has no page of its own)."""
    if model in TRACKED_KINDS.models():
        return TRACKED_KINDS.of_model(model).urls.detail
    if model in COMPLETABLE_KINDS.models():
        return COMPLETABLE_KINDS.of_model(model).page
    return None


def _phase_pages(supervisions, models):
    """{(model, pk): kind of the phase page listing it} of the objects without a page of
    their own; one query per kind whose rows each name their phase."""
    wanted = defaultdict(list)
    for supervision in supervisions:
        model = models[supervision.pk]
        if own_page(model) is None and model in COMPLETABLE_KINDS.models():
            wanted[model].append(supervision.object_id)
    return {
        (model, pk): phase
        for model, pks in wanted.items()
        for pk, phase in COMPLETABLE_KINDS.of_model(model).phase_pages(pks).items()
    }


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
    models = {
        s.pk: ContentType.objects.get_for_id(s.content_type_id).model_class() for s in supervisions
    }
    # the phase pages are the leaders' and admins' only
    phase_of = _phase_pages(supervisions, models) if dashboards else {}
    for supervision in supervisions:
        model = models[supervision.pk]
        supervision.notice_url = notice_url(supervision, query)
        supervision.target_url = None
        page = own_page(model)
        phase = phase_of.get((model, supervision.object_id))
        if page:
            url = reverse(page, args=[supervision.object_id])
            supervision.target_url = _scoped(url, query)
        elif phase:
            supervision.target_url = _scoped(reverse("dashboards:phase", args=[phase]), query)
        supervision.department_url = (
            _scoped(reverse("dashboards:department", args=[supervision.department_id]), query)
            if dashboards
            else None
        )
    return supervisions
