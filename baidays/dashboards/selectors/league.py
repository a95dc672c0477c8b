"""The league table (红黑榜) of 争先杯 entries."""

from decimal import Decimal

from core.campaign_settings import CampaignRules, LeagueOrder
from core.choices import LagStatus
from core.money import percent, quantize_wan
from core.registry import TRACKED_KINDS
from core.selectors import standings as shared_standings
from enterprises.models import CompetitionEntry

# the board of an entry is its lag colour by the one rule (core.lag), as BOARD_RULE prints it
BOARD_OF = {LagStatus.ON_TRACK: "red", LagStatus.YELLOW: "", LagStatus.RED: "black"}
BOARD_RULE = (
    "未滞后于本项目进度计划（绿色）的列入红榜；红色（严重滞后）的列入黑榜；黄色为滞后，不列榜"
)


RANK_RULES = {
    LeagueOrder.SHARE: "按百日计划投资完成率（累计完成投资 ÷ 百日计划投资）从高到低排名",
    LeagueOrder.PLAN: "按超前于本项目进度计划的百分点（投资完成率 − 计划完成率）从高到低排名",
}
RANK_TIES = "相同的，累计完成投资多者在前，再按序号"


def rank_rule(campaign):
    """How the 红黑榜 ranks, as the campaign's rule (CampaignRules.league_order) has it."""
    return f"{RANK_RULES[CampaignRules.of(campaign).league_order]}；{RANK_TIES}"


def rank_label(campaign):
    return LeagueOrder(CampaignRules.of(campaign).league_order).label


def _rank_key(order):
    """The sort key of a standing by the campaign's league_order, ties as RANK_TIES says."""
    first = "ahead" if order == LeagueOrder.PLAN else "share"
    return lambda row: (-row[first], -row["completed"], row["seq"])


def league_standings(scope):
    """Every 争先杯 entry ranked by the campaign's league_order (rank_rule): its share of its
    100-day planned investment completed, or how far it is ahead of its own plan (exact, in
    points); ties by the amount completed, then by 序号. From the shared standings
    (core.selectors.standings) and one light query of the 序号; shares and boards are exact
    Decimals (the board is the entry's colour by the lag rule of core.lag)."""
    entries = CompetitionEntry.objects.active().filter(campaign=scope.campaign)
    seqs = dict(entries.values_list("pk", "seq"))
    standings = []
    for item in shared_standings(
        TRACKED_KINDS.of_model(CompetitionEntry), scope.campaign, scope.as_of
    ):
        if item.pk not in seqs:
            continue  # archived by a write committed after the standings were read
        completed, planned = quantize_wan(item.completed), item.planned
        due = Decimal(item.due_cents or 0) / 100
        status = LagStatus(item.lag)
        standings.append(
            {
                "pk": item.pk,
                "seq": seqs[item.pk],
                "completed": completed,
                "share": percent(completed, planned),
                "plan_percent": percent(due, planned),
                "ahead": (completed - due) * 100 / planned if planned else Decimal(0),
                "lag": status.value,
                "board": BOARD_OF[status],
            }
        )
    standings.sort(key=_rank_key(CampaignRules.of(scope.campaign).league_order))
    for rank, row in enumerate(standings, start=1):
        row["rank"] = rank
    return standings


def league_rows(scope, standings):
    """The entries of a slice of the standings, for display (one query)."""
    entries = (
        CompetitionEntry.objects.filter(pk__in=[row["pk"] for row in standings])
        .select_related("enterprise", "liaison_leader", "responsible_department")
        .in_bulk()
    )
    rows = []
    for row in standings:
        entry = entries[row["pk"]]
        entry.completed_investment_wan = row["completed"]
        achieved = entry.achieved_on is not None and entry.achieved_on <= scope.as_of
        rows.append(
            {
                **row,
                "entry": entry,
                "goal_achieved": achieved,
                "achieved_on": entry.achieved_on if achieved else None,
            }
        )
    return rows


def league_table(scope, limit=None):
    standings = league_standings(scope)
    return league_rows(scope, standings[:limit] if limit else standings)


# --- phases ---------------------------------------------------------------------------------
