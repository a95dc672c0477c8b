"""The overview's figures and bounded lists, cached by data generation."""

from core.selectors import cached_by_generation
from enterprises.models import Problem
from plans.models import Milestone

from ..summary import cached_campaign_summary
from .common import TOP_N, Scope
from .lists import missing_reports_by_department, worst_lagging


def overview(campaign, as_of, *, generation=...):
    """The overview's figures and bounded lists; every table they read raises the data
    generation, so they are cached like the summary."""
    return cached_by_generation(
        "overview", campaign, as_of, lambda: _overview(campaign, as_of), generation=generation
    )


def _overview(campaign, as_of):
    scope = Scope(campaign, as_of)
    summary = cached_campaign_summary(campaign, as_of)
    return {
        "summary": summary,
        "series": summary["weeks"],
        "lagging": worst_lagging(scope),
        "missing_by_department": missing_reports_by_department(scope)[:TOP_N],
        "overdue_problems": list(
            Problem.objects.active()
            .filter(campaign=campaign)
            .overdue_as_of(as_of)
            .select_related("responsible_department", "enterprise", "project")
            .order_by("due_date", "pk")[:5]
        ),
        "overdue_milestones": list(
            Milestone.objects.filter(plan__campaign=campaign)
            .overdue_as_of(as_of)
            .select_related("plan", "lead_department")[:5]
        ),
        "top_n": TOP_N,
    }


# --- departments ----------------------------------------------------------------------------
