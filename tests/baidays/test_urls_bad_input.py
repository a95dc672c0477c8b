"""Bad input, tried on purpose: random text into the parsers, the summary API and the login form
(never a traceback, always a clear answer), and markup in text fields (always escaped)."""

import datetime

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.dates import AS_OF_EARLIEST, AS_OF_LATEST, AsOfError, parse_as_of
from tests import factories as f

pytestmark = pytest.mark.django_db

WEB = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
SCRIPT = "<script>alert('x')</script>"


@given(st.text(max_size=40))
def test_parse_as_of_gives_a_date_or_a_chinese_error(raw):
    try:
        value = parse_as_of(raw)
    except AsOfError as exc:
        # a malformed date names the format, a well-formed one out of range names the range
        assert "日期" in str(exc)
        assert "YYYY-MM-DD" in str(exc) or str(AS_OF_EARLIEST) in str(exc)
    else:
        assert isinstance(value, datetime.date)


@given(st.dates(min_value=AS_OF_EARLIEST, max_value=AS_OF_LATEST))
def test_parse_as_of_reads_every_iso_date_in_its_range_back(day):
    assert parse_as_of(f"  {day.isoformat()} ") == day


@given(st.dates().filter(lambda day: not AS_OF_EARLIEST <= day <= AS_OF_LATEST))
def test_parse_as_of_refuses_a_date_outside_its_range_naming_the_range(day):
    with pytest.raises(
        AsOfError, match=f"{AS_OF_EARLIEST.isoformat()} 至 {AS_OF_LATEST.isoformat()}"
    ):
        parse_as_of(day.isoformat())


@WEB
@given(raw=st.text(max_size=30))
def test_summary_api_answers_any_as_of_with_json(staff_client, raw):
    f.CampaignFactory(slug="2026")
    response = staff_client.get("/api/summary/", {"as_of": raw})
    assert response.status_code in (200, 400)
    body = response.json()
    if response.status_code == 400:
        assert "日期" in body["error"]
    else:
        assert "campaign" in body


@WEB
@given(slug=st.text(max_size=30))
def test_summary_api_answers_any_campaign_with_json(staff_client, slug):
    f.CampaignFactory(slug="2026")
    response = staff_client.get("/api/summary/", {"campaign": slug})
    assert response.status_code in (200, 404)
    assert response.json()


@WEB
@given(raw=st.text(max_size=30))
def test_home_page_shows_a_message_for_any_as_of(leader_client, raw):
    f.CampaignFactory(slug="2026")
    response = leader_client.get("/", {"as_of": raw})
    assert response.status_code == 200


@WEB
@given(username=st.text(max_size=200), password=st.text(max_size=200))
def test_login_form_refuses_any_junk_without_a_traceback(staff_user, username, password):
    client = Client()
    response = client.post(
        "/accounts/login/", {"username": username, "password": password}, REMOTE_ADDR="10.9.9.9"
    )
    assert response.status_code in (200, 429)
    assert "_auth_user_id" not in client.session


def test_login_with_an_enormous_body_is_refused_cleanly(client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024
    response = client.post("/accounts/login/", {"username": "x" * 5000, "password": "y"})
    assert response.status_code == 400


# --- markup in text fields is shown as text ---------------------------------------------------
def test_markup_in_names_is_escaped_on_the_home_page(client, department):
    department.name = f"建设科{SCRIPT}"
    department.save()
    user = f.UserFactory(username="xss")
    f.PersonFactory(user=user, name=f"张三{SCRIPT}", department=department)
    f.CampaignFactory(slug="2026", name=f"百日行动{SCRIPT}")
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    response = client.get("/", follow=True)
    assert response.redirect_chain == [("/report/", 302)]  # staff land on their weekly list
    html = response.content.decode()
    assert SCRIPT not in html
    assert html.count("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;") >= 3


def test_markup_in_item_fields_is_escaped_in_the_admin(admin_client):
    project = f.ProjectFactory(name=f"道路{SCRIPT}", milestone_target=SCRIPT)
    for url in [
        "/admin/projects/project/",
        f"/admin/projects/project/{project.pk}/change/",
        f"/admin/projects/project/{project.pk}/history/",
    ]:
        html = admin_client.get(url).content.decode()
        assert SCRIPT not in html, url
        assert "&lt;script&gt;" in html, url


def test_markup_in_the_summary_api_stays_data(staff_client):
    f.CampaignFactory(slug="2026", name=f"百日行动{SCRIPT}")
    response = staff_client.get("/api/summary/")
    assert response["Content-Type"] == "application/json"
    assert response.json()["campaign"]["name"].endswith(SCRIPT)
