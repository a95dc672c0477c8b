"""批示 from the dashboards' lagging lists."""

import datetime

import pytest
import time_machine

from core.models import Instruction
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def project():
    return f.ProjectFactory(campaign=f.CampaignFactory(slug="t2026"), name="纬二路道路工程")


def post(client, project, text="请本周内拿出赶工方案", kind="project"):
    return client.post(
        "/dashboards/instructions/",
        {"kind": kind, "object_id": project.pk, "text": text, "next": "/?as_of=2026-06-15"},
    )


# written on 2026-06-15 at 10:00 Beijing time
WRITTEN = datetime.datetime(2026, 6, 15, 2, tzinfo=datetime.UTC)


@time_machine.travel(WRITTEN, tick=False)
def test_leader_leaves_an_instruction_on_a_lagging_item(project, leader_client, leader_user):
    response = post(leader_client, project)
    assert response.status_code == 302 and response["Location"] == "/?as_of=2026-06-15"
    instruction = Instruction.objects.get()
    assert instruction.item == project
    assert instruction.author == leader_user
    assert instruction.text == "请本周内拿出赶工方案"
    page = leader_client.get("/", {"campaign": "t2026", "as_of": "2026-06-15"})
    assert "请本周内拿出赶工方案" in page.content.decode()
    # as of the day before it was written, the 批示 did not exist yet
    earlier = leader_client.get("/", {"campaign": "t2026", "as_of": "2026-06-14"})
    assert "请本周内拿出赶工方案" not in earlier.content.decode()


def test_an_empty_instruction_is_refused_with_a_message(project, leader_client):
    response = post(leader_client, project, text="   ")
    assert response.status_code == 302
    assert not Instruction.objects.exists()
    page = leader_client.get(response["Location"])
    assert "请填写批示内容" in page.content.decode()


def test_staff_cannot_write_instructions(project, staff_client):
    assert post(staff_client, project).status_code == 403
    assert not Instruction.objects.exists()


def test_instruction_on_an_unknown_item_is_a_404(project, leader_client):
    response = leader_client.post(
        "/dashboards/instructions/", {"kind": "entry", "object_id": 999, "text": "请加快"}
    )
    assert response.status_code == 404


def test_next_cannot_redirect_off_site(project, leader_client):
    response = leader_client.post(
        "/dashboards/instructions/",
        {
            "kind": "project",
            "object_id": project.pk,
            "text": "请加快",
            "next": "https://evil.example/",
        },
    )
    assert response["Location"] == "/"
