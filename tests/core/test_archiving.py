"""Which rows count is asked of ArchivableQuerySet.active(); no read filters the archive flag
by hand, so no page, export or summary can forget archived records or count them."""

import re
from pathlib import Path

from django.conf import settings

APP_PACKAGES = ("baidays", "core", "projects", "enterprises", "topics", "plans")
HOME_OF_THE_RULE = Path("core/archiving.py")
# a keyword in a filter/exclude/Q/get: is_archived=…, or through a relation …__is_archived…
HAND_WRITTEN = re.compile(r"(?<![\w.])(?:\w+__)?is_archived(?:__\w+)?\s*=(?!=)|__is_archived")
FIELD_DEFINITION = re.compile(r"^\s*is_archived\s*=\s*models\.")


def hand_written_archive_filters():
    root = Path(settings.BASE_DIR)
    found = []
    for package in APP_PACKAGES:
        for path in sorted((root / package).rglob("*.py")):
            relative = path.relative_to(root)
            if "migrations" in relative.parts or relative == HOME_OF_THE_RULE:
                continue
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                code = line.split("#", 1)[0]
                if FIELD_DEFINITION.match(code) or "item.is_archived" in code:
                    continue
                if HAND_WRITTEN.search(code):
                    found.append(f"{relative}:{number}: {line.strip()}")
    return found


def test_no_read_filters_archived_records_by_hand():
    assert hand_written_archive_filters() == []


def test_the_scan_finds_a_hand_written_filter(tmp_path):
    assert HAND_WRITTEN.search("Problem.objects.filter(campaign=c, is_archived=False)")
    assert HAND_WRITTEN.search("reports.filter(project__is_archived=False)")
    assert HAND_WRITTEN.search('**{f"{field}__is_archived": False}')
    assert not HAND_WRITTEN.search("if item.is_archived == archived:")
