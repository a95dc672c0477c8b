"""Fixtures of the weekly-entry tests: a campaign running today and uploads kept out of
var/media."""

import pytest
from django.utils import timezone

from tests.baidays.weekly.support import running_campaign


@pytest.fixture
def campaign(db):
    return running_campaign()


@pytest.fixture
def current_week(campaign):
    return campaign.week_of(timezone.localdate())


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT
