"""The league table (红黑榜) of 争先杯 entries."""

from core.choices import LagStatus
from core.money import percent, quantize_wan
from enterprises.models import CompetitionEntry

# the board of an entry is its lag colour by the one rule (core.lag), as BOARD_RULE prints it
BOARD_OF = {LagStatus.ON_TRACK: "red", LagStatus.YELLOW: "", LagStatus.RED: "black"}
BOARD_RULE = (
    "未滞后于本项目进度计划（绿色）的列入红榜；红色（严重滞后）的列入黑榜；黄色为滞后，不列榜"
)


def league_standings(scope):
    """Every 争先杯 entry ranked by share of its 100-day planned investment completed; ties by
    the amount completed, then by 序号. One light query; shares and boards are exact Decimals
    (the board applies the lag rule of core.lag to the share)."""
    figures = (
        CompetitionEntry.objects.active()
        .filter(campaign=scope.campaign)
        .with_lag(scope.week, scope.campaign, scope.as_of)
        .values_list("pk", "seq", "planned_investment_wan", "completed_investment_wan", "lag")
    )
    standings = []
    for pk, seq, planned, completed, lag in figures:
        completed = quantize_wan(completed)
        share = percent(completed, planned)
        status = LagStatus(lag)
        standings.append(
            {
                "pk": pk,
                "seq": seq,
                "completed": completed,
                "share": share,
                "lag": status.value,
                "board": BOARD_OF[status],
            }
        )
    standings.sort(key=lambda row: (-row["share"], -row["completed"], row["seq"]))
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
