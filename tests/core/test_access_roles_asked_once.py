"""Who may do what is decided once, in core/access.py: views (and the features' own access
modules) ask its `can_*` predicates and templates the `can` of the context
(core.access.Abilities); none of them compares roles."""

import re
from pathlib import Path

import pytest

from core.access import Abilities

ROOT = Path(__file__).resolve().parents[2]
APPS = ["baidays", "core", "enterprises", "projects", "topics", "plans", "supervision"]
ROLE_IN_VIEW = re.compile(r"\bRole\.|\brole_of\(|\.role\s*[=!]=|\.role\s+(?:not\s+)?in\b")
ROLE_IN_TEMPLATE = re.compile(r"user_role|\brole\s*[=!]=")


def view_modules():
    return [
        path
        for app in APPS
        for path in sorted((ROOT / app).rglob("*.py"))
        if path.name == "views.py"
        or path.name.endswith("_views.py")
        or (path.name == "access.py" and path != ROOT / "core" / "access.py")
    ]


@pytest.mark.parametrize("path", view_modules(), ids=lambda path: str(path.relative_to(ROOT)))
def test_views_ask_predicates_not_roles(path):
    assert ROLE_IN_VIEW.findall(path.read_text(encoding="utf-8")) == []


def test_templates_ask_predicates_not_roles():
    offending = [
        str(path.relative_to(ROOT))
        for path in sorted((ROOT / "templates").rglob("*.html"))
        if ROLE_IN_TEMPLATE.search(path.read_text(encoding="utf-8"))
    ]
    assert offending == []


@pytest.mark.django_db
def test_the_templates_abilities_follow_the_roles(admin_user, leader_user, staff_user):
    admin, leader, staff = Abilities(admin_user), Abilities(leader_user), Abilities(staff_user)
    assert (admin.administer, leader.administer, staff.administer) == (True, False, False)
    assert (admin.read_dashboards, leader.read_dashboards, staff.read_dashboards) == (
        True,
        True,
        False,
    )
    assert (leader.write_items, staff.write_items) == (False, True)
