"""Where a person meets a 回头看 follow-up besides the 回头看 page: staff reach that page from the
menu (leaders and the office from the 阶段 menu; reviewers and enterprise accounts, who do not
办结 follow-ups, get no entry), a unit's open follow-ups are in its worklist with a link to
their row, and a unit's page counts them and lists the overdue ones."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests import factories as f
from tests.baidays.weekly.support import running_campaign

pytestmark = pytest.mark.django_db
NAV = 'data-testid="nav-lookback"'


@pytest.fixture
def campaign():
    return running_campaign()


@pytest.fixture
def follow_ups(campaign, department, other_department):
    today = timezone.localdate()
    found = today - datetime.timedelta(days=9)
    soon = today + datetime.timedelta(days=3)
    mine = {"campaign": campaign, "responsible_department": department, "found_on": found}
    return {
        "overdue": f.FollowUpFactory(finding="问题未解决：用地指标未落实", **mine),
        "open": f.FollowUpFactory(finding="阶段任务未完成：形成工作小结", due_date=soon, **mine),
        "done": f.FollowUpFactory(
            finding="已整改的事项", status="done", completed_on=found, result="已落实", **mine
        ),
        "other": f.FollowUpFactory(
            campaign=campaign,
            responsible_department=other_department,
            finding="别的单位的整改事项",
            found_on=found,
        ),
    }


def test_staff_get_a_menu_entry_to_the_lookback_and_others_do_not(
    campaign, staff_client, reviewer_client, leader_client, enterprise_client
):
    url = reverse("weekly:home")
    staff_page = staff_client.get(url).content.decode()
    assert NAV in staff_page and f'href="{reverse("closing:lookback")}' in staff_page
    assert NAV not in reviewer_client.get(reverse("weekly:review")).content.decode()
    leader_page = leader_client.get(reverse("dashboards:departments")).content.decode()
    assert NAV not in leader_page  # theirs is in the 阶段 menu, once
    assert leader_page.count(f'href="{reverse("closing:lookback")}') == 1
    assert NAV not in enterprise_client.get(url).content.decode()


def test_the_worklist_shows_the_units_open_follow_ups_linked_to_their_rows(
    campaign, follow_ups, staff_client
):
    page = staff_client.get(reverse("weekly:home")).content.decode()
    assert "回头看整改事项" in page
    overdue, still_open = follow_ups["overdue"], follow_ups["open"]
    assert "问题未解决：用地指标未落实" in page and "阶段任务未完成：形成工作小结" in page
    assert f"?campaign={campaign.slug}#follow-up-{overdue.pk}" in page
    assert "已整改的事项" not in page and "别的单位的整改事项" not in page
    row = page.split(f"#follow-up-{overdue.pk}")[1].split("</li>")[0]
    assert "逾期" in row
    assert "整改中" in page.split(f"#follow-up-{still_open.pk}")[1].split("</li>")[0]
    lookback = staff_client.get(reverse("closing:lookback"), {"campaign": campaign.slug})
    assert f'id="follow-up-{overdue.pk}"' in lookback.content.decode()


def test_the_units_page_counts_its_follow_ups_and_lists_the_overdue_one(
    campaign, follow_ups, department, leader_client
):
    page = leader_client.get(
        reverse("dashboards:department", args=[department.pk]), {"campaign": campaign.slug}
    ).content.decode()
    owned = page.split("回头看整改事项</span>")[1]
    assert owned.lstrip().startswith('<span class="num">3</span>')
    assert '问题未解决：用地指标未落实 <span class="lag-red">' in page  # overdue
    assert '形成工作小结 <span class="lag-red">' not in page  # not due yet
