"""Reads for the leader dashboards. Every figure is an SQL aggregate cut at an as-of date by the
rules of core.selectors (reports with report_week <= the as-of week; completions dated on or
before as_of); every list is bounded. Lag colours come from core.lag only.

One module per dashboard; every public name is importable from here."""

from .common import KINDS, LAGGING, TOP_N, Scope
from .departments import (
    department_assessment,
    department_detail,
    department_reporting,
    department_table,
    owned_counts,
)
from .insights import insights
from .league import (
    BOARD_OF,
    BOARD_RULE,
    league_rows,
    league_standings,
    league_table,
    rank_label,
    rank_rule,
)
from .lists import (
    LaggingItems,
    attach_instructions,
    by_gap,
    item_row,
    missing_queryset,
    missing_reports_by_department,
    worst_lagging,
)
from .overview import _overview, overview
from .phases import advance_figures, phase_detail, phase_tasks, summary_figures

__all__ = [
    "BOARD_OF",
    "BOARD_RULE",
    "KINDS",
    "LAGGING",
    "LaggingItems",
    "TOP_N",
    "Scope",
    "_overview",
    "advance_figures",
    "attach_instructions",
    "by_gap",
    "department_assessment",
    "department_detail",
    "department_reporting",
    "department_table",
    "insights",
    "item_row",
    "league_rows",
    "league_standings",
    "league_table",
    "missing_queryset",
    "missing_reports_by_department",
    "owned_counts",
    "overview",
    "phase_detail",
    "phase_tasks",
    "rank_label",
    "rank_rule",
    "summary_figures",
    "worst_lagging",
]
