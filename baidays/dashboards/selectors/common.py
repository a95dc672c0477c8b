"""What every dashboard reads with: the as-of scope, the tracked kinds (projects and 争先杯
entries side by side) and the small query helpers the dashboards share."""

from dataclasses import dataclass

from core.lag import LAGGING
from core.registry import TRACKED_KINDS
from core.selectors import report_week_as_of

TOP_N = 10
__all__ = ["KINDS", "LAGGING", "TOP_N", "Scope"]


@dataclass(frozen=True)
class Scope:
    """Where the campaign stands on `as_of`: the report week in force and time progress."""

    campaign: object
    as_of: object

    @property
    def week(self):
        return report_week_as_of(self.campaign, self.as_of)

    @property
    def time_percent(self):
        return self.campaign.time_percent(self.as_of)


# the tracked kinds (projects of annex 1 and 3, 争先杯 entries), as their apps registered them
KINDS = TRACKED_KINDS


def _grouped(queryset, key, **aggregates):
    return {row[key]: row for row in queryset.order_by().values(key).annotate(**aggregates)}
