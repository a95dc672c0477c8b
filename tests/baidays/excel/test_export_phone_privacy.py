"""An annex export masks the 联系电话 column for a reader who may not read phone numbers in full
(core.privacy), as the pages do; the roles that call enterprises and the operator's command get
the numbers as kept."""

import datetime
import io

import pytest
from openpyxl import load_workbook

from baidays.excel.export import HEADER_ROW, write_annex
from tests import factories as f

pytestmark = pytest.mark.django_db

PHONE = "13800000101"
AS_OF = datetime.date(2026, 5, 20)


@pytest.fixture
def campaign():
    campaign = f.CampaignFactory(slug="c2026")
    enterprise = f.EnterpriseFactory(name="浙江测试机械有限公司", phone=PHONE)
    f.KeyEnterpriseFactory(campaign=campaign, enterprise=enterprise)
    return campaign


def phones_in(content):
    sheet = load_workbook(io.BytesIO(content)).active
    header = [cell.value for cell in sheet[HEADER_ROW]]
    column = header.index("联系电话") + 1
    return [sheet.cell(row=HEADER_ROW + 1, column=column).value]


@pytest.mark.parametrize("reader", ["secadmin_user", "auditor_user", "enterprise_user"])
def test_a_reader_without_the_right_gets_the_phone_masked(request, campaign, reader):
    user = request.getfixturevalue(reader)
    assert phones_in(write_annex(4, campaign, as_of=AS_OF, reader=user)) == ["138****0101"]


@pytest.mark.parametrize("reader", ["admin_user", "leader_user", "staff_user"])
def test_the_roles_that_call_enterprises_get_the_phone_in_full(request, campaign, reader):
    user = request.getfixturevalue(reader)
    assert phones_in(write_annex(4, campaign, as_of=AS_OF, reader=user)) == [PHONE]


def test_the_operators_command_exports_the_phone_as_kept(campaign):
    assert phones_in(write_annex(4, campaign, as_of=AS_OF)) == [PHONE]
