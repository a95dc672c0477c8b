"""The item-page tests use the weekly tests' fixtures: a campaign running today and uploads
kept out of var/media."""

from tests.baidays.weekly.conftest import campaign, current_week, media_root  # noqa: F401
