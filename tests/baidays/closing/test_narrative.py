"""The briefing's narrative (工作动态、存在问题、下步工作): written by the office for the
briefing of its week, 签发 by a leader, shown on the briefing page as it stood at the end of
any as-of day."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from baidays.closing.models import BriefingNarrative
from baidays.closing.selectors import narrative_as_of
from baidays.closing.services import issue_narrative, save_narrative
from tests import factories as f

pytestmark = pytest.mark.django_db
CAMPAIGN_START = datetime.date(2026, 5, 1)


def on(day, hour=12):
    moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))
    return time_machine.travel(moment, tick=False)


@pytest.fixture
def campaign():
    return f.CampaignFactory(slug="n2026")


def _write(campaign, week, day, user, progress="一是开工三个项目", **texts):
    with on(day):
        return save_narrative(
            campaign=campaign,
            week=week,
            progress=progress,
            problems=texts.get("problems", "征地拆迁进度偏慢"),
            next_steps=texts.get("next_steps", "下周召开专题会议"),
            user=user,
            today=day,
        )


def test_the_narrative_is_read_as_it_stood_at_the_end_of_each_day(campaign, admin_user):
    week = campaign.week_of(datetime.date(2026, 6, 10))
    _write(campaign, week, datetime.date(2026, 6, 10), admin_user, progress="初稿")
    _write(campaign, week, datetime.date(2026, 6, 12), admin_user, progress="定稿")
    assert narrative_as_of(campaign, week, datetime.date(2026, 6, 9)) is None
    assert narrative_as_of(campaign, week, datetime.date(2026, 6, 10)).progress == "初稿"
    assert narrative_as_of(campaign, week, datetime.date(2026, 6, 11)).progress == "初稿"
    assert narrative_as_of(campaign, week, datetime.date(2026, 6, 12)).progress == "定稿"


def test_a_week_not_begun_or_outside_the_campaign_is_refused(campaign, admin_user):
    day = datetime.date(2026, 6, 10)
    with pytest.raises(ValidationError, match="尚未开始"):
        _write(campaign, campaign.week_of(day) + 1, day, admin_user)
    with pytest.raises(ValidationError, match="不在本次百日行动"):
        _write(campaign, campaign.weeks_total + 1, day, admin_user)
    assert not BriefingNarrative.objects.exists()


def test_an_issued_briefing_names_its_leader_and_is_not_changed_again(
    campaign, admin_user, leader_user
):
    day = datetime.date(2026, 6, 10)
    week = campaign.week_of(day)
    _write(campaign, week, day, admin_user)
    with on(day, 15):
        narrative = issue_narrative(
            campaign=campaign, week=week, user=leader_user, now=timezone.now()
        )
    assert narrative.issued_by == leader_user
    assert timezone.localtime(narrative.issued_at).hour == 15
    with pytest.raises(ValidationError, match="已签发"):
        _write(campaign, week, day, admin_user, progress="改过")
    with pytest.raises(ValidationError, match="已于"):
        issue_narrative(campaign=campaign, week=week, user=leader_user, now=timezone.now())
    assert BriefingNarrative.objects.get().progress == "一是开工三个项目"


def test_an_empty_briefing_cannot_be_issued(campaign, admin_user, leader_user):
    day = datetime.date(2026, 6, 10)
    week = campaign.week_of(day)
    with pytest.raises(ValidationError, match="尚未撰写"):
        issue_narrative(campaign=campaign, week=week, user=leader_user, now=timezone.now())
    _write(campaign, week, day, admin_user, progress=" ", problems="", next_steps="")
    with pytest.raises(ValidationError, match="尚未撰写"):
        issue_narrative(campaign=campaign, week=week, user=leader_user, now=timezone.now())


def briefing_page(client, campaign, as_of):
    with on(datetime.date(2026, 6, 20)):
        response = client.get(
            "/dashboards/briefing/", {"campaign": campaign.slug, "as_of": as_of.isoformat()}
        )
    assert response.status_code == 200
    return response.content.decode()


def test_the_briefing_page_shows_its_week_narrative_and_its_signer_as_of_the_day(
    campaign, admin_user, leader_user, leader_client
):
    day = datetime.date(2026, 6, 10)
    week = campaign.week_of(day)
    _write(campaign, week, day, admin_user, progress="一是开工三个项目\n二是签约两家企业")
    with on(datetime.date(2026, 6, 11)):
        issue_narrative(campaign=campaign, week=week, user=leader_user, now=timezone.now())
    before = briefing_page(leader_client, campaign, datetime.date(2026, 6, 9))
    assert "一是开工三个项目" not in before and "（本期尚未撰写）" in before
    written = briefing_page(leader_client, campaign, day)
    assert "<p>一是开工三个项目</p><p>二是签约两家企业</p>" in written
    assert "征地拆迁进度偏慢" in written and "下周召开专题会议" in written
    assert '签发：<span class="sign-blank">' in written  # written, not yet issued
    issued = briefing_page(leader_client, campaign, datetime.date(2026, 6, 11))
    assert 'data-testid="issued">签发：leader<' in issued
    assert "leader（2026年6月11日）" in issued
    # the next week's briefing has its own (unwritten) narrative
    later = briefing_page(leader_client, campaign, datetime.date(2026, 6, 18))
    assert "一是开工三个项目" not in later


def test_the_office_writes_and_a_leader_issues_through_the_pages(
    campaign, admin_client, leader_client
):
    day = datetime.date(2026, 6, 10)
    week = campaign.week_of(day)
    url = f"/closing/briefing/{week}/?campaign={campaign.slug}"
    texts = {"progress": "一是开工", "problems": "用地紧张", "next_steps": "专题调度"}
    with on(day):
        assert 'data-testid="narrative-form"' in admin_client.get(url).content.decode()
        assert admin_client.post(url, texts).status_code == 302
        page = leader_client.get(url).content.decode()
        assert 'data-testid="narrative-form"' not in page and 'data-testid="issue-form"' in page
        assert leader_client.post(url, texts).status_code == 403
        issue = f"/closing/briefing/{week}/issue/?campaign={campaign.slug}"
        assert admin_client.post(issue).status_code == 403
        assert leader_client.post(issue).status_code == 302
        page = admin_client.get(url).content.decode()
    assert "已签发" in page and 'data-testid="narrative-form"' not in page
    assert "leader" in page  # the history and the state name the leader
    narrative = BriefingNarrative.objects.get()
    assert (narrative.progress, narrative.issued_by.username) == ("一是开工", "leader")


def test_a_narrative_too_long_is_refused_with_the_field_named(campaign, admin_client):
    day = datetime.date(2026, 6, 10)
    url = f"/closing/briefing/{campaign.week_of(day)}/?campaign={campaign.slug}"
    with on(day):
        response = admin_client.post(url, {"progress": "字" * 5001})
    assert response.status_code == 200
    assert "工作动态" in response.content.decode()
    assert response.context["form"].errors["progress"]
    assert not BriefingNarrative.objects.exists()
