"""The week's batch form in pages: a unit with more rows than a page holds fills them page by
page, each page saved on its own, the rows numbered through the whole week."""

import pytest
from django.urls import reverse

from baidays.weekly import views
from projects.models import ProjectReport
from tests.baidays.weekly.support import batch_post, project_for

pytestmark = pytest.mark.django_db
URL = reverse("weekly:batch")


@pytest.fixture
def three_rows(monkeypatch, campaign, department):
    monkeypatch.setattr(views, "BATCH_PAGE_ROWS", 2)
    return [project_for(campaign, department, seq=n, name=f"{n}号路") for n in (1, 2, 3)]


def good(amount="12.50"):
    return {"week_investment_wan": amount, "percent_complete": "20.00", "progress_text": "施工"}


def test_each_page_holds_its_rows_numbered_through_the_week(staff_client, three_rows, current_week):
    first = staff_client.get(URL).content.decode()
    assert "第 1–2 行，共 3 行" in first
    assert "1号路" in first and "2号路" in first and "3号路" not in first
    assert "保存本页并填写下一页" in first
    second = staff_client.get(f"{URL}?week={current_week}&page=2").content.decode()
    assert "第 3–3 行，共 3 行" in second
    assert "3号路" in second and "1号路" not in second
    assert '<span class="badge text-bg-light">3</span>' in second
    assert f'action="?week={current_week}&amp;page=2"' in second


def test_saving_a_page_leads_to_the_next_and_the_last_to_the_home_page(
    staff_client, three_rows, current_week
):
    one, two, three = three_rows
    saved = staff_client.post(
        f"{URL}?week={current_week}&page=1",
        batch_post([(f"project-{one.pk}", 0, good()), (f"project-{two.pk}", 0, good())]),
    )
    assert saved.status_code == 302
    assert saved["Location"] == f"{URL}?week={current_week}&page=2"
    last = staff_client.post(
        f"{URL}?week={current_week}&page=2", batch_post([(f"project-{three.pk}", 0, good())])
    )
    assert last["Location"] == reverse("weekly:home")
    assert ProjectReport.objects.count() == 3


def test_a_refused_row_on_a_later_page_is_named_by_its_number_in_the_week(
    staff_client, three_rows, current_week
):
    three = three_rows[2]
    response = staff_client.post(
        f"{URL}?week={current_week}&page=2", batch_post([(f"project-{three.pk}", 0, good("-5"))])
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "第 3 行：3号路" in body
    assert ProjectReport.objects.count() == 0


def test_a_page_past_the_end_shows_the_last_page(staff_client, three_rows, current_week):
    body = staff_client.get(f"{URL}?week={current_week}&page=9").content.decode()
    assert "第 3–3 行，共 3 行" in body
