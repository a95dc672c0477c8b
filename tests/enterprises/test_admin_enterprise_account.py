"""One admin screen makes an enterprise's account: the enterprise (existing or new), the person,
the login and a temporary password; the person can do nothing but change it at first login
(core.middleware.ForcePasswordChangeMiddleware), and then works as any 企业填报员."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from core.choices import Role
from core.models import Person
from enterprises.models import Enterprise, EnterpriseAccount
from tests import factories as f

pytestmark = pytest.mark.django_db
ADD = "/admin/enterprises/enterpriseaccount/add/"
TEMPORARY = "Linshi-Mima-2026"


def _form(**changes):
    data = {
        "enterprise": "",
        "new_enterprise_name": "新星电子科技有限公司",
        "person_name": "王芳",
        "title": "",
        "phone": "13800000000",
        "username": "xinxing",
        "password1": TEMPORARY,
        "password2": TEMPORARY,
    }
    return {**data, **changes}


def _login(username, password):
    """Through the login page, as the person would (django-axes checks the request)."""
    client = Client()
    response = client.post(reverse("login"), {"username": username, "password": password})
    assert response.status_code == 302, response.content.decode()[:500]
    return client


def test_one_screen_creates_the_enterprise_person_login_and_link(admin_client):
    page = admin_client.get(ADD).content.decode()
    for label in ("已有企业", "新企业名称", "填报人姓名", "登录名", "临时密码"):
        assert label in page
    response = admin_client.post(ADD, _form(), follow=True)
    assert response.status_code == 200
    account = EnterpriseAccount.objects.select_related("person__user", "enterprise").get()
    assert account.enterprise.name == "新星电子科技有限公司"
    person = account.person
    assert (person.name, person.role, person.department, person.title) == (
        "王芳",
        Role.ENTERPRISE,
        None,
        "企业填报员",
    )
    assert person.must_change_password and person.user.username == "xinxing"
    assert person.user.check_password(TEMPORARY)
    assert "首次登录时须修改密码" in response.content.decode()


def test_an_existing_enterprise_is_chosen_not_made_again(admin_client):
    existing = f.EnterpriseFactory(name="老牌机械有限公司")
    admin_client.post(ADD, _form(enterprise=existing.pk, new_enterprise_name=""))
    assert EnterpriseAccount.objects.get().enterprise == existing
    assert Enterprise.objects.count() == 1


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"new_enterprise_name": ""}, "请选择一家已有企业，或填写新企业名称（二者选一）"),
        ({"username": "admin"}, "登录名“admin”已被使用"),
        ({"password2": "另一个密码-2026"}, "两次输入的临时密码不一致"),
        ({"password1": "12345678", "password2": "12345678"}, "密码"),
    ],
    ids=["no-enterprise", "login-taken", "passwords-differ", "weak-password"],
)
def test_a_bad_form_says_what_is_wrong_and_saves_nothing(admin_client, changes, message):
    users_before = get_user_model().objects.count()
    response = admin_client.post(ADD, _form(**changes))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert get_user_model().objects.count() == users_before
    assert not Enterprise.objects.exists() and not Person.objects.filter(name="王芳").exists()


def test_both_an_existing_and_a_new_enterprise_is_refused(admin_client):
    existing = f.EnterpriseFactory(name="老牌机械有限公司")
    response = admin_client.post(ADD, _form(enterprise=existing.pk))
    assert "二者选一" in response.content.decode()
    assert not EnterpriseAccount.objects.exists()


def test_the_new_account_must_change_its_password_before_anything_else(admin_client):
    admin_client.post(ADD, _form())
    client = _login("xinxing", TEMPORARY)
    for url in ("/", "/report/", "/dashboards/search/?q=新星", "/messages/"):
        response = client.get(url)
        assert response.status_code == 302 and response.url == reverse("password_change"), url
    page = client.get(reverse("password_change"))
    assert page.status_code == 200
    assert "临时密码" in page.content.decode()  # the message says why

    changed = client.post(
        reverse("password_change"),
        {
            "old_password": TEMPORARY,
            "new_password1": "Ziji-De-Mima-2026",
            "new_password2": "Ziji-De-Mima-2026",
        },
    )
    assert changed.status_code == 302
    assert not Person.objects.get(user__username="xinxing").must_change_password
    assert client.get("/messages/").status_code == 200


def test_a_refused_change_keeps_the_person_on_the_change_page(admin_client):
    admin_client.post(ADD, _form())
    client = _login("xinxing", TEMPORARY)
    refused = client.post(
        reverse("password_change"),
        {"old_password": "错的", "new_password1": "x", "new_password2": "y"},
    )
    assert refused.status_code == 200
    assert Person.objects.get(user__username="xinxing").must_change_password
    assert client.get("/messages/").status_code == 302


def test_people_without_the_flag_are_not_stopped(staff_client):
    assert staff_client.get("/messages/").status_code == 200
