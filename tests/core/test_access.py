import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from core.access import get_visible_or_404, require_item_writer, visible_to
from projects.models import Project
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_staff_see_only_their_departments_projects(staff_user, department, other_department):
    mine = f.ProjectFactory(responsible_department=department)
    f.ProjectFactory(responsible_department=other_department)
    assert list(visible_to(Project.objects.all(), staff_user)) == [mine]


def test_leaders_and_admins_see_everything(leader_user, admin_user, department, other_department):
    f.ProjectFactory(responsible_department=department)
    f.ProjectFactory(responsible_department=other_department)
    assert visible_to(Project.objects.all(), leader_user).count() == 2
    assert visible_to(Project.objects.all(), admin_user).count() == 2


def test_staff_get_404_for_another_departments_item(staff_user, other_department):
    theirs = f.ProjectFactory(responsible_department=other_department)
    with pytest.raises(Http404):
        get_visible_or_404(Project.objects.all(), staff_user, pk=theirs.pk)


def test_user_without_role_sees_nothing(db):
    f.ProjectFactory()
    assert visible_to(Project.objects.all(), f.UserFactory()).count() == 0


def test_leaders_may_not_write_items(leader_user, staff_user):
    with pytest.raises(PermissionDenied):
        require_item_writer(leader_user)
    require_item_writer(staff_user)
