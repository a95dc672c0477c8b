"""The unit's answer on the 督办通知单: the 承诺完成日期 comes back as YYYY-MM-DD so that an
answer can be edited and saved again, the evidence goes through the project's upload checks
(22 #10), and the evidence file is a link for the unit and the leaders, served through the
permission-checked send_upload (another unit gets a 404)."""

import datetime

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from supervision.models import Supervision
from tests import factories as f
from tests.factories_supervision import SupervisionFactory

pytestmark = pytest.mark.django_db
DAY = datetime.date(2026, 6, 5)


@pytest.fixture(autouse=True)
def on_day(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    noon = timezone.make_aware(datetime.datetime.combine(DAY, datetime.time(12)))
    with time_machine.travel(noon, tick=False):
        yield


@pytest.fixture
def ticket(department):
    campaign = f.CampaignFactory(slug="s2026")
    project = f.ProjectFactory(campaign=campaign, responsible_department=department)
    return SupervisionFactory(target=project, opened_on=datetime.date(2026, 6, 1))


def _answer(client, ticket, promised="2026-12-25", evidence=None):
    data = {"measures": "倒排工期，增加施工班组", "promised_on": promised}
    if evidence is not None:
        data["evidence"] = evidence
    return client.post(f"/supervision/{ticket.pk}/", data)


def test_the_promised_date_survives_editing_the_answer(staff_client, ticket):
    assert _answer(staff_client, ticket).status_code == 302
    page = staff_client.get(f"/supervision/{ticket.pk}/").content.decode()
    assert 'name="promised_on" value="2026-12-25"' in page
    # the form sent back as the browser shows it saves again
    assert _answer(staff_client, ticket, promised="2026-12-25").status_code == 302
    assert Supervision.objects.get(pk=ticket.pk).promised_on == datetime.date(2026, 12, 25)


def test_evidence_of_a_forbidden_type_is_refused_and_nothing_is_saved(staff_client, ticket):
    upload = SimpleUploadedFile("report.html", b"<script>alert(1)</script>", "text/html")
    response = _answer(staff_client, ticket, evidence=upload)
    assert response.status_code == 200
    assert "report.html" in response.content.decode()
    ticket.refresh_from_db()
    assert ticket.answered_on is None
    assert not ticket.evidence


def test_evidence_over_the_size_limit_is_refused(staff_client, ticket, settings):
    settings.UPLOAD_MAX_BYTES = 1024
    upload = SimpleUploadedFile("scan.pdf", b"%PDF-1.4 " + b"0" * 2048, "application/pdf")
    response = _answer(staff_client, ticket, evidence=upload)
    assert "超过上限" in response.content.decode()
    ticket.refresh_from_db()
    assert not ticket.evidence


def test_the_evidence_is_a_link_the_unit_and_the_leader_open(
    staff_client, leader_client, other_staff_client, ticket
):
    upload = SimpleUploadedFile("scan.pdf", b"%PDF-1.4 evidence", "application/pdf")
    assert _answer(staff_client, ticket, evidence=upload).status_code == 302
    url = f"/supervision/{ticket.pk}/evidence/"
    for client in (staff_client, leader_client):
        page = client.get(f"/supervision/{ticket.pk}/").content.decode()
        assert f'href="{url}"' in page
        response = client.get(url)
        assert response.status_code == 200
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert body == b"%PDF-1.4 evidence"
    assert other_staff_client.get(url).status_code == 404


def test_no_evidence_is_a_404(staff_client, ticket):
    assert staff_client.get(f"/supervision/{ticket.pk}/evidence/").status_code == 404
