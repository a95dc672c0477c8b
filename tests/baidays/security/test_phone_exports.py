"""The full phone number never leaves in a workbook for a role that should not see it: annex 4
(法人代表, 联系电话) is exported only by roles that may see phone numbers, and the 系统管理员's
export carries the number in full."""

import io

import pytest
from django.test import Client
from openpyxl import load_workbook

from core.roles import can_see_phone_numbers
from tests import factories as f

pytestmark = pytest.mark.django_db

FULL = "13800000101"
ROLE_USERS = ("admin_user", "leader_user", "staff_user", "reviewer_user", "enterprise_user")


@pytest.fixture
def key_enterprise():
    campaign = f.CampaignFactory(slug="c2026")
    enterprise = f.EnterpriseFactory(name="甲机械有限公司", legal_representative="张三", phone=FULL)
    return f.KeyEnterpriseFactory(campaign=campaign, enterprise=enterprise)


def _cells(response):
    sheet = load_workbook(io.BytesIO(response.content)).active
    return {str(cell) for row in sheet.iter_rows(values_only=True) for cell in row if cell}


@pytest.mark.parametrize("fixture", [*ROLE_USERS, "secadmin_user", "auditor_user"])
def test_annex_4_reaches_only_readers_of_phone_numbers(request, key_enterprise, fixture):
    user = request.getfixturevalue(fixture)
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    response = client.get(
        "/admin/enterprises/keyenterprise/annex-export/4/",
        {"campaign__id__exact": key_enterprise.campaign.pk},
    )
    if response.status_code == 200:
        assert can_see_phone_numbers(user)
        assert FULL in _cells(response)
    else:
        assert response.status_code in (302, 403)
        assert FULL not in response.content.decode(errors="ignore")
