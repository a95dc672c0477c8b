import pytest

from baidays.notify.models import Message

pytestmark = pytest.mark.django_db


def test_unread_count_in_the_navigation_and_marking_read(staff_user, staff_client, leader_user):
    mine = [
        Message.objects.create(recipient=staff_user, subject=f"催报{n}", body="x") for n in range(2)
    ]
    theirs = Message.objects.create(recipient=leader_user, subject="汇总", body="y")
    page = staff_client.get("/messages/").content.decode()
    assert 'data-testid="unread-count">2<' in page
    assert "催报0" in page and "汇总" not in page
    staff_client.post(f"/messages/{theirs.pk}/read/")
    theirs.refresh_from_db()
    assert theirs.read_at is None
    staff_client.post(f"/messages/{mine[0].pk}/read/")
    assert 'data-testid="unread-count">1<' in staff_client.get("/messages/").content.decode()
    staff_client.post("/messages/")
    assert 'data-testid="unread-count"' not in staff_client.get("/messages/").content.decode()


def test_enterprise_account_reads_its_inbox(enterprise_user, enterprise_client):
    Message.objects.create(recipient=enterprise_user, subject="诉求已办结", body="z")
    response = enterprise_client.get("/messages/")
    assert response.status_code == 200
    assert "诉求已办结" in response.content.decode()


def test_the_portals_paths_and_addresses_in_a_message_are_links_and_the_rest_is_text(
    staff_user, staff_client, settings
):
    settings.PORTAL_URL = "https://baidays.example.gov.cn"
    body = (
        "督办单：/supervision/7/?campaign=demo&x=1\n"
        "外网：https://baidays.example.gov.cn/supervision/8/\n"
        "进度 1/3 <b>不是标签</b>"
    )
    Message.objects.create(recipient=staff_user, subject="黄牌督办", body=body)
    page = staff_client.get("/messages/").content.decode()
    assert (
        '督办单：<a href="/supervision/7/?campaign=demo&amp;x=1">'
        "/supervision/7/?campaign=demo&amp;x=1</a>" in page
    )
    assert '<a href="/supervision/8/">https://baidays.example.gov.cn/supervision/8/</a>' in page
    assert "进度 1/3 &lt;b&gt;不是标签&lt;/b&gt;" in page


@pytest.mark.parametrize(
    "planted",
    [
        "//evil.example/sso",
        "/\\evil.example/login",
        "https://evil.example/login",
        "http://evil.example/",
        "https://baidays.example.gov.cn.evil.example/x",
        "https://baidays.example.gov.cn@evil.example/x",
    ],
)
def test_a_link_planted_in_message_text_is_never_linked_in_the_inbox(
    planted, staff_user, staff_client, settings
):
    settings.PORTAL_URL = "https://baidays.example.gov.cn"
    body = f"诉求：{planted} 以及 {planted}\n{planted}"
    Message.objects.create(recipient=staff_user, subject="诉求", body=body)
    page = staff_client.get("/messages/").content.decode()
    assert "evil.example" in page
    assert all("evil" not in anchor.split(">")[0] for anchor in page.split("<a ")[1:])
