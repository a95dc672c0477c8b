"""The navbar's search: part of a name finds projects, 争先杯 entries, key enterprises, problems
and units, only among what the reader may see (visible_to), each linking to its page with the
page's campaign and as_of kept; the same five queries whatever is found."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from baidays.dashboards.search import QUERY_MAX_CHARS, SEARCH_LIMIT
from tests import factories as f

pytestmark = pytest.mark.django_db
SCOPE = {"campaign": "s2026", "as_of": "2026-06-15"}
KEPT = "?campaign=s2026&amp;as_of=2026-06-15"


@pytest.fixture
def campaign():
    return f.CampaignFactory(slug="s2026")


@pytest.fixture
def world(campaign, department, other_department, own_enterprise):
    """One of each kind in the staff's unit, named with 污水, and a project of another unit."""
    plant = f.EnterpriseFactory(name="园区污水处理有限公司")
    return {
        "project": f.ProjectFactory(
            campaign=campaign, name="城北污水管网工程", responsible_department=department
        ),
        "other_project": f.ProjectFactory(
            campaign=campaign, name="城南污水泵站", responsible_department=other_department
        ),
        "entry": f.CompetitionEntryFactory(
            campaign=campaign,
            enterprise=plant,
            project_name="扩建二期",
            responsible_department=department,
        ),
        "own_entry": f.CompetitionEntryFactory(
            campaign=campaign,
            enterprise=own_enterprise,
            project_name="污水回用改造",
            responsible_department=department,
        ),
        "key": f.KeyEnterpriseFactory(
            campaign=campaign, enterprise=plant, responsible_department=department
        ),
        "problem": f.ProblemFactory(
            campaign=campaign,
            enterprise=own_enterprise,
            title="污水接管排队",
            responsible_department=department,
        ),
        "department": f.DepartmentFactory(name="园区污水办"),
        "archived": f.ProjectFactory(
            campaign=campaign,
            name="已归档的污水项目",
            responsible_department=department,
            is_archived=True,
        ),
    }


def _search(client, text, **extra):
    return client.get("/dashboards/search/", {"q": text, **SCOPE, **extra})


def test_a_leader_finds_every_kind_by_part_of_its_name_with_links_keeping_the_scope(
    leader_client, world
):
    response = _search(leader_client, "污水")
    assert response.status_code == 200
    html = response.content.decode()
    expected = [
        f"/projects/{world['project'].pk}/{KEPT}",
        f"/projects/{world['other_project'].pk}/{KEPT}",
        f"/enterprises/entries/{world['entry'].pk}/{KEPT}",
        f"/enterprises/entries/{world['own_entry'].pk}/{KEPT}",
        f"/enterprises/key/{world['key'].pk}/{KEPT}",
        f"/enterprises/problems/{world['problem'].pk}/{KEPT}",
        f"/dashboards/departments/{world['department'].pk}/{KEPT}",
    ]
    for link in expected:
        assert f'href="{link}"' in html, link
    assert "已归档的污水项目" not in html
    kinds = [group.kind for group in response.context["groups"]]
    assert kinds == ["project", "entry", "key", "problem", "department"]
    assert response.context["found"] == len(expected)


def test_staff_find_only_their_own_units_items(staff_client, world, department):
    html = _search(staff_client, "污水").content.decode()
    assert "城北污水管网工程" in html
    assert "城南污水泵站" not in html  # another unit's project
    assert "园区污水办" not in html  # another unit's page is not theirs to open
    assert _search(staff_client, "电力").context["groups"] == []  # 园区电力办 is not theirs
    assert f'href="/dashboards/departments/{department.pk}/' in (
        _search(staff_client, "建设").content.decode()
    )


def test_an_enterprise_account_finds_only_its_own_entries_and_requests(enterprise_client, world):
    response = _search(enterprise_client, "污水")
    assert response.status_code == 200
    html = response.content.decode()
    assert "污水回用改造" in html and "污水接管排队" in html
    for other in ("城北污水管网工程", "扩建二期", "园区污水办"):
        assert other not in html
    assert [group.kind for group in response.context["groups"]] == ["entry", "problem"]


def test_nothing_found_says_so_and_suggests_fewer_characters(leader_client, world):
    html = _search(leader_client, "不存在的名称").content.decode()
    assert "没有找到名称含“不存在的名称”" in html and "两三个字" in html


def test_text_too_long_is_refused_with_a_chinese_message(leader_client, world):
    response = _search(leader_client, "污" * (QUERY_MAX_CHARS + 1))
    assert response.status_code == 200
    assert f"最多 {QUERY_MAX_CHARS} 个字" in response.content.decode()
    assert response.context["groups"] == []


def test_each_kind_lists_at_most_the_limit_and_says_there_are_more(leader_client, campaign):
    department = f.DepartmentFactory()
    for n in range(SEARCH_LIMIT + 2):
        f.ProjectFactory(
            campaign=campaign, name=f"标准厂房{n:02d}", responsible_department=department
        )
    response = _search(leader_client, "标准厂房")
    [group] = response.context["groups"]
    assert len(group.hits) == SEARCH_LIMIT and group.more
    assert f"仅列出前 {SEARCH_LIMIT} 项" in response.content.decode()


def test_the_search_reads_the_same_number_of_queries_whatever_it_finds(leader_client, world):
    def queries(text):
        with CaptureQueriesContext(connection) as captured:
            assert _search(leader_client, text).status_code == 200
        return len(captured)

    queries("")  # the first request of a session refreshes it (IdleSessionMiddleware)
    assert queries("污水") == queries("不存在的名称")
    for n in range(5):
        f.ProjectFactory(campaign=world["project"].campaign, name=f"污水支管{n}")
    assert queries("污水") == queries("不存在的名称")


@pytest.mark.parametrize(
    ("client_name", "url"),
    [
        ("leader_client", "/"),
        ("staff_client", "/report/"),
        ("enterprise_client", "/report/"),
        ("reviewer_client", "/report/review/"),
    ],
)
def test_every_page_has_the_search_box_keeping_the_scope(request, campaign, client_name, url):
    client = request.getfixturevalue(client_name)
    html = client.get(url, SCOPE).content.decode()
    assert 'action="/dashboards/search/"' in html and 'name="q"' in html
    assert '<input type="hidden" name="as_of" value="2026-06-15">' in html
