"""A freshly migrated database is empty: restore accepts it (issue 14, item 10)."""

import pytest

from core.backup import installation_contents
from core.models import DataGeneration

pytestmark = pytest.mark.django_db


def test_the_migration_made_data_generation_row_does_not_count(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    assert DataGeneration.objects.exists()  # made by the migration, as after `migrate`
    rows, files = installation_contents()
    assert rows == {} and files == 0
