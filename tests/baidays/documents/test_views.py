"""下载公文 beside each document's page: the button links to the .docx of the same campaign and
day, which opens as the document of that day."""

import datetime
from io import BytesIO

import pytest
import time_machine
from django.utils import timezone
from docx import Document

from baidays.closing.services import save_narrative
from tests import factories as f
from tests.factories_supervision import SupervisionFactory

pytestmark = pytest.mark.django_db
DAY = datetime.date(2026, 6, 10)


def on(day):
    noon = timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))
    return time_machine.travel(noon, tick=False)


def _text(response):
    document = Document(
        BytesIO(b"".join(response.streaming_content) if response.streaming else response.content)
    )
    return "\n".join(p.text for p in document.paragraphs)


def test_the_briefing_page_downloads_its_docx_as_of_the_same_day(admin_user, leader_client):
    campaign = f.CampaignFactory(slug="d2026")
    with on(DAY):
        save_narrative(
            campaign=campaign,
            week=campaign.week_of(DAY),
            progress="本周开工两个项目",
            problems="",
            next_steps="",
            user=admin_user,
            today=DAY,
        )
        page = leader_client.get(
            "/dashboards/briefing/", {"campaign": "d2026", "as_of": "2026-06-10"}
        )
        link = "/documents/briefing.docx?campaign=d2026&amp;as_of=2026-06-10"
        assert f'href="{link}"' in page.content.decode()
        response = leader_client.get(link.replace("&amp;", "&"))
        earlier = leader_client.get("/documents/briefing.docx?campaign=d2026&as_of=2026-06-01")
    assert response["Content-Type"].endswith("wordprocessingml.document")
    assert "attachment" in response["Content-Disposition"]
    assert "本周开工两个项目" in _text(response)
    assert "截至 2026年6月10日" in _text(response)
    assert "本周开工两个项目" not in _text(earlier)


def test_the_notice_downloads_its_docx_and_another_unit_cannot(
    department, staff_client, other_staff_client
):
    campaign = f.CampaignFactory(slug="d2027")
    project = f.ProjectFactory(campaign=campaign, responsible_department=department)
    with on(DAY):
        supervision = SupervisionFactory(target=project, opened_on=DAY)
        page = staff_client.get(f"/supervision/{supervision.pk}/").content.decode()
        url = f"/documents/supervision/{supervision.pk}.docx"
        assert f'href="{url}?campaign=d2027"' in page
        response = staff_client.get(url)
        assert other_staff_client.get(url).status_code == 404
    text = _text(response)
    assert f"{department.name}：" in text and supervision.target_label in text
