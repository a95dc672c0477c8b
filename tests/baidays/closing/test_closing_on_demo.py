"""Issue 25's "Done when", walked on the demo frozen in the 总结阶段: feedback requested and
answered through the link, the 回头看 list made with the rows the data calls for, the 工作小结
drafted with the demo's figures, edited, 签发 and 上报; as of an earlier day the same pages show
what they showed then."""

import datetime
import re

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.test import Client

from baidays.closing.choices import FindingKind
from baidays.closing.models import FeedbackAnswer, FeedbackRequest, FollowUp, WorkSummary
from baidays.closing.work_summary import activity_rows
from baidays.dashboards.summary import campaign_summary
from baidays.demo.seed import seed_demo
from core.selectors import current_phase
from enterprises.models import Problem
from supervision.models import Supervision
from supervision.services import supervise

pytestmark = pytest.mark.django_db
SEEDED = datetime.date(2026, 6, 15)  # the demo's day 46
DAY = datetime.date(2026, 8, 5)  # day 97: the 总结阶段


def noon(day):
    return datetime.datetime.combine(day, datetime.time(4), tzinfo=datetime.UTC)  # 12:00 +8


def client_of(username):
    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    return client


@pytest.fixture
def demo():
    with time_machine.travel(noon(SEEDED), tick=False):
        campaign, _users = seed_demo(today=SEEDED, password="closing-demo-1")
        supervise(campaign=campaign, as_of=SEEDED)
    return campaign


def _feedback_through_the_link(campaign):
    admin = client_of("admin")
    assert admin.post("/closing/feedback/?campaign=demo").status_code == 302
    requests = FeedbackRequest.objects.filter(campaign=campaign)
    assert requests.count() >= 10
    first = requests.order_by("unit_name").first()
    page = admin.post(f"/closing/feedback/{first.pk}/link/")
    link = re.search(r'data-testid="feedback-link">([^<]+)<', page.content.decode()).group(1)
    visitor = Client()
    form = visitor.get(link)
    assert form.status_code == 200 and first.unit_name in form.content.decode()
    answer = {"efficiency": "4", "attitude": "5", "solving": "2", "respondent": "企业负责人"}
    assert 'data-testid="thanks"' in visitor.post(link, answer).content.decode()
    assert visitor.post(link, answer).status_code == 404  # single use
    return first


def _lookback_matches_the_day(admin, campaign, summary):
    """The 回头看 list holds one row per open problem, open 督办, answered feedback, missed
    target and task of the day's figures."""
    admin.post("/closing/lookback/?campaign=demo")
    rows = FollowUp.objects.filter(campaign=campaign)
    kinds = {kind: rows.filter(kind=kind).count() for kind in FindingKind.values}
    open_problems = Problem.objects.active().filter(campaign=campaign).open_as_of(DAY).count()
    assert kinds[FindingKind.PROBLEM] == open_problems == summary["problems"]["open"]
    assert kinds[FindingKind.SUPERVISION] == summary["supervision"]["open"]
    assert kinds[FindingKind.SUPERVISION] == Supervision.objects.open_as_of(DAY).count() > 0
    assert kinds[FindingKind.FEEDBACK] == 1
    infrastructure = rows.get(source_key="target:infrastructure").finding
    assert "目标 1,156.00 万元" in infrastructure
    assert kinds[FindingKind.TARGET] >= 2 and kinds[FindingKind.TASK] >= 1
    return rows


def _drafted_with_the_demo_figures(admin, summary, lookback_rows):
    """The 工作小结 drafted on the day carries the day's figures and the county's targets;
    returns the draft after its sections were edited."""
    admin.post("/closing/summary/?campaign=demo")
    draft = WorkSummary.objects.get()
    assert draft.figures["summary"] == summary  # the demo's figures of the day
    table = {row["activity"]: row for row in activity_rows(draft.figures)}
    assert table["基础设施建设投资"]["target"] == "1156万元"
    assert table["“争先杯”企业投资"]["target"] == "1.78亿元"
    assert [table[f"争先杯{label}"]["target"] for label in ("开工", "加快推进", "竣工")] == [
        "7家",
        "12家",
        "1家",
    ]
    assert table["解决建设审批及竣工验收问题"]["target"] == "7家"
    assert draft.figures["lookback"]["total"] == lookback_rows.count()
    assert draft.figures["feedback"]["answered"] == 1
    sections = {"practices": "一是……", "problems": "用地指标紧张", "next_steps": "巩固成果"}
    edited = admin.post(f"/closing/summary/{draft.pk}/", {"action": "edit", **sections})
    assert edited.status_code == 302
    return draft


def _issued_and_reported(campaign, draft, url):
    """签发 by the leader the next day, 上报 by the administrator the day after; the snapshot
    does not move with later data."""
    with time_machine.travel(noon(DAY + datetime.timedelta(days=1)), tick=False):
        assert client_of("leader").post(url, {"action": "issue"}).status_code == 302
    with time_machine.travel(noon(DAY + datetime.timedelta(days=2)), tick=False):
        admin = client_of("admin")
        admin.post(url, {"action": "report", "reported_on": "2026-08-07"})
        draft.refresh_from_db()
        assert (draft.reported_on, draft.reported_version) == (datetime.date(2026, 8, 7), 2)
        assert draft.issued_by.username == "leader"
        assert draft.figures["summary"] == campaign_summary(campaign, DAY)


def test_the_closing_phase_on_the_demo(demo):
    campaign = demo
    with time_machine.travel(noon(DAY), tick=False):
        assert current_phase(campaign, DAY).kind == "summarize"
        asked = _feedback_through_the_link(campaign)
        assert FeedbackAnswer.objects.get().request == asked
        admin = client_of("admin")
        summary = campaign_summary(campaign, DAY)
        lookback_rows = _lookback_matches_the_day(admin, campaign, summary)
        draft = _drafted_with_the_demo_figures(admin, summary, lookback_rows)
    url = f"/closing/summary/{draft.pk}/"
    _issued_and_reported(campaign, draft, url)

    with time_machine.travel(noon(DAY + datetime.timedelta(days=3)), tick=False):
        admin = client_of("admin")
        now = admin.get(url).content.decode()
        drafted = admin.get(url, {"as_of": DAY.isoformat()}).content.decode()
        issued = admin.get(url, {"as_of": "2026-08-06"}).content.decode()
        before = admin.get(url, {"as_of": "2026-08-04"})
        lookback_before = admin.get(
            "/closing/lookback/", {"campaign": "demo", "as_of": "2026-08-04"}
        ).content.decode()
        feedback_before = admin.get(
            "/closing/feedback/", {"campaign": "demo", "as_of": "2026-08-04"}
        ).content.decode()
    assert "已于 2026年8月7日 上报第 2 版" in now and "刘建华" in now
    assert "未签发" in drafted and "上报" not in drafted.split('data-testid="state"')[1][:300]
    assert "用地指标紧张" in drafted
    assert "已签发" in issued and 'data-testid="reported"' not in issued
    assert before.status_code == 404
    assert "尚未生成回头看清单" in lookback_before
    assert 'data-testid="answered-count">0<' in feedback_before
