"""What the benchmarks measure. Adding a page is one line in DASHBOARD_URLS; adding a write
(the weekly batch save) is one entry in WRITE_SCENARIOS."""

# Pages read by a leader, measured at demo size and at the large size (server time, queries).
# The first one is "the overview" of the goals.
DASHBOARD_URLS = [
    "/",
    "/api/summary/",
    "/dashboards/screen/",
    "/dashboards/phases/advance/",
    "/dashboards/departments/",
    "/dashboards/league/",
    "/dashboards/briefing/",
    "/dashboards/lagging/",
]

# Pages measured at the small size and at province size (bench/province.py): the overview and
# the 督办 list, whose first page is full at both sizes.
PROVINCE_URLS = ["/", "/supervision/"]

# Writes: name -> "module:function". The function gets (client, user) — a Django test Client
# logged in as `user` on the bench database — and returns a callable that performs one write
# and returns its response; it is timed and its queries counted like a page.
WRITE_SCENARIOS = {
    "weekly_batch_save_30": "bench.weekly_batch:prepare",
}
WRITE_USER = "staff"  # the writes are a 填报员's
BATCH_SAVE_SCENARIO = "weekly_batch_save_30"  # the goal row "30-row batch save ≤ 40 queries"

# The leaders' pages whose uncached server time is set against their own SQL (bench/sql_ratio.py).
LEADER_PAGES = [
    "/",
    "/api/summary/",
    "/dashboards/phases/mobilize/",
    "/dashboards/phases/advance/",
    "/dashboards/phases/summarize/",
    "/dashboards/departments/",
    "/dashboards/departments/{unit}/",
    "/dashboards/league/",
    "/dashboards/lagging/",
    "/dashboards/missing/",
    "/supervision/",
    "/dashboards/screen/",
    "/dashboards/briefing/",
]


def leader_urls():
    """LEADER_PAGES with `{unit}` filled in by the unit owning the most projects (call after
    django.setup())."""
    from django.db.models import Count

    from core.models import Department

    unit = Department.objects.annotate(owned=Count("projects")).order_by("-owned", "pk").first()
    return [page.format(unit=unit.pk) for page in LEADER_PAGES]
