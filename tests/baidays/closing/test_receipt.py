"""The 签收 block of the 督办通知单: the unit it went to, who of the unit signed for it and when;
only the unit's people sign, once; a day before the 签收 shows the blank line; the notice's
history names people by their name, not their login."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from baidays.closing.models import SupervisionReceipt
from supervision.services import answer
from tests import factories as f
from tests.factories_supervision import SupervisionFactory

pytestmark = pytest.mark.django_db


def on(day):
    noon = timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))
    return time_machine.travel(noon, tick=False)


@pytest.fixture
def ticket(department):
    campaign = f.CampaignFactory(slug="r2026")
    project = f.ProjectFactory(campaign=campaign, responsible_department=department)
    with on(datetime.date(2026, 6, 1)):
        return SupervisionFactory(target=project, opened_on=datetime.date(2026, 6, 1))


def test_the_unit_signs_for_the_notice_once_and_the_notice_shows_who_and_when(
    ticket, staff_client, staff_user
):
    staff_user.person.name = "张三"
    staff_user.person.save()
    url = f"/supervision/{ticket.pk}/"
    with on(datetime.date(2026, 6, 2)):
        page = staff_client.get(url).content.decode()
        assert 'data-testid="receipt-form"' in page and "接收单位" in page
        assert staff_client.post(f"/closing/supervision/{ticket.pk}/receipt/").status_code == 302
        page = staff_client.get(url).content.decode()
        staff_client.post(f"/closing/supervision/{ticket.pk}/receipt/")
    assert 'data-testid="received-by">张三<' in page
    assert "2026年6月2日 12:00" in page
    assert 'data-testid="receipt-form"' not in page
    assert SupervisionReceipt.objects.get().department == ticket.department
    with on(datetime.date(2026, 6, 2)):
        before = staff_client.get(url, {"as_of": "2026-06-01"}).content.decode()
    assert "张三" not in before.split('data-testid="receipt"')[1].split("</table>")[0]


def test_a_leader_cannot_sign_for_a_unit(ticket, leader_client):
    with on(datetime.date(2026, 6, 2)):
        page = leader_client.get(f"/supervision/{ticket.pk}/").content.decode()
        response = leader_client.post(f"/closing/supervision/{ticket.pk}/receipt/")
    assert 'data-testid="receipt-form"' not in page
    assert response.status_code == 403
    assert not SupervisionReceipt.objects.exists()


def test_the_notice_history_names_the_answerer_by_person_name(ticket, staff_user, leader_client):
    staff_user.person.name = "李四"
    staff_user.person.save()
    with on(datetime.date(2026, 6, 3)):
        answer(
            supervision=ticket,
            user=staff_user,
            measures="倒排工期",
            promised_on=datetime.date(2026, 7, 1),
            today=datetime.date(2026, 6, 3),
        )
        response = leader_client.get(f"/supervision/{ticket.pk}/")
    changes = {
        change.label: change.new
        for entry in response.context["history"]
        for change in entry.changes
    }
    assert changes["答复人"] == "李四"
